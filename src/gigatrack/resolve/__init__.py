"""The resolve stage: organisations to canonical entities, facts of many articles to records.

Pure functions over facts and names; the store calls them when it writes and keeps their results.
"""

from __future__ import annotations

from gigatrack.resolve.claims import Claim, SlotSummary, agree, summarise
from gigatrack.resolve.entities import Entity, EntityResolver, Resolution, provisional_id
from gigatrack.resolve.grouping import Grouped, cluster, group_of
from gigatrack.resolve.records import Record, SourcedFact, StatusChange, build_record
from gigatrack.resolve.syndication import band_keys, is_copy, signature

__all__ = [
    "Claim",
    "Entity",
    "EntityResolver",
    "Grouped",
    "Record",
    "Resolution",
    "SlotSummary",
    "SourcedFact",
    "StatusChange",
    "agree",
    "band_keys",
    "build_record",
    "cluster",
    "group_of",
    "is_copy",
    "provisional_id",
    "signature",
    "summarise",
]
