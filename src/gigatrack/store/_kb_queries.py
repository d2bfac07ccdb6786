"""Reading the knowledge base: records by type / organisation / country / status, one record, entities."""

from __future__ import annotations

import json
from typing import Any

from gigatrack.annotate.registry import normalise_name
from gigatrack.store._db import Database
from gigatrack.store.records import EntitySummary, StoredRecord

_RECORD_COLUMNS = "SELECT r.id, r.type, r.label, r.status, r.conflicted, r.data_json FROM records r"
# An organisation matches a record by an entity's id, name (or its leading words), or any name an article
# wrote for a party of the record (keys from p + " " up to p + "!" are those that start with p and a space).
_RECORDS_WHERE = """
    WHERE (CAST(:type AS TEXT) IS NULL OR r.type = :type)
      AND (CAST(:status AS TEXT) IS NULL OR r.status = :status)
      AND (CAST(:country AS TEXT) IS NULL OR r.country = :country)
      AND (:conflicted = 0 OR r.conflicted = 1)
      AND (CAST(:org AS TEXT) IS NULL
           OR r.id IN (SELECT re.record_id FROM record_entities re JOIN entities e ON e.id = re.entity_id
                       WHERE e.id = :org_id OR e.name_key = :org
                          OR (e.name_key >= :org || ' ' AND e.name_key < :org || '!'))
           OR r.id IN (SELECT rf.record_id FROM record_facts rf JOIN fact_entities fe ON fe.fact_id = rf.fact_id
                       WHERE fe.name_key = :org OR (fe.name_key >= :org || ' ' AND fe.name_key < :org || '!')))
    ORDER BY r.type, r.label, r.id
"""


def find_records(db: Database, fact_type: str | None, org: str | None, country: str | None,
                 status: str | None, conflicted: bool) -> list[StoredRecord]:
    params: dict[str, Any] = {
        "type": fact_type, "status": status, "conflicted": int(conflicted),
        "country": country.strip().upper() if country else None,
        "org": (normalise_name(org) or None) if org else None, "org_id": org.strip() if org else None,
    }
    return [_record(row) for row in db.execute(_RECORD_COLUMNS + _RECORDS_WHERE, params)]


def load_record(db: Database, record_id: str) -> StoredRecord | None:
    row = db.execute(_RECORD_COLUMNS + " WHERE r.id = ?", (record_id,)).fetchone()
    return None if row is None else _record(row)


def records_of_fact(db: Database, fact_id: str) -> list[str]:
    return [row[0] for row in db.execute("SELECT record_id FROM record_facts WHERE fact_id = ?", (fact_id,))]


def list_entities(db: Database, provisional_only: bool) -> list[EntitySummary]:
    """Entities that some stored fact names, with the names written for them and how many facts name them."""
    rows = db.execute(
        "SELECT e.id, e.name, e.country, e.provisional, fe.name, count(DISTINCT fe.fact_id) "
        "FROM entities e JOIN fact_entities fe ON fe.entity_id = e.id "
        "WHERE (:provisional = 0 OR e.provisional = 1) GROUP BY e.id, e.name, e.country, e.provisional, fe.name "
        "ORDER BY e.name, e.id, fe.name", {"provisional": int(provisional_only)})
    found: dict[str, EntitySummary] = {}
    for entity_id, name, country, provisional, written, facts in rows:
        known = found.get(entity_id)
        names = (*known.names, written) if known else (written,)
        total = (known.facts if known else 0) + int(facts)
        found[entity_id] = EntitySummary(entity_id, name, country, bool(provisional), names, total)
    return list(found.values())


def find_entity(db: Database, ref: str) -> tuple[str, str] | None:
    """(id, name) of the entity ``ref`` names: its id, its name, or a name an article wrote for it."""
    row = db.execute("SELECT id, name FROM entities WHERE id = ?", (ref.strip(),)).fetchone()
    key = normalise_name(ref)
    if row is None and key:
        row = db.execute("SELECT e.id, e.name FROM entities e WHERE e.name_key = ? AND e.id IN "
                         "(SELECT entity_id FROM fact_entities) ORDER BY e.id", (key,)).fetchone()
    if row is None and key:
        row = db.execute("SELECT e.id, e.name FROM fact_entities fe JOIN entities e ON e.id = fe.entity_id "
                         "WHERE fe.name_key = ? ORDER BY e.id", (key,)).fetchone()
    return None if row is None else (row[0], row[1])


def _record(row: tuple[str, str, str, str | None, int, str]) -> StoredRecord:
    record_id, record_type, label, status, conflicted, data = row
    return StoredRecord(record_id, record_type, label, status, bool(conflicted), json.loads(data))
