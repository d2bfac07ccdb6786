"""The registry of known battery-industry organisations, loaded from ``data/organisations.toml``.

An organisation has a stable id, a canonical name, aliases, an optional parent, the ISO
country of its headquarters and its roles in the supply chain. ``Registry.lookup`` finds one
by any of its names, ignoring case, punctuation, accents and legal suffixes (Ltd., Co., Inc. ...).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROLES = _word_set(
    """cell_maker automaker truck_maker bus_maker two_wheeler_maker materials mining recycler jv
    utility energy_developer government agency investor component_maker other"""
)

COUNTRY_CODES = _word_set(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
    EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK
    HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB
    LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU
    RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN
    TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW EU"""
)

# Words of a legal form; dropped when names are compared.
LEGAL_SUFFIXES = _word_set(
    """ltd limited co company corp corporation inc incorporated llc llp lp gmbh ag se sa plc
    holdings holding nv bv ab asa spa pte pty tbk pt sdn bhd jsc kk pcl oyj kft srl sas"""
)

_FIELDS = frozenset({"id", "name", "aliases", "parent", "country", "roles", "case_sensitive"})
_NON_ALNUM = re.compile(r"[^0-9a-z\u0080-\uffff]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_DOTTED_INITIALS = re.compile(r"\b([a-z])\.([a-z])\b\.?")


class RegistryError(ValueError):
    """The registry data is inconsistent: duplicate ids or aliases, unknown parents, bad fields."""


def normalise_name(name: str) -> str:
    """The comparison key of a name: folded case and accents, no punctuation or legal suffixes.

    ``normalise_name("LG Energy Solution Ltd.") == normalise_name("lg energy solution")``.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _POSSESSIVE.sub("", folded.replace("&", " and "))
    folded = _DOTTED_INITIALS.sub(r"\1\2", folded)
    tokens = _NON_ALNUM.sub(" ", folded).split()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    kept = tokens[:1] + [t for t in tokens[1:] if t not in LEGAL_SUFFIXES]
    return " ".join(kept)


@dataclass(frozen=True, slots=True)
class Organisation:
    """One known organisation; ``case_sensitive`` means its names are also ordinary words."""

    id: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    country: str | None
    roles: tuple[str, ...]
    case_sensitive: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def _organisation_from_entry(entry: Mapping[str, Any]) -> Organisation:
    where = f"organisation {entry.get('id', entry.get('name', '?'))!r}"
    org_id, name = entry.get("id"), entry.get("name")
    if not isinstance(org_id, str) or not org_id or not isinstance(name, str) or not name.strip():
        raise RegistryError(f"{where}: 'id' and 'name' must be non-empty strings")
    aliases = entry.get("aliases", [])
    roles = entry.get("roles", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RegistryError(f"{where}: 'aliases' must be a list of non-empty strings")
    if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
        raise RegistryError(f"{where}: 'roles' must be a non-empty list of strings")
    unknown_roles = sorted(set(roles) - ROLES)
    if unknown_roles:
        raise RegistryError(f"{where}: unknown role(s) {unknown_roles}")
    country = entry.get("country")
    if country is not None and country not in COUNTRY_CODES:
        raise RegistryError(f"{where}: country {country!r} is not an ISO 3166 alpha-2 code")
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise RegistryError(f"{where}: 'parent' must be an organisation id")
    unknown_keys = sorted(set(entry) - _FIELDS)
    if unknown_keys:
        raise RegistryError(f"{where}: unknown field(s) {unknown_keys}")
    return Organisation(
        id=org_id,
        name=name.strip(),
        aliases=tuple(a.strip() for a in aliases),
        parent=parent,
        country=country,
        roles=tuple(roles),
        case_sensitive=bool(entry.get("case_sensitive", False)),
    )


class Registry:
    """Known organisations by id and by normalised name; validated when built."""

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        self._by_id: dict[str, Organisation] = {}
        self._by_key: dict[str, Organisation] = {}
        for org in organisations:
            if org.id in self._by_id:
                raise RegistryError(f"duplicate organisation id {org.id!r}")
            self._by_id[org.id] = org
            for surface in org.names:
                key = normalise_name(surface)
                claimant = self._by_key.setdefault(key, org)
                if claimant.id != org.id:
                    raise RegistryError(
                        f"name {surface!r} of {org.id!r} is already claimed by {claimant.id!r}"
                    )
        for org in self._by_id.values():
            if org.parent is not None and org.parent not in self._by_id:
                raise RegistryError(f"organisation {org.id!r} has unknown parent {org.parent!r}")
            if org.parent == org.id:
                raise RegistryError(f"organisation {org.id!r} is its own parent")

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> Registry:
        """A registry from plain mappings shaped like the TOML tables."""
        return cls(_organisation_from_entry(entry) for entry in entries)

    @classmethod
    def from_toml(cls, text: str) -> Registry:
        """A registry from TOML text holding ``[[organisation]]`` tables."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RegistryError(f"organisation registry is not valid TOML: {exc}") from exc
        entries = data.get("organisation", [])
        if not isinstance(entries, list):
            raise RegistryError("'organisation' must be an array of tables")
        return cls.from_entries(entries)

    @classmethod
    def default(cls) -> Registry:
        """The registry bundled with gigatrack (loaded once)."""
        return _bundled_registry()

    def get(self, org_id: str) -> Organisation:
        """The organisation with this id; KeyError when there is none."""
        return self._by_id[org_id]

    def lookup(self, name: str) -> Organisation | None:
        """The organisation one of whose names normalises like ``name``, or None."""
        key = normalise_name(name)
        return self._by_key.get(key) if key else None

    def by_name_key(self) -> Mapping[str, Organisation]:
        """Every organisation by the normalised form of each of its names (a read-only view)."""
        return MappingProxyType(self._by_key)

    def parent_of(self, org: Organisation) -> Organisation | None:
        """The direct parent of ``org``, or None for a top-level organisation."""
        return self._by_id[org.parent] if org.parent is not None else None

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self._by_id.values())

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._by_id


@lru_cache(maxsize=1)
def _bundled_registry() -> Registry:
    text = resources.files("gigatrack.annotate").joinpath("data/organisations.toml").read_text("utf-8")
    return Registry.from_toml(text)
