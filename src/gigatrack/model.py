"""Typed records that travel between the stages: Article, Cleaned, Mention, Fact.

Every stage takes and returns these; none of them knows where an article came from
or where its facts will be stored. Slot values inside a Fact are JSON-ready
(str, int, float, list, dict) so that a fact prints exactly in the shape of
``shared/facts-schema.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

FACT_TYPES: tuple[str, ...] = (
    "supply_agreement",
    "facility",
    "partnership",
    "investment",
    "order",
    "policy_target",
)

# Slot order per fact type, as in the facts schema.
FACT_SLOTS: Mapping[str, tuple[str, ...]] = {
    "supply_agreement": (
        "supplier", "customer", "product", "chemistry", "form_factor", "form_factor_size",
        "volume_gwh", "volume_tonnes", "value", "value_alternatives", "start", "end",
        "duration_years", "status", "application", "production_site",
    ),
    "facility": (
        "operator", "location", "capacity_gwh_per_year", "capacity_tonnes_per_year", "product",
        "chemistry", "start", "status", "investment", "value_alternatives", "expansion",
    ),
    "partnership": ("parties", "kind", "purpose", "value", "value_alternatives", "start", "status", "location"),
    "investment": ("investor", "target", "value", "value_alternatives", "purpose", "location", "start"),
    "order": ("buyer", "item", "seller", "quantity", "period", "value", "value_alternatives", "start", "region"),
    "policy_target": ("jurisdiction", "year", "segment", "metric", "target_value", "kind"),
}

ContentKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in units of an ISO 4217 currency: 763 million dollars is Money(763e6, "USD")."""

    amount: float
    currency: str

    def to_json(self) -> dict[str, Any]:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return {"amount": amount, "currency": self.currency}


@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved as far as the text allows; country is ISO 3166 alpha-2 (or "EU")."""

    city: str | None = None
    region: str | None = None
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"city": self.city, "region": self.region, "country": self.country}


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a source, before cleaning."""

    id: str
    raw: str
    kind: ContentKind = "text"
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None  # where it was read from (path, path:line), for messages only


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned main text of an article; every offset of a fact points into ``text``."""

    text: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of the cleaned text with its normalised value.

    kind is one of: org, money, energy (GWh), mass (tonnes), count, percent, date,
    duration, place, chemistry, form_factor, product, status.
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote of the cleaned text and where it sits: ``text[start:end] == quote``."""

    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed, source-grounded statement; ``slots`` holds only stated (non-null) slots."""

    type: str
    slots: Mapping[str, Any]
    evidence: tuple[Evidence, ...]
    backend: str = "rules"

    def __post_init__(self) -> None:
        if self.type not in FACT_SLOTS:
            raise ValueError(f"unknown fact type {self.type!r}")
        unknown = set(self.slots) - set(FACT_SLOTS[self.type])
        if unknown:
            raise ValueError(f"{self.type} has no slot(s) {sorted(unknown)}")
        if not self.evidence:
            raise ValueError("a fact needs at least one evidence quote")

    def get(self, slot: str) -> Any:
        return self.slots.get(slot)

    def to_record(self) -> dict[str, Any]:
        """The fact in the schema's JSON shape: type, every slot (null when unstated), evidence, spans."""
        record: dict[str, Any] = {"type": self.type}
        for slot in FACT_SLOTS[self.type]:
            if slot in self.slots or not slot.endswith("_alternatives"):
                record[slot] = self.slots.get(slot)
        record["evidence"] = [e.quote for e in self.evidence]
        record["spans"] = [[e.start, e.end] for e in self.evidence]
        return record


@dataclass(frozen=True, slots=True)
class Document:
    """An article after the whole extraction path: its cleaned text, mentions and facts."""

    article: Article
    cleaned: Cleaned
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str | None:
        return self.article.title or self.cleaned.title

    def to_record(self, with_text: bool = False) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.article.id,
            "url": self.article.url,
            "title": self.title,
            "published": self.article.published.isoformat() if self.article.published else None,
            "facts": [f.to_record() for f in self.facts],
        }
        if with_text:
            record["text"] = self.cleaned.text
        return record
