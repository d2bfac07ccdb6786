"""How one sentence states an order: who buys how many of what from whom.

The counted noun phrase ("297 non-AC electric buses") is the item and quantity; the buyer and
seller come from how the sentence frames the deal:
"SELLER won / secured / bagged an order for N ITEMS from BUYER", "an order for N ITEMS from BUYER",
"BUYER ordered / will procure / reserved / acquired / will receive N ITEMS (from SELLER)",
"BUYER has an agreement with SELLER to purchase N ITEMS", "BUYER signed a contract for the purchase
of N ITEMS", "N ITEMS purchased by BUYER", "a previous BUYER order of N ITEMS", "SELLER will deliver
/ provide / sell N ITEMS to BUYER", "A and B signed a contract for the delivery of N ITEMS" (the vehicle
maker sells), "BUYER ... its tender for N ITEMS". A buyer may be a public body written in lower
case ("the city of Medellín").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gigatrack.extract.context import Entity, SentenceView
from gigatrack.extract.rules.counted import Counted, count_after, counted_items
from gigatrack.extract.rules.slots import (
    agent_before,
    coordinated_before,
    first_after,
    nearest_before,
    subject_ref,
)
from gigatrack.model import Money

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
    r"(?:announced|made|confirmed)\s+(?:an?|its|their)\s+(?:[\w-]+\s+){0,2}?order\s+of(?=\s+\d)(?![^.;]{0,60}\bfrom\b)|"
    r"signed\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:contract|deal|agreement)\s+(?:for|to)\s+(?:the\s+)?"
    r"(?:purchase|procure(?:ment)?|buy|supply))\b(?!\s+by\b)",
    re.I,
)
_PLACED = re.compile(r"\b(?:plac(?:ed|es|ing)|put\s+in|issu(?:ed|es|ing))\s+$", re.I)
_PASSIVE_BUY = re.compile(r"^\s*(?:were\s+|was\s+|being\s+|have\s+been\s+)?(?:purchased|ordered|procured|bought|"
                          r"reserved)\s+by\s+", re.I)
_DELIVER = re.compile(
    r"\b(?:deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:y|ies)\s+of|supply\s+of|"
    r"(?P<sell>sell(?:s|ing)?|sold))\s+"
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
_CONTRACT_WITH = re.compile(r"\b(?:signed|inked|concluded|agreed)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:contract|agreement|deal)\s+with\s+", re.I)
_FOR_COUNT = re.compile(r"\s+for\s+(?:up\s+to\s+|the\s+(?:delivery|supply|purchase)\s+of\s+)?", re.I)
_AGREEMENT_WITH = re.compile(r"\b(?:agreement|deal|contract|MoU)\s+with\s+(?=[^,.;]{1,40}$)", re.I)
_VEHICLE_MAKERS = frozenset({"bus_maker", "truck_maker", "automaker", "two_wheeler_maker"})
_AGREEMENT_WITH_BUYER = re.compile(r"\b(?:agreement|deal|contract|MoU)\s+with\s+(?=[^,.;]{1,60}\bto\s+$)", re.I)
_TO_BUYER = re.compile(r"^\s*(?:,\s*(?:with|plus|including)\b[^,;.]{1,60},\s*|,\s*)?to\s+", re.I)
_TENDER = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:tender|procurement|bid)\s+(?:for|of)\s+(?=\d)", re.I)
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


@dataclass(slots=True)
class Draft:
    """One order read from one sentence, before the article-level passes."""

    view: SentenceView
    counted: Counted
    buyer: str | None
    seller: str | None
    buyer_end: int
    money: list[Money] = field(default_factory=list)
    region: str | None = None
    delivery: bool = False


def party_at(view: SentenceView, pos: int) -> tuple[str, int] | None:
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


def read_order(view: SentenceView) -> Draft | None:
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
            party = party_at(view, from_.end()) if from_ else None
            buyer, end = party if party else (None, win.end())
            return Draft(view, count, buyer, seller, end)
    noun = _ORDER_NOUN.search(text)
    if noun and not _PLACED.search(text[: noun.start()]):  # "A placed an order ... from B": B sells
        count = count_after(counted, noun.end(), within=20)
        from_ = _FROM.search(text, count.end) if count else None
        if count and from_ and from_.start() - count.end < 20:
            party = party_at(view, from_.end())
            seller_ref = nearest_before(view, view.start + noun.start())
            if party:
                seller = seller_ref.entity.display_name() if seller_ref else None
                return Draft(view, count, party[0], seller if seller != party[0] else None, party[1])
    owned = _buyers_order(view, counted)
    if owned is not None:
        return owned
    for count in counted:
        passive = _PASSIVE_BUY.match(text[count.end :])
        if passive:
            party = party_at(view, count.end + passive.end())
            if party:
                return Draft(view, count, party[0], None, party[1])
    framework = _contract_with(view, counted)
    if framework is not None:
        return framework
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
                party = party_at(view, count.end + from_.end())
                seller = party[0] if party else None
            return Draft(view, count, buyer, seller if seller != buyer else None, count.end)
    tender = _TENDER.search(text)
    if tender:
        count = count_after(counted, tender.end(), within=5)
        buyer = _subject(view, tender.start())
        if count and buyer:
            return Draft(view, count, buyer, None, count.end)
    return _delivery(view, counted)


def _contract_with(view: SentenceView, counted: Sequence[Counted]) -> Draft | None:
    """"Deutsche Bahn has signed a framework contract with Ebusco for up to 800 electric buses": the signer
    buys from the maker the contract is with."""
    for contract in _CONTRACT_WITH.finditer(view.text):
        seller = first_after(view, view.start + contract.end(), within=2)
        buyer = _subject(view, contract.start())
        tail = _FOR_COUNT.match(view.text, view.local(seller.end)) if seller else None
        count = count_after(counted, tail.end(), within=1) if tail else None
        maker = seller is not None and bool(_VEHICLE_MAKERS & set(seller.entity.roles))
        if seller and buyer and count and maker and seller.entity.display_name() != buyer:
            return Draft(view, count, buyer, seller.entity.display_name(), count.end)
    return None


def _buyers_order(view: SentenceView, counted: Sequence[Counted]) -> Draft | None:
    """"a previous Maersk order of 126 Volvo VNR electric vehicles": the buyer names the order; and
    "A and B signed a contract for the delivery of N ITEMS": the vehicle maker of the two sells."""
    for match in _NAMED_ORDER.finditer(view.text):
        count = count_after(counted, match.end(), within=20)
        owner = nearest_before(view, view.start + match.start())
        if count and owner and _OWNER_GAP.fullmatch(view.text[view.local(owner.end) : match.start()]):
            return Draft(view, count, owner.entity.display_name(), None, count.end)
    contract = _CONTRACT_FOR.search(view.text)
    count = count_after(counted, contract.end(), within=5) if contract else None
    last = nearest_before(view, view.start + contract.start()) if contract else None
    pair = [r.entity for r in coordinated_before(view, last)] if last else []
    makers = [e for e in pair if _VEHICLE_MAKERS & set(e.roles)]
    if count is None or len(pair) != 2 or len(makers) != 1:
        return None
    buyer = next(e for e in pair if e is not makers[0])
    return Draft(view, count, buyer.display_name(), makers[0].display_name(), count.end, delivery=True)


def _agreed_delivery(view: SentenceView, deliver: re.Match[str], count: Counted) -> Draft | None:
    """"SELLER has signed an agreement with BUYER to deliver N ITEMS"."""
    agreement = _AGREEMENT_WITH_BUYER.search(view.text[: deliver.start()])
    buyer = first_after(view, view.start + agreement.end(), within=2) if agreement else None
    seller = _subject(view, agreement.start()) if agreement else None
    if buyer is None or seller is None or buyer.entity.display_name() == seller:
        return None
    return Draft(view, count, buyer.entity.display_name(), seller, view.local(buyer.end), delivery=True)


def _delivery(view: SentenceView, counted: Sequence[Counted]) -> Draft | None:
    """"SELLER will deliver N ITEMS to BUYER" / "deliveries of N ITEMS to BUYER"."""
    deliver = _DELIVER.search(view.text)
    if deliver is None:
        return None
    count = count_after(counted, deliver.end(), within=5)
    to = _TO_BUYER.match(view.text[count.end :]) if count else None
    if count is not None and to is None and not deliver.group("sell"):  # a sale needs its buyer: "sold 5 to X"
        return _agreed_delivery(view, deliver, count)
    if count is None or to is None:
        return None
    pos = count.end + to.end()
    seller = _subject(view, deliver.start())
    party = party_at(view, pos)
    if party is not None:
        return Draft(view, count, party[0], seller if seller != party[0] else None, party[1], delivery=True)
    place = next((m for m in view.of("place") if view.local(m.start) == pos), None)
    if place is None or seller is None:
        return None
    return Draft(view, count, None, seller, pos, region=place.text, delivery=True)


_WILL_RECEIVE = re.compile(r",?\s+(?:which|that|who)\s+(?:will|is\s+to|are\s+to)\s+(?:also\s+)?receive\s+", re.I)


def receiving_orders(view: SentenceView) -> list[Draft]:
    """"Duluth Transit Authority, which will receive six buses and one charger; and Transit Authority of
    Lexington, which will receive five buses": each buyer's share of a maker's order, seller left to the article."""
    counted = counted_items(view.text)
    drafts = []
    for receive in _WILL_RECEIVE.finditer(view.text):
        count = count_after(counted, receive.end(), within=1)
        buyer = nearest_before(view, view.start + receive.start() + 1)
        if count and buyer and view.local(buyer.end) == receive.start():
            drafts.append(Draft(view, count, buyer.entity.display_name(), None, count.end, delivery=True))
    return drafts
