"""A record: the facts of many articles about one real-world deal, plant, partnership, investment, order
or target, with every claim per slot, the current value and why, conflicts, and a dated status timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gigatrack.model import FACT_SLOTS
from gigatrack.resolve.claims import Claim, SlotSummary, is_filing, summarise
from gigatrack.resolve.entities import Resolution

ORG_SLOTS: tuple[str, ...] = ("supplier", "customer", "operator", "investor", "buyer", "seller", "parties")
# Lifecycle order: breaks ties between statuses reported on the same day.
STATUS_ORDER: tuple[str, ...] = ("rumored", "mou", "announced", "planned", "signed", "under_construction",
                                 "operating", "terminated")


@dataclass(frozen=True, slots=True)
class SourcedFact:
    """A stored fact with what the knowledge base needs of its article and its organisations."""

    fact_id: str
    article_id: str
    type: str
    slots: Mapping[str, Any]
    quotes: tuple[str, ...]
    published: str | None
    url: str | None
    source: str
    orgs: Mapping[str, Resolution]  # written name -> its resolution


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: str
    published: str | None
    article_id: str
    quote: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "published": self.published, "article_id": self.article_id,
                "quote": self.quote, "source": self.source}


@dataclass(frozen=True, slots=True)
class Record:
    """One real-world thing as all sources describe it."""

    id: str
    type: str
    group: str
    parties: Mapping[str, tuple[dict[str, Any], ...]]  # role -> entities ({id, name, units})
    slots: Mapping[str, SlotSummary]
    timeline: tuple[StatusChange, ...]
    articles: tuple[str, ...]
    sources: int
    fact_ids: tuple[str, ...]

    @property
    def status(self) -> str | None:
        return self.timeline[-1].status if self.timeline else None

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(slot for slot, summary in self.slots.items() if summary.conflicted)

    @property
    def conflicted(self) -> bool:
        return bool(self.conflicts)

    @property
    def label(self) -> str:
        """Who the record is about, in a few words: "LG Energy Solution -> Isuzu Motors"."""
        if self.type == "policy_target":
            parts = (self.current(slot) for slot in ("jurisdiction", "year", "metric", "segment"))
            return " ".join(str(part) for part in parts if part is not None)
        names = {role: " + ".join(e["name"] for e in entities) for role, entities in self.parties.items()}
        joiner = {"supply_agreement": ("supplier", "customer"), "order": ("seller", "buyer")}.get(self.type)
        if joiner and all(role in names for role in joiner):
            return f"{names[joiner[0]]} -> {names[joiner[1]]}"
        return " / ".join(names.values()) or self.group.split("|", 1)[-1]

    @property
    def published_range(self) -> tuple[str | None, str | None]:
        dates = sorted(c.published for s in self.slots.values() for c in s.claims if c.published)
        dates += sorted(c.published for c in self.timeline if c.published)
        return (min(dates), max(dates)) if dates else (None, None)

    def current(self, slot: str) -> Any:
        summary = self.slots.get(slot)
        return summary.current if summary is not None else None

    def to_json(self) -> dict[str, Any]:
        first, last = self.published_range
        return {
            "id": self.id, "type": self.type, "label": self.label, "status": self.status,
            "conflicted": self.conflicted, "conflicts": list(self.conflicts),
            "parties": {role: list(entities) for role, entities in self.parties.items()},
            "current": {slot: summary.current for slot, summary in self.slots.items()},
            "slots": {slot: summary.to_json() for slot, summary in self.slots.items()},
            "timeline": [change.to_json() for change in self.timeline],
            "articles": list(self.articles), "sources": self.sources, "facts": list(self.fact_ids),
            "first_published": first, "last_published": last,
        }


def build_record(record_id: str, group: str, facts: Sequence[SourcedFact]) -> Record:
    """The record of these facts (all of one type and one record)."""
    fact_type = facts[0].type
    ordered = sorted(facts, key=lambda f: (f.published or "", f.article_id, f.fact_id))
    claims: dict[str, list[Claim]] = {}
    changes: list[StatusChange] = []
    for fact in ordered:
        filing = any(is_filing(q) for q in fact.quotes) or is_filing(fact.url or "")
        for slot in FACT_SLOTS[fact_type]:
            value = fact.slots.get(slot)
            if value is None or slot in ORG_SLOTS or slot.endswith("_alternatives") or slot == "status":
                continue
            claims.setdefault(slot, []).append(Claim(value, fact.fact_id, fact.article_id, fact.published, fact.url,
                                                     quote_stating(value, fact.quotes), fact.source, filing))
        status = fact.slots.get("status")
        if isinstance(status, str) and status:
            changes.append(StatusChange(status, fact.published, fact.article_id, fact.quotes[-1], fact.source))
    slots = {slot: summarise(slot, found) for slot, found in claims.items()}
    return Record(record_id, fact_type, group, _parties(ordered), slots, _timeline(changes),
                  tuple(dict.fromkeys(f.article_id for f in ordered)), len({f.source for f in ordered}),
                  tuple(f.fact_id for f in ordered))


def quote_stating(value: Any, quotes: Sequence[str]) -> str:
    """The evidence quote that shows the value (its figure, year, town or words), else the fact's first quote."""
    needles: list[str] = []
    if isinstance(value, Mapping):
        amount = value.get("amount")
        if isinstance(amount, int | float) and amount:
            needles = [_leading_figure(float(amount))]
        elif value.get("city"):
            needles = [str(value["city"])]
    elif isinstance(value, int | float) and not isinstance(value, bool):
        needles = [_leading_figure(float(value))]
    elif isinstance(value, str):
        needles = [value[:4] if value[:4].isdigit() else value, value.replace("_", " ")]
    for needle in needles:
        for quote in quotes:
            if needle and needle.casefold() in quote.casefold():
                return quote
    return quotes[0]


def _leading_figure(number: float) -> str:
    """The digits a writer shows for a number: 763 for 763000000, 1.2 for 1200000000, 33 for 33.0."""
    for scale in (1e12, 1e9, 1e6, 1e3):
        if abs(number) >= scale and number % (scale / 100) == 0:
            return f"{number / scale:g}"
    return f"{number:g}"


def _parties(facts: Sequence[SourcedFact]) -> dict[str, tuple[dict[str, Any], ...]]:
    roles: dict[str, dict[str, dict[str, Any]]] = {}
    for fact in facts:
        for role in ORG_SLOTS:
            value = fact.slots.get(role)
            for name in value if isinstance(value, list) else [value]:
                if not isinstance(name, str) or name not in fact.orgs:
                    continue
                resolution = fact.orgs[name]
                entity = roles.setdefault(role, {}).setdefault(resolution.entity.id, {
                    "id": resolution.entity.id, "name": resolution.entity.name,
                    "provisional": resolution.entity.provisional, "units": []})
                if resolution.unit and resolution.unit not in entity["units"]:
                    entity["units"].append(resolution.unit)
    return {role: tuple(sorted(found.values(), key=lambda e: e["id"])) for role, found in roles.items()}


def _timeline(changes: list[StatusChange]) -> tuple[StatusChange, ...]:
    """Every status report in date order (lifecycle order within one day); the last is the current status."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return tuple(sorted(changes, key=lambda c: (c.published or "", rank.get(c.status, len(rank)), c.article_id)))
