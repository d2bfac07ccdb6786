"""The rule engine: deterministic, CPU-only, no model download.

Each fact type has one module of rules over the annotated sentences; ``RuleExtractor`` runs
them all on a shared ``Context`` (sentences, mentions, entities, resolved anaphora).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from gigatrack.annotate.registry import Registry
from gigatrack.extract.context import Context, build_context
from gigatrack.extract.coref import resolve_anaphora
from gigatrack.extract.rules.facility import extract_facilities
from gigatrack.extract.rules.investment import extract_investments
from gigatrack.extract.rules.joins import with_production_sites
from gigatrack.extract.rules.order import extract_orders
from gigatrack.extract.rules.partnership import extract_partnerships
from gigatrack.extract.rules.policy import extract_policy_targets
from gigatrack.extract.rules.supply import extract_supply
from gigatrack.model import Fact, Mention

RULES: tuple[Callable[[Context], list[Fact]], ...] = (
    extract_supply,
    extract_facilities,
    extract_partnerships,
    extract_investments,
    extract_orders,
    extract_policy_targets,
)


class RuleExtractor:
    """The default backend: rules over mentions; every fact quotes whole sentences of the text."""

    name = "rules"

    def __init__(self, registry: Registry | None = None) -> None:
        self._registry = registry or Registry.default()

    def _ancestors(self, org_id: str) -> list[str]:
        chain: list[str] = []
        try:
            org = self._registry.get(org_id)
        except KeyError:
            return chain
        while (parent := self._registry.parent_of(org)) is not None and parent.id not in chain:
            chain.append(parent.id)
            org = parent
        return chain

    def extract(self, text: str, mentions: Sequence[Mention], published: dt.date | None) -> list[Fact]:
        ctx = build_context(text, mentions, published, self._ancestors)
        resolve_anaphora(ctx)
        facts: list[Fact] = []
        for rule in RULES:
            facts.extend(rule(ctx))
        return with_production_sites(facts)
