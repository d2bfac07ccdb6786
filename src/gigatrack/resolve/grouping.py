"""Which facts speak of the same real-world deal, plant, partnership, investment, order or target.

Facts first fall into a *group* by their key entities (``group_key``): a supply agreement by its
supplier and customer, a plant by its operator and country, a partnership by its set of parties, an
investment by its investor and country, an order by its buyer and seller, a policy target by its
jurisdiction, year, metric and vehicle class. Within a group, facts that name different details
that tell things apart (a plant's or an investment's region and town, a plant's or a supply deal's
product family) form different records; a fact silent on such a detail joins the one record it fits,
or stays apart when it fits several or none; two facts of one article are never one record. The
record id hashes the group and the details of its most specific fact, so it does not depend on the
order in which articles arrived.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_BATTERY_PRODUCTS = frozenset({"cells", "modules", "packs", "batteries"})
_VEHICLE_CLASSES = (
    ("two_wheeler", re.compile(r"two[- ]wheel|scooter|motorcycle|motorbike|e-?bike", re.I)),
    ("three_wheeler", re.compile(r"three[- ]wheel|rickshaw|tuk", re.I)),
    ("bus", re.compile(r"\bbus", re.I)),
    ("truck", re.compile(r"truck|lorr|heavy|commercial|freight|van\b", re.I)),
    ("taxi", re.compile(r"taxi|\bcabs?\b|ride-?hail", re.I)),
    ("charging", re.compile(r"charg", re.I)),
    ("car", re.compile(r"\bcar|passenger|light[- ]duty|automobile", re.I)),
)


@dataclass(frozen=True, slots=True)
class Grouped:
    """One fact's place in the knowledge base: its group key and its distinguishing details."""

    group: str
    details: tuple[str | None, ...]


def product_family(product: Any) -> str | None:
    """Cells, modules, packs and unspecified batteries are one family; each material is its own."""
    if not isinstance(product, str) or not product:
        return None
    return "battery" if product in _BATTERY_PRODUCTS else product


def vehicle_class(segment: Any) -> str:
    if isinstance(segment, str):
        for name, pattern in _VEHICLE_CLASSES:
            if pattern.search(segment):
                return name
    return "all"


def _site(place: Any) -> tuple[str | None, str | None]:
    """(region, town) of a place, case-folded; None for what it does not name."""
    def part(name: str) -> str | None:
        value = place.get(name) if isinstance(place, Mapping) else None
        return " ".join(value.casefold().split()) if isinstance(value, str) and value.strip() else None

    return part("region"), part("city")


def _country(place: Any) -> str:
    if isinstance(place, Mapping) and isinstance(place.get("country"), str) and place["country"]:
        return str(place["country"]).upper()
    return "-"


def group_of(fact_id: str, fact_type: str, slots: Mapping[str, Any], entity_ids: Mapping[str, str]) -> Grouped:
    """The group and details of one fact, given the entity id of each organisation name it writes. A fact
    whose key organisations are not all named and resolved stands alone (its group is its own id)."""

    def org(slot: str) -> str | None:
        name = slots.get(slot)
        return entity_ids.get(name) if isinstance(name, str) else None

    parts: tuple[str | None, ...]
    details: tuple[str | None, ...] = ()
    if fact_type == "supply_agreement":
        parts = (org("supplier"), org("customer"))
        details = (product_family(slots.get("product")),)
    elif fact_type == "facility":
        parts = (org("operator"), _country(slots.get("location")))
        details = (*_site(slots.get("location")), product_family(slots.get("product")))
    elif fact_type == "partnership":
        listed = slots.get("parties")
        names = listed if isinstance(listed, list) else []
        entities = sorted({entity_ids[n] for n in names if isinstance(n, str) and n in entity_ids})
        parts = ("+".join(entities),) if len(entities) >= 2 else (None,)
    elif fact_type == "investment":
        parts = (org("investor"), _country(slots.get("location")))
        details = _site(slots.get("location"))
    elif fact_type == "order":
        parts = (org("buyer"), org("seller") or "-")
    else:
        jurisdiction, year = slots.get("jurisdiction"), slots.get("year")
        parts = (jurisdiction if isinstance(jurisdiction, str) else None, str(year) if year else "-",
                 str(slots.get("metric") or slots.get("kind") or "-"), vehicle_class(slots.get("segment")))
    if any(part is None for part in parts):
        return Grouped(f"{fact_type}|fact:{fact_id}", ())
    return Grouped("|".join([fact_type, *(p for p in parts if p is not None)]), details)


def record_id(group: str, details: Sequence[str | None]) -> str:
    payload = "\x1f".join([group, *(d or "" for d in details)])
    return "r" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:15]


def _fits(details: Sequence[str | None], seed: Sequence[str | None]) -> bool:
    return all(mine is None or mine == theirs for mine, theirs in zip(details, seed, strict=True))


@dataclass
class _Forming:
    """A record being formed: its seed's details, its id, the articles and facts it holds."""

    details: tuple[str | None, ...]
    id: str
    articles: set[str]
    facts: list[str]


def cluster(group: str, members: Sequence[tuple[str, str, tuple[str | None, ...]]]) -> dict[str, list[str]]:
    """Facts of one group as (fact id, article id, details) -> {record id: fact ids}.

    The most specific facts seed records. A fact joins the one record whose seed it fits and that holds no
    fact of its own article (two facts of one article are two things); when it fits none, or several, it
    seeds a record of its own.
    """
    ordered = sorted(members, key=lambda m: (-sum(d is not None for d in m[2]), [d or "" for d in m[2]], m[0]))
    forming: list[_Forming] = []
    for fact, article, details in ordered:
        fitting = [r for r in forming if _fits(details, r.details) and article not in r.articles]
        if len(fitting) == 1:
            fitting[0].articles.add(article)
            fitting[0].facts.append(fact)
            continue
        key = record_id(group, details)
        if any(r.id == key for r in forming):
            key = record_id(group, (*details, fact))
        forming.append(_Forming(details, key, {article}, [fact]))
    return {r.id: r.facts for r in forming}
