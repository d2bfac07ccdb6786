"""Partnerships: joint ventures, MoUs, collaborations and licences that are not supply contracts.

The parties are the organisations joined by the partnership words: "A and B formed a joint
venture", "a joint venture between A and B", "A ... a partnership with B", "A-B joint venture",
or "the two parties" resolved to the last pair named. A sentence that states a supply deal
between the same pair is a supply agreement, not a partnership.
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView
from gigatrack.extract.rules.frame import Frame, status_in
from gigatrack.extract.rules.slots import coordinated, dates_of, first_after, nearest_before, place_in
from gigatrack.extract.rules.supply import find_pairs
from gigatrack.model import Fact

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("joint_venture", re.compile(r"\b(?:joint[- ]venture|JV)s?\b")),
    ("licensing", re.compile(r"\blicen[cs](?:e|es|ing)\b(?=[^.]{0,60}\btechnolog)", re.I)),
    ("mou", re.compile(r"\b(?:MoU|MOU|memorandum of understanding|letter of intent)\b")),
    ("collaboration", re.compile(
        r"\b(?:partnership|partner(?:ed|s)? with|collaborat\w+|cooperat\w+|co-operat\w+|alliance|"
        r"teamed up|team up|join(?:ed|s)? hands|jointly (?:develop|work|produce|build|invest)\w*)\b", re.I)),
)
_STATUSES = ("terminated", "rumored", "signed", "planned", "announced")
_SETUP = re.compile(r"\b(?:set up|formed|established|founded|created|launched|signed)\b", re.I)


def _parties(view: SentenceView, start: int, end: int) -> list[Entity]:
    """The organisations the partnership words at [start, end) join."""
    after = first_after(view, end, within=40)
    before = nearest_before(view, start)
    group: list[OrgRef] = []
    if after is not None and re.match(r"\s*(?:between|of|with|among)\s", view.text[view.local(end) :]):
        group = coordinated(view, after)
        if len(group) == 1 and before is not None:
            group = [before, after]
    elif before is not None:
        head = [r for r in view.orgs if r.end <= before.end]
        chain = [before]
        for ref in reversed(head[:-1]):
            gap = view.text[view.local(ref.end) : view.local(chain[0].start)]
            if re.fullmatch(r"\s*(?:,|,?\s*and|&|-|–)\s*", gap):
                chain.insert(0, ref)
            else:
                break
        group = chain
        if len(group) == 1 and after is not None:
            group = [before, after]
    entities: list[Entity] = []
    for ref in group:
        if ref.entity not in entities:
            entities.append(ref.entity)
    return entities


def extract_partnerships(ctx: Context) -> list[Fact]:
    frames: dict[frozenset[str], Frame] = {}
    for view in ctx.sentences:
        supplied = {frozenset((s.key, c.key)) for s, c in find_pairs(view)}
        for kind, pattern in _KINDS:
            match = pattern.search(view.text)
            if match is None:
                continue
            parties = _parties(view, view.start + match.start(), view.start + match.end())
            key = frozenset(e.key for e in parties)
            if len(parties) < 2 or key in supplied:
                break
            frame = frames.get(key)
            if frame is None:
                frame = frames[key] = Frame("partnership")
                frame.fill("parties", [p.display_name() for p in parties])
                frame.fill("kind", kind)
            frame.cite(view)
            if _SETUP.search(view.text):
                frame.fill("start", next((getattr(d, "iso", None) for d in view.values("date")), None))
            else:
                frame.fill("start", dates_of(view)[0])
            frame.fill("status", status_in(view.text, _STATUSES))
            place = place_in(view)
            if place is not None:
                frame.fill("location", place.to_json())
            break
    return [frame.to_fact(money_slot="value") for frame in frames.values()]
