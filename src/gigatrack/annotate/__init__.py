"""The annotate stage: typed mentions with spans in the cleaned text.

``annotate`` runs every finder (organisations from the registry and patterns, public bodies,
money, quantities, dates, durations, places, battery terms) and keeps one mention where two
overlap, by the precedence of ``_PRECEDENCE`` (an organisation name beats a place inside
it: "Korea Zinc" is a company, not Korea). One nesting is kept: the place inside a
government's name ("the Zhuhai government" is also Zhuhai), which is where it rules.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from gigatrack.annotate.acronyms import find_acronyms
from gigatrack.annotate.dates import find_dates, find_durations
from gigatrack.annotate.money import find_money, localise_dollars
from gigatrack.annotate.orgs import find_orgs
from gigatrack.annotate.places import find_places
from gigatrack.annotate.public_bodies import find_public_bodies
from gigatrack.annotate.quantities import find_quantities
from gigatrack.annotate.registry import Registry
from gigatrack.annotate.terms import find_terms
from gigatrack.model import Mention

_PRECEDENCE = ("org", "money", "energy", "mass", "date", "duration", "percent", "count", "place",
               "nationality", "chemistry", "form_factor", "product")


def annotate(text: str, published: dt.date | None = None, registry: Registry | None = None) -> list[Mention]:
    """Every mention in ``text``, non-overlapping, sorted by position."""
    orgs = [*find_orgs(text, registry or Registry.default()), *find_public_bodies(text)]
    found = [
        *orgs,
        *find_acronyms(text, sorted(orgs, key=lambda m: m.start)),
        *find_money(text),
        *find_quantities(text),
        *find_dates(text, published),
        *find_durations(text),
        *find_places(text),
        *find_terms(text),
    ]
    rank = {kind: i for i, kind in enumerate(_PRECEDENCE)}
    found.sort(key=lambda m: (rank.get(m.kind, len(rank)), m.start - m.end, m.start))
    kept: list[Mention] = []
    starts: list[int] = []  # the kept spans, sorted and disjoint
    ends: list[int] = []
    for mention in found:
        i = bisect_left(starts, mention.start)
        clear_left = i == 0 or ends[i - 1] <= mention.start
        clear_right = i == len(starts) or mention.end <= starts[i]
        if clear_left and clear_right:
            kept.append(mention)
            starts.insert(i, mention.start)
            ends.insert(i, mention.end)
    governments = [m for m in kept if m.kind == "org" and "government" in getattr(m.value, "roles", ())]
    jurisdictions = [
        m for m in found
        if m.kind == "place" and any(g.start <= m.start and m.end <= g.end for g in governments)
    ]
    countries = [str(m.value.country) for m in kept if m.kind == "place" and getattr(m.value, "country", None)]
    money = localise_dollars([m for m in kept if m.kind == "money"], countries)
    kept = [m for m in kept if m.kind != "money"] + money
    return sorted([*kept, *jurisdictions], key=lambda m: (m.start, -m.end))


__all__ = ["Registry", "annotate"]
