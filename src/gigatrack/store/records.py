"""What the store hands back: stored facts and articles, ingest outcomes, counts, and its one error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from gigatrack.model import FACT_SLOTS, Evidence, Fact

IngestOutcome = Literal["added", "unchanged", "replaced"]


class StoreError(Exception):
    """A database that cannot be opened, is not a gigatrack database, or is newer than this code."""


@dataclass(frozen=True, slots=True)
class StoredFact:
    """A fact as stored: its stable id, the article it came from, its slots and evidence."""

    id: str
    article_id: str
    type: str
    slots: Mapping[str, Any]
    evidence: tuple[Evidence, ...]
    backend: str

    def to_record(self) -> dict[str, Any]:
        """The facts-schema shape (every slot of the type, null when unstated) plus "id" and "article_id";
        slots a newer schema may have stored are kept after the known ones."""
        known = set(FACT_SLOTS.get(self.type, ()))
        fact = Fact(self.type, {k: v for k, v in self.slots.items() if k in known}, self.evidence, self.backend)
        record: dict[str, Any] = {"id": self.id, "article_id": self.article_id, **fact.to_record()}
        extra = {slot: value for slot, value in self.slots.items() if slot not in known}
        evidence = {"evidence": record.pop("evidence"), "spans": record.pop("spans")}
        return {**record, **extra, **evidence}


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article: its metadata, cleaned text and facts (evidence offsets point into ``text``)."""

    id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None
    text: str
    extractor_version: str
    ingested_at: str
    facts: tuple[StoredFact, ...]


@dataclass(frozen=True, slots=True)
class StoreStats:
    """How much the database holds."""

    schema_version: int
    articles: int
    mentions: int
    facts: int
    facts_by_type: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A knowledge-base record as stored: one real-world deal, plant, partnership, investment, order or
    target, with every source's claim per slot (``data``, the shape of ``Record.to_json``)."""

    id: str
    type: str
    label: str
    status: str | None
    conflicted: bool
    data: Mapping[str, Any]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(self.data.get("conflicts", ()))

    @property
    def sources(self) -> int:
        return int(self.data.get("sources", 0))

    def current(self, slot: str) -> Any:
        """The current value of a slot (None when no source states it)."""
        return self.data.get("current", {}).get(slot)

    def claims(self, slot: str) -> list[dict[str, Any]]:
        """Every source's claim for a slot: value, article, quote, publication date, independent source."""
        return list(self.data.get("slots", {}).get(slot, {}).get("claims", []))

    def reason(self, slot: str) -> str | None:
        """Why the current value of a slot was chosen."""
        reason = self.data.get("slots", {}).get(slot, {}).get("reason")
        return reason if isinstance(reason, str) else None

    def to_record(self) -> dict[str, Any]:
        return dict(self.data)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity with the names articles wrote for it and how many facts name it."""

    id: str
    name: str
    country: str | None
    provisional: bool
    names: tuple[str, ...]
    facts: int
