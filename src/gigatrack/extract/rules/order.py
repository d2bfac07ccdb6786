"""Orders: a buyer's demand for vehicles (buses, trucks, three-wheelers) or battery units.

"BUYER ordered / will purchase / reserved N ITEMS (from SELLER)", "SELLER won / secured an order
for N ITEMS from BUYER", "SELLER will deliver N ITEMS to BUYER", "the tender was awarded by BUYER".
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Context, OrgRef, SentenceView
from gigatrack.extract.rules.frame import Frame
from gigatrack.extract.rules.slots import first_after, nearest_before, place_in
from gigatrack.model import Fact, Mention, Money

_ITEM = re.compile(
    r"\b(?:e-?bus(?:es)?|bus(?:es)?|trucks?|vehicles?|cars?|EVs|units|(?:three|two)-wheelers?|"
    r"scooters?|motorcycles?|motorbikes?|vans?|tractors?|rickshaws?|HiLoad|semis?)\b",
    re.I,
)
_BUY = re.compile(
    r"\b(?:order(?:s|ed)?|purchas(?:e|es|ed|ing)|procur(?:e|es|ed|ing|ement)|buy(?:s|ing)?|bought|"
    r"reserv(?:e|es|ed|ing))\b",
    re.I,
)
_WIN = re.compile(r"\b(?:won|wins|secured|secures|bagged|bags|received|receives|bagging|securing)\b", re.I)
_DELIVER = re.compile(r"\b(?:deliver(?:s|ed|y|ies|ing)?|supply|supplies|supplied)\b", re.I)
_BY_BUYER = re.compile(r"\b(?:awarded|placed|issued|ordered)\s+by\s+", re.I)
_FROM = re.compile(r"\bfrom\s+", re.I)


def _vehicle_count(view: SentenceView) -> Mention | None:
    for m in view.of("count"):
        item = getattr(m.value, "item", None) or m.text
        if _ITEM.search(str(item)) or _ITEM.search(view.text[view.local(m.end) : view.local(m.end) + 40]):
            return m
    return None


def _after_word(view: SentenceView, pattern: re.Pattern[str], start: int = 0) -> OrgRef | None:
    match = pattern.search(view.text, start)
    return first_after(view, view.start + match.end(), within=30) if match else None


def _roles(view: SentenceView) -> tuple[OrgRef | None, OrgRef | None]:
    """(buyer, seller) of the order the sentence states."""
    win = _WIN.search(view.text)
    if win:
        seller = nearest_before(view, view.start + win.start())
        buyer = _after_word(view, _FROM, win.end()) or _after_word(view, _BY_BUYER)
        return buyer, seller
    buy = _BUY.search(view.text)
    if buy:
        buyer = nearest_before(view, view.start + buy.start())
        seller = _after_word(view, _FROM, buy.end())
        return buyer, seller
    deliver = _DELIVER.search(view.text)
    if deliver:
        seller = nearest_before(view, view.start + deliver.start())
        to = re.search(r"\bto\s+(?:the\s+)?", view.text[deliver.end() :])
        buyer = first_after(view, view.start + deliver.end() + to.end(), within=60) if to else None
        return buyer, seller
    return None, None


def extract_orders(ctx: Context) -> list[Fact]:
    facts = []
    for view in ctx.sentences:
        count = _vehicle_count(view)
        if count is None or not (_BUY.search(view.text) or _WIN.search(view.text) or _DELIVER.search(view.text)):
            continue
        buyer, seller = _roles(view)
        if buyer is None or (seller is not None and seller.entity is buyer.entity):
            continue
        frame = Frame("order")
        frame.fill("buyer", buyer.entity.display_name())
        if seller is not None:
            frame.fill("seller", seller.entity.display_name())
        item = getattr(count.value, "item", None)
        frame.fill("item", str(item) if item else None)
        frame.fill("quantity", getattr(count.value, "amount", None))
        frame.fill("period", getattr(count.value, "per", None) or "total")
        frame.add_money([m for m in view.values("money") if isinstance(m, Money)])
        start = next((d for d in view.of("date") if getattr(d.value, "relation", None) in ("from", "starting")), None)
        frame.fill("start", getattr(start.value, "iso", None) if start else None)
        place = place_in(view)
        if place is not None:
            frame.fill("region", place.city or place.region)
        frame.cite(view)
        facts.append(frame.to_fact(money_slot="value"))
    return facts
