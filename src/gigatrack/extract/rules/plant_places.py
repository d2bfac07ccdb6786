"""Where a plant is, from the places a sentence names around its plant noun.

"a plant in Glendale, Kentucky", "plants in Tennessee, USA and Sunderland, UK", "its Michigan
facility", "the Thuringia plant in Germany"; not where a company is based ("Grenoble-based Verkor"),
spoke ("a press conference in Seoul") or filed from ("BEIJING (Reuters)").
"""

from __future__ import annotations

import re

from gigatrack.extract.context import SentenceView
from gigatrack.model import Mention, Place

_NEAR = 120  # how far from the plant noun a place named with "in" may stand


def combine_places(a: Place, b: Place) -> Place | None:
    """One place from two named together ("Glendale" + "Kentucky"); None when their countries differ."""
    if a.country and b.country and a.country != b.country:
        return None
    return Place(city=a.city or b.city, region=a.region or b.region, country=a.country or b.country)


_PLACE_JOIN = re.compile(r",\s*|['’]s\s+|\s+in\s+(?:the\s+)?(?:[a-z]+\s+)?(?:(?:state|province|region)\s+of\s+)?|\s+")
_AND = re.compile(r"\s*,?\s+and\s+")


def _joined(view: SentenceView, mention: Mention) -> tuple[Place | None, Mention]:
    """The place at ``mention`` with the places joined to it, and the last mention it took in."""
    place = mention.value
    if not isinstance(place, Place):
        return None, mention
    places = view.of("place")
    last = mention
    for nxt in places[places.index(mention) + 1 :]:
        gap = view.text[view.local(last.end) : view.local(nxt.start)]
        if not isinstance(nxt.value, Place) or not _PLACE_JOIN.fullmatch(gap) or _in_org_name(view, nxt):
            break
        combined = combine_places(place, nxt.value)
        if combined is None:
            break
        place, last = combined, nxt
    return place, last


def merged_place(view: SentenceView, mention: Mention) -> Place | None:
    """A place with the places joined to it: "Glendale, Kentucky", "Germany’s Saarland", "Pohang in Korea"."""
    return _joined(view, mention)[0]


def listed_places(view: SentenceView, mention: Mention) -> list[Place]:
    """"in Tennessee, USA and Sunderland, UK": every place of the list that starts at ``mention``."""
    found: list[Place] = []
    place, last = _joined(view, mention)
    places = view.of("place")
    while place is not None:
        found.append(place)
        following = places[places.index(last) + 1 :]
        if not following or not _AND.fullmatch(view.text[view.local(last.end) : view.local(following[0].start)]):
            break
        place, last = _joined(view, following[0])
    return found


# "The plant is producing batteries for factories in Kentucky": a place after "for" is where the output goes
_OTHER_SITE = re.compile(r"\bfor\s+(?:[\w-]+\s+){0,2}?(?:factories|plants|facilities|customers|clients|automakers|"
                         r"carmakers)\b", re.I)
_IN_THE_COUNTRY = re.compile(r"\s+in\s+the\s+country\b")
_IN = re.compile(r"\b(?:in|at|near|(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+)?$")
_AFTER_PLANT = re.compile(
    r"\s+(?:(?:being\s+|to\s+be\s+|will\s+be\s+|is\s+to\s+be\s+)?(?:located|built|set\s+up|constructed|based|"
    r"planned|proposed)\s+)?"
    r"(?:in|at|near|of)\s+"
    r"(?:[\w’'-]+\s+){0,4}"
)


def place_before(view: SentenceView, places: list[Mention], start: int) -> Place | None:
    """"its Michigan facility", "the Thuringia plant": a place right before the plant noun."""
    for m in reversed(places):
        gap = view.text[view.local(m.end) : view.local(start)]
        if m.end <= start and re.fullmatch(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}", gap):
            return merged_place(view, m)
    return None


# "its Vittangi graphite anode plant in Sweden": a site name the gazetteer does not know, before the plant noun
_SITE_NAME = re.compile(r"(?:\b(?:[Ii]ts|[Tt]heir|[Tt]he)|['’]s)\s+(?P<site>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\s+"
                        r"(?:[a-z][\w-]*\s+){0,3}$")


def _site_name(view: SentenceView, noun_start: int, found: list[Place]) -> Place | None:
    """The town a plant is named after, when the sentence gives only its country."""
    site = _SITE_NAME.search(view.text[:noun_start])
    if site is None or len(found) != 1 or found[0].city or found[0].region:
        return None
    at = view.start + site.start("site")
    if any(m.start <= at < m.end for m in view.mentions):
        return None
    return Place(city=site.group("site"), region=None, country=found[0].country)


def _head_of(view: SentenceView, places: list[Mention], mention: Mention) -> Mention:
    """The first place of the name ``mention`` ends: "Sanand" for the "Gujarat" of "on Sanand in Gujarat"."""
    head = mention
    for before in reversed(places[: places.index(mention)]):
        gap = view.text[view.local(before.end) : view.local(head.start)]
        joined = isinstance(before.value, Place) and isinstance(head.value, Place) and _PLACE_JOIN.fullmatch(gap)
        if not joined or combine_places(before.value, head.value) is None:
            break
        head = before
    return head


def plant_places(view: SentenceView, noun: re.Match[str]) -> list[Place]:
    """Where the plants are: "plant in X", "plants in X and Y", "its X facility", or the one place
    the sentence names near the plant."""
    start, end = view.start + noun.start(), view.start + noun.end()
    places = [m for m in view.of("place") if not dateline(m, view) and not affiliation(view, m)]
    for m in places:
        gap = view.text[view.local(end) : view.local(m.start)]
        if m.start >= end and _AFTER_PLANT.fullmatch(gap):
            found = listed_places(view, m)
            named_before = place_before(view, places, start) or _site_name(view, noun.start(), found)
            if len(found) == 1 and named_before is not None and refines(found[0], named_before):
                return [named_before]
            return _finer_later(view, places, found)
    named_before = place_before(view, places, start)
    if named_before is not None:
        return [named_before]
    home = _IN_THE_COUNTRY.match(view.text[view.local(end) :])
    nationality = next((m.value for m in view.of("nationality")), None) if home else None
    if nationality:  # "Norwegian ... Vianode has opened a graphite anode plant in the country"
        return [Place(city=None, region=None, country=str(nationality))]
    located = [m for m in places if abs(m.start - start) <= _NEAR and _IN.search(view.text[: view.local(m.start)])
               and not _OTHER_SITE.search(view.text, noun.end(), max(noun.end(), view.local(m.start)))]
    merged = [p for m in located if (p := merged_place(view, _head_of(view, places, m))) is not None]
    if merged and all(same_place(merged[0], p) or refines(p, merged[0]) for p in merged):
        return merged[:1]
    return _host_government(view, places, start)


_BACK_REFERENCE = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w$.,-]+\s+){0,3}$", re.I)  # "the new facility"


def _finer_later(view: SentenceView, places: list[Mention], found: list[Place]) -> list[Place]:
    """"The first plant in Germany ... went into operation at BASF in Schwarzheide": the town the sentence
    names later in the one country found."""
    if len(found) != 1 or found[0].city or found[0].region:
        return found
    finer = [p for m in places if _IN.search(view.text[: view.local(m.start)])
             and (p := merged_place(view, m)) is not None and refines(found[0], p) and p.city]
    return finer[:1] if len(finer) == 1 else found


def _host_government(view: SentenceView, places: list[Mention], start: int) -> list[Place]:
    """"signs a contract with the Zhuhai government to build a 30GWh battery project", "an area in the
    municipality of Scarmagno ... Italvolt's gigafactory": a plant the sentence introduces is where the
    government that hosts it governs."""
    if _BACK_REFERENCE.search(view.text[: view.local(start)]):
        return []
    hosts = [m.value for m in places if isinstance(m.value, Place) and m.start < start and any(
        r.start <= m.start and m.end <= r.end and "government" in r.entity.roles for r in view.orgs)]
    return hosts[:1] if len(hosts) == 1 and (hosts[0].city or hosts[0].region) else []


def same_place(a: Place, b: Place) -> bool:
    """The same place at the same precision (a city is not the same place as its region)."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.city or b.city:
        return bool(a.city and b.city) and str(a.city).lower() == str(b.city).lower()
    if a.region or b.region:
        return bool(a.region and b.region) and str(a.region).lower() == str(b.region).lower()
    return True


def refines(general: Place, specific: Place) -> bool:
    """``specific`` is the same place as ``general`` or a more precise one in the same country."""
    if general.country != specific.country and general.country and specific.country:
        return False
    if general.city is None and general.region is None:
        return bool(specific.city or specific.region)
    if general.city is None and specific.region and general.region:
        return general.region.lower() == specific.region.lower()
    return False


def places_in(view: SentenceView) -> list[Place]:
    """The places a sentence names, not counting those inside an organisation's name ("Gunsan City")."""
    return [
        merged for m in view.of("place")
        if not dateline(m, view) and not affiliation(view, m) and not _in_org_name(view, m)
        and (merged := merged_place(view, m)) is not None
    ]


def _in_org_name(view: SentenceView, mention: Mention) -> bool:
    return any(r.start <= mention.start and mention.end <= r.end and not r.anaphor for r in view.orgs)


_BASED_MAKER = re.compile(
    r"-based\s+(?:[\w-]+\s+){0,3}?(?:company|firm|maker|manufacturer|producer|start-?up|group|supplier|developer|"
    r"miner|conglomerate|venture|JV|automaker|carmaker|[A-Z])",
)
_EVENT = re.compile(
    r"\b(?:conference|event|ceremony|forum|briefing|summit|exhibition|fair|show|trading|rose|fell|gained|dropped|"
    r"said|told|spoke|speaking|headquartered|headquarters)\b[^.;]*$",
    re.I,
)
_CREDIT = re.compile(r"\((?:[^)]*?\b)?(?:Reporting|Editing|Writing|reporting)\s+by\b[^)]*$")


def affiliation(view: SentenceView, mention: Mention) -> bool:
    """"Grenoble-based Verkor", "Korea's LG", "a press conference in Seoul", "shares rose in Seoul":
    where a company is from or spoke or trades, not where its plant is."""
    tail = view.text[view.local(mention.end) :]
    lead = view.text[max(0, view.local(mention.start) - 35) : view.local(mention.start)]
    if _BASED_MAKER.match(tail) or _EVENT.search(lead):
        return True
    owner = re.match(r"['’]s\s+", tail)
    return owner is not None and not any(m.start == mention.end + owner.end() for m in view.of("place"))


def dateline(mention: Mention, view: SentenceView) -> bool:
    """"BEIJING (Reuters) -", "(Reporting by Beijing newsroom)": where a story was filed from, not
    where a plant is."""
    if mention.text.isupper() and len(mention.text) > 3:
        return True
    return bool(_CREDIT.search(view.text[max(0, view.local(mention.start) - 60) : view.local(mention.start)]))
