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

from gigatrack.annotate.places import place_of
from gigatrack.extract.context import Context, SentenceView
from gigatrack.model import Evidence, Fact, Mention, Place

_CUE = re.compile(
    r"\b(?:target\w*|aim\w*|goal|plans?|mandate|must|shall|should|wants?|requir\w+|policy|roadmap|"
    r"will|ban|phase[- ]?out|convert|reach|ceas\w*|no\s+longer|measures?)\b",
    re.I,
)
_GOVERNMENT = re.compile(r"\b(?:government|ministry|minister|policy|roadmap|mandate|state|decision|cabinet)\b", re.I)
_PHASEOUT = re.compile(
    r"\b(?:ban(?:ning)?|end(?:ing)?|phas(?:e|ing)[- ]?out|discontinu\w+|stop(?:ping)?|prohibit\w*|ceas(?:e|es|ing)|"
    r"no\s+longer\s+(?:be\s+able\s+to\s+)?(?:have|sell|register|buy|allow|permit|import)|"
    r"(?:won['’]t|will\s+not)\s+allow(?:\s+anymore)?)\b"
    r"(?P<what>[^.;]{0,90}?(?:fossil|combustion|petrol|diesel|gasoline|ICE\b|non-electric|"
    r"fuel[- ](?:propelled|powered|burning))[^.;,]{0,60}?)"
    r"(?=\s+(?:from|by|in|will|after)\b|[.;,]|$)",
    re.I,
)
_CO2_CUT = re.compile(
    r"\b(?:reduc\w+|cut\w*|lower\w*)\s+(?:of\s+)?(?:the\s+)?(?P<what>[^.;%]{0,60}?(?:CO2|carbon(?:\s+dioxide)?|"
    r"greenhouse\s+gas|GHG)\s*(?:emissions)?(?:\s+of\s+the\s+[\w\s]{0,30}?)?)\s+(?:by|of)\s+(?:at\s+least\s+)?$",
    re.I,
)
_PHASEOUT_PASSIVE = re.compile(
    r"(?P<what>[^.;]{0,120}?(?:fossil|combustion|petrol|diesel|gasoline|ICE\b|non-electric)[^.;]{0,40}?)\s+"
    r"(?:will|shall|must|would|is to|are to)\s+be\s+(?:discontinued|banned|phased out|ended|stopped|prohibited)",
    re.I,
)
_SELL_ONLY = re.compile(r"\b(?:sell|selling)\s+only\s+(?:electric\s+vehicles|EVs|zero[- ]emission\s+\w+)", re.I)
_BOTH_NOUNS = re.compile(r"(?P<mod>(?:[\w-]+\s+)*?)(?P<a>[a-z]+s)\s+and\s+(?P<b>[a-z]+s)")
_LEAD_CLAUSE = re.compile(r"^(?:under|according to|in line with|as part of|with)\b[^,]{0,60},\s*", re.I)
_TRAILING_PLACE = re.compile(r"\s+(?:in|across|throughout)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*$")
# "phase out in the next eight years its fleet of diesel and petrol vehicles", "... vehicles and have all run on"
_IN_THE_NEXT = re.compile(r"^(?:in|over|within)\s+the\s+next\s+\w+\s+years?\s+(?:its\s+|their\s+)?", re.I)
_AND_MORE = re.compile(r"\s+and\s+(?:have|make|ensure|move|switch|shift|replace)\b.*$", re.I)
_LEAD_DATE = re.compile(r"^(?:(?:by|in|from)\s+\d{4},?\s*)?(?:the\s+)?(?:sales|sale|use)?(?:\s+of\s+)?", re.I)
_SEGMENT_AFTER = re.compile(
    r"^\s*(?:(?:electrification|penetration|share|conversion)\s+)?(?:of\s+(?:all\s+|the\s+|their\s+|its\s+)?)?"
    r"(?P<seg>(?:(?:[a-z]+-)?[a-z]+\s+(?:\([A-Z]{2,4}\)\s+)?){0,4}"
    r"(?:cars?|vans?|buses|bus fleet|fleets?|taxis|vehicles?|vehicle (?:sales|registrations|production)|"
    r"registrations|sales|production|motorcycles|motorbikes|scooters|trucks|(?:two|three|four)-wheelers|e-buses|"
    r"(?:road|public)\s+transport))\b",
    re.I,
)
_ALL_ZERO_EMISSION = re.compile(
    r"\b(?:all|every)\s+(?P<seg>new\s+(?:[a-z-]+\s+){0,2}?(?:sales|cars|vehicles|vans))\s+"
    r"(?:to\s+be|must\s+be|will\s+be|shall\s+be|being)\s+(?:zero[- ]emissions?|electric)\b",
    re.I,
)
# "replace all state-owned vehicles with electric or hybrid models", "make new sales all-electric"
_ALL_ELECTRIC = re.compile(
    r"\b(?:replace|convert)\s+(?:all\s+|every\s+)?(?:(?:the|its|their)\s+)?(?P<seg>(?:[\w-]+\s+){0,3}?"
    r"(?:vehicles|cars|buses|taxis|fleets?|motorcycles|trucks))\s+(?:with|to|into)\s+(?:all-|fully\s+)?electric\b|"
    r"\bmake\s+(?P<seg2>(?:[\w-]+\s+){0,3}?(?:sales|vehicles|cars|buses|fleets?))\s+(?:all-|fully\s+|100%\s+)electric\b",
    re.I,
)
# "expand public charging infrastructure to 28,000 points by 2030"
_CHARGING_TO = re.compile(
    r"\b(?P<seg>(?:(?:public|fast|EV)\s+)?charging)\s+(?:infrastructure|network|capacity)\s+to\s+"
    r"(?:about\s+|around\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:points|chargers|stations)\b",
    re.I,
)
_TWO_COUNTRIES = re.compile(
    r"(?:[A-Z][\w.]*\s+){1,3}and\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){1,3}(?:have|has|will|want|plan)"
)
_SEGMENT_BEFORE = re.compile(
    r"(?P<seg>(?:[A-Z][a-z]+|[a-z]+)\s+(?:vehicles|buses|cars|taxis|vans|fleets?|motorbikes|trucks))"
    r"(?:\s+and\s+\w+)?\s+(?:will\s+)?(?:move|shift|go|target|reach|rise|switch)\w*\s+(?:to\s+)?$",
    re.I,
)
_SHARE_OF = re.compile(
    r"\b(?:percentage|share|proportion)\s+of\s+(?P<seg>(?:\w+\s+){0,2}?(?:vehicles|cars|buses|taxis|motorbikes))\b",
    re.I,
)
_RAISED_TO = re.compile(r"\b(?:increase|raise|boost|lift)\s+(?:the\s+)?(?P<seg>(?:[\w-]+\s+){0,3}?(?:production|sales|"
                        r"output|registrations))\s+to\s+$", re.I)
_COORDINATED = re.compile(r"^\s+and\s+(?P<noun>[a-z]+s)\b")
# A share that binds without a deadline: "would have to ensure that 10 percent of all new two-wheelers ..."
_OBLIGATION = re.compile(
    r"\b(?:(?:have|has|had)\s+to\s+ensure|must\s+ensure|(?:are|is)\s+required\s+to|mandat(?:e|es|ed|ory)|"
    r"aims?\s+to\s+(?:register|ensure|have|convert))\b",
    re.I,
)
_LEAD_WORDS = 7
_COUNTED_SO_FAR = re.compile(r"\s+(?:were\s+|that\s+were\s+)?(?:sold|registered|delivered|in\s+use|on\s+the\s+road)"
                             r"\s+(?:in|last|during|so\s+far)\b", re.I)
_DATELINE = re.compile(r"\s*(?:date\s+\S+\s+)?(?P<city>[A-Z][A-Z.' -]{2,30}?)\s*(?:[,:(]|[-–—]\s)")
_CAPACITY_GOAL = re.compile(
    r"\b(?:aims?|aiming|target(?:s|ing)?|goal|achieve)\b[^.;]{0,120}?\b(?:capacity|capability)\b", re.I
)
_CAPACITY_NOUN = re.compile(r"\b(?:(?:annual|total)\s+)?(?P<seg>(?:(?:EV|battery|cell|storage)\s+){0,3}"
                            r"(?:production|manufacturing)\s+(?:capacity|capability))\b", re.I)
_PLANT_WORDS = re.compile(r"\b(?:facility|plant|factory|gigafactory|site)\b", re.I)
_DUE = ("by", "from", "starting")
_PRONOUN_SUBJECT = re.compile(r"^(?:It|The\s+(?:company|firm|group|automaker|carmaker))\s", re.I)
_REPORTED = re.compile(r"^.{0,80}?\b(?:announced|said|stated|declared|decided|ruled)\s+that\s+", re.I)
_CHARGING = re.compile(r"\bcharging\s+(?:points|stations|piles|spots)\b|\bchargers\b|\bcharge\s*points\b", re.I)


def _country_of_article(ctx: Context) -> str | None:
    counts: Counter[str] = Counter()
    for view in ctx.sentences:
        for m in view.mentions:
            if m.kind == "place" and isinstance(m.value, Place) and m.value.country:
                counts[m.value.country] += 1
            elif m.kind == "nationality" and m.value:
                counts[str(m.value)] += 1
    dateline = _DATELINE.match(ctx.text)
    filed = place_of(dateline.group("city").title()) if dateline else None
    if filed is not None and filed.country:  # "NEW DELHI : A unit of Reliance ...": the story's country
        counts[filed.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _jurisdiction(ctx: Context, view: SentenceView, fallback: str | None) -> str | None:
    """The country the target is set for: a place, a nationality or a government named in the sentence."""
    for m in view.mentions:
        if m.kind == "place" and isinstance(m.value, Place) and m.value.country:
            return m.value.country
        if m.kind == "nationality" and m.value:
            return str(m.value)
        if m.kind == "org" and "government" in getattr(m.value, "roles", ()) and getattr(m.value, "country", None):
            return str(m.value.country)
    return fallback


def _target_year(view: SentenceView, near: int) -> int | None:
    """The year a figure is due: the nearest "by YEAR" after it (before the next figure: "20% ...,
    rising to 60% by 2030"), else the nearest year stated. A bare day ("2024-07-25", "March 3, 2024") dates the
    story or its announcement, not the target."""
    dated = [d for d in view.of("date") if getattr(d.value, "iso", None)
             and getattr(d.value, "relation", None) in ("by", "in", "from", "starting", None)
             and not (len(str(d.value.iso)) == 10 and getattr(d.value, "relation", None) is None)]
    following = [m.start for m in view.of("percent", "count") if m.start > near]
    until = min(following, default=view.end)
    due = [d for d in dated if getattr(d.value, "relation", None) in _DUE and near <= d.start < until]
    pool = due or dated
    if not pool:
        return None
    best = min(pool, key=lambda d: abs(d.start - near))
    return int(str(best.value.iso)[:4])


def _segments(view: SentenceView, m: Mention, previous: list[str]) -> list[str]:
    """What the figure applies to; "urban buses and taxis" is two segments."""
    rest = view.text[view.local(m.end) :]
    raised = _RAISED_TO.search(view.text[: view.local(m.start)])
    if raised:  # "increase domestic EV production to 30% of total vehicles made": the production is the segment
        return [raised.group("seg")]
    after = _SEGMENT_AFTER.match(rest)
    if after:
        both = _BOTH_NOUNS.fullmatch(after.group("seg"))
        if both:
            return [f"{both.group('mod')}{both.group('a')}", f"{both.group('mod')}{both.group('b')}"]
        return [after.group("seg")]
    head = view.text[: view.local(m.start)]
    share = _SHARE_OF.search(head)
    if share:
        return [share.group("seg")]
    before = _SEGMENT_BEFORE.search(head)
    if before:
        segment = before.group("seg")
        more = _COORDINATED.match(head[before.end("seg") :])
        if more:
            modifier = segment.split()[0] if len(segment.split()) > 1 else ""
            return [segment, f"{modifier} {more.group('noun')}".strip()]
        return [segment]
    if re.match(r"^\s+by\s+\d{4}", rest):
        return previous[-1:]
    return []


def _fact(view: SentenceView, slots: dict[str, object]) -> Fact:
    return Fact("policy_target", slots, (Evidence(view.text, view.start, view.end),))


_ESTIMATE = re.compile(r"\b(?:estimated|estimates?|forecasts?|projected|projections?|analysts?|predict\w*)\b", re.I)
_TARGET_WORD = re.compile(r"\b(?:target\w*|aims?|goal|mandate\w*|plans?|pledge\w*)\b", re.I)
_EQUIVALENT = re.compile(
    r"\b(?:sufficient|enough|equivalent|equal|power)\b[^.;]{0,40}?\s*(?:about|around|roughly|some)?\s*$", re.I
)


def _count_metric(view: SentenceView, m: Mention, item: str) -> str | None:
    if _EQUIVALENT.search(view.text[: view.local(m.start)]):
        return None
    if _ESTIMATE.search(view.text) and not _TARGET_WORD.search(view.text):  # a forecast, not a goal
        return None
    if _CHARGING.search(item) or _CHARGING.search(view.text[view.local(m.start) : view.local(m.end) + 30]):
        return "charging_points"
    if not re.search(r"\b(?:electric|EVs?|e-|ZEVs?|zero[- ]emissions?)", item + " " + view.text):
        return None
    after = view.text[view.local(m.end) :]
    if _COUNTED_SO_FAR.match(after) or re.search(r"\bfrom\s+(?:the\s+)?$", view.text[: view.local(m.start)]):
        return None  # "from the 6,000 electric cars sold in 2023": where the count starts, not the goal
    following = [n.start for n in view.of("count", "percent") if n.start > m.start]
    clause = view.text[max(0, view.local(m.start) - 40) : view.local(min(following, default=view.end))]
    if re.search(r"\b(?:sales|sold|sell)\b", clause):
        return "ev_sales"
    if re.search(r"\bproduc\w+\b", view.text):
        return "ev_production"
    return "ev_stock"


def _phased_out(what: str) -> str:
    """What a ban covers, without the clause around it: "Under the roadmap, sales of new petrol cars in
    France" -> "new petrol cars"."""
    what = _REPORTED.sub("", _LEAD_CLAUSE.sub("", what.strip()))
    what = _LEAD_DATE.sub("", _IN_THE_NEXT.sub("", what)).strip(" ,")
    return _TRAILING_PLACE.sub("", _AND_MORE.sub("", what))


def _phaseout(view: SentenceView, jurisdiction: str) -> Fact | None:
    if not view.says("fossil", "combustion", "petrol", "diesel", "gasoline", "ice", "non-electric", "only", "fuel-"):
        return None
    match = _PHASEOUT.search(view.text) or _PHASEOUT_PASSIVE.search(view.text)
    sell_only = _SELL_ONLY.search(view.text)
    if match is None and sell_only is None:
        return None
    end = match.end() if match else sell_only.end() if sell_only else 0
    year = _target_year(view, view.start + end)
    if not year:
        return None
    what = "all vehicles" if match is None else _phased_out(match.group("what"))
    return _fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": what,
                        "metric": "ice_phaseout", "kind": "ice_phaseout"})


def _targets_in(view: SentenceView, jurisdiction: str) -> list[Fact]:
    facts = []
    segments: list[str] = []
    for m in view.of("percent"):
        year = _target_year(view, m.start)
        cut = _CO2_CUT.search(view.text[: view.local(m.start)])
        if cut and year and view.says("vehicle", "fleet", "bus", "transport", "car", "truck"):
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": cut.group("what"),
                                      "metric": "co2_reduction", "target_value": getattr(m.value, "amount", None),
                                      "kind": "co2_reduction"}))
            continue
        found = _segments(view, m, segments)
        segments += found
        undated = year is None and bool(_OBLIGATION.search(view.text)) and not view.of("date")
        for segment in found if year or undated else []:
            value = getattr(m.value, "amount", None)
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": segment,
                                      "metric": "ev_share", "target_value": value, "kind": "ev_share"}))
    for m in view.of("count"):
        item = str(getattr(m.value, "item", "") or "")
        year = _target_year(view, m.start)
        metric = _count_metric(view, m, item) if year and item else None
        if metric:
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": item,
                                      "metric": metric, "target_value": getattr(m.value, "amount", None),
                                      "kind": metric}))
    electric = view.says("electric")
    for every in (_ALL_ZERO_EMISSION.search(view.text), _ALL_ELECTRIC.search(view.text) if electric else None):
        year = _target_year(view, view.start + every.end()) if every else None
        if every and year:
            segment = next(g for g in every.groupdict().values() if g)
            facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": segment,
                                      "metric": "ev_share", "target_value": 100, "kind": "ev_share"}))
    points = _CHARGING_TO.search(view.text) if view.says("charging") else None
    year = _target_year(view, view.start + points.end()) if points else None
    if points and year:
        count = float(points.group("n").replace(",", ""))
        segment = f"{points.group('seg')} points"
        facts.append(_fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": segment,
                                  "metric": "charging_points", "target_value": count, "kind": "charging_points"}))
    phaseout = _phaseout(view, jurisdiction)
    if phaseout is not None:
        facts.append(phaseout)
    capacity = _capacity_target(view, jurisdiction)
    if capacity is not None:
        facts.append(capacity)
    return facts


def _capacity_target(view: SentenceView, jurisdiction: str) -> Fact | None:
    """"Indonesia aims to produce EV batteries with a total capacity of 140 GWh per year by 2030": a
    country's goal for its battery-making capacity (no metric of the schema's list fits it)."""
    energy = view.first("energy")
    goal = _CAPACITY_GOAL.search(view.text)
    if energy is None or goal is None or view.local(energy.start) < goal.start():
        return None
    if any("government" not in r.entity.roles for r in view.orgs) or _PLANT_WORDS.search(view.text):
        return None  # a company's own plans, a plant's capacity
    if not (_GOVERNMENT.search(view.text) or view.of("place", "nationality")):
        return None  # "the partners aim to produce cathode material for 160 GWh": no government in sight
    named = _CAPACITY_NOUN.search(view.text)
    segment = named.group("seg") if named else "battery production capacity" if view.says("batter") else None
    if segment is None:
        return None
    due = [d for d in view.of("date") if getattr(d.value, "relation", None) in _DUE and d.start > energy.start]
    year = int(str(due[0].value.iso)[:4]) if due and getattr(due[0].value, "iso", None) else None
    return _fact(view, {"jurisdiction": jurisdiction, "year": year, "segment": segment,
                        "target_value": getattr(energy.value, "amount", None)})


def extract_policy_targets(ctx: Context) -> list[Fact]:
    article_country = _country_of_article(ctx)
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for index, view in enumerate(ctx.sentences):
        dates = view.of("date")
        capacity_goal = _CAPACITY_GOAL.search(view.text) if view.says("capacity", "capability") else None
        obliged = not dates and view.says("ensure", "require", "mandat", "aim") and _OBLIGATION.search(view.text)
        if not (dates or obliged or capacity_goal):
            continue  # no year, duty or capacity goal: no target (most sentences stop at this cheap look)
        due = any(getattr(d.value, "relation", None) == "by" for d in dates)
        if not (due or capacity_goal or _CUE.search(view.text)):
            continue
        if (view.orgs or _company_pronoun(ctx, index)) and not _GOVERNMENT.search(view.text):
            continue
        jurisdiction = _jurisdiction(ctx, view, article_country)
        if jurisdiction is None:
            continue
        for fact in [f for j in _both_countries(view) or [jurisdiction] for f in _targets_in(view, j)]:
            key = (fact.get("jurisdiction"), fact.get("year"), str(fact.get("segment")).lower(), fact.get("metric"))
            same = next((i for i, known in enumerate(facts) if _restated(known, fact)), None)
            if same is not None:  # a headline's "15 mln EVs" and the body's "15 million electric cars"
                if len(str(fact.get("segment"))) > len(str(facts[same].get("segment"))):
                    facts[same] = fact
            elif key not in seen:
                seen.add(key)
                facts.append(fact)
    return facts


def _both_countries(view: SentenceView) -> list[str]:
    """"Britain and France have said they want to end ...": the target of each country the sentence opens with."""
    opening = _TWO_COUNTRIES.match(view.text)
    if opening is None:
        return []
    places = [m.value for m in view.of("place")[:2]
              if isinstance(m.value, Place) and not (m.value.city or m.value.region)]
    return [str(p.country) for p in places] if len(places) == 2 else []


def _company_pronoun(ctx: Context, index: int) -> bool:
    """"It aims to sell 50% pure electric cars by 2025" after a sentence about a company: the company's goal."""
    if index == 0 or not _PRONOUN_SUBJECT.match(ctx.sentences[index].text):
        return False
    before = ctx.sentences[index - 1]
    subject = next(iter(before.orgs), None)  # named or itself an anaphor ("The Swedish automaker")
    lead = len(before.text[: before.local(subject.start)].split()) if subject is not None else 0
    return subject is not None and lead <= _LEAD_WORDS and "government" not in subject.entity.roles


def _restated(a: Fact, b: Fact) -> bool:
    """The headline's figure told again in the body: the same figure for the same year, metric and place."""
    headline = a.evidence[0].start == 0 or b.evidence[0].start == 0
    return headline and a.get("target_value") is not None and a.evidence != b.evidence and all(
        a.get(slot) == b.get(slot) for slot in ("jurisdiction", "year", "metric", "target_value")
    )
