"""Supply agreements: who supplies whom with what, how much, from when.

Three ways news states a supply deal, each giving the direction:
- a supply verb: "SUPPLIER will supply / deliver / provide ... to CUSTOMER" (or "CUSTOMER with"),
  and its passive "... supplied by SUPPLIER";
- a sourcing verb: "CUSTOMER will procure / source / buy / use ... from SUPPLIER" or "SUPPLIER's cells";
- a deal noun: "A signed a supply deal with B": the party further upstream in the supply chain
  (miner < materials < cell maker < automaker) is the supplier.
The sentences that follow and name the same pair, or "the deal" / "the contract", add slots.
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.plants import named_plants
from gigatrack.extract.rules.slots import (
    agent_before,
    coordinated,
    coordinated_before,
    first_after,
    nearest_before,
)
from gigatrack.extract.rules.supply_slots import SUPPLY_VERB, fill_deal
from gigatrack.model import Fact

_PASSIVE = re.compile(r"\b(?:supplied|provided|delivered|made|produced|manufactured)\s+by\s*$", re.I)
_SOURCE_VERB = re.compile(
    r"\b(?:procur(?:e|es|ed|ing)|sourc(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|"
    r"secur(?:e|es|ed|ing)|use(?:s|d)?|using|install(?:s|ed|ing)?|adopt(?:s|ed|ing)?|fitted with|"
    r"equipped with)\b",
    re.I,
)
_STAKE_BOUGHT = re.compile(r"\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w.,%-]+\s+){0,3}?(?:stakes?|shares?|"
                           r"equity|interests?|holdings?)\b", re.I)
_DEAL_NOUN = re.compile(
    r"\b(?:(?:supply|off-?take|sales|purchase|procurement|long-term)\s+(?:deal|agreement|contract|pact|"
    r"MoU|accord)s?|MoU|memorandum of understanding|(?:deal|contract|agreement|order)s?)\b",
    re.I,
)
_BATTERY_CONTEXT = re.compile(
    r"\b(?:batter(?:y|ies)|cells?|modules?|packs?|cathodes?|anodes?|lithium|nickel|cobalt|graphite|"
    r"precursors?|separators?|electrolytes?|GWh|gigawatt|off-?take|supply)\b",
    re.I,
)
_VEHICLE_ITEM = re.compile(r"\b(?:bus|buses|trucks?|vehicles?|cars?|EVs|units|wheelers?|scooters?|vans?)\b", re.I)
_CLIENT_LIST = re.compile(r"\b(?:including|such\s+as|like|among\s+them)\s*$", re.I)
_DEAL_ANAPHOR = re.compile(
    r"\b(?:the|this|under the|based on the)\s+(?:supply\s+)?(?:deal|contract|agreement|pact|MoU)\b|"
    r"\b[Tt]he\s+(?:estimated\s+|total\s+)?(?:battery\s+)?supply\s+(?:volume\s+)?(?:during|over|under|is|will)\b", re.I
)
_RAW_PRODUCTS = frozenset({"lithium", "nickel", "cobalt", "manganese", "graphite", "cathode", "anode", "precursor",
                           "electrolyte", "separator", "copper_foil"})
_PLANT_SUPPLIES = re.compile(
    r"\b(?:the|a|an|its)\s+(?:[\w-]+\s+){0,4}?(?:giga-?factory|plant|factory|facility)\b[^,.;]{0,80}?\s+"
    r"(?:which\s+|that\s+)?(?P<verb>will\s+(?:also\s+)?supply|supplies|is\s+to\s+supply|and\s+supply)\s+",
    re.I,
)
_UNDISCLOSED = re.compile(
    r"[^.;]{0,60}?\b(?:(?:(?:to|with|for)\s+)?(?:an?\s+|the\s+)?(?:undisclosed|unnamed|unidentified|anonymous)\b|"
    r"[^.;]*\b(?:without\s+(?:naming|disclosing|identifying)|(?:did\s+not|didn't|declined\s+to)\s+"
    r"(?:name|disclose|identify))\b)",
    re.I,
)
_UNNAMED = re.compile(
    r"\b(?:undisclosed|unnamed|unidentified|anonymous|without\s+naming|declined\s+to\s+name|did\s+not\s+name)\b",
    re.I,
)
_DEVELOP = re.compile(
    r"\b(?:develop\w*|research\w*|jointly|co-develop\w*|joint[- ]venture|JV|three-party|collaboration)\b", re.I
)
_ROLE_NOUN = re.compile(
    r"\b(?P<noun>suppliers?)\s+(?:of\s+(?:[\w-]+\s+){1,3})?(?:to|for)\s+|"
    r"\b(?P<customers>customers?|clients?)\s+(?:include|includes|including|are|such as)\s+",
    re.I,
)
# "signed an agreement to build a $1.42 billion nickel plant": a venture, not a supply deal
_DEAL_TO_BUILD = re.compile(r"\s+(?:with\s+[^.;]{0,60}?\s+)?to\s+(?:jointly\s+)?(?:build|set\s+up|construct|"
                            r"establish|form|create|develop|invest)\b")
_DEAL_OF_BOTH = re.compile(r"\s+(?:(?:signed|reached|struck|concluded)\s+)?(?:between|by)\s+", re.I)
_SUPPLY_CONTRACT = re.compile(r"\b(?:supply|off-?take|sales)\s+(?:contracts?|deals?|agreements?)\b", re.I)
_SUPPLY_WORD = re.compile(  # not "establish a supply chain"
    r"\b(?:suppl(?:y|ies|ying)(?!\s+chains?\b)|off-?take|procure\w*|purchas\w*|deliver\w*|sourcing)\b", re.I
)
_LINK_WINDOW = 6


def _has_battery_context(view: SentenceView) -> bool:
    if view.of("product", "chemistry", "energy", "form_factor"):
        return True
    return bool(_BATTERY_CONTEXT.search(view.text))


def _is_vehicle_order(view: SentenceView) -> bool:
    counts = view.of("count")
    return bool(counts) and not view.of("product", "energy") and any(
        _VEHICLE_ITEM.search(str(getattr(c.value, "item", "") or c.text)) for c in counts
    )


def _supplies_goods(view: SentenceView, after: int) -> bool:
    """What follows the supply verb is batteries or their materials ("supplies nitrogen" is not)."""
    window = view.text[after : after + 160]
    goods = view.of("product", "chemistry", "energy", "mass", "form_factor")
    return bool(_BATTERY_CONTEXT.search(window)) or any(
        after <= view.local(m.start) < after + 160 for m in goods
    )


def _in_name(view: SentenceView, match: re.Match[str]) -> bool:
    """The word is part of an organisation's name ("Automotive Energy Supply Corporation")."""
    start, end = view.start + match.start(), view.start + match.end()
    return any(r.start < end and start < r.end for r in view.orgs if not r.anaphor)


def _pairs_from_supply_verb(view: SentenceView) -> list[tuple[OrgRef, OrgRef | None]]:
    """"S will supply C", "S to supply C with", "S sold ... to C"; "S will supply an undisclosed
    customer" gives no customer, as the facts schema asks."""
    pairs: list[tuple[OrgRef, OrgRef | None]] = []
    for match in SUPPLY_VERB.finditer(view.text):
        if _in_name(view, match):
            continue
        supplier = agent_before(view, view.start + match.start())
        tail = view.text[match.end() :]
        if supplier is None or not _supplies_goods(view, match.end()):
            continue
        customer = first_after(view, view.start + match.end())
        if customer is None and re.match(r"\s+(?:\w+\s+){0,2}?(?:its|their)\b", tail):
            customer = view.orgs[0]
        if customer is None and _UNDISCLOSED.match(tail):
            pairs.append((supplier, None))
        if customer is None or supplier.entity is customer.entity:
            continue
        customers = coordinated(view, customer)
        if len(customers) >= 3 and _CLIENT_LIST.search(view.text[match.end() : view.local(customer.start)]):
            continue  # "supplies batteries to brands including BMW, Hyundai, Honda, ...": its clients, not a deal
        pairs.extend((supplier, c) for c in customers if c.entity is not supplier.entity)
    return pairs


def _pairs_from_passive(view: SentenceView) -> list[tuple[OrgRef, OrgRef | None]]:
    pairs: list[tuple[OrgRef, OrgRef | None]] = []
    for ref in view.orgs:
        passive = _PASSIVE.search(view.text[: view.local(ref.start)])
        if passive:
            customer = agent_before(view, view.start + passive.start())
            if customer is not None and customer.entity is not ref.entity:
                pairs.append((ref, customer))
    return pairs


def _pairs_from_source_verb(view: SentenceView) -> list[tuple[OrgRef, OrgRef | None]]:
    pairs: list[tuple[OrgRef, OrgRef | None]] = []
    for match in _SOURCE_VERB.finditer(view.text):
        if _in_name(view, match):
            continue
        customer = agent_before(view, view.start + match.start())
        tail = view.text[match.end() :]
        if _STAKE_BOUGHT.match(tail):
            continue  # "bought a 37.5% stake in the project from SQM": an investment, not a supply
        supplier = None
        source = re.search(r"\bfrom\s", tail[:120])
        if source:
            supplier = first_after(view, view.start + match.end() + source.end(), within=40)
        else:
            owner = first_after(view, view.start + match.end(), within=40)
            if owner is not None and re.match(r"['’]s?\b", view.text[view.local(owner.end) :]):
                supplier = owner
        last = nearest_before(view, view.start + match.start())
        chain = coordinated_before(view, last, loose=True) if last else []
        buyers = chain if customer in chain else [customer] if customer else []  # "GM and Panasonic will buy"
        pairs += [(supplier, buyer) for buyer in buyers if supplier and buyer.entity is not supplier.entity]
    return pairs


_SUPPLIER_ROLES = frozenset({"mining", "recycler", "materials", "component_maker", "cell_maker", "jv"})


def _downstream(supplier: Entity, customer: Entity) -> bool:
    """The roles say this cannot be a supply of batteries or materials: an automaker does not supply
    a cell maker, and an organisation known to make neither batteries nor materials supplies neither."""
    if supplier.roles and not _SUPPLIER_ROLES & set(supplier.roles):
        return True
    return supplier.rank is not None and customer.rank is not None and supplier.rank > customer.rank


def _oriented(a: Entity, b: Entity) -> tuple[Entity, Entity] | None:
    """(supplier, customer) of two parties to a deal: the one further upstream supplies."""
    ua, ub = a.upstream, b.upstream
    if ua is None or ub is None or ua == ub:
        return None
    return (a, b) if ua < ub else (b, a)


def _cells_for_cars(named: list[Entity]) -> bool:
    """A battery maker and a vehicle maker: what a priced deal between them is about."""
    roles = [set(e.roles) for e in named]
    return len(named) == 2 and any("cell_maker" in r for r in roles) and any(
        r & {"automaker", "truck_maker", "bus_maker"} for r in roles)


def _pairs_from_deal_noun(view: SentenceView) -> list[tuple[Entity, Entity | None]]:
    """"A signed a supply deal with B", "B signed an order for cathodes with A": the upstream party
    supplies; the deal must be about supplying something, not developing it together."""
    if not _DEAL_NOUN.search(view.text):
        return []
    named = [e for e in view.entities() if not any(e.org_id and e.org_id in o.lineage for o in view.entities())]
    priced = bool(view.of("money")) and _cells_for_cars(named) and not _DEVELOP.search(view.text)
    if not _SUPPLY_WORD.search(view.text) and not priced and (not view.of("product") or _DEVELOP.search(view.text)):
        return []
    deal = _DEAL_NOUN.search(view.text)
    if deal is None or _DEAL_TO_BUILD.match(view.text, deal.end()):
        return []
    if len(named) == 2:
        first = next(r for r in view.orgs if r.entity is named[0])
        if view.local(first.start) > deal.start():
            later = next((d for d in _DEAL_NOUN.finditer(view.text) if d.start() > view.local(first.end)), None)
            between = view.text[deal.end() : view.local(first.start)]
            of_both = _DEAL_OF_BOTH.fullmatch(between)  # "The 60 GWh agreement signed between CATL and HyperStrong"
            if (later is None and not of_both) or re.search(r"\bwith\s", between):
                return []  # "the offtake agreement with A ... agreement with B": A and B are both buyers
        oriented = _oriented(named[0], named[1])
        return [oriented] if oriented else []
    # more parties named: "A, which has a supply agreement with B, said ...": the one holding the deal
    # and the one right after its "with"
    holder = agent_before(view, view.start + deal.start())
    partner = re.match(r"\s+with\s+", view.text[deal.end() :])
    other = first_after(view, view.start + deal.end() + partner.end(), within=30) if partner else None
    if holder is None or other is None or holder.entity is other.entity:
        return []
    oriented = _oriented(holder.entity, other.entity)
    return [oriented] if oriented else []


def find_pairs(view: SentenceView) -> list[tuple[Entity, Entity | None]]:
    """(supplier, customer) pairs the sentence states; customer None when it is undisclosed."""
    if not view.orgs or not _has_battery_context(view) or _is_vehicle_order(view):
        return []
    refs = [*_pairs_from_passive(view), *_pairs_from_supply_verb(view)] or _pairs_from_source_verb(view)
    pairs: list[tuple[Entity, Entity | None]] = []
    for s, c in refs:
        pair = (s.entity, c.entity if c else None)
        if pair not in pairs and (c is None or not _downstream(s.entity, c.entity)):
            pairs.append(pair)
    return pairs or _pairs_from_deal_noun(view) or _pairs_from_roles(view) or _sole_supplier(view)


def _pairs_from_roles(view: SentenceView) -> list[tuple[Entity, Entity | None]]:
    """"X, a major supplier to Y", "Its battery customers include Y and Z": the nouns say who
    supplies whom."""
    pairs: list[tuple[Entity, Entity | None]] = []
    for match in _ROLE_NOUN.finditer(view.text):
        customer = first_after(view, view.start + match.end(), within=40)
        if customer is None:
            continue
        if match.group("noun"):
            supplier = nearest_before(view, view.start + match.start())
        else:
            supplier = view.orgs[0] if view.orgs and view.orgs[0].end <= view.start + match.start() else None
        if supplier is None:
            continue
        for ref in coordinated(view, customer):
            if ref.entity is not supplier.entity and not _downstream(supplier.entity, ref.entity):
                pairs.append((supplier.entity, ref.entity))
    return pairs


def _sole_supplier(view: SentenceView) -> list[tuple[Entity, Entity | None]]:
    """"X has terminated a long-term supply contract for cathode materials": a maker's supply deal
    with a customer the sentence does not name."""
    named = view.entities()
    if len(named) != 1 or not _SUPPLY_CONTRACT.search(view.text):
        return []
    if status_in(view.text, ("terminated", "mou", "signed")) is None:
        return []
    maker = named[0]
    if not _SUPPLIER_ROLES & set(maker.roles) or maker.rank is None or maker.rank > 2:
        return []
    materials = {str(p) for p in view.values("product")} & _RAW_PRODUCTS
    if materials and (maker.upstream or (9, 9))[1] > 1:  # a cell maker's lithium deal: it buys the lithium
        return []
    return [(maker, None)]


def _linked(view: SentenceView, supplier: Entity, customer: Entity | None) -> bool:
    named = set(view.entities())
    if customer is not None and {supplier, customer} <= named:
        return True
    if named - {supplier, customer}:
        return False
    return bool(_DEAL_ANAPHOR.search(view.text)) or (bool(named) and bool(SUPPLY_VERB.search(view.text)))


def _is_quote(view: SentenceView) -> bool:
    return view.text[:1] in "“\"‘"


def _plant_supplies(ctx: Context, index: int) -> list[tuple[Entity, Entity | None]]:
    """"A new gigafactory at Dunkirk will supply Renault Group": the plant's operator supplies, the
    plant being the last one the article has named."""
    view = ctx.sentences[index]
    match = _PLANT_SUPPLIES.search(view.text) if view.says("suppl") else None
    if match is None or any(r.end <= view.start + match.start("verb") for r in view.orgs if not r.anaphor):
        return []
    customer = first_after(view, view.start + match.end(), within=30)
    if customer is None:
        return []
    plants = named_plants(ctx)
    operators = [o for o, _, _, first in plants if first < index] or [o for o, _, _, first in plants if first == index]
    if not operators or operators[-1] is customer.entity:
        return []
    return [(operators[-1], customer.entity)]


def extract_supply(ctx: Context) -> list[Fact]:
    triggers: dict[tuple[str, str], list[int]] = {}
    parties: dict[tuple[str, str], tuple[Entity, Entity | None]] = {}
    for index, view in enumerate(ctx.sentences):
        if _is_quote(view):
            continue
        for supplier, customer in find_pairs(view) or _plant_supplies(ctx, index):
            key = (supplier.key, customer.key if customer else f"undisclosed@{index}")
            if (key[1], key[0]) not in parties:
                parties.setdefault(key, (supplier, customer))
                triggers.setdefault(key, []).append(index)
    # a contract whose customer goes unnamed, by a supplier with named customers here, is one of those
    named_customers = {s for s, c in parties.values() if c is not None}
    mentioned_in: dict[Entity, set[int]] = {}
    for index, view in enumerate(ctx.sentences):
        for entity in view.entities():
            mentioned_in.setdefault(entity, set()).add(index)
    facts = []
    for key, indices in triggers.items():
        supplier, customer = parties[key]
        said_undisclosed = any(_UNNAMED.search(ctx.sentences[i].text) for i in indices)
        if customer is None and supplier in named_customers and not said_undisclosed:
            continue
        chosen = set(indices)
        together = mentioned_in[supplier] & mentioned_in[customer] if customer is not None else set()
        near = {i for t in indices for i in range(t + 1, min(t + _LINK_WINDOW + 1, len(ctx.sentences)))}
        for index in sorted((together | near) - chosen):
            view = ctx.sentences[index]
            both = index in together and _has_battery_context(view)
            if not _is_quote(view) and (both or (index in near and _linked(view, supplier, customer))):
                chosen.add(index)
        views = [ctx.sentences[i] for i in sorted(chosen)]
        frame = Frame("supply_agreement")
        frame.fill("supplier", supplier.display_name())
        frame.fill("customer", customer.display_name() if customer else None)
        for view in views:
            frame.cite(view)
        fill_deal(frame, views, [ctx.sentences[i] for i in indices], supplier)
        facts.append(frame.to_fact(money_slot="value"))
    return facts
