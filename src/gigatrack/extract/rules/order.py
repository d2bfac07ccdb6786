"""Orders: a buyer's demand for vehicles (buses, trucks, three-wheelers) or battery units.

Each sentence that states one (``order_statements``) gives a draft; the article adds what the
sentence leaves out: the value stated in a later sentence, the buyer named by "the tender was
awarded by", when deliveries begin, where the vehicles will run, and the size of the whole order a
delivery belongs to. One order told twice is kept once, with its fullest statement.
"""

from __future__ import annotations

import re

from gigatrack.annotate.places import place_of
from gigatrack.extract.context import Context, SentenceView
from gigatrack.extract.rules.counted import Counted, count_after, counted_items
from gigatrack.extract.rules.frame import Frame
from gigatrack.extract.rules.order_statements import Draft, party_at, read_order, receiving_orders
from gigatrack.extract.rules.slots import dates_of
from gigatrack.model import Fact, Money, Place

_UNIT_PRICE = re.compile(r"^\s*(?:each|apiece|a\s+piece|per\s+(?:unit|bus|truck|vehicle))\b", re.I)
_VALUE_CUE = re.compile(r"\b(?:worth|valued|value|cost(?:ing)?|priced|amount(?:ing)?\s+to)\b", re.I)
_SUM_OF_ORDERS = re.compile(r"\b(?:together|combined|both\s+orders|(?:two|three|four)\s+orders)\b", re.I)
_ORDER_REFERENCE = re.compile(r"\b(?:order|contract|deal|tender|these|this)\b", re.I)
_DELIVERIES_BEGIN = re.compile(r"\bdeliver(?:y|ies)\b[^.;]{0,40}?\b(?:begin|start|commence)", re.I)
_LOOKAHEAD = 4
_BY_BUYER = re.compile(
    r"\b(?:tender|order|contract|deal|LoA|letter of award)\b[^.;]{0,30}?\b(?:was|were|has been|had been)\s+"
    r"(?:awarded|placed|issued|sent|floated|given)\s+by\s+",
    re.I,
)
_WHERE = re.compile(r"\b(?:in|across|for|to)\s+(?:the\s+)?(?:city\s+of\s+)?")
_PART_OF_ORDER = re.compile(
    r"\bpart\s+of\s+(?:an?|the|its|their)\s+(?:larger|bigger|total|overall|wider)\s+order\s+"
    r"(?:of|for|to\s+(?:deliver|supply))\s+",
    re.I,
)


def _order_money(view: SentenceView, after: int = 0) -> list[Money]:
    """The value of the order the sentence states: not a unit price, not the sum of several orders."""
    if _SUM_OF_ORDERS.search(view.text):
        return []
    out = []
    for m in view.of("money"):
        local = view.local(m.start)
        lead = view.text[max(after, local - 60) : local]
        if isinstance(m.value, Money) and local >= after and not _UNIT_PRICE.match(view.text[view.local(m.end) :]) \
                and (_VALUE_CUE.search(lead) or re.search(r"\b(?:for|at)\s+(?:about\s+|around\s+)?$", lead)):
            out.append(m.value)
    return out


def _buyer_by(ctx: Context, index: int) -> str | None:
    """"The tender was awarded by BUYER" in the sentence or the next two."""
    for view in ctx.sentences[index : index + 3]:
        match = _BY_BUYER.search(view.text)
        party = party_at(view, match.end()) if match else None
        if party:
            return party[0]
    return None


def _region(draft: Draft) -> str | None:
    if draft.region:
        return draft.region
    if draft.buyer:
        words = draft.buyer.replace("city of ", "").split()
        for size in (2, 1):
            if len(words) >= size and place_of(" ".join(words[:size])) is not None:
                return " ".join(words[:size])
    tail = re.split(r"[.;]", draft.view.text[draft.buyer_end : draft.buyer_end + 60])[0]
    for place in _WHERE.finditer(tail):  # "... for its operations in Germany", "for use in the U.S."
        pos = draft.buyer_end + place.end()
        hit = next((m for m in draft.view.of("place") if draft.view.local(m.start) == pos), None)
        if hit is not None and isinstance(hit.value, Place):
            return hit.text
    return None


def _value_nearby(ctx: Context, index: int, draft: Draft) -> tuple[list[Money], SentenceView | None]:
    """A following sentence that prices the same order ("The total order is valued at Rs 424 crore")."""
    for view in ctx.sentences[index + 1 : index + 1 + _LOOKAHEAD]:
        if any(c.amount != draft.counted.amount for c in counted_items(view.text)):
            break
        money = _order_money(view) if _ORDER_REFERENCE.search(view.text) and _VALUE_CUE.search(view.text) else []
        if money:
            return money, view
    return [], None


def _drafts(ctx: Context) -> list[tuple[int, Draft]]:
    out = []
    maker = _article_maker(ctx)
    for index, view in enumerate(ctx.sentences):
        shares = receiving_orders(view) if maker is not None and view.says("receive") else []
        for share in shares:
            share.seller = maker
        out += [(index, share) for share in shares]
        draft = None if shares else read_order(view)
        if draft is None:
            continue
        if draft.buyer is None and draft.region is None:
            draft.buyer = _buyer_by(ctx, index)
            if draft.buyer is None:
                continue
        if draft.seller is None and maker is not None and maker != draft.buyer and not _maker_in_item(draft):
            draft.seller = maker  # "Sysco ordered no less than 50 trucks" in a story about Tesla's Semi
        draft.money = _order_money(view, draft.counted.start) or _order_money(view)
        out.append((index, draft))
        out += [(index, more) for more in _coordinated_orders(draft)]
    return out


def _coordinated_orders(draft: Draft) -> list[Draft]:
    """"orders for 1,500 electric buses from DTC and 1,180 electric buses from WBTC": the second order
    of the same seller, told in the same breath."""
    more: list[Draft] = []
    last = draft
    while last.seller is not None:
        counted = [c for c in counted_items(draft.view.text) if c.start >= last.buyer_end]
        joint = _AND_FROM.match(draft.view.text, last.buyer_end)
        if joint is None or not counted or counted[0].start != joint.end():
            break
        source = _FROM_PARTY.match(draft.view.text, counted[0].end)
        party = party_at(draft.view, source.end()) if source else None
        if party is None:
            break
        last = Draft(draft.view, counted[0], party[0], last.seller, party[1])
        more.append(last)
    return more


_AND_FROM = re.compile(r"(?:\s*\([^()]{1,12}\))?,?\s+and\s+")
_FROM_PARTY = re.compile(r"\s+from\s+")


def _article_maker(ctx: Context) -> str | None:
    """The one vehicle maker an article names, whose customers its orders are."""
    makers = {r.entity for view in ctx.sentences for r in view.orgs if _VEHICLE_MAKERS & set(r.entity.roles)}
    return next(iter(makers)).display_name() if len(makers) == 1 else None


def _start(ctx: Context, index: int, draft: Draft) -> str | None:
    """When deliveries begin: "starting in September 2020", "delivery of N buses to X during August 2019",
    or "deliveries would begin in 2022" in one of the next sentences."""
    start = dates_of(draft.view)[0]
    if start is None and draft.delivery:
        start = next((getattr(d.value, "iso", None) for d in draft.view.of("date")
                      if draft.view.local(d.start) > draft.counted.end), None)
    for view in ctx.sentences[index + 1 : index + 3]:
        if start is None and _DELIVERIES_BEGIN.search(view.text):
            start = next((getattr(d, "iso", None) for d in view.values("date")), None)
    return start


def _whole_order(ctx: Context, index: int) -> tuple[Counted, SentenceView] | None:
    """The size of the whole order a delivery belongs to, told in the next sentence."""
    for view in ctx.sentences[index + 1 : index + 2]:
        part = _PART_OF_ORDER.search(view.text)
        count = count_after(counted_items(view.text), part.end(), within=5) if part else None
        if count is not None:
            return count, view
    return None


_VEHICLE_MAKERS = frozenset({"automaker", "truck_maker", "bus_maker", "two_wheeler_maker"})


def _maker_in_item(draft: Draft) -> str | None:
    """"ordered 25 Volvo FH electric trucks": the maker whose name the ordered item carries sells them; so
    does the one vehicle maker the order's sentence names ("... and has selected the eActros 600 from
    Mercedes-Benz Trucks")."""
    start, end = draft.view.start + draft.counted.start, draft.view.start + draft.counted.end
    makers = [r for r in draft.view.orgs
              if not r.anaphor and _VEHICLE_MAKERS & set(r.entity.roles) and r.entity.display_name() != draft.buyer]
    named = {r.entity.display_name() for r in makers if start <= r.start and r.end <= end}
    if len(named) == 1:
        return named.pop()
    anywhere = {r.entity.display_name() for r in makers}
    sold_from = {r.entity.display_name() for r in makers
                 if draft.view.text[: draft.view.local(r.start)].endswith(("from ", "from the "))}
    if len(anywhere) == 1 or len(sold_from) == 1:
        return (anywhere if len(anywhere) == 1 else sold_from).pop()
    return None


def _frame(ctx: Context, index: int, draft: Draft, item: str, seller: str | None) -> Frame:
    frame = Frame("order")
    frame.fill("buyer", draft.buyer)
    frame.fill("item", item)
    frame.fill("seller", seller or _maker_in_item(draft))
    whole = _whole_order(ctx, index)
    if whole is not None:  # "35 buses delivered ... part of the larger order of 340 e-buses"
        frame.cite(whole[1])
    frame.fill("quantity", whole[0].amount if whole else draft.counted.amount)
    frame.fill("period", draft.counted.period)
    frame.cite(draft.view)
    frame.add_money(draft.money)
    if not draft.money:
        money, priced = _value_nearby(ctx, index, draft)
        frame.add_money(money)
        if priced is not None:
            frame.cite(priced)
    frame.fill("start", _start(ctx, index, draft))
    frame.fill("region", _region(draft))
    return frame


def _same_order(a: Fact, b: Fact) -> bool:
    """Two statements of one order: same buyer, or the same seller selling the same count of the same item
    (a headline's "Telangana transport corporation" and the body's full name)."""
    quantity = a.slots.get("quantity") == b.slots.get("quantity")
    if a.slots.get("buyer") == b.slots.get("buyer"):
        return quantity and a.slots.get("seller") == b.slots.get("seller")
    seller = a.slots.get("seller")
    return quantity and seller is not None and seller == b.slots.get("seller") and a.slots["item"] == b.slots["item"]


def _fullness(fact: Fact) -> tuple[int, int]:
    """More slots first, then the buyer written as a proper name."""
    return len(fact.slots), len(re.findall(r"\b[A-Z]", str(fact.slots.get("buyer") or "")))


def extract_orders(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    last_item: str | None = None
    last_seller: str | None = None
    for index, draft in _drafts(ctx):
        item, seller = draft.counted.item, draft.seller
        if draft.counted.generic and last_item is not None:
            item, seller = last_item, seller or last_seller
        elif draft.counted.generic and seller is None:  # "40 units" of nothing named, from no one named
            continue
        if draft.buyer is not None and draft.buyer == seller:
            continue
        last_item, last_seller = item, seller
        fact = _frame(ctx, index, draft, item, seller).to_fact(money_slot="value")
        same = next((i for i, known in enumerate(facts) if _same_order(known, fact)), None)
        if same is None:
            facts.append(fact)
        elif _fullness(fact) > _fullness(facts[same]):
            facts[same] = fact
    return facts
