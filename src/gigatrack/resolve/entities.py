"""Organisation names to canonical entities.

A name resolves, in this order, to:

1. its own provisional entity, when an analyst split that name off (``splits``);
2. the registry organisation it names (aliases, case, accents and legal suffixes ignored), or,
   when that organisation is a local unit of its parent ("LG Energy Solution Michigan"), the parent;
3. the registry organisation it starts with, when the rest of the name only places or labels a
   unit ("Samsung SDI America", "CATL (Hungary)", "Panasonic Energy of North America");
4. the registry organisation or earlier provisional entity it matches fuzzily (rapidfuzz's
   normalised Indel ratio at least ``FUZZY_THRESHOLD`` on names of at least ``FUZZY_MIN_LENGTH``
   characters that start with the same letter: "Samsung SDl", "Norvale Lithum");
5. otherwise a new provisional entity, keyed by the normalised name.

Finally an analyst's merges (``merges``: entity id -> the entity it was merged into) are followed.
The unit named, when it is not the entity itself, is kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from gigatrack.annotate.places import place_of
from gigatrack.annotate.registry import Organisation, Registry, normalise_name

FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 6
PROVISIONAL_PREFIX = "p:"
# Words that name or place a unit of a company rather than another company.
_UNIT_WORDS = frozenset("""america americas north south east west central europe european asia pacific
    usa us uk eu international global battery batteries manufacturing operations of the and""".split())
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical organisation: a registry organisation, or a provisional one the registry lacks."""

    id: str
    name: str
    country: str | None = None
    parent_id: str | None = None

    @property
    def provisional(self) -> bool:
        return self.id.startswith(PROVISIONAL_PREFIX)


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one written name resolved: the entity, the unit named (when not the entity), and the rule used."""

    name: str
    entity: Entity
    unit: str | None
    method: str  # registry | unit | fuzzy | provisional | split, "+merged" when a merge was followed


def provisional_id(name: str) -> str:
    """The id of the provisional entity for a name: ``p:`` and its normalised words joined by hyphens."""
    return PROVISIONAL_PREFIX + "-".join(normalise_name(name).split())


@dataclass
class EntityResolver:
    """Resolves names against a registry, the provisional entities seen so far and an analyst's fixes."""

    registry: Registry
    provisional: Mapping[str, Entity] = field(default_factory=dict)  # provisional id -> entity
    merges: Mapping[str, str] = field(default_factory=dict)
    splits: frozenset[str] = frozenset()  # normalised names split off into their own entity

    def resolve(self, name: str) -> Resolution:
        key = normalise_name(name)
        if not key:
            raise ValueError(f"cannot resolve an empty organisation name {name!r}")
        if key in self.splits:
            return self._merged(Resolution(name, Entity(provisional_id(name), name.strip()), None, "split"))
        org = self.registry.lookup(name)
        if org is not None:
            parent = self._parent_of_unit(org)
            if parent is not None:
                return self._merged(Resolution(name, self._entity(parent), org.name, "unit"))
            return self._merged(Resolution(name, self._entity(org), None, "registry"))
        owner = self._owner_of_unit(name)
        if owner is not None:
            return self._merged(Resolution(name, self._entity(owner), name.strip(), "unit"))
        return self._merged(self._fuzzy(name, key) or Resolution(
            name, self.provisional.get(provisional_id(name)) or Entity(provisional_id(name), name.strip()),
            None, "provisional"))

    def _entity(self, org: Organisation) -> Entity:
        return Entity(org.id, org.name, org.country, org.parent)

    def _parent_of_unit(self, org: Organisation) -> Organisation | None:
        """The parent of a registry organisation that is only a local unit of it (its name is an ancestor's
        name plus places and unit words)."""
        parent = self.registry.parent_of(org)
        owner = self._owner_of_unit(org.name) if parent is not None else None
        ancestor = parent
        while owner is not None and ancestor is not None:
            if ancestor.id == owner.id:
                return parent
            ancestor = self.registry.parent_of(ancestor)
        return None

    def _owner_of_unit(self, name: str) -> Organisation | None:
        """The registry organisation whose name opens ``name`` when the words after it only place or label
        a unit; the longest such opening wins."""
        words = _WORD.findall(name)
        for cut in range(len(words) - 1, 0, -1):
            org = self.registry.lookup(" ".join(words[:cut]))
            if org is not None and _only_unit_words(words[cut:]):
                return org
        return None

    def _fuzzy(self, name: str, key: str) -> Resolution | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        candidates = {k: org.id for k, org in self.registry.by_name_key().items() if k[:1] == key[:1]}
        provisional = {_key_of(entity_id): e for entity_id, e in self.provisional.items()
                       if entity_id[len(PROVISIONAL_PREFIX):][:1] == key[:1]}
        choices = [*candidates, *provisional]
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if found is None:
            return None
        match = found[0]
        if match in candidates:
            return Resolution(name, self._entity(self.registry.get(candidates[match])), None, "fuzzy")
        return Resolution(name, provisional[match], None, "fuzzy")

    def _merged(self, resolution: Resolution) -> Resolution:
        entity, seen = resolution.entity, {resolution.entity.id}
        while entity.id in self.merges:
            target = self.merges[entity.id]
            if target in seen:
                break
            seen.add(target)
            entity = self._known(target)
        if entity is resolution.entity:
            return resolution
        unit = resolution.unit or resolution.name.strip()
        return Resolution(resolution.name, entity, unit, resolution.method + "+merged")

    def _known(self, entity_id: str) -> Entity:
        if entity_id in self.registry:
            return self._entity(self.registry.get(entity_id))
        return self.provisional.get(entity_id) or Entity(entity_id, entity_id.removeprefix(PROVISIONAL_PREFIX))


def _key_of(entity_id: str) -> str:
    """The normalised name a provisional id was made from (``provisional_id`` joins its words by hyphens, and a
    normalised name has none)."""
    return entity_id.removeprefix(PROVISIONAL_PREFIX).replace("-", " ")


def _only_unit_words(words: list[str]) -> bool:
    """Are these words only unit labels and place names ("America", "of North America", "(Hungary)")?"""
    at = 0
    while at < len(words):
        if words[at].casefold() in _UNIT_WORDS:
            at += 1
            continue
        for end in range(len(words), at, -1):
            if place_of(" ".join(words[at:end])) is not None:
                at = end
                break
        else:
            return False
    return True
