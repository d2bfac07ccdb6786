"""Facilities: battery, cell, pack and materials plants, where they are and what they make.

The plants and the sentences that speak of each come from ``plants``; this module reads their
slots from those sentences: capacity, product, chemistry, start, status, investment and expansion.
"""

from __future__ import annotations

import re
from collections import Counter

from gigatrack.extract.context import Context, Entity, SentenceView
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.plant_names import BATTERY_PRODUCTS, price_tags
from gigatrack.extract.rules.plants import CAPACITY_WORDS, plants, unit_of
from gigatrack.extract.rules.slots import INVEST_CUE, chemistry_of, money_of, product_of
from gigatrack.model import Fact, Mention

_EXPANSION = re.compile(
    r"\b(?P<what>(?:plans?\s+)?(?:staged\s+)?(?:expan(?:d|ds|ded|ding|sion|sions)\b|(?:increase|raise|boost|lift)\w*\s+"
    r"(?:(?:its|the|total|annual|production)\s+){0,3}(?:capacity|output)|increas\w*\s+to\s+(?=\d)|"
    r"scal(?:e|ing) up|upgrad(?:e|ing)|(?:could|would|will|expected\s+to)\s+(?:reach|total)\s+(?=\d)|"
    r"reach(?:es|ing)?\s+(?:a\s+|the\s+)?(?:total\s+|annual\s+)?capacity)(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?)"
    r"(?=[.;,](?!\d)|\s+and\s+will\b|$)",
    re.I,
)
# "to establish new production lines for battery cells and modules", "A new production line will be installed"
_NEW_LINE = re.compile(r"\b(?P<what>new\s+(?:(?:production|manufacturing|assembly|cell|battery)\s+){0,2}lines?"
                       r"(?:\s+for\s+[^.;,]{3,80}?)?)(?=\s+(?:to|at|in|will|that|which|with)\b|[.;,]|$)")
_LATER_CAPACITY = re.compile(r"\b(?:expand\w*|expansion|potential|eventually|ultimately)\b(?:\s+[\w-]+){0,3}\s+"
                             r"(?:to|of|as\s+much\s+as)\s+(?:about\s+|around\s+|up\s+to\s+)?$|"
                             r"\b(?:eventually|ultimately|later)\s+(?:as\s+much\s+as\s+|up\s+to\s+)?$", re.I)
_THIN = frozenset({"operator", "location", "product"})
_CAPACITY_WORDS = re.compile(r"\b(?:capacity|capacities|annual|annually|a\s+year|per\s+year|per\s+annum|tpa|ktpa)\b",
                             re.I)
_WILL_MAKE = re.compile(r"\b(?:produce|convert|process|make|manufacture|refine)\s+(?:up\s+to\s+|about\s+|around\s+)?$",
                        re.I)
_POSSESSIVE_CAPACITY = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:capacity|capacities|output)\b", re.I)
_EXPANSION_OBJECT = re.compile(r"\d|\b(?:capacity|phase|lines?|plant|project|output|demand)\b", re.I)
_PRODUCING = re.compile(
    r"\b(?:production|produc(?:e|ing)|operations?|operational|output|open(?:s|ed|ing)?|commission\w*|online|"
    r"kick\w* off|launch\w*|manufactur\w*|mass[- ]produc\w*|available|completion|complet\w+|start[- ]?up|"
    r"start(?:s|ed|ing)?|begin(?:s|ning)?|began|ready|slated|scheduled)\b",
    re.I,
)
# "commercial operations to kickstart by 2023": a start due by a year (not "40 GWh by 2030")
_START_BY = re.compile(r"\b(?:start|begin|commence|kick\s?off|kickstart|open|operational|online)\w*\s+"
                       r"(?:[\w-]+\s+){0,2}?by\s+(?:the\s+end\s+of\s+)?$", re.I)
_STARTED_PRODUCING = re.compile(
    r"\b(?:started|began|begun|launched|commenced)\s+(?:mass\s+|commercial\s+)?(?:production|operations|"
    r"producing|manufacturing)\b", re.I)
_STARTED_BUILDING = re.compile(
    r"\b(?:start|began|begin|commenc)\w*\s+(?:the\s+)?(?:building|construction|to\s+build|work)\b", re.I
)
_BUILDING = re.compile(r"\b(?:construction|build\w*|ground|work)\b", re.I)
_MATERIALS = frozenset({"materials", "mining", "recycler"})
_STATUSES = ("terminated", "under_construction", "operating", "planned", "announced")
_PUBLIC_MONEY = re.compile(  # "€250 million in EU funding", "a 2 billion yen subsidy": the state's money
    r"^\s*(?:(?:in|of)\s+(?:[A-Z][\w.]*\s+|public\s+|state\s+|government\s+|federal\s+)?)?"
    r"(?:funding|subsid\w+|grants?|aid|incentives?)\b"
)
_PUBLIC_MONEY_BEFORE = re.compile(  # "a subsidy of around 150 billion yen"
    r"\b(?:subsid(?:y|ies)|grants?|funding|loans?|aid)\s+of\s+(?:about\s+|around\s+|up\s+to\s+)?$", re.I
)


def _production_start(view: SentenceView) -> str | None:
    """When the plant starts (or started) producing: "start production in 2026", "commercial
    operations kicking off in August 2025", "set to open in 2025"; not when building began."""
    for date in view.of("date"):
        lead = view.text[max(0, view.local(date.start) - 70) : view.local(date.start)]
        if getattr(date.value, "relation", None) == "by" and not _START_BY.search(lead):
            continue
        tail = view.text[view.local(date.end) : view.local(date.end) + 50]
        building = _BUILDING.search(lead[-30:].split(",")[-1])  # not "under construction, starting in 2025"
        if (_PRODUCING.search(lead) and not building and not _STARTED_BUILDING.search(lead)) or (
            re.match(r",\s", tail) and _STARTED_PRODUCING.search(tail)
        ):
            return getattr(date.value, "iso", None)
    return None


def _product(
    views: list[SentenceView], operator: Entity, named_product: str | None, material: str | None
) -> str | None:
    """The plant's own name decides ("battery cell plant"); a plain "battery plant" may be made
    more specific by its sentences (cells, packs) but never turned into a materials plant. A materials
    maker's plant whose sentences name no product makes the material its article is about."""
    if named_product not in (None, "batteries"):
        return named_product
    said_battery = any(view.says("batter", "gigafactor") for view in views)
    materials = bool(_MATERIALS & set(operator.roles)) and "cell_maker" not in operator.roles
    default = "batteries" if said_battery and not materials else None  # "ship the battery materials from its plant"
    product = product_of(views[:1], materials=materials) or product_of(views, default, materials)
    if named_product is not None and product not in BATTERY_PRODUCTS:
        return named_product
    if product == "batteries":  # "a battery plant ... The facility will produce battery cells and modules"
        later = product_of(views)
        specific = later if later in BATTERY_PRODUCTS[:-1] else None
        return specific or ("cells" if any(v.of("form_factor") for v in views) else product)
    return product or (material if materials else None)


def _article_material(ctx: Context) -> str | None:
    """The material product the article names most ("cathode" in a story about a cathode deal)."""
    counts = Counter(str(v) for view in ctx.sentences for v in view.values("product") if str(v) not in BATTERY_PRODUCTS)
    return counts.most_common(1)[0][0] if counts else None


def _current(view: SentenceView, kind: str, operator: Entity) -> Mention | None:
    """The first capacity the sentence gives that is not a later one ("initially 40 GWh, but it can be
    expanded to 60 GWh") nor another company's ("SK Innovation's production capacity in Europe will be
    increased to 47.3GWh")."""
    for m in view.of(kind):
        if _others_capacity(view, m, operator):
            return None  # the sentence is about the other company's plants
        if kind == "mass" and not _yearly(view, m):
            continue  # "confirmed on 10 tonnes of lithium hydroxide": a batch, not a capacity
        if not _LATER_CAPACITY.search(view.text[: view.local(m.start)]):
            return m
    return None


def _yearly(view: SentenceView, figure: Mention) -> bool:
    """A plant's tonnes are a yearly figure: per year, a capacity, what it will produce or convert."""
    before = view.text[max(0, view.local(figure.start) - 50) : view.local(figure.start)]
    after = view.text[view.local(figure.end) : view.local(figure.end) + 100]
    return getattr(figure.value, "per", None) == "year" or bool(
        _CAPACITY_WORDS.search(before) or _CAPACITY_WORDS.search(after) or _WILL_MAKE.search(before))


def _others_capacity(view: SentenceView, figure: Mention, operator: Entity) -> bool:
    return any(
        r.entity is not operator and not unit_of(r.entity, operator) and 0 <= figure.start - r.end <= 80
        and _POSSESSIVE_CAPACITY.match(view.text, view.local(r.end)) is not None
        for r in view.orgs
    )


def _fill(frame: Frame, views: list[SentenceView], operator: Entity, named_product: str | None,
          material: str | None) -> None:
    for view in views:
        if CAPACITY_WORDS.search(view.text) or view is views[0]:
            energy = _current(view, "energy", operator)
            mass = _current(view, "mass", operator)
            if energy is not None:
                frame.fill("capacity_gwh_per_year", getattr(energy.value, "amount", None))
            if mass is not None:
                frame.fill("capacity_tonnes_per_year", getattr(mass.value, "amount", None))
        frame.fill("start", _production_start(view))
        frame.add_money(money_of(view, INVEST_CUE, _PUBLIC_MONEY, _PUBLIC_MONEY_BEFORE) or price_tags(view))
    frame.fill("product", _product(views, operator, named_product, material))
    frame.fill("chemistry", chemistry_of(views))
    everything = " ".join(v.text for v in views)
    for later_state in ("terminated", "operating", "under_construction"):  # the latest state wins
        frame.fill("status", status_in(everything, (later_state,)))
    frame.fill("status", status_in(views[0].text, _STATUSES[:-1]))
    frame.fill("status", status_in(everything, ("planned",)))  # "announced ... which may start production in 2028"
    frame.fill("expansion", next((m.group("what").strip() for v in views if (m := _EXPANSION.search(v.text))
                                  and _EXPANSION_OBJECT.search(m.group("what"))), None))
    frame.fill("expansion", next((m.group("what") for v in views if (m := _NEW_LINE.search(v.text))), None))
    frame.fill("status", status_in(everything, _STATUSES))


def extract_facilities(ctx: Context) -> list[Fact]:
    facts = []
    material = _article_material(ctx)
    for plant in plants(ctx):
        if plant.operator is None:
            continue
        frame = Frame("facility")
        frame.fill("operator", plant.operator.display_name())
        frame.fill("location", plant.place.to_json())
        for view in plant.views:
            frame.cite(view)
        _fill(frame, plant.views, plant.operator, plant.named_product, material)
        if set(frame.slots) <= _THIN and not (plant.place.city or plant.place.region):
            continue  # "made at SK's US plant": a country and nothing else about the plant is no plant news
        facts.append(frame.to_fact(money_slot="investment"))
    return facts
