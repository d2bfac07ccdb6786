"""Government targets: EV shares, vehicle stock, combustion phase-outs, charging points.

A target sentence has a year ("by 2030") and a figure (a share, a count of vehicles) or a ban
on combustion vehicles, and is a government's (a country or state named in it, or "the
government" of the country the article is about). The segment is the noun phrase the figure
applies to: "80% of new cars" -> "new cars"; "100% urban buses" -> "urban buses";
"Urban vehicles move to 50%" -> "urban vehicles".
"""

from __future__ import annotations

import re
from collections import Counter

from gigatrack.extract.context import Context, SentenceView
from gigatrack.model import Evidence, Fact, Mention, Place

_CUE = re.compile(
    r"\b(?:target\w*|aim\w*|goal|plans?|mandate|must|shall|should|wants?|requir\w+|policy|roadmap|"
    r"will|ban|phase[- ]?out|convert|reach)\b",
    re.I,
)
_GOVERNMENT = re.compile(r"\b(?:government|ministry|minister|policy|roadmap|mandate|state|decision|cabinet)\b", re.I)
_PHASEOUT = re.compile(
    r"\b(?:ban(?:ning)?|end(?:ing)?|phas(?:e|ing)[- ]?out|discontinu\w+|stop(?:ping)?|prohibit\w*)\b"
    r"(?P<what>[^.;]{0,90}?(?:fossil|combustion|petrol|diesel|gasoline|ICE\b|non-electric)[^.;,]{0,60}?)"
    r"(?=\s+(?:from|by|in|will|after)\b|[.;,]|$)",
    re.I,
)
_SELL_ONLY = re.compile(r"\b(?:sell|selling)\s+only\s+(?P<what>electric\s+vehicles|EVs|zero[- ]emission\s+\w+)", re.I)
_SEGMENT_AFTER = re.compile(
    r"^\s*(?:of\s+(?:all\s+|the\s+)?)?(?P<seg>(?:(?:new|all|urban|public|electric|city|private|passenger|"
    r"commercial|domestic|two|three|four|stage|carriage|total|light|heavy|[a-z]+-wheelers?)\s+){0,3}"
    r"(?:cars?|vans?|buses|bus fleet|fleets?|taxis|vehicles?|vehicle (?:sales|registrations|production)|"
    r"registrations|sales|motorcycles|motorbikes|scooters|trucks|two-wheelers|three-wheelers))\b",
    re.I,
)
_SEGMENT_BEFORE = re.compile(
    r"(?P<seg>(?:[A-Z][a-z]+|[a-z]+)\s+(?:vehicles|buses|cars|taxis|vans|fleets?|motorbikes|trucks))"
    r"(?:\s+and\s+\w+)?\s+(?:will\s+)?(?:move|shift|go|target|reach|rise|switch)\w*\s+(?:to\s+)?$",
    re.I,
)
_STOCK = re.compile(r"\b(?:on\s+(?:\w+\s+){0,2}roads?|stock|fleet|in use|registered)\b", re.I)
_CHARGING = re.compile(r"\bcharging\s+(?:points|stations|piles)\b", re.I)


def _country_of_article(ctx: Context) -> str | None:
    counts: Counter[str] = Counter()
    for view in ctx.sentences:
        for m in view.mentions:
            if m.kind == "place" and isinstance(m.value, Place) and m.value.country:
                counts[m.value.country] += 1
            elif m.kind == "nationality" and m.value:
                counts[str(m.value)] += 1
    return counts.most_common(1)[0][0] if counts else None


def _jurisdiction(ctx: Context, view: SentenceView, fallback: str | None) -> str | None:
    for m in view.mentions:
        if m.kind == "place" and isinstance(m.value, Place) and m.value.country:
            return m.value.country
        if m.kind == "nationality" and m.value:
            return str(m.value)
    return fallback


def _target_year(view: SentenceView, near: int) -> int | None:
    best: tuple[int, int] | None = None
    for d in view.of("date"):
        iso = getattr(d.value, "iso", None)
        if not iso or getattr(d.value, "relation", None) not in ("by", "in", "from", None):
            continue
        distance = abs(d.start - near)
        if best is None or distance < best[0]:
            best = (distance, int(str(iso)[:4]))
    return best[1] if best else None


def _segment(view: SentenceView, m: Mention) -> str | None:
    after = _SEGMENT_AFTER.match(view.text[view.local(m.end) :])
    if after:
        return after.group("seg")
    before = _SEGMENT_BEFORE.search(view.text[: view.local(m.start)])
    return before.group("seg") if before else None


def _fact(view: SentenceView, slots: dict[str, object]) -> Fact:
    return Fact("policy_target", slots, (Evidence(view.text, view.start, view.end),))


def _targets_in(view: SentenceView, jurisdiction: str) -> list[Fact]:
    facts = []
    for m in view.of("percent"):
        year = _target_year(view, m.start)
        segment = _segment(view, m)
        if year and segment:
            value = getattr(m.value, "amount", None)
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": segment,
                                      "metric": "ev_share", "target_value": value, "kind": "ev_share"}))
    for m in view.of("count"):
        item = str(getattr(m.value, "item", "") or "")
        year = _target_year(view, m.start)
        if not year or not item:
            continue
        if _CHARGING.search(item) or _CHARGING.search(view.text[view.local(m.start) : view.local(m.end) + 30]):
            metric = "charging_points"
        elif re.search(r"\b(?:electric|EVs?|e-)", item + " " + view.text[view.local(m.end) :][:20]) and \
                _STOCK.search(view.text):
            metric = "ev_stock"
        else:
            continue
        facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": item, "metric": metric,
                                  "target_value": getattr(m.value, "amount", None), "kind": metric}))
    phaseout = _PHASEOUT.search(view.text) or _SELL_ONLY.search(view.text)
    if phaseout:
        year = _target_year(view, view.start + phaseout.end())
        if year:
            what = phaseout.group("what").strip()
            what = re.sub(r"^(?:the\s+)?(?:sale|sales|use)\s+of\s+", "", what, flags=re.I)
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": what,
                                      "metric": "ice_phaseout", "kind": "ice_phaseout"}))
    return facts


def extract_policy_targets(ctx: Context) -> list[Fact]:
    article_country = _country_of_article(ctx)
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for view in ctx.sentences:
        if not _CUE.search(view.text) or not view.of("date"):
            continue
        if view.orgs and not _GOVERNMENT.search(view.text):
            continue
        jurisdiction = _jurisdiction(ctx, view, article_country)
        if jurisdiction is None:
            continue
        for fact in _targets_in(view, jurisdiction):
            key = (fact.get("year"), str(fact.get("segment")).lower(), fact.get("metric"))
            if key not in seen:
                seen.add(key)
                facts.append(fact)
    return facts
