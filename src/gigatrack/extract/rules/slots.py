"""Slot readers shared by the rules: products, dates, durations, money, places of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from gigatrack.extract.context import OrgRef, SentenceView
from gigatrack.model import Mention, Money, Place

_SPECIFIC_FIRST = ("cells", "modules", "packs", "cathode", "anode", "precursor", "separator", "electrolyte",
                   "copper_foil", "lithium", "nickel", "cobalt", "manganese", "graphite")
_MATERIALS_FIRST = (*_SPECIFIC_FIRST[3:], *_SPECIFIC_FIRST[:3])
_MINERALS_FIRST = (*_SPECIFIC_FIRST[9:], *_SPECIFIC_FIRST[3:9], *_SPECIFIC_FIRST[:3])
_START_CUE = re.compile(
    r"\b(?:from|starting|start(?:s|ed|ing)?|begin(?:s|ning)?|began|commenc\w*|launch\w*|kick\w* off|"
    r"beginning|production\s+(?:in|from)|operations?\s+in|slated for|scheduled for|due in|"
    r"expected (?:to be completed )?in|available from|onwards)\W+(?:(?-i:[a-z0-9])\w*\W+){0,8}$",
    re.I,
)
# "may be terminated if production has not started by May 31, 2024": a deadline, not the start
_CONDITION = re.compile(r"\b(?:if|unless)\s+(?:[\w-]+\s+){0,4}?(?:has|have|had|is|are|was|were)\s+not\b", re.I)
_RANGE_LEFT = re.compile(r"\b(?:between|from)\s*$", re.I)
_RANGE_MID = re.compile(r"^\s*(?:and|to|through|until|till|-|–)\s*$", re.I)
_END_RELATIONS = frozenset({"through", "until", "to"})
_START_RELATIONS = frozenset({"from", "since", "starting"})
VALUE_CUE = re.compile(r"\b(?:worth|valued?|value of|deal|contract|order|agreement|pact|priced|cost)\b", re.I)
INVEST_CUE = re.compile(
    r"\b(?:invest\w*|capex|capital expenditure|spend\w*|funding|subsid(?:y|ies|i[sz]e[sd]?|i[sz]ing))\b", re.I
)


def product_of(
    views: Iterable[SentenceView], default: str | None = None, materials: bool = False, mining: bool = False
) -> str | None:
    """The most specific product the sentences name ("cells" beats "batteries"); for a materials
    supplier, the material beats the cells it goes into, and for a miner the mineral beats the
    cathode its customer makes of it."""
    named = [str(v) for view in views for v in view.values("product")]
    for product in (_MINERALS_FIRST if mining else _MATERIALS_FIRST if materials else _SPECIFIC_FIRST):
        if product in named:
            return product
    if named:
        return named[0]
    return default


def chemistry_of(views: Iterable[SentenceView]) -> str | None:
    """The chemistry the sentences name; a precise nickel chemistry (NCMA, NCA) beats the generic
    NCM that "high-nickel" or "ternary" gives."""
    named = [str(v) for view in views for v in view.values("chemistry")]
    precise = [c for c in named if c in ("NCMA", "NCA")]
    return precise[0] if precise and named[0] == "NCM" else (named[0] if named else None)


def first_value(views: Iterable[SentenceView], kind: str) -> Any:
    for view in views:
        values = view.values(kind)
        if values:
            return values[0]
    return None


def form_factor_of(views: Iterable[SentenceView]) -> tuple[str | None, str | None]:
    value = first_value(views, "form_factor")
    if isinstance(value, tuple | list) and len(value) == 2:
        return value[0], value[1]
    return (str(value), None) if value else (None, None)


def _iso(mention: Mention) -> str | None:
    return getattr(mention.value, "iso", None)


def _relation(mention: Mention) -> str | None:
    return getattr(mention.value, "relation", None)


def dates_of(view: SentenceView) -> tuple[str | None, str | None]:
    """(start, end) stated in one sentence: "between 2022 and 2025", "from X to Y", "starting 2025"."""
    dates = view.of("date")
    start = end = None
    for a, b in pairwise(dates):
        left = view.text[: view.local(a.start)]
        middle = view.text[view.local(a.end) : view.local(b.start)]
        if _RANGE_MID.match(middle) and (_RANGE_LEFT.search(left) or _relation(a) in _START_RELATIONS):
            return _iso(a), _iso(b)
    for d in dates:
        relation = _relation(d)
        left = view.text[: view.local(d.start)]
        if relation in _END_RELATIONS and end is None:
            end = _iso(d)
        elif start is None and (relation in _START_RELATIONS or _START_CUE.search(left[-60:])) and not (
                _CONDITION.search(left[-60:])):
            start = _iso(d)
    return start, end


def years_between(start: object, end: object) -> float | None:
    """A contract's length from its stated start and end: "2022" to "2025" is 3 years, "2025-01" to
    "2030-12" is 6 (whole months counted)."""
    if not (isinstance(start, str) and isinstance(end, str)) or len(start) != len(end) or len(start) not in (4, 7):
        return None
    if len(start) == 4:
        years = int(end) - int(start)
    else:
        months = int(end[:4]) * 12 + int(end[5:7]) - int(start[:4]) * 12 - int(start[5:7]) + 1
        years = round(months / 12)
    return float(years) if years > 0 else None


def duration_of(views: Iterable[SentenceView]) -> float | None:
    value = first_value(views, "duration")
    return float(value) if value is not None else None


_UNIT_PRICE = re.compile(
    r"^\s*\)?\s*(?:\([^)]*\)\s*)?(?:(?:a|an|per|each)\s+(?:ton|tonne|share|unit|kwh|kilowatt-hour|piece|vehicle|bus)\b|"
    r"apiece\b)",
    re.I,
)


def money_of(
    view: SentenceView, cue: re.Pattern[str] | None = None, not_followed_by: re.Pattern[str] | None = None,
    not_preceded_by: re.Pattern[str] | None = None,
) -> list[Money]:
    """Money stated in the sentence (not prices per ton, share or unit); with a cue, only when the
    sentence has the cue word; without the amounts that ``not_followed_by`` / ``not_preceded_by`` describe."""
    if cue is not None and not cue.search(view.text):
        return []
    return [
        m.value for m in view.of("money")
        if isinstance(m.value, Money)
        and not _UNIT_PRICE.match(tail := view.text[view.local(m.end) :])
        and not (not_followed_by and not_followed_by.match(tail))
        and not (not_preceded_by and not_preceded_by.search(view.text[: view.local(m.start)]))
    ]


def place_after(view: SentenceView, pos: int, within: int = 80) -> Place | None:
    """The first place named after document offset ``pos`` (within a few words)."""
    for m in view.of("place"):
        if pos <= m.start <= pos + within and isinstance(m.value, Place):
            return m.value
    return None


def nearest_before(view: SentenceView, pos: int, skip: Sequence[OrgRef] = ()) -> OrgRef | None:
    refs = [r for r in view.orgs if r.end <= pos and r not in skip]
    return refs[-1] if refs else None


_OBLIQUE = re.compile(
    r"\b(?:with|to|from|for|by|of|than|like|including|as|and|between|among|at|in|after|before|behind)\s+"
    r"(?:[\w’'-]+\s+){0,4}$",
    re.I,
)


_JOINT = re.compile(r"\b(?:and|with)\s+(?:(?:an?|the|its|their|other)\b|(?-i:[A-Z]))", re.I)
_APPOSITIVE = re.compile(r"(?<=[\w)]),\s*(?:an?|the)\s[^,]*,[^,]*$")
_COORDINATION = re.compile(r"\s*(?:,|,?\s*and|&)\s*")
_RESTATED = re.compile(r"\s*\((?:[A-Z]+:\s*)?|,\s+or\s+")
_LOOSE_COORDINATION = re.compile(r"\s*(?:,\s*|,?\s*and\s+(?:(?!and\b)[\w’'-]+\s+){0,5}?|&\s*|-|–)")


def subject_ref(view: SentenceView, pos: int) -> OrgRef | None:
    """The organisation that is the subject of the clause whose verb starts at local offset ``pos``.

    An organisation inside an appositive ("Svolt, a spinoff of Great Wall Motors, is investing") gives way
    to the one it describes; one joined by "and" / "with" (a joint subject) or far from the verb gives None.
    """
    appositive = _APPOSITIVE.search(view.text[:pos])
    org = nearest_before(view, view.start + (appositive.start() if appositive else pos))
    if org is None:
        return None
    earlier = nearest_before(view, org.start)
    if earlier is not None and view.text[view.local(earlier.end) : view.local(org.start)].strip() == "(" \
            and view.text[view.local(org.end) :].startswith(")"):
        org = earlier
    between = view.text[view.local(org.end) : pos]
    if _JOINT.search(between) or len(between) > 120:
        return None
    return org


def coordinated_before(view: SentenceView, last: OrgRef, loose: bool = False) -> list[OrgRef]:
    """``last`` and the organisations joined to it before ("Ideal and Xiaopeng" -> both); ``loose``
    also lets a few words stand between "and" and a name ("A and China's B"), and keeps the
    organisations a plural anaphor ("the two companies") stands for."""
    joined = _LOOSE_COORDINATION if loose else _COORDINATION
    chain = [r for r in view.orgs if r.start == last.start] if loose else [last]
    for ref in reversed([r for r in view.orgs if r.end <= last.start]):
        gap = view.text[view.local(ref.end) : view.local(chain[0].start)]
        if ref.entity is chain[0].entity and _RESTATED.fullmatch(gap):
            chain[0] = ref  # "General Motors (NYSE:GM)": one name
            continue
        if ref.entity is chain[0].entity or not joined.fullmatch(gap):
            break
        chain.insert(0, ref)
    return chain


def in_oblique(view: SentenceView, ref: OrgRef) -> bool:
    """The organisation sits in a prepositional phrase ("for Mazda", "with Subaru", "by Vale")."""
    return bool(_OBLIQUE.search(view.text[max(0, view.local(ref.start) - 40) : view.local(ref.start)]))


def agent_before(view: SentenceView, pos: int) -> OrgRef | None:
    """The organisation that does what the word at ``pos`` says: the nearest one before it that is
    not inside a prepositional phrase ("in collaboration with Subaru", "supplied by Vale"), else
    the nearest one."""
    refs = [r for r in view.orgs if r.end <= pos]
    for ref in reversed(refs):
        if not in_oblique(view, ref):
            return ref
    return refs[-1] if refs else None


def first_after(view: SentenceView, pos: int, within: int = 160) -> OrgRef | None:
    for ref in view.orgs:
        if pos <= ref.start <= pos + within:
            return ref
    return None


def coordinated(view: SentenceView, first: OrgRef) -> list[OrgRef]:
    """``first`` and the organisations joined to it by "and" / commas ("to Subaru and Mazda")."""
    out = [first]
    for ref in view.orgs:
        if ref.start <= out[-1].start:
            continue
        gap = view.text[view.local(out[-1].end) : view.local(ref.start)]
        if _COORDINATION.fullmatch(gap):
            out.append(ref)
        else:
            break
    return out
