"""Partnerships: joint ventures, MoUs, collaborations and licences that are not supply contracts.

The parties are the organisations joined by the partnership words: "A and B formed a joint
venture", "a joint venture between A and B", "A ... a partnership with B", "A-B joint venture",
or "the two parties" resolved to the last pair named. A sentence that states a supply deal
between the same pair is a supply agreement, not a partnership.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView
from gigatrack.extract.rules.counted import spelled_number
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.order_statements import read_order
from gigatrack.extract.rules.plant_names import price_tags
from gigatrack.extract.rules.plant_places import refines
from gigatrack.extract.rules.plants import named_plants
from gigatrack.extract.rules.slots import (
    agent_before,
    coordinated,
    coordinated_before,
    first_after,
    in_oblique,
    money_of,
    nearest_before,
)
from gigatrack.extract.rules.supply import find_pairs
from gigatrack.model import Fact, Place

_COLLABORATION_PHRASES = (
    r"partnership", r"partner(?:ed|s|ing)? with", r"collaborat\w+", r"cooperat\w+", r"co-operat\w+", r"alliance",
    r"team(?:ed|ing|s)? up", r"join(?:ed|s)? hands", r"jointly (?:develop|work|produce|build|invest)\w*",
    r"(?:is|are|was|were|been|be)\s+(?:also\s+|now\s+|already\s+)?working\s+with",
    r"(?:agreed|agrees?|plans?|will)\s+to\s+work\s+together",
    # "is building two battery plants in Kentucky with Korean partner SK On"
    r"(?:build|develop|set\s+up|establish|construct)(?:s|es|ing)?\s+(?:an?|the|its|two|three|\d+)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:plants?|factory|facility|gigafactory|hub|centre|center)"
    r"(?:\s+in\s+[A-Z][\w-]*(?:\s+(?:and\s+one\s+in\s+)?[A-Z][\w-]*)?)?"
    r"\s+(?:together\s+)?with(?=\s+(?:the\s+|its\s+)?(?:(?-i:[a-z])[\w-]*\s+){0,3}(?-i:[A-Z]))",
    r"(?:sign(?:ed|s|ing)?|announced|reached|entered\s+into)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?agreement\s+with",
    r"(?:sign|finali[sz]|reach|conclud|ink)\w*\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?agreement(?=\s+"
    r"(?:for\s+(?-i:[A-Z])[\w&-]*(?:\s+(?-i:[A-Z])[\w&-]*)?\s+)?to\s+(?:jointly\s+)?"
    r"(?:build|develop|produce|establish|set up|form|create|cooperate|collaborate|invest|boost|advance|"
    r"accelerate|promote|explore|expand)\b)",
    r"(?:signed|inked|struck)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:deal|pact)\s+(?:with\s+[^,.;]{1,40}?\s+)?"
    r"(?:focused|on|to\s+(?:jointly|work|cooperate|develop|build))",
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mou", re.compile(r"\b(?:MoU|MOU|memorandum of understanding|letter of intent)\b")),
    ("joint_venture", re.compile(
        r"\b(?:joint[- ]venture|JV|consortium)s?\b|\bjoint\s+(?:[\w-]+\s+){0,5}?(?:facility|plant|factory|company)\b")),
    ("licensing", re.compile(
        r"\blicen[cs](?:e|es|ing)\b(?=[^.]{0,60}\btechnolog)|\blicen[cs]ing\s+(?:agreement|deal|pact)|"
        r"\brights?\s+to\s+(?:use|manufacture|produce|make)\b(?=[^.]{0,40}\btechnolog)", re.I)),
    ("collaboration", re.compile(rf"\b(?:{'|'.join(_COLLABORATION_PHRASES)})\b", re.I)),
    # "Hyundai and LG Energy Solution will build a $4.3 billion battery plant": only with two builders
    ("joint_build", re.compile(
        r"\b(?:will|to|plans?\s+to|would)\s+(?:jointly\s+)?(?:build|construct|set\s+up|establish)\s+(?:an?|the)\s+"
        r"(?:[\w$.,-]+\s+){0,6}?(?:plant|factory|facility|gigafactory)\b", re.I)),
)
_STATUSES = ("terminated", "rumored", "signed", "announced")
_PURPOSE = re.compile(
    r"^[^.;]{0,60}?\b(?:(?:to|will)\s+(?:jointly\s+)?(?P<purpose>(?:develop|produce|build|establish|manufacture|make|"
    r"supply|create|set up|introduce|expand|explore|work on|cooperate on|collaborate on|research|construct|"
    r"operate|promote|accelerate|pursue|recycle|commercialise|commercialize|mass[- ]produce)\b"
    r"(?:[^,.;“”()]|(?<=\d)[.,](?=\d)|\([^()]{1,12}\)){4,90})|"
    r"(?:for|on)\s+(?:the\s+|a\s+|an\s+)?(?P<object>(?:[\w-]+\s+){0,5}?(?:plants?|factor(?:y|ies)|facilit(?:y|ies)|"
    r"production|base|business|batter(?:y|ies)|cells?|materials?|technolog(?:y|ies)|recycling)\b[^,.;“”()]{0,40}))"
)
_TOPIC = re.compile(
    r"^\s+(?:together\s+)?(?:with\s+(?:[\w&.-]+\s+){1,4}?)?(?:on|in)\s+(?P<topic>(?:the\s+)?[a-z][\w-]*"
    r"(?:\s+(?!since\b|from\b|until\b|by\b|and\s+will\b)[\w’'-]+){0,9})(?=\s+(?:since|from|until|by)\b|[,.;]|$)"
)
_UNDER_WAY = re.compile(
    r"\b(?:will|plans?\s+to|planning\s+to|approved\s+plans?|(?:is|are)\s+(?:now\s+)?(?:working|teaming|partnering)|"
    r"said\s+(?:they|it)\s+(?:were|was|would|will))\b", re.I
)
# "build a copper factory for a total cost of $450 million": what it is for, not what it costs
_IN_OR_TO = re.compile(r"\bin\s+$|\b(?:introduce|bring|take|expand|launch)\w*\b[^.;]{0,50}\b(?:to|into)\s+$", re.I)
_JV_SITE = re.compile(r"\s*(?P<site>(?:factory|plant|facility)\s+in\s+(?-i:[A-Z])[\w-]*)", re.I)
_PRICE_TAIL = re.compile(r"\s+(?:for\s+(?:a|an|the)\s+(?:total\s+)?(?:cost|price|investment|sum|value)|worth|valued|"
                         r"at\s+a\s+(?:total\s+)?cost)\b.*$", re.I)
_LICENSED = re.compile(r"[^,.;]+")  # what a licence grants, up to the clause's end
_CUES = ("venture", "jv", "licen", "mou", "memorandum", "letter of intent", "partner", "collaborat", "cooperat",
         "co-operat", "alliance", "team", "hands", "jointly", "working with", "agreement", "joint", "together", "deal",
         "pact", "consortium", "build", "construct", "establish", "set up", "rights to")
_PARTNERSHIP_ANAPHOR = re.compile(
    r"^(?:[^.]{0,40}?\b)?(?:[Tt]he|[Tt]his|[Tt]heir)\s+(?:new\s+|\d+-\d+\s+|(?:[a-z][\w-]*\s+){0,2}?)(?:joint\s+venture|JV|venture|"
    r"partnership|alliance|two\s+(?:companies|partners|firms))\b"
)
_THE_JV = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]heir)\s+(?:new\s+|\d+-\d+\s+)?(?:joint\s+venture|JV)\b")
_WORTH = re.compile(r"\b(?:worth|valued|invest\w*)\b", re.I)
_FOLLOW_UP = 3
_PLANT_BEFORE = 1
_MOU = re.compile(r"\b(?:MoU|MOU|memorandum)\b")
_SUPPLY_TALK = re.compile(r"\bsuppl(?:y|ies|ying)\b", re.I)
_APPOSITIVE_JV = re.compile(r",\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,3}")  # "set up X, a joint venture"
_WITH_BEFORE = re.compile(r"\bwith\s+(?:[\w’'-]+\s+){0,4}$")
_SETUP = re.compile(r"\b(?:set up|formed|established|founded|created|launched|entered|entering|signed|inked|struck|"
                    r"began operations)\b", re.I)
_SET_UP_BEFORE = re.compile(r"\b(?:established|founded|set\s+up|formed|created)\s+(?:in\s+)?$", re.I)
_YEARS_OLD = re.compile(
    r"\b(?P<n>\w+)-year-old\s+(?:partnership|joint\s+venture|alliance|collaboration|relationship)\b", re.I
)


def _listed_after(view: SentenceView, pos: int) -> list[OrgRef]:
    """"between A and B" / "of A, B and C": A, then the organisations joined to it, or else the first
    organisation after the next "and" (so appositives like "A, a unit of X, and B" give A and B)."""
    first = first_after(view, pos, within=100)
    if first is None:
        return []
    group = coordinated(view, first)
    if len(group) > 1:
        return group
    joined = re.search(r"\band\b", view.text[view.local(first.end) : view.local(first.end) + 60])
    if joined:
        second = first_after(view, first.end + joined.end(), within=60)
        if second is not None:
            return [first, *coordinated(view, second)]
    return group


def _parties(view: SentenceView, start: int, end: int) -> list[Entity]:
    """The organisations the partnership words at [start, end) join."""
    tail = view.text[view.local(end) :]
    before = nearest_before(view, start)
    group: list[OrgRef] = []
    if re.match(r"\s*(?:between|of|among|formed\s+by|comprising)\s", tail):
        group = _listed_after(view, end)
    elif before is not None:
        group = coordinated_before(view, before, loose=True)
    appositive = _APPOSITIVE_JV.fullmatch(view.text[view.local(group[0].end) : view.local(start)]) if group else None
    if len(group) == 1 and appositive and not re.match(r"\s*with\s", tail):
        outer = nearest_before(view, group[0].start)
        group = coordinated_before(view, outer, loose=True) if outer is not None else group
    ends_with = re.search(r"\bwith\s*$", view.text[view.local(start) : view.local(end)])
    partners = first_after(view, end, within=60) if ends_with and len(group) > 1 else None
    if partners is not None:  # "A and B announced an agreement with C"
        group = [*group, *_listed_after(view, partners.start)]
    if len(group) == 1:
        partner = None if ends_with else re.search(r"\b(?:with|from)\s", tail[:100])
        after = first_after(view, end + (partner.end() if partner else 0), within=60) if ends_with or partner else None
        between = view.text[view.local(group[0].end) : view.local(end)]  # "signed a deal with Tanger Tech to build"
        earlier = re.search(r"\bwith\s", between)
        if after is None and earlier is not None:
            after = first_after(view, group[0].end + earlier.end(), within=60)
        if after is not None and after.entity is not group[0].entity:
            group = [*group, *_listed_after(view, after.start)]
        elif _WITH_BEFORE.search(view.text[: view.local(group[0].start)]):
            subject = agent_before(view, group[0].start)
            if subject is not None and subject.entity is not group[0].entity:
                group = [subject, *group]
    if len(group) > 1 and _WITH_BEFORE.search(view.text[: view.local(group[0].start)]):
        subject = agent_before(view, group[0].start)  # "it signed an MOU with Ford and Koc to form a JV"
        group = [subject, *group] if subject is not None and subject not in group else group
    entities: list[Entity] = []
    for ref in group:
        if ref.entity not in entities:
            entities.append(ref.entity)
    if len(entities) > 2:
        entities = [e for e in entities if "jv" not in e.roles] or entities
    return entities


def _builders(view: SentenceView, verb: int) -> list[Entity]:
    """The organisations joined as the subject of "A and B will build a plant" (none for one builder)."""
    last = nearest_before(view, verb)
    if last is None or len(view.text[view.local(last.end) : view.local(verb)].split()) > 6:
        return []
    group = coordinated_before(view, last, loose=True)
    if in_oblique(view, group[0]):
        return []
    entities: list[Entity] = []
    for ref in group:
        if ref.entity not in entities:
            entities.append(ref.entity)
    return entities if len(entities) > 1 else []


def _purpose(view: SentenceView, end: int) -> str | None:
    """What the partnership is for: the "to ..." / "for ..." / "on ..." phrase after its words, or the
    topic worked on ("jointly work on the electrification push", "collaborating with CATL in cell to pack
    technology")."""
    rest = view.text[view.local(end) :]
    topic = _TOPIC.match(rest)
    at, stop = end + topic.start("topic") if topic else 0, end + topic.end("topic") if topic else 0
    if topic is not None and not any(m.kind in ("place", "org") and at <= m.start < stop for m in view.mentions):
        return topic.group("topic").strip()
    match = _PURPOSE.search(rest)
    return _PRICE_TAIL.sub("", (match.group("purpose") or match.group("object")).strip()) if match else None


def _supply_pairs(ctx: Context) -> set[frozenset[str]]:
    """Pairs whose MoU the article says is about supply ("The MoU covers supply of NCM cells")."""
    return {
        frozenset((s.key, c.key))
        for view in ctx.sentences if _MOU.search(view.text) and _SUPPLY_TALK.search(view.text)
        for s, c in find_pairs(view) if c is not None
    }


def _ordered(view: SentenceView, parties: list[Entity]) -> bool:
    """"Tata Motors has signed an agreement with BluSmart to deliver 10,000 EVs": an order, not a partnership."""
    draft = read_order(view)
    names = {p.display_name() for p in parties}
    return draft is not None and {draft.buyer, draft.seller} == names


def _same_group(parties: list[Entity]) -> bool:
    """A group working with its own unit ("Hyundai Mobis" and "Hyundai Motor Group") is no partnership."""
    return any(a.org_id and a.org_id in b.lineage for a in parties for b in parties)


def _founded(view: SentenceView, published: dt.date | None) -> str | None:
    """When a partnership was set up: "In 2021, the two set up ...", "founded in 1987", "has been
    collaborating ... since 2021", "their four-year-old partnership"."""
    since = next((d for d in view.values("date") if getattr(d, "relation", None) == "since"), None)
    if since is not None and getattr(since, "iso", None):
        return str(since.iso)
    old = _YEARS_OLD.search(view.text)
    years = spelled_number(old.group("n")) if old else None
    if years and published is not None:
        return str(published.year - years)
    if not _SETUP.search(view.text):
        return None
    for date in view.values("date"):
        if getattr(date, "relation", None) in ("in", "since", None) and getattr(date, "iso", None):
            return str(date.iso)
    return None


def _based(view: SentenceView, start: int) -> Place | None:
    """"a Japanese-based joint venture": the venture's country."""
    for mention in view.of("nationality", "place"):
        gap = view.text[view.local(mention.end) : view.local(start)] if mention.end <= start else ""
        if re.fullmatch(r"-based\s+", gap):
            value = mention.value
            return value if isinstance(value, Place) else Place(None, None, str(value))
    return None


def _set_up_in(view: SentenceView) -> str | None:
    """"Established in July 2022, the equally owned joint venture ...", "The venture, founded in 1987, ...":
    the date right after the words that set it up."""
    for date in view.of("date"):
        if _SET_UP_BEFORE.search(view.text[: view.local(date.start)]) and getattr(date.value, "iso", None):
            return str(date.value.iso)
    return None


def _located(view: SentenceView, after: int) -> Place | None:
    """Where the partnership works: a place "in ..." after its words (or what it brings "to India"), not a
    company's nationality."""
    for mention in view.of("place"):
        lead = view.text[max(0, view.local(after)) : view.local(mention.start)]
        tail = view.text[view.local(mention.end) : view.local(mention.end) + 7]
        if mention.start >= after and _IN_OR_TO.search(lead) and not re.match(r"['’]s|-based", tail):
            return mention.value if isinstance(mention.value, Place) else None
    return None


def _follow_up(frame: Frame, parties: set[Entity], view: SentenceView, published: dt.date | None) -> None:
    """A later sentence about the same partnership ("The joint venture will invest $5 billion to build
    a plant in Bartow County, Georgia") adds where it works and what it is worth."""
    anaphor = _PARTNERSHIP_ANAPHOR.search(view.text)
    if anaphor is None or {r.entity for r in view.orgs if not r.anaphor} - parties:
        return  # another company named: another deal
    frame.cite(view)
    if frame.slots.get("kind") == "collaboration" and _THE_JV.search(view.text):
        frame.slots["kind"] = "joint_venture"  # "The 50-50 joint venture ... will start production in 2024"
    place = _located(view, view.start + anaphor.end())
    if place is not None:
        frame.fill("location", place.to_json())
    frame.fill("start", _set_up_in(view))
    frame.add_money(money_of(view))


def _fill(frame: Frame, view: SentenceView, kind: str, match: re.Match[str], published: dt.date | None) -> None:
    frame.cite(view)
    frame.fill("start", _founded(view, published))
    frame.fill("status", "mou" if kind == "mou" else status_in(view.text, _STATUSES))
    if _UNDER_WAY.search(view.text, max(0, match.start() - 60), match.end()):  # "will partner", "is working with"
        frame.fill("status", "announced")
    noun = re.search(r"(?:factory|plant|facility)$", match.group(0), re.I)
    site = _JV_SITE.match(noun.group(0) + view.text[match.end() :] if noun else view.text[match.end() :])
    if kind == "joint_venture" and site:  # "expand a joint venture factory in Ningde": the factory in Ningde
        frame.fill("purpose", site.group("site"))
    verb = re.search(r"\bto\s+(?:jointly\s+)?\w+$", match.group(0))  # "signed a deal with X to build": from "to"
    frame.fill("purpose", _purpose(view, view.start + (match.start() + verb.start() - 1 if verb else match.end())))
    place = _located(view, view.start + match.end()) or _based(view, view.start + match.start())
    if place is not None:
        frame.fill("location", place.to_json())
    if kind == "joint_venture" or _WORTH.search(view.text):
        frame.add_money(money_of(view))
    frame.add_money(price_tags(view))  # "will jointly build a $1.1 billion battery plant"


def _partners_plant(ctx: Context, frames: Iterable[tuple[Frame, set[Entity], int]]) -> None:
    """A partnership is for the plant one of its partners (or their joint venture) builds, named near
    it ("a joint venture ... The JV will build a battery cell plant in Ohio"): the plant is its purpose
    when it states none, and the plant's place is where it works when it names no finer one."""
    plants = named_plants(ctx)
    for frame, members, first in frames:
        ids = {m.org_id for m in members if m.org_id}
        for operator, name, place, index in plants:
            near = first - _PLANT_BEFORE <= index <= first + _FOLLOW_UP
            if near and (operator in members or ids & set(operator.lineage)):
                frame.fill("purpose", name)
                stated = frame.slots.get("location")
                if index <= first + 1 and (stated is None or refines(Place(**stated), place)):
                    frame.slots["location"] = place.to_json()
                break


def _licensor(view: SentenceView, end: int, licensee: Entity) -> list[Entity]:
    """"the rights to use SVOLT’s technology": the company whose technology it is."""
    owner = first_after(view, end, within=20)
    if owner is None or owner.entity is licensee or not re.match(r"['’]s?\s", view.text[view.local(owner.end) :]):
        return []
    return [owner.entity]


def extract_partnerships(ctx: Context) -> list[Fact]:
    """Partnerships; an MoU that the article says is about supply is a supply deal, not a partnership."""
    frames: dict[frozenset[str], tuple[Frame, set[Entity], int]] = {}
    supplying = _supply_pairs(ctx)
    for index, view in enumerate(ctx.sentences):
        if not view.says(*_CUES) or view.text[:1] in "“\"‘":  # quoted praise is no partnership news
            continue
        supplied = {frozenset((s.key, c.key)) for s, c in find_pairs(view) if c is not None}
        for kind, pattern in _KINDS:
            match = pattern.search(view.text)
            if match is None:
                continue
            if kind == "joint_build":
                parties, kind = _builders(view, view.start + match.start()), "collaboration"
            else:
                parties = _parties(view, view.start + match.start(), view.start + match.end())
            if kind == "licensing" and len(parties) == 1:
                parties += _licensor(view, view.start + match.end(), parties[0])
            key = frozenset(e.key for e in parties)
            agreement = kind == "mou" or "agreement" in match.group(0).lower()
            if len(parties) < 2 or (agreement and (key in supplied or _ordered(view, parties))) or _same_group(parties):
                break
            if key not in frames:
                frame = Frame("partnership")
                frame.fill("parties", [p.display_name() for p in parties])
                frame.fill("kind", kind)
                frames[key] = (frame, set(parties), index)
            elif kind == "licensing" and frames[key][0].slots.get("kind") == "collaboration":
                frames[key][0].slots["kind"] = kind  # "a partnership with SVOLT ... the rights to use its technology"
            granted = _LICENSED.match(view.text, match.start()) if kind == "licensing" else None
            if granted is not None:
                frames[key][0].fill("purpose", granted.group(0))
            _fill(frames[key][0], view, kind, match, ctx.published)
            break
    for frame, members, first in frames.values():
        for later in ctx.window(first, after=_FOLLOW_UP)[1:]:
            _follow_up(frame, members, later, ctx.published)
    _partners_plant(ctx, frames.values())
    return [
        frame.to_fact(money_slot="value")
        for key, (frame, _, _) in frames.items()
        if not (frame.slots.get("kind") == "mou" and key in supplying)
    ]
