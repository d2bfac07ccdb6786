"""Keeping the knowledge base current as articles come and go: sources, entities, groups and records.

Everything here runs inside the writing transaction of one article (or one analyst's fix), so the
derived tables always agree with the facts. A record is a function of the facts of its group: when a
group gains or loses a fact, all its records are rebuilt and stored again under their stable ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from gigatrack.annotate.registry import Registry, normalise_name
from gigatrack.resolve import (
    Entity,
    EntityResolver,
    Record,
    Resolution,
    SourcedFact,
    band_keys,
    build_record,
    cluster,
    group_of,
    is_copy,
    signature,
)
from gigatrack.resolve.records import ORG_SLOTS
from gigatrack.store._db import Database

_INSERT_ENTITY = """
    INSERT INTO entities (id, name, name_key, country, parent_id, provisional) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO NOTHING"""
_INSERT_FACT_ENTITY = """
    INSERT INTO fact_entities (fact_id, name, name_key, entity_id, unit, method) VALUES (?, ?, ?, ?, ?, ?)"""
_INSERT_RECORD = """
    INSERT INTO records (id, type, group_key, label, status, conflicted, country, sources, articles,
                         first_published, last_published, data_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def resolver(db: Database, registry: Registry) -> EntityResolver:
    """A resolver that knows the provisional entities stored so far and the analyst's merges and splits."""
    provisional = {row[0]: Entity(row[0], row[1], row[2], row[3]) for row in db.execute(
        "SELECT id, name, country, parent_id FROM entities WHERE provisional = 1")}
    merges = dict(db.execute("SELECT entity_id, into_id FROM entity_merges").fetchall())
    splits = frozenset(row[0] for row in db.execute("SELECT name_key FROM entity_splits"))
    return EntityResolver(registry, provisional, merges, splits)


def record_source(db: Database, article_id: str, text: str) -> None:
    """Store the article's MinHash signature and its independent source: the source of the first stored
    article it copies (a syndicated wire story), else itself."""
    sig = signature(text)
    keys = band_keys(sig)
    source = article_id
    if keys:
        marks = ", ".join("?" for _ in keys)
        rows = db.execute(
            f"SELECT s.article_id, s.source, s.signature_json FROM article_sources s WHERE s.article_id IN "
            f"(SELECT b.article_id FROM article_bands b WHERE b.band_key IN ({marks})) "
            f"AND s.article_id <> ? ORDER BY s.article_id", (*keys, article_id)).fetchall()
        copies = [row[1] for row in rows if is_copy(sig, json.loads(row[2]))]
        if copies:
            source = min(copies)
    db.execute("INSERT INTO article_sources (article_id, source, signature_json) VALUES (?, ?, ?)",
               (article_id, source, json.dumps(sig)))
    db.executemany("INSERT INTO article_bands (band_key, article_id) VALUES (?, ?)",
                   ((key, article_id) for key in keys))


def index_facts(db: Database, entity_resolver: EntityResolver,
                facts: Iterable[tuple[str, str, dict[str, Any]]]) -> set[str]:
    """Resolve the organisations of facts (id, type, slots) and file them in groups; return the groups."""
    groups: set[str] = set()
    for fact_id, fact_type, slots in facts:
        resolved: dict[str, Resolution] = {}
        for name in _org_names(slots):
            resolution = resolved.setdefault(name, entity_resolver.resolve(name))
            entity = resolution.entity
            db.execute(_INSERT_ENTITY, (entity.id, entity.name, normalise_name(entity.name), entity.country,
                                        entity.parent_id, int(entity.provisional)))
            db.execute(_INSERT_FACT_ENTITY, (fact_id, name, normalise_name(name), entity.id, resolution.unit,
                                             resolution.method))
        grouped = group_of(fact_id, fact_type, slots, {n: r.entity.id for n, r in resolved.items()})
        db.execute("INSERT INTO fact_groups (fact_id, group_key, details_json) VALUES (?, ?, ?)",
                   (fact_id, grouped.group, json.dumps(grouped.details)))
        groups.add(grouped.group)
    return groups


def groups_of_article(db: Database, article_id: str) -> set[str]:
    return {row[0] for row in db.execute(
        "SELECT g.group_key FROM fact_groups g JOIN facts f ON f.id = g.fact_id WHERE f.article_id = ?",
        (article_id,))}


def rebuild_groups(db: Database, groups: Iterable[str]) -> None:
    """Store anew every record of these groups from the facts they now hold."""
    for group in sorted(groups):
        db.execute("DELETE FROM records WHERE group_key = ?", (group,))
        facts = _sourced_facts(db, group)
        if not facts:
            continue
        details = {row[0]: tuple(json.loads(row[1])) for row in db.execute(
            "SELECT fact_id, details_json FROM fact_groups WHERE group_key = ?", (group,))}
        by_id = {fact.fact_id: fact for fact in facts}
        members = [(key, fact.article_id, details[key]) for key, fact in by_id.items()]
        for record_id, fact_ids in cluster(group, members).items():
            _insert_record(db, build_record(record_id, group, [by_id[f] for f in fact_ids]))


def reindex(db: Database, registry: Registry, fact_ids: Sequence[str]) -> None:
    """Resolve and group these facts again (after an analyst's merge or split) and rebuild their records."""
    if not fact_ids:
        return
    marks = ", ".join("?" for _ in fact_ids)
    old = {row[0] for row in db.execute(
        f"SELECT group_key FROM fact_groups WHERE fact_id IN ({marks})", tuple(fact_ids))}
    db.execute(f"DELETE FROM fact_groups WHERE fact_id IN ({marks})", tuple(fact_ids))
    db.execute(f"DELETE FROM fact_entities WHERE fact_id IN ({marks})", tuple(fact_ids))
    rows = db.execute(f"SELECT id, type, slots_json FROM facts WHERE id IN ({marks}) ORDER BY id",
                      tuple(fact_ids)).fetchall()
    new = index_facts(db, resolver(db, registry), ((r[0], r[1], json.loads(r[2])) for r in rows))
    rebuild_groups(db, old | new)


def _org_names(slots: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for role in ORG_SLOTS:
        value = slots.get(role)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and normalise_name(name) and name not in names:
                names.append(name)
    return names


def _sourced_facts(db: Database, group: str) -> list[SourcedFact]:
    rows = db.execute(
        "SELECT f.id, f.article_id, f.type, f.slots_json, a.published, a.url, COALESCE(s.source, a.id) "
        "FROM fact_groups g JOIN facts f ON f.id = g.fact_id JOIN articles a ON a.id = f.article_id "
        "LEFT JOIN article_sources s ON s.article_id = a.id WHERE g.group_key = ? ORDER BY f.id",
        (group,)).fetchall()
    if not rows:
        return []
    marks = ", ".join("?" for _ in rows)
    ids = tuple(row[0] for row in rows)
    quotes: dict[str, list[str]] = {}
    for fact_id, quote in db.execute(
            f"SELECT fact_id, quote FROM evidence WHERE fact_id IN ({marks}) ORDER BY fact_id, ord", ids):
        quotes.setdefault(fact_id, []).append(quote)
    orgs: dict[str, dict[str, Resolution]] = {}
    for fact_id, name, unit, method, entity_id, entity_name, country, parent in db.execute(
            "SELECT fe.fact_id, fe.name, fe.unit, fe.method, e.id, e.name, e.country, e.parent_id "
            f"FROM fact_entities fe JOIN entities e ON e.id = fe.entity_id WHERE fe.fact_id IN ({marks})", ids):
        orgs.setdefault(fact_id, {})[name] = Resolution(name, Entity(entity_id, entity_name, country, parent),
                                                        unit, method)
    return [SourcedFact(key, article_id, fact_type, json.loads(slots), tuple(quotes.get(key, ())), published,
                        url, source, orgs.get(key, {}))
            for key, article_id, fact_type, slots, published, url, source in rows]


def _insert_record(db: Database, record: Record) -> None:
    data = record.to_json()
    db.execute(_INSERT_RECORD, (
        record.id, record.type, record.group, record.label, record.status, int(record.conflicted),
        _country(record), record.sources, len(record.articles), data["first_published"],
        data["last_published"], json.dumps(data, ensure_ascii=False, allow_nan=False)))
    db.executemany("INSERT INTO record_facts (record_id, fact_id) VALUES (?, ?)",
                   ((record.id, fact_id) for fact_id in record.fact_ids))
    db.executemany("INSERT INTO record_entities (record_id, role, entity_id) VALUES (?, ?, ?)",
                   ((record.id, role, entity["id"]) for role, entities in record.parties.items()
                    for entity in entities))


def _country(record: Record) -> str | None:
    for slot in ("location", "production_site"):
        place = record.current(slot)
        if isinstance(place, dict) and place.get("country"):
            return str(place["country"]).upper()
    jurisdiction = record.current("jurisdiction")
    return jurisdiction if isinstance(jurisdiction, str) else None
