"""Facts that complete each other across sentences: a supply deal is made where its supplier's plant is.

An article that reports "LG Energy Solution will supply Toyota" often says elsewhere that the
supplier is building one plant ("its battery plant in Michigan"). When the article names exactly
one place where the supplier makes things, and that plant makes the kind of thing supplied, the
deal's production site is that place, quoted from the plant's own sentence.
"""

from __future__ import annotations

import json
from collections import defaultdict

from gigatrack.model import Fact

_BATTERY = frozenset({"cells", "modules", "packs", "batteries"})


def _same_kind(plant: Fact, deal: Fact) -> bool:
    made, supplied = plant.get("product"), deal.get("product")
    if made is None or supplied is None:
        return True
    return made == supplied or {made, supplied} <= _BATTERY


def with_production_sites(facts: list[Fact]) -> list[Fact]:
    """``facts`` with the production site of each supply deal whose supplier has one plant in the article."""
    plants: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.type == "facility" and fact.get("operator") and fact.get("location"):
            plants[str(fact.get("operator"))].append(fact)
    out = []
    for fact in facts:
        own = plants.get(str(fact.get("supplier")), []) if fact.type == "supply_agreement" else []
        places = {json.dumps(p.get("location"), sort_keys=True) for p in own}
        if not fact.get("production_site") and len(places) == 1 and _same_kind(own[0], fact):
            evidence = tuple(sorted({*fact.evidence, own[0].evidence[0]}, key=lambda e: e.start))
            fact = Fact(fact.type, {**fact.slots, "production_site": own[0].get("location")}, evidence, fact.backend)
        out.append(fact)
    return out
