"""Coreference of the simple kinds news uses, resolved to the article's entities.

"the company", "the Japanese automaker", "the battery maker" -> the most recent organisation
that fits the description (nationality, kind of business); a sentence-initial "It" -> the
subject of the sentence before; "the two parties" / "the pair" -> the last two organisations
named together; "the government" -> the government the article has named. Each resolved anaphor
becomes an ``OrgRef`` with ``anaphor=True`` in its sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from gigatrack.extract.context import Context, Entity, OrgRef, SentenceView

_ROLE_WORDS: dict[str, frozenset[str]] = {
    "automaker": frozenset({"automaker", "truck_maker", "bus_maker", "two_wheeler_maker"}),
    "carmaker": frozenset({"automaker"}),
    "battery": frozenset({"cell_maker"}),
    "cell": frozenset({"cell_maker"}),
    "materials": frozenset({"materials", "mining", "recycler"}),
    "cathode": frozenset({"materials"}),
    "lithium": frozenset({"materials", "mining"}),
    "mining": frozenset({"mining"}),
    "miner": frozenset({"mining"}),
    "venture": frozenset({"jv"}),
    "jv": frozenset({"jv"}),
}

_DESCRIPTOR = re.compile(
    r"\b[Tt]he\s+(?P<desc>(?:[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?\s+)?(?:[a-zA-Z-]+\s+){0,2}?)"
    r"(?P<head>company|firm|group|automaker|carmaker|manufacturer|maker|producer|supplier|giant|"
    r"start-?up|conglomerate|miner|battery\s+maker|cell\s+maker|venture|joint\s+venture|JV|subsidiary|affiliate)\b(?!['’]s\s+(?:board|shares))"
)
_PAIR = re.compile(
    r"\b(?:[Tt]he\s+two\s+(?:companies|parties|firms|sides|groups|partners)|[Tt]he\s+pair|"
    r"[Bb]oth\s+(?:companies|parties|firms|sides)|"
    r"[Tt]he\s+two(?=\s+(?:have|had|will|would|set|formed|signed|agreed|plan|are|were|also|jointly)\b))\b"
)
_THE_GOVERNMENT = re.compile(r"\b[Tt]he\s+government\b(?!\s+of\b)")
_IT_SUBJECT = re.compile(r"^(?:It|Its|The\s+company)\b(?!\s+(?:is|was)\s+(?:said|reported|expected|estimated))")
_LOOKBACK = 3


def _fits(entity: Entity, desc: str, head: str, nationality: str | None) -> bool:
    if nationality and entity.country and entity.country != nationality:
        return False
    if {"government", "agency"} & set(entity.roles):
        return False
    words = set(re.findall(r"[a-z]+", (desc + " " + head).lower()))
    wanted: set[str] = set()
    for word, roles in _ROLE_WORDS.items():
        if word in words:
            wanted |= roles
    return not wanted or not entity.roles or bool(wanted & set(entity.roles))


def _weight(view: SentenceView, ref: OrgRef) -> int:
    """A sentence's subject (named in its first few words) counts double."""
    return 2 if len(view.text[: view.local(ref.start)].split()) <= 4 else 1


def _salience(prior: Counter[Entity], view: SentenceView, before: int) -> Counter[Entity]:
    """How much the article has talked about each organisation up to ``before`` (anaphors
    included): ``prior`` holds the sentences before this one."""
    counts = prior.copy()
    for ref in view.orgs:
        if ref.end <= before:
            counts[ref.entity] += _weight(view, ref)
    return counts


def _recent(ctx: Context, index: int, before: int, prior: Counter[Entity]) -> list[Entity]:
    """Candidates: the organisations of the last few sentences (and of the current one before
    ``before``) and the article's most talked-about one, the most talked-about first."""
    window = ctx.sentences[max(0, index - _LOOKBACK) : index]
    refs = [r for view in window for r in view.orgs]
    refs += [r for r in ctx.sentences[index].orgs if r.end <= before]
    salience = _salience(prior, ctx.sentences[index], before)
    order: list[Entity] = []
    for entity in [*(r.entity for r in reversed(refs)), *(e for e, _ in salience.most_common(1))]:
        if entity not in order:
            order.append(entity)
    return sorted(order, key=lambda e: -salience[e])


def previous_subject(ctx: Context, index: int, lead_words: int = 3, anaphors: bool = False) -> Entity | None:
    """The organisation that the sentence before begins with (within its first ``lead_words`` words);
    with ``anaphors``, also one it begins with as "It" or "The company"."""
    if index == 0:
        return None
    view = ctx.sentences[index - 1]
    named = [r for r in view.orgs if anaphors or not r.anaphor]
    if named and len(view.text[: view.local(named[0].start)].split()) <= lead_words:
        return named[0].entity
    return None


def _last_pair(ctx: Context, index: int) -> list[Entity]:
    """The last two organisations named together; none when the sentence that names them names
    more (which two would be a guess)."""
    for view in reversed(ctx.sentences[max(0, index - _LOOKBACK) : index + 1]):
        named = view.entities()
        if len(named) >= 2:
            return named if len(named) == 2 else []
    return []


def _nationality_in(view: SentenceView, start: int, end: int) -> str | None:
    for m in view.mentions:
        if m.kind == "nationality" and start <= m.start and m.end <= end:
            return str(m.value)
    return None


def _names_follow(view: SentenceView, end: int) -> bool:
    """"The Sino-Japanese company Automotive Energy Supply Corporation": a description of the name
    that follows, not a reference back."""
    return any(not r.anaphor and end <= r.start <= end + 2 for r in view.orgs)


def _appositive_to(view: SentenceView, start: int) -> Entity | None:
    """The organisation named right before ", the ..." (or "X is the ...") that the description describes."""
    for ref in view.orgs:
        gap = view.text[view.local(ref.end) : view.local(start)] if ref.end <= start else ""
        if not ref.anaphor and re.fullmatch(r",\s*|\s+(?:is|was|remains|became)\s+", gap):
            return ref.entity
    return None


def _inside_named_org(view: SentenceView, start: int, end: int) -> bool:
    return any(r.start < end and start < r.end for r in view.orgs)


def resolve_anaphora(ctx: Context) -> None:
    """Add the resolved anaphors of every sentence to its ``orgs``, in text order."""
    prior: Counter[Entity] = Counter()
    for index, view in enumerate(ctx.sentences):
        found: list[OrgRef] = []
        base = view.start
        it = _IT_SUBJECT.match(view.text)
        chained = previous_subject(ctx, index, anaphors=True) if it and it.group(0) != "Its" else None
        if it and chained is not None:  # "The company plans ... The company is also building ...": the same one
            found.append(OrgRef(chained, base, base + it.end(), it.group(0), anaphor=True))
        for match in _DESCRIPTOR.finditer(view.text):
            start, end = base + match.start(), base + match.end()
            if _inside_named_org(view, start, end) or _names_follow(view, end) or any(r.start == start for r in found):
                continue
            nationality = _nationality_in(view, start, end)
            named = _appositive_to(view, start)
            if named is not None:  # "Koc, the largest conglomerate in Turkey": Koc itself
                if _fits(named, match.group("desc"), match.group("head"), nationality):
                    found.append(OrgRef(named, start, end, match.group(0), anaphor=True))
                continue
            for entity in _recent(ctx, index, start, prior):
                if _fits(entity, match.group("desc"), match.group("head"), nationality):
                    found.append(OrgRef(entity, start, end, match.group(0), anaphor=True))
                    break
        for match in _THE_GOVERNMENT.finditer(view.text) if view.says("government") else ():
            start, end = base + match.start(), base + match.end()
            governments = [e for e in prior if "government" in e.roles]
            if governments and not _inside_named_org(view, start, end):  # "The government is supporting ..."
                found.append(OrgRef(max(governments, key=lambda e: prior[e]), start, end, match.group(0), anaphor=True))
        for match in _PAIR.finditer(view.text) if view.says("two", "pair", "both") else ():
            start, end = base + match.start(), base + match.end()
            for entity in _last_pair(ctx, index):
                found.append(OrgRef(entity, start, end, match.group(0), anaphor=True))
        if it and not any(r.start == base for r in found):
            subject = previous_subject(ctx, index)
            if subject is None and it.group(0) == "Its":
                subject = next(iter(_recent(ctx, index, base, prior)), None)
            if subject is not None:
                found.append(OrgRef(subject, base, base + it.end(), it.group(0), anaphor=True))
        if found:
            view.orgs = sorted([*view.orgs, *found], key=lambda r: (r.start, r.end))
        for ref in view.orgs:
            prior[ref.entity] += _weight(view, ref)
