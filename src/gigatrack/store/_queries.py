"""Reading the database back: facts by type / organisation / country, one article with its facts, counts."""

from __future__ import annotations

import json
from collections.abc import Iterable

from gigatrack.model import Evidence
from gigatrack.store._db import Database
from gigatrack.store._write import name_key
from gigatrack.store.records import StoredArticle, StoredFact, StoreStats

_FACT_COLUMNS = """
    SELECT f.id, f.article_id, f.type, f.slots_json, f.backend, e.quote, e."start", e."end"
    FROM facts f JOIN evidence e ON e.fact_id = f.id
"""
# An organisation matches by its whole name or its leading words: "lg" finds "LG Energy Solution"
# (keys from p + " " up to p + "!" are exactly those that start with p and a space).
_FACTS_WHERE = """
    WHERE (CAST(:type AS TEXT) IS NULL OR f.type = :type)
      AND (CAST(:org AS TEXT) IS NULL OR f.id IN (
            SELECT fact_id FROM fact_orgs
            WHERE name_key = :org OR (name_key >= :org || ' ' AND name_key < :org || '!')))
      AND (CAST(:country AS TEXT) IS NULL OR f.id IN (SELECT fact_id FROM fact_places WHERE country = :country))
    ORDER BY f.article_id, f.ord, e.ord
"""


def find_facts(db: Database, fact_type: str | None, org: str | None,
               country: str | None) -> list[StoredFact]:
    params = {
        "type": fact_type,
        "org": name_key(org) if org else None,
        "country": country.strip().upper() if country else None,
    }
    return _group(db.execute(_FACT_COLUMNS + _FACTS_WHERE, params))


def load_article(db: Database, article_id: str) -> StoredArticle | None:
    row = db.execute(
        "SELECT id, url, title, published, source, text, extractor_version, ingested_at "
        "FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    facts = _group(db.execute(_FACT_COLUMNS + " WHERE f.article_id = ? ORDER BY f.ord, e.ord",
                                (article_id,)))
    key, url, title, published, source, text, extractor_version, ingested_at = row
    return StoredArticle(key, url, title, published, source, text, extractor_version, ingested_at,
                         tuple(facts))


def count_stats(db: Database, version: int) -> StoreStats:
    def count(table: str) -> int:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    by_type = dict(db.execute("SELECT type, count(*) FROM facts GROUP BY type ORDER BY type").fetchall())
    return StoreStats(version, count("articles"), count("mentions"), count("facts"), by_type)


def _group(rows: Iterable[tuple[str, str, str, str, str, str, int, int]]) -> list[StoredFact]:
    """Rows of (fact columns, one evidence quote) in fact order -> one StoredFact per fact."""
    facts: list[StoredFact] = []
    current: tuple[str, str, str, str, str] | None = None
    evidence: list[Evidence] = []
    for key, article_id, fact_type, slots, backend, quote, start, end in rows:
        if current is not None and current[0] != key:
            facts.append(_fact(current, evidence))
            evidence = []
        current = (key, article_id, fact_type, slots, backend)
        evidence.append(Evidence(quote, start, end))
    if current is not None:
        facts.append(_fact(current, evidence))
    return facts


def _fact(columns: tuple[str, str, str, str, str], evidence: list[Evidence]) -> StoredFact:
    key, article_id, fact_type, slots, backend = columns
    return StoredFact(key, article_id, fact_type, json.loads(slots), tuple(evidence), backend)
