"""Orders: a buyer's demand for vehicles (buses, trucks, three-wheelers) or battery units.

The counted noun phrase ("297 non-AC electric buses") is the item and quantity; the buyer and
seller come from how the sentence frames the deal:
"SELLER won / secured / bagged an order for N ITEMS from BUYER" (or "... awarded by BUYER" nearby),
"an order for N ITEMS from BUYER", "BUYER ordered / will procure / reserved N ITEMS (from SELLER)",
"BUYER signed a contract for the purchase of N ITEMS", "N ITEMS purchased by BUYER",
"SELLER will deliver N ITEMS to BUYER", "BUYER ... its tender for N ITEMS".
A buyer may be a public body written in lower case ("the city of Medellín").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gigatrack.annotate.places import place_of
from gigatrack.extract.context import Context, Entity, SentenceView
from gigatrack.extract.rules.counted import Counted, count_after, counted_items
from gigatrack.extract.rules.frame import Frame
from gigatrack.extract.rules.slots import (
    agent_before,
    coordinated_before,
    dates_of,
    first_after,
    nearest_before,
    subject_ref,
)
from gigatrack.model import Fact, Money, Place

_WIN = re.compile(
    r"\b(?:won|wins?|winning|secur(?:ed|es?|ing)|bag(?:s|ged|ging)?|receiv(?:ed|es?|ing)|clinch(?:ed|es)|"
    r"land(?:ed|s)|(?:was|were|been|is|has been)\s+awarded(?!\s+by))\b"
    r"(?=(?:\s+(?!(?:to|of|from|for|with|in|on)\b)[\w’'-]+){0,5}?\s+(?:orders?|contracts?|tenders?|deals?)\b)",
    re.I,
)
_ORDER_NOUN = re.compile(
    r"\b(?:an?|the|its|their|this|that|new|firm|first|latest)\s+(?:[\w-]+\s+){0,3}?orders?\s+for\b", re.I
)
_BUY = re.compile(
    r"\b(?:ordered|reserved|procured|purchased|bought|acquired|"
    r"(?:will|to|would|shall|plans? to|planning to|agreed to)\s+(?:also\s+)?(?:order|procure|purchase|buy|reserve|"
    r"receive)|"
    r"(?:orders?|procures?|purchases?|buys|reserves?)(?=\s+(?:a\s+total\s+of\s+|an?\s+(?:additional|further)\s+)?\d)|"
    r"placed\s+(?:an?|its|their)\s+(?:[\w-]+\s+){0,2}?order|"
    r"signed\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:contract|deal|agreement)\s+(?:for|to)\s+(?:the\s+)?"
    r"(?:purchase|procure(?:ment)?|buy|supply))\b(?!\s+by\b)",
    re.I,
)
_PLACED = re.compile(r"\b(?:plac(?:ed|es|ing)|put\s+in|issu(?:ed|es|ing))\s+$", re.I)
_PASSIVE_BUY = re.compile(r"^\s*(?:were\s+|was\s+|being\s+|have\s+been\s+)?(?:purchased|ordered|procured|bought|"
                          r"reserved)\s+by\s+", re.I)
_DELIVER = re.compile(
    r"\b(?:deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:y|ies)\s+of|supply\s+of)\s+"
    r"(?:(?:a\s+total\s+of|more\s+than|at\s+least|over|another|an?\s+additional|up\s+to)\s+)?(?=\d)",
    re.I,
)
_NAMED_ORDER = re.compile(r"\borders?\s+(?:of|for)\s+", re.I)
_OWNER_GAP = re.compile(r"(?:['’]s?)?\s+(?:(?:latest|new|previous|first|second|earlier|recent|initial)\s+)?")
_CONTRACT_FOR = re.compile(
    r"\b(?:signed|inked|concluded)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:contract|agreement|deal)\s+for\s+"
    r"(?:the\s+)?(?:delivery|supply)\s+of\s+",
    re.I,
)
# Lower-case pieces of every item noun a counted order can have (a cheap first look at a sentence).
_ITEM_CUES = ("bus", "coach", "truck", "lorr", "tipper", "vehicle", "car", "ev", "unit", "wheeler", "scooter",
              "motor", "van", "tractor", "rickshaw", "semi", "pickup")
_AGREEMENT_WITH = re.compile(r"\b(?:agreement|deal|contract|MoU)\s+with\s+(?=[^,.;]{1,40}$)", re.I)
_PART_OF_ORDER = re.compile(
    r"\bpart\s+of\s+(?:an?|the|its|their)\s+(?:larger|bigger|total|overall|wider)\s+order\s+"
    r"(?:of|for|to\s+(?:deliver|supply))\s+",
    re.I,
)
_VEHICLE_MAKERS = frozenset({"bus_maker", "truck_maker", "automaker", "two_wheeler_maker"})
_TO_BUYER = re.compile(r"^\s*(?:,\s*(?:with|plus|including)\b[^,;.]{1,60},\s*|,\s*)?to\s+", re.I)
_TENDER = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:tender|procurement|bid)\s+(?:for|of)\s+(?=\d)", re.I)
_BY_BUYER = re.compile(
    r"\b(?:tender|order|contract|deal|LoA|letter of award)\b[^.;]{0,30}?\b(?:was|were|has been|had been)\s+"
    r"(?:awarded|placed|issued|sent|floated|given)\s+by\s+",
    re.I,
)
_FROM = re.compile(r"\bfrom\s+", re.I)
_SELLER_AFTER = re.compile(r"^\s*(?:(?:a|per|each)\s+(?:year|month)\s+)?(?:from|of|with)\s+", re.I)
_LATTER = re.compile(r"^\s*(?:of|from)\s+the\s+(?P<which>latter|former)\b", re.I)
_DESCRIPTOR = re.compile(r"^(?:the\s+)?(?:[a-z][\w’'-]*\s+){0,4}", re.I)
_PUBLIC_BODY = re.compile(
    r"(?:[Tt]he\s+)?(?P<name>(?:city|municipality|government|state|province|ministry|port|county)\s+of\s+"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
    r"|(?:[A-Z][\w’'-]*\s+){1,3}(?:[a-z]+\s+){0,2}(?:transport|transit|bus)\s+"
    r"(?:operator|authority|company|corporation|agency|undertaking|department))\b"
)
_UNIT_PRICE = re.compile(r"^\s*(?:each|apiece|a\s+piece|per\s+(?:unit|bus|truck|vehicle))\b", re.I)
_VALUE_CUE = re.compile(r"\b(?:worth|valued|value|cost(?:ing)?|priced|amount(?:ing)?\s+to)\b", re.I)
_SUM_OF_ORDERS = re.compile(r"\b(?:together|combined|both\s+orders|(?:two|three|four)\s+orders)\b", re.I)
_ORDER_REFERENCE = re.compile(r"\b(?:order|contract|deal|tender|these|this)\b", re.I)
_DELIVERIES_BEGIN = re.compile(r"\bdeliver(?:y|ies)\b[^.;]{0,40}?\b(?:begin|start|commence)", re.I)
_LOOKAHEAD = 4


@dataclass(slots=True)
class _Draft:
    """One order read from one sentence, before the article-level passes."""

    view: SentenceView
    counted: Counted
    buyer: str | None
    seller: str | None
    buyer_end: int
    money: list[Money] = field(default_factory=list)
    region: str | None = None
    delivery: bool = False


def _party_at(view: SentenceView, pos: int) -> tuple[str, int] | None:
    """The party named from local offset ``pos`` on: a public body, or the first organisation a few words on."""
    rest = view.text[pos:]
    body = _PUBLIC_BODY.match(rest)
    org = first_after(view, view.start + pos, within=40)
    if body and (org is None or view.local(org.start) >= pos + body.start("name")):
        return body.group("name"), pos + body.end()
    lead = _DESCRIPTOR.match(rest)
    if org is not None and lead is not None and view.local(org.start) <= pos + lead.end() + 1:
        return org.entity.display_name(), view.local(org.end)
    return None


def _subject(view: SentenceView, pos: int) -> str | None:
    """The subject of the clause whose verb starts at local offset ``pos``: a public body or an organisation."""
    head = view.text[:pos]
    bodies = [m for m in _PUBLIC_BODY.finditer(head) if re.fullmatch(r"[\s,]*(?:\w+\s+){0,3}", head[m.end() :])]
    org = nearest_before(view, view.start + pos)
    if bodies and (org is None or view.local(org.end) <= bodies[-1].start()):
        return bodies[-1].group("name")
    ref = subject_ref(view, pos)
    if ref is None or len(coordinated_before(view, ref)) > 1:
        return None
    return ref.entity.display_name()


def _latter(view: SentenceView, pos: int, buyer: str | None) -> str | None:
    """"of the latter" / "from the former": the second / first of the organisations named before."""
    match = _LATTER.match(view.text[pos:])
    if match is None:
        return None
    named: list[Entity] = []
    for ref in view.orgs:
        if view.local(ref.end) <= pos and ref.entity not in named and ref.entity.display_name() != buyer:
            named.append(ref.entity)
    if not named:
        return None
    return (named[-1] if match.group("which").lower() == "latter" else named[0]).display_name()


def _read(view: SentenceView) -> _Draft | None:
    """The order the sentence states, if it states one with a counted item."""
    if not view.says(*_ITEM_CUES):
        return None
    text = view.text
    counted = counted_items(text)
    if not counted:
        return None
    win = _WIN.search(text)
    if win:
        count = count_after(counted, win.end(), within=120)
        if count is not None:
            seller = _subject(view, win.start())
            from_ = _FROM.search(text, count.end)
            if not (from_ and from_.start() - count.end < 40):
                from_ = _FROM.search(text[: count.start], win.end())
            party = _party_at(view, from_.end()) if from_ else None
            buyer, end = party if party else (None, win.end())
            return _Draft(view, count, buyer, seller, end)
    noun = _ORDER_NOUN.search(text)
    if noun and not _PLACED.search(text[: noun.start()]):  # "A placed an order ... from B": B sells
        count = count_after(counted, noun.end(), within=20)
        from_ = _FROM.search(text, count.end) if count else None
        if count and from_ and from_.start() - count.end < 20:
            party = _party_at(view, from_.end())
            seller_ref = nearest_before(view, view.start + noun.start())
            if party:
                seller = seller_ref.entity.display_name() if seller_ref else None
                return _Draft(view, count, party[0], seller if seller != party[0] else None, party[1])
    owned = _buyers_order(view, counted)
    if owned is not None:
        return owned
    for count in counted:
        passive = _PASSIVE_BUY.match(text[count.end :])
        if passive:
            party = _party_at(view, count.end + passive.end())
            if party:
                return _Draft(view, count, party[0], None, party[1])
    buy = _BUY.search(text)
    if buy:
        count = count_after(counted, buy.end(), within=60)
        buyer, partner = _subject(view, buy.start()), _AGREEMENT_WITH.search(text[: buy.start()])
        with_ref = first_after(view, view.start + partner.end(), within=2) if partner else None
        if with_ref is not None and with_ref.entity.display_name() == buyer:  # "X has an agreement with Y to buy"
            agent = agent_before(view, with_ref.start)
            buyer = agent.entity.display_name() if agent else None
        if count and buyer:
            from_ = _SELLER_AFTER.match(text[count.end :])
            seller = _latter(view, count.end, buyer) or (with_ref.entity.display_name() if with_ref else None)
            if seller is None and from_:
                party = _party_at(view, count.end + from_.end())
                seller = party[0] if party else None
            return _Draft(view, count, buyer, seller if seller != buyer else None, count.end)
    tender = _TENDER.search(text)
    if tender:
        count = count_after(counted, tender.end(), within=5)
        buyer = _subject(view, tender.start())
        if count and buyer:
            return _Draft(view, count, buyer, None, count.end)
    return _delivery(view, counted)


def _buyers_order(view: SentenceView, counted: Sequence[Counted]) -> _Draft | None:
    """"a previous Maersk order of 126 Volvo VNR electric vehicles": the buyer names the order; and
    "A and B signed a contract for the delivery of N ITEMS": the vehicle maker of the two sells."""
    for match in _NAMED_ORDER.finditer(view.text):
        count = count_after(counted, match.end(), within=20)
        owner = nearest_before(view, view.start + match.start())
        if count and owner and _OWNER_GAP.fullmatch(view.text[view.local(owner.end) : match.start()]):
            return _Draft(view, count, owner.entity.display_name(), None, count.end)
    contract = _CONTRACT_FOR.search(view.text)
    count = count_after(counted, contract.end(), within=5) if contract else None
    last = nearest_before(view, view.start + contract.start()) if contract else None
    pair = [r.entity for r in coordinated_before(view, last)] if last else []
    makers = [e for e in pair if _VEHICLE_MAKERS & set(e.roles)]
    if count is None or len(pair) != 2 or len(makers) != 1:
        return None
    buyer = next(e for e in pair if e is not makers[0])
    return _Draft(view, count, buyer.display_name(), makers[0].display_name(), count.end, delivery=True)


def _delivery(view: SentenceView, counted: Sequence[Counted]) -> _Draft | None:
    """"SELLER will deliver N ITEMS to BUYER" / "deliveries of N ITEMS to BUYER"."""
    deliver = _DELIVER.search(view.text)
    if deliver is None:
        return None
    count = count_after(counted, deliver.end(), within=5)
    to = _TO_BUYER.match(view.text[count.end :]) if count else None
    if count is None or to is None:
        return None
    pos = count.end + to.end()
    seller = _subject(view, deliver.start())
    party = _party_at(view, pos)
    if party is not None:
        return _Draft(view, count, party[0], seller if seller != party[0] else None, party[1], delivery=True)
    place = next((m for m in view.of("place") if view.local(m.start) == pos), None)
    if place is None or seller is None:
        return None
    return _Draft(view, count, None, seller, pos, region=place.text, delivery=True)


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
        party = _party_at(view, match.end()) if match else None
        if party:
            return party[0]
    return None


def _region(draft: _Draft) -> str | None:
    if draft.region:
        return draft.region
    if draft.buyer:
        words = draft.buyer.replace("city of ", "").split()
        for size in (2, 1):
            if len(words) >= size and place_of(" ".join(words[:size])) is not None:
                return " ".join(words[:size])
    tail = draft.view.text[draft.buyer_end :]
    place = re.match(r"^[^.;]{0,40}?\b(?:in|across|for|to)\s+(?:the\s+)?(?:city\s+of\s+)?", tail)
    if place:
        pos = draft.buyer_end + place.end()
        hit = next((m for m in draft.view.of("place") if draft.view.local(m.start) == pos), None)
        if hit is not None and isinstance(hit.value, Place):
            return hit.text
    return None


def _value_nearby(ctx: Context, index: int, draft: _Draft) -> tuple[list[Money], SentenceView | None]:
    """A following sentence that prices the same order ("The total order is valued at Rs 424 crore")."""
    for view in ctx.sentences[index + 1 : index + 1 + _LOOKAHEAD]:
        if any(c.amount != draft.counted.amount for c in counted_items(view.text)):
            break
        money = _order_money(view) if _ORDER_REFERENCE.search(view.text) and _VALUE_CUE.search(view.text) else []
        if money:
            return money, view
    return [], None


def _drafts(ctx: Context) -> list[tuple[int, _Draft]]:
    out = []
    for index, view in enumerate(ctx.sentences):
        draft = _read(view)
        if draft is None:
            continue
        if draft.buyer is None and draft.region is None:
            draft.buyer = _buyer_by(ctx, index)
            if draft.buyer is None:
                continue
        draft.money = _order_money(view, draft.counted.start) or _order_money(view)
        out.append((index, draft))
    return out


def _start(ctx: Context, index: int, draft: _Draft) -> str | None:
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


def _frame(ctx: Context, index: int, draft: _Draft, item: str, seller: str | None) -> Frame:
    frame = Frame("order")
    frame.fill("buyer", draft.buyer)
    frame.fill("item", item)
    frame.fill("seller", seller)
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
