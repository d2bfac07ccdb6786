"""The plants an article names, and which of its sentences speak of each.

A plant is named by a plant noun ("plant", "gigafactory", "production base") with a place
("in Rayong", "its Michigan facility"); its operator is the organisation that owns it
("LG Energy Solution's plant") or the subject that builds or runs it. A vehicle assembly plant
is not a battery plant: an automaker's plant counts only when battery words qualify it. Sentences
that follow and name the same place, "the plant" / "the factory", or the plant's town ("the
Marshall plant") speak of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView
from gigatrack.extract.coref import previous_subject
from gigatrack.extract.rules.plant_names import noun_phrase_product, plant_name
from gigatrack.extract.rules.plant_places import places_in, plant_places, refines, same_place
from gigatrack.extract.rules.slots import agent_before, first_after, in_oblique, nearest_before, subject_ref
from gigatrack.model import Place

_PLANT = re.compile(
    r"\b(?:giga[- ]?factor(?:y|ies)|factor(?:y|ies)|plants?|facilit(?:y|ies)|refiner(?:y|ies)|production\s+project|"
    r"production\s+(?:base|hub|lines?)|manufacturing\s+(?:hub|base)|sites?|complex|campus|"
    r"(?:battery|industrial)\s+project)\b",
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
    r"\b(?:the|this|that|its)\s+(?:new\s+|first\s+|second\s+|\d+-\d+\s+)?(?:(?-i:[A-Z]{2,5})\s+)?"
    r"(?:(?:battery|cell|cathode|anode|precursor|materials?|recycling|pack|assembly|lithium)\s+){0,3}"
    r"(?:plant|factory|gigafactory|facility|refinery|"
    r"site|production base|complex|project|joint venture|JV)\b",
    re.I,
)
CAPACITY_WORDS = re.compile(r"\b(?:capacity|capacities|output|produce|production|GWh|tons|tonnes)\b", re.I)
_BATTERY_PLANT = re.compile(r"\b(?:battery|cell|pack)\s+\w*\s*(?:assembly\s+)?(?:plant|factory|facility)", re.I)
_PLANT_CUES = ("plant", "factor", "facilit", "site", "complex", "campus", "project", "production", "manufacturing",
               "refiner")
_PUBLIC = frozenset({"government", "agency"})
_MAKERS = frozenset({"cell_maker", "materials", "mining", "recycler"})
_VEHICLE_MAKERS = frozenset({"automaker", "truck_maker", "bus_maker", "two_wheeler_maker"})
_LINK_WINDOW = 6
# "Without the aid, Northvolt would establish the plant in the United States": a plant that will not be
_COUNTERFACTUAL = re.compile(r"(?:Without|Otherwise|Absent|Had\s+it\s+not)\b[^.;]{0,60}?\bwould\b")
_DESTINATION = re.compile(r"\b(?:batter(?:y|ies)|cells|packs|modules)\s+(?:for|to)\s+(?:the\s+|its\s+|their\s+)?"
                          r"(?:[\w-]+\s+)?$", re.I)
_ANAPHOR_PRODUCTS = {"assembly": "packs", "pack": "packs", "cell": "cells", "cathode": "cathode", "anode": "anode",
                     "precursor": "precursor"}
_ANAPHOR_PRODUCT = re.compile(rf"\b(?:{'|'.join(_ANAPHOR_PRODUCTS)})\b", re.I)
_ONE_PLANT = re.compile(r"\b(?:giga[- ]?factory|factory|plant|facility)\b(?!\s+(?:in|at|near)\b)", re.I)
_TOWN_PLANT = re.compile(r"\b[Tt]he\s+(?P<town>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\s+(?:[a-z]+\s+){0,2}?"
                         r"(?:plant|factory|facility|site|gigafactory)\b")
_SITED = re.compile(r"\b(?:built|located|constructed|set\s+up|sited|based)\s+(?:in|at|near)\b")
_SUBJECT_WORDS = 6
# "Several other suppliers have announced ... plants near Jorf Lasfar": plants of companies the text does not name
_OTHERS_SUBJECT = re.compile(r"(?:several|other|many|some|various|a\s+number\s+of|more)\b", re.I)
_BUILT_BY = re.compile(r"\b(?:developed|built|operated|run|constructed|owned|managed)\s+by\s+(?:[\w-]+\s+){0,4}?$")
_HOSTED_AT = re.compile(r"\b(?:went|goes|came|comes)\s+(?:into\s+operation|on\s*stream|online)\s+at\s+|"
                        r"\b(?:built|operated|run|developed)\s+by\s+", re.I)
_COMPANY_PRONOUN = re.compile(r"(?i:it|the\s+(?:company|firm|group))")
_BUILDS = re.compile(
    r"\b(?:will|to|plans? to|is set to|has|have)\s+(?:\w+\s+)?(?:build|construct|set up|establish|invest|open|operate|"
    r"launch|expand|start|begin)",
    re.I,
)
_ITS = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,3}$", re.I)
_RELATIVE = re.compile(r",\s+(?:a|an|the)\s+[^,;]{0,60}?\b(?:that|which|who)\s+(?:is|was|has|will|plans)\b")


def _operator(view: SentenceView, noun: re.Match[str]) -> OrgRef | None:
    """The owner of the plant: "the Himeji Plant of X", a possessive right before it ("Samsung SDI's
    battery plant"), the sentence's subject for "its plant", else the subject of the clause (not an
    organisation in an appositive, nor one inside "with ...", "to ..." or "for ...": a partner or a
    customer)."""
    owner = re.match(r"\s+of\s+", view.text[noun.end() :])
    if owner:
        ref = first_after(view, view.start + noun.end() + owner.end(), within=2)
        if ref is not None:
            return ref
    noun_start = view.start + noun.start()
    ref = nearest_before(view, noun_start)
    if ref is None:  # "The first plant ... went into operation at BASF in Schwarzheide"
        host = _HOSTED_AT.search(view.text, noun.end())
        return first_after(view, view.start + host.end(), within=1) if host else None
    if _ITS.search(view.text[: noun.start()]):
        return next((r for r in view.orgs if r.end <= noun_start and not in_oblique(view, r)), ref)
    gap = view.text[view.local(ref.end) : view.local(noun_start)]
    if re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,4}", gap) or _RELATIVE.match(gap):
        return ref
    first = next((r for r in view.orgs if r.end <= noun_start and not in_oblique(view, r)
                  and not re.match(r"['’]s?\s", view.text[view.local(r.end) :])), None)  # not "Tata's unit X"
    if first is not None and _BUILDS.search(view.text[view.local(first.end) : noun.start()]):
        return first  # "X, a former unit of Y acquired by Z, will invest ... to build a plant"
    subject = subject_ref(view, noun.start())
    if subject is None or in_oblique(view, subject):
        return agent_before(view, noun_start)
    return subject


def _qualifies(view: SentenceView, noun: re.Match[str], operator: Entity) -> bool:
    if _VEHICLE_PLANT.search(view.text[max(0, noun.start() - 20) : noun.end()]):  # "a battery pack assembly plant"
        return any(m.end() == noun.end() for m in _BATTERY_PLANT.finditer(view.text, max(0, noun.start() - 40)))
    if _MAKERS & set(operator.roles) and not _VEHICLE_MAKERS & set(operator.roles):
        return True
    if operator.rank is not None and operator.rank <= 2:
        return bool(_BATTERY_WORDS.search(view.text))
    window = view.text[max(0, noun.start() - 40) : noun.end() + 40]
    return bool(_BATTERY_WORDS.search(window)) or bool(view.of("energy"))  # a capacity in GWh is a battery plant's


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A plant named in a sentence: whose, where, what its name says it makes, and its name."""

    operator: Entity | None
    place: Place
    product: str | None
    name: str | None


@dataclass(slots=True)
class Plant:
    operator: Entity | None
    place: Place
    views: list[SentenceView]
    named_product: str | None = None
    name: str | None = None
    first: int = 0


def _link(plant: Plant, view: SentenceView, follows: bool) -> bool:
    """Does this later sentence speak of the plant? Then it may refine its place. The sentence
    right after the plant's own may speak of it without naming anyone ("The initial capacity is
    ..."), and one that names the operator's plant without a place does ("Svolt's first cell
    factory will have ...")."""
    places = places_in(view)
    anaphor = _PLANT_ANAPHOR.search(view.text)
    said = _ANAPHOR_PRODUCT.search(anaphor.group(0)) if anaphor else None
    if said and plant.named_product not in (None, "batteries") and (
            _ANAPHOR_PRODUCTS[said.group(0).lower()] != plant.named_product):
        return False  # "The assembly facility" is not the cell plant
    if anaphor and _builder(view) is not None:
        return True
    # another organisation as the sentence's subject means another plant; one named later ("for the
    # future Renault R5", "The facility will produce Samsung SDI's cells") does not
    plant_subject = anaphor is not None and anaphor.start() == 0
    others = set() if plant_subject else {  # "The company is also building ..." about another company counts
        r.entity for r in view.orgs
        if (not r.anaphor or _COMPANY_PRONOUN.fullmatch(r.text)) and r.entity is not plant.operator
        and len(view.text[: view.local(r.start)].split()) <= 4
    }
    same = any(same_place(plant.place, p) for p in places)
    finer = [p for p in places if refines(plant.place, p)]
    if finer and not others and (anaphor or same):
        plant.place = finer[0]
        return True
    if same and not others:
        return True
    if anaphor and not others and places and all(refines(p, plant.place) for p in places):
        return True  # "the project ... with the Gujarat government" for a plant in Sanand, Gujarat
    if others or places:
        return False
    named = any(not r.anaphor for r in view.orgs)
    if follows and not named and CAPACITY_WORDS.search(view.text):
        return True
    if _PLANT.search(view.text) and plant.operator in view.entities():
        return True
    return anaphor is not None


def _main_maker(ctx: Context, index: int) -> Entity | None:
    """The maker the article has talked about most so far, for a plant told in the passive ("The new
    plant is planned to be constructed in Ivancsa") with no owner in its sentence or the one before."""
    counts: dict[Entity, int] = {}
    for view in ctx.sentences[:index]:
        for ref in view.orgs:
            counts[ref.entity] = counts.get(ref.entity, 0) + 1
    ranked = sorted(counts, key=lambda e: -counts[e])
    top = ranked[0] if ranked else None
    clear = top is not None and (len(ranked) == 1 or counts[top] >= 2 * counts[ranked[1]])
    return top if clear and top is not None and _MAKERS & set(top.roles) else None


def _triggers(ctx: Context, index: int) -> list[_Trigger]:
    """The plants the sentence names; a plant named without an owner belongs to the organisation
    the sentence before began with ("... with new plants planned in Hyogo")."""
    view = ctx.sentences[index]
    found: list[_Trigger] = []
    if not view.says(*_PLANT_CUES) or view.text[:1] in "“\"‘" or _COUNTERFACTUAL.match(view.text):
        return found
    for noun in _PLANT.finditer(view.text):
        if _DESTINATION.search(view.text, 0, noun.start()):
            continue  # "producing hybrid batteries for factories in Kentucky": where the output goes
        ref = _operator(view, noun)
        if ref is not None and _PUBLIC & set(ref.entity.roles):  # "Canada signed a deal with X to build a plant"
            ref = next((r for r in reversed(view.orgs) if ref.end <= r.start and r.end <= view.start + noun.start()
                        and not _PUBLIC & set(r.entity.roles)), None)
        product, name = noun_phrase_product(view, noun), plant_name(view, noun)
        for place in plant_places(view, noun):
            if ref is None:
                if _BATTERY_WORDS.search(view.text) and not _OTHERS_SUBJECT.match(view.text):
                    plant_first = len(view.text[: noun.start()].split()) <= _SUBJECT_WORDS  # "The new plant is ..."
                    owner = previous_subject(ctx, index, 7, anaphors=True) or (
                        _main_maker(ctx, index) if plant_first else None)
                    found.append(_Trigger(owner, place, product, name))
            elif _qualifies(view, noun, ref.entity):
                found.append(_Trigger(ref.entity, place, product, name))
    return found


def _built_elsewhere(plant: Plant, view: SentenceView) -> bool:
    """"The joint factory will be built near Ankara" of a plant told to be in Tennessee."""
    noun = _PLANT.search(view.text)
    sited = _SITED.search(view.text, noun.end()) if noun else None
    return sited is not None and any(
        not (same_place(plant.place, p) or refines(plant.place, p) or refines(p, plant.place)) for p in places_in(view)
    )


def _link_following(ctx: Context, index: int, plant: Plant) -> None:
    """Each sentence that names the plant opens a window of sentences that may speak of it; the window
    closes at a sentence about a plant somewhere else ("The joint factory will be built near Ankara")."""
    for i, view in enumerate(ctx.window(index, after=_LINK_WINDOW)[1:]):
        if view in plant.views:
            continue
        if _link(plant, view, follows=i == 0):
            plant.views.append(view)
        elif _built_elsewhere(plant, view):
            break


def _builder(view: SentenceView) -> Entity | None:
    """The organisation a sentence says builds or runs the plant: "... is being developed by X"."""
    for ref in view.orgs:
        if _BUILT_BY.search(view.text[: view.local(ref.start)]):
            return ref.entity
    return None


def _partners(ctx: Context, a: Entity | None, b: Entity | None) -> bool:
    return a is not None and b is not None and any({a, b} <= set(v.entities()) for v in ctx.sentences)


def unit_of(unit: Entity | None, group: Entity | None) -> bool:
    """"Tata's battery subsidiary Agratas" builds the plant a headline credits to Tata."""
    return unit is not None and group is not None and bool(group.org_id) and group.org_id in unit.lineage


def _same_plant(ctx: Context, plant: Plant, operator: Entity | None, place: Place) -> bool:
    if (plant.operator is operator or unit_of(plant.operator, operator) or unit_of(operator, plant.operator)) and (
        same_place(plant.place, place) or refines(plant.place, place) or refines(place, plant.place)
    ):
        return True
    specific = bool(place.city or place.region) and same_place(plant.place, place)
    return specific and (bool(place.city) or _partners(ctx, plant.operator, operator))


def plants(ctx: Context) -> list[Plant]:
    """The plants the article names, worked out once per article."""
    known = ctx.derived.get("plants")
    if known is None:
        known = ctx.derived["plants"] = _find_plants(ctx)
    return list(known)


def _find_plants(ctx: Context) -> list[Plant]:
    plants: list[Plant] = []
    for index, view in enumerate(ctx.sentences):
        for trigger in _triggers(ctx, index):
            same = next((p for p in plants if _same_plant(ctx, p, trigger.operator, trigger.place)
                         and not _distinct_products(p.named_product, trigger.product)), None)
            if same is not None:
                same.operator = trigger.operator if unit_of(trigger.operator, same.operator) else (
                    same.operator or trigger.operator)
                same.named_product = same.named_product or trigger.product
                same.name = same.name or trigger.name
                if refines(same.place, trigger.place):
                    same.place = trigger.place
                if view not in same.views:
                    same.views.append(view)
                _link_following(ctx, index, same)
                continue
            plant = Plant(trigger.operator, trigger.place, [view], trigger.product, trigger.name, index)
            _link_following(ctx, index, plant)
            builder = next((b for v in plant.views if (b := _builder(v)) is not None), None)
            plant.operator = builder or plant.operator
            plants.append(plant)
    _by_town(ctx, plants)
    _unplaced(ctx, plants)
    return [plant for plant in plants if plant.operator is not None and not _PUBLIC & set(plant.operator.roles)]


def _distinct_products(a: str | None, b: str | None) -> bool:
    """"an LFP cathode material plant and a lithium conversion plant in Morocco": two plants; a plain
    "battery plant" may be either."""
    return a is not None and b is not None and a != b and "batteries" not in (a, b)


def _unplaced(ctx: Context, plants: list[Plant]) -> None:
    """"Morrow Batteries has opened Europe’s first LFP gigafactory with an annual capacity of 1 GWh": a
    plant named without its place speaks of the one plant of that operator the article places."""
    for view in ctx.sentences:
        if not view.says("plant", "factor", "facilit"):
            continue
        for noun in _ONE_PLANT.finditer(view.text):
            ref = _operator(view, noun)
            own = [p for p in plants if ref is not None and p.operator is ref.entity]
            if len(own) == 1 and view not in own[0].views and not plant_places(view, noun) and not places_in(view):
                own[0].views.append(view)


def _by_town(ctx: Context, plants: list[Plant]) -> None:
    """"The Marshall plant will add 35 GWh": the sentence speaks of the plant in that town, wherever it
    stands in the article, and of no other plant."""
    for view in ctx.sentences if plants else ():
        town = _TOWN_PLANT.search(view.text) if view.says("plant", "factor", "facilit", "site") else None
        called = [p for p in plants if town and town.group("town") in (p.place.city, p.place.region)]
        if len(called) != 1:
            continue
        for plant in plants:
            if plant is called[0] and view not in plant.views:
                plant.views.append(view)
            elif plant is not called[0] and view in plant.views[1:]:
                plant.views.remove(view)


def named_plants(ctx: Context) -> list[tuple[Entity, str | None, Place, int]]:
    """(operator, name, place, index of the sentence that first names it) of each plant the article
    names; the name when it says what the plant is: "battery cell factory in Ha Tinh"."""
    return [(p.operator, p.name, p.place, p.first) for p in plants(ctx) if p.operator is not None]
