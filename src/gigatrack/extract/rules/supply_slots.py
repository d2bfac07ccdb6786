"""The slots of a supply deal once its parties are known: product, volumes, dates, money, site, status.

They are read from the sentences that state the deal first, then from the sentences linked to it:
"to be used in X" is the application, "produced at its plant in Y" the production site, a GWh or
tonnes figure the volume unless it is a plant's output.
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Entity, SentenceView
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.slots import (
    INVEST_CUE,
    VALUE_CUE,
    chemistry_of,
    dates_of,
    duration_of,
    form_factor_of,
    money_of,
    place_after,
    product_of,
    years_between,
)

SUPPLY_VERB = re.compile(
    r"\b(?:suppl(?:y|ies|ying)|provid(?:e|es|ing)|deliver(?:s|ing)?|ship(?:s|ping)?)\b"
    r"(?!\s+(?:chain|base|network|agreement|deal|contract|of))|\b(?:sell(?:s|ing)?|sold)\b(?=[^.;]{0,60}\bto\s)",
    re.I,
)
_APPLICATION = (
    re.compile(
        r"\b(?:to be|will be|are|is)\s+(?:used|installed|fitted|deployed)\s+(?:in|on|at)\s+(?P<app>[^,.;]{3,80})"
    ),
    # "batteries for electric vehicles sold in the U.S.", "cathode materials for electric vehicle batteries"
    re.compile(
        r"\bfor\s+(?:use\s+in\s+)?(?:its\s+|their\s+|the\s+|(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*)?['’]s\s+)?"
        r"(?P<app>(?:battery[- ])?electric\s+vehicles?(?:\s+batter(?:y|ies)|\s+(?:to\s+be\s+)?(?:sold|produced|"
        r"made|built|assembled)\s+in\s+(?:the\s+)?(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)?)|"
        r"energy\s+storage\s+systems?)"
    ),
    re.compile(r"\b(?P<app>EV|ESS)\s+batter(?:y|ies)\b"),
    re.compile(
        r"\bfor\s+(?:its|their)\s+(?P<app>[A-Z][\w-]*(?:\s+[\w-]+){0,3}?\s+(?:energy storage systems?|trucks?|"
        r"buses|vehicles|EVs|models|pickups?))\b"
    ),
    # "install CATL's sodium batteries in its vehicles", "for use in the Gen 2 Kia Ray EV"
    re.compile(r"\bbatter(?:y|ies)\s+in\s+(?:its|their)\s+(?P<app>vehicles|cars|EVs|trucks|buses)\b"),
    re.compile(r"\bfor\s+use\s+in\s+(?:the\s+)?(?P<app>(?-i:[A-Z])[\w-]*(?:\s+[\w-]+){0,4}?\s+(?:EVs?|models?|"
               r"trucks?|buses|vehicles|cars?|SUVs?|pickups?))\b"),
)
_PRODUCTION = re.compile(r"\b(?:produc\w*|manufactur\w*|output|plant|factory)\b", re.I)
_PRODUCED_AT = re.compile(
    r"\b(?:(?:from|(?:produced|made|manufactured|take\s+place|takes\s+place)\s+at)\s+"
    r"(?:its|their|the|an?|(?-i:[A-Z])[\w\s-]{1,30}?['’]s)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:plant|factory|facility|facilities|site)|(?:produced|made|manufactured)\s+(?:at|in))\s+(?:in\s+|at\s+)?",
    re.I,
)
# "its anticipated 33,000 tonnes per year lithium carbonate equivalent (LCE) capacity": the supplier's output
_CAPACITY_AFTER = re.compile(r"^(?:\s+(?:per\s+year|a\s+year|of)|\s+[\w-]+|\s+\([A-Z]+\)){0,6}\s+capacity\b", re.I)
_PLANT_TALK = re.compile(r"\b(?:plant|factory|facility|gigafactory|joint venture|JV)\b", re.I)
_STATUSES = ("terminated", "rumored", "mou", "signed", "planned", "announced")


def _application(views: list[SentenceView]) -> str | None:
    """What the supplied goods go into: "to be used in X", "EV batteries"."""
    for view in views:  # the deal's own sentences first
        for pattern in _APPLICATION:
            match = pattern.search(view.text)
            if match:
                return re.sub(r"^(?:its|their|the|use in)\s+", "", match.group("app").strip())
    return None


def _supply_volume(views: list[SentenceView], kind: str = "energy") -> float | None:
    """A GWh (or tonnes) figure of the deal, not a plant's output ("will produce 28 GWh")."""
    for view in views:
        if _PLANT_TALK.search(view.text) and not SUPPLY_VERB.search(view.text):
            continue
        for m in view.of(kind):
            before = view.text[max(0, view.local(m.start) - 40) : view.local(m.start)]
            after = view.text[view.local(m.end) : view.local(m.end) + 80]
            if not _PRODUCTION.search(before) and not (kind == "mass" and _CAPACITY_AFTER.match(after)):
                return float(getattr(m.value, "amount", 0.0)) or None
    return None


def fill_deal(frame: Frame, views: list[SentenceView], triggers: list[SentenceView], supplier: Entity) -> None:
    """A supply deal's slots: from the trigger sentences first, then from the sentences linked to them."""
    ordered = triggers + [v for v in views if v not in triggers]
    materials, mining = supplier.rank is not None and supplier.rank <= 1, supplier.rank == 0
    frame.fill("product", product_of(triggers, materials=materials, mining=mining)
               or product_of(ordered, "batteries", materials, mining))
    frame.fill("chemistry", chemistry_of(ordered))
    form, size = form_factor_of(ordered)
    frame.fill("form_factor", form)
    frame.fill("form_factor_size", size)
    frame.fill("volume_gwh", _supply_volume(ordered))
    frame.fill("volume_tonnes", _supply_volume(ordered, "mass"))
    for view in ordered:
        start, end = dates_of(view)
        frame.fill("start", start)
        frame.fill("end", end)
        if not INVEST_CUE.search(view.text):
            frame.add_money(money_of(view, VALUE_CUE))
    for view in ordered:
        for site in _PRODUCED_AT.finditer(view.text):
            frame.fill("production_site", _place_json(place_after(view, view.start + site.end(), within=12)))
    frame.fill("duration_years", duration_of(triggers))
    frame.fill("duration_years", years_between(frame.slots.get("start"), frame.slots.get("end")))
    frame.fill("duration_years", duration_of(ordered))
    status = status_in(" ".join(v.text for v in triggers), _STATUSES)
    if status in (None, "planned", "announced"):
        status = status_in(" ".join(v.text for v in ordered), ("terminated", "mou", "signed")) or status
    frame.fill("status", status)
    frame.fill("application", _application(ordered))


def _place_json(place: object) -> dict[str, str | None] | None:
    to_json = getattr(place, "to_json", None)
    return to_json() if callable(to_json) else None
