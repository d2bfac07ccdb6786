"""Writing a Document as table rows: content hash, stable fact ids, JSON cells, org and country index rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from gigatrack.model import Article, Document, Fact
from gigatrack.resolve.records import ORG_SLOTS
from gigatrack.store._db import Database

# Slots that identify a fact (facts schema, "key slots"); their values enter the fact's id.
IDENTITY_SLOTS: Mapping[str, tuple[str, ...]] = {
    "supply_agreement": ("supplier", "customer"),
    "facility": ("operator", "location"),
    "partnership": ("parties",),
    "investment": ("investor",),
    "order": ("buyer", "item"),
    "policy_target": ("jurisdiction", "year", "segment"),
}
PLACE_SLOTS: tuple[str, ...] = ("location", "production_site")
COUNTRY_SLOTS: tuple[str, ...] = ("jurisdiction",)

_INSERT_ARTICLE = """
    INSERT INTO articles (id, url, title, published, source, raw, raw_kind, text, content_hash,
                          extractor_version, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_MENTION = """
    INSERT INTO mentions (article_id, kind, "start", "end", text, value_json) VALUES (?, ?, ?, ?, ?, ?)"""
_INSERT_FACT = "INSERT INTO facts (id, article_id, ord, type, slots_json, backend) VALUES (?, ?, ?, ?, ?, ?)"
_INSERT_EVIDENCE = 'INSERT INTO evidence (fact_id, ord, quote, "start", "end") VALUES (?, ?, ?, ?, ?)'
INSERT_FACT_ORG = "INSERT INTO fact_orgs (fact_id, role, name, name_key) VALUES (?, ?, ?, ?)"
INSERT_FACT_PLACE = "INSERT INTO fact_places (fact_id, role, country) VALUES (?, ?, ?)"


def insert_document(db: Database, doc: Document, digest: str, extractor_version: str) -> list[str]:
    """Insert an article that is not stored yet, with its mentions, facts, evidence and index rows; return
    the ids of its facts."""
    article = doc.article
    published = article.published.isoformat() if article.published else None
    db.execute(_INSERT_ARTICLE, (
        article.id, article.url, doc.title, published, article.source, article.raw, article.kind,
        doc.cleaned.text, digest, extractor_version, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    db.executemany(_INSERT_MENTION, (
        (article.id, m.kind, m.start, m.end, m.text, value_json(m.value)) for m in doc.mentions))
    fact_ids = unique_fact_ids(article.id, doc.facts)
    for order, (key, fact) in enumerate(zip(fact_ids, doc.facts, strict=True)):
        db.execute(_INSERT_FACT, (key, article.id, order, fact.type, slots_json(fact.slots), fact.backend))
        db.executemany(_INSERT_EVIDENCE, ((key, i, e.quote, e.start, e.end) for i, e in enumerate(fact.evidence)))
        db.executemany(INSERT_FACT_ORG, org_rows(key, fact.slots))
        db.executemany(INSERT_FACT_PLACE, place_rows(key, fact.slots))
    return fact_ids


def content_hash(article: Article, extractor_version: str, source_hash: str | None = None) -> str:
    """sha256 of what decides an article's facts: raw text (or the caller's hash of it), url, title,
    publication date and extractor version."""
    parts = (
        source_hash if source_hash is not None else article.raw,
        article.url or "",
        article.title or "",
        article.published.isoformat() if article.published else "",
        extractor_version,
    )
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


def fact_id(article_id: str, fact: Fact) -> str:
    """A stable id: hash of the article id, the fact type, its key slots and its evidence spans."""
    keys = {slot: _order_free(fact.get(slot)) for slot in IDENTITY_SLOTS.get(fact.type, ())}
    spans = [[e.start, e.end] for e in fact.evidence]
    payload = json.dumps([article_id, fact.type, keys, spans], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def unique_fact_ids(article_id: str, facts: tuple[Fact, ...]) -> list[str]:
    """The stable id of each fact; a repeat within one article gets its ordinal appended."""
    ids: list[str] = []
    seen: set[str] = set()
    for fact in facts:
        candidate = base = fact_id(article_id, fact)
        repeat = 1
        while candidate in seen:
            repeat += 1
            candidate = f"{base}-{repeat}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def slots_json(slots: Mapping[str, Any]) -> str:
    """Fact slots as JSON; they must already be JSON-ready (a TypeError or ValueError otherwise)."""
    return json.dumps(dict(slots), ensure_ascii=False, allow_nan=False)


def value_json(value: Any) -> str | None:
    """A mention's value as JSON (Money, Place, dates and dataclasses included); None stays NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)


def org_rows(fact_key: str, slots: Mapping[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """(fact_id, role, name, name_key(name)) for every organisation named in an organisation slot."""
    for role in ORG_SLOTS:
        value = slots.get(role)
        names = value if isinstance(value, list) else [value]
        for name in names:
            if isinstance(name, str) and name.strip():
                yield fact_key, role, name, name_key(name)


def name_key(name: str) -> str:
    """An organisation name as it is matched: case-folded, whitespace collapsed."""
    return " ".join(name.casefold().split())


def place_rows(fact_key: str, slots: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(fact_id, role, country code) for every country a place or jurisdiction slot names."""
    for role in PLACE_SLOTS:
        place = slots.get(role)
        if isinstance(place, Mapping) and isinstance(place.get("country"), str) and place["country"]:
            yield fact_key, role, place["country"].upper()
    for role in COUNTRY_SLOTS:
        code = slots.get(role)
        if isinstance(code, str) and code:
            yield fact_key, role, code.upper()


def _order_free(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in value)
    return value


def _json_default(value: Any) -> Any:
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot store a value of type {type(value).__name__} as JSON")
