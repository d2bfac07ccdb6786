"""Facilities: battery, cell, pack and materials plants, where they are and what they make.

A plant is named by a plant noun ("plant", "gigafactory", "production base") with a place
("in Rayong", "its Michigan facility"); its operator is the organisation that owns it
("LG Energy Solution's plant") or the subject that builds or runs it. A vehicle assembly plant
is not a facility: an automaker's plant counts only when battery words qualify it. Sentences that
follow and name the same place, or "the plant" / "the factory", add capacity, dates and money.
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.slots import INVEST_CUE, dates_of, money_of, nearest_before, product_of
from gigatrack.model import Fact, Mention, Place

_PLANT = re.compile(
    r"\b(?:giga-?factor(?:y|ies)|factor(?:y|ies)|plants?|facilit(?:y|ies)|"
    r"production\s+(?:base|site|hub|complex|lines?)|manufacturing\s+(?:hub|site|base|complex)|"
    r"(?:battery|industrial)\s+(?:complex|hub|campus|project))\b",
    re.I,
)
_BATTERY_WORDS = re.compile(
    r"\b(?:batter(?:y|ies)|cells?|cathodes?|anodes?|precursors?|lithium|graphite|nickel|cobalt|"
    r"giga-?factor(?:y|ies)|GWh|gigawatt|packs?|modules?|materials|separators?|electrolytes?|"
    r"copper foil|refinery|hydroxide)\b",
    re.I,
)
_VEHICLE_PLANT = re.compile(
    r"\b(?:car|vehicle|assembly|engine|auto|motor|truck|bus)\s+(?:plants?|factor(?:y|ies)|facilit(?:y|ies))\b",
    re.I,
)
_PLANT_ANAPHOR = re.compile(
    r"\b(?:the|this|that|its)\s+(?:new\s+|first\s+|second\s+)?(?:plant|factory|gigafactory|facility|site|"
    r"production base|complex|project)\b",
    re.I,
)
_CAPACITY = re.compile(r"\b(?:capacity|capacities|output|produce|production)\b", re.I)
_STATUSES = ("terminated", "under_construction", "operating", "planned", "announced")
_LINK_WINDOW = 4


def merged_place(view: SentenceView, mention: Mention) -> Place | None:
    """A place with the region/country that follows it ("Glendale, Kentucky"; "Debrecen, Hungary")."""
    place = mention.value
    if not isinstance(place, Place):
        return None
    places = view.of("place")
    i = places.index(mention)
    if i + 1 < len(places):
        nxt = places[i + 1]
        gap = view.text[view.local(mention.end) : view.local(nxt.start)]
        other = nxt.value
        if isinstance(other, Place) and re.fullmatch(r",\s*|\s+in\s+", gap) and (
            not place.country or place.country == other.country
        ):
            return Place(
                city=place.city,
                region=place.region or other.region or (other.city if place.city else None),
                country=place.country or other.country,
            )
    return place


def _plant_place(view: SentenceView, noun: re.Match[str]) -> Place | None:
    start, end = view.start + noun.start(), view.start + noun.end()
    places = view.of("place")
    for m in places:
        gap = view.text[view.local(end) : view.local(m.start)]
        if m.start >= end and re.fullmatch(r"\s+(?:(?:located\s+)?(?:in|at|near|of)\s+)(?:[\w’'-]+\s+){0,4}", gap):
            return merged_place(view, m)
    for m in reversed(places):
        gap = view.text[view.local(m.end) : view.local(start)]
        if m.end <= start and re.fullmatch(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}", gap):
            return merged_place(view, m)
    return None


def _operator(view: SentenceView, noun_start: int) -> OrgRef | None:
    ref = nearest_before(view, noun_start)
    if ref is None:
        return None
    between = view.text[view.local(ref.end) : view.local(noun_start)]
    if re.search(r"\b(?:supply|supplies|supplying|for|to)\b", between) and not re.match(r"['’]s?\s", between):
        return None
    return ref


def _qualifies(view: SentenceView, noun: re.Match[str], operator: Entity) -> bool:
    if _VEHICLE_PLANT.search(view.text[max(0, noun.start() - 20) : noun.end()]):
        return bool(re.search(r"\b(?:battery|cell|pack)\s+\w*\s*(?:assembly\s+)?plant", view.text, re.I))
    if operator.rank is not None and operator.rank <= 2:
        return bool(_BATTERY_WORDS.search(view.text))
    window = view.text[max(0, noun.start() - 40) : noun.end() + 40]
    return bool(_BATTERY_WORDS.search(window))


def _same_place(a: Place, b: Place) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.city and b.city:
        return a.city.lower() == b.city.lower()
    if a.region and b.region:
        return a.region.lower() == b.region.lower()
    return a.city is None and b.city is None and a.region is None and b.region is None


def _linked(view: SentenceView, operator: Entity, place: Place) -> bool:
    if set(view.entities()) - {operator}:
        return False
    names = {p.value for p in view.of("place") if isinstance(p.value, Place)}
    if any(_same_place(place, p) for p in names):
        return True
    return not names and bool(_PLANT_ANAPHOR.search(view.text))


def _fill(frame: Frame, views: list[SentenceView]) -> None:
    for view in views:
        if _CAPACITY.search(view.text) or view is views[0]:
            energy = view.first("energy")
            mass = view.first("mass")
            if energy is not None:
                frame.fill("capacity_gwh_per_year", getattr(energy.value, "amount", None))
            if mass is not None:
                frame.fill("capacity_tonnes_per_year", getattr(mass.value, "amount", None))
        start, _ = dates_of(view)
        frame.fill("start", start)
        frame.add_money(money_of(view, INVEST_CUE))
    frame.fill("product", product_of(views, default="batteries"))
    frame.fill("chemistry", next((v for view in views for v in view.values("chemistry")), None))
    frame.fill("status", status_in(" ".join(v.text for v in views), _STATUSES))


def extract_facilities(ctx: Context) -> list[Fact]:
    found: list[tuple[Entity, Place, Frame, list[SentenceView]]] = []
    for index, view in enumerate(ctx.sentences):
        for noun in _PLANT.finditer(view.text):
            ref = _operator(view, view.start + noun.start())
            place = _plant_place(view, noun)
            if ref is None or place is None or not _qualifies(view, noun, ref.entity):
                continue
            if any(op is ref.entity and _same_place(p, place) for op, p, _, _ in found):
                continue
            frame = Frame("facility")
            frame.fill("operator", ref.entity.display_name())
            frame.fill("location", place.to_json())
            linked = [view] + [
                later for later in ctx.window(index, after=_LINK_WINDOW)[1:] if _linked(later, ref.entity, place)
            ]
            found.append((ref.entity, place, frame, linked))
    facts = []
    for _, _, frame, views in found:
        for view in views:
            frame.cite(view)
        _fill(frame, views)
        facts.append(frame.to_fact(money_slot="investment"))
    return facts
