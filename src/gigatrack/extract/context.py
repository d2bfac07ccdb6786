"""The annotated document as the rules see it: sentences, their mentions, and the entities.

An *entity* is one organisation however the article names it ("LG Energy Solution Ltd.",
"LGES", "the company"); each org mention carries the key of its entity, and the entity keeps
the fullest name the article uses, which is the name a fact reports.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gigatrack.extract.sentences import Sentence, split_sentences
from gigatrack.model import Evidence, Mention

UPSTREAM_RANK: dict[str, int] = {
    "mining": 0,
    "recycler": 1,
    "materials": 1,
    "component_maker": 2,
    "cell_maker": 2,
    "automaker": 3,
    "truck_maker": 3,
    "bus_maker": 3,
    "two_wheeler_maker": 3,
    "utility": 3,
    "energy_developer": 3,
}

_POSSESSIVE = re.compile(r"(?:['’]s?|\s*\([^)]*\))$")
_LEGAL_TAIL = re.compile(
    r",?\s+(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation|LLC|GmbH|AG|SE|S\.A\.|"
    r"plc|PLC|Pty\.?\s*Ltd\.?|Pte\.?\s*Ltd\.?)$"
)


@dataclass(slots=True, eq=False)
class Entity:
    """One organisation of the article, with every name it goes by there."""

    key: str
    name: str
    org_id: str | None
    country: str | None
    roles: tuple[str, ...]
    surfaces: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int | None:
        ranks = [UPSTREAM_RANK[r] for r in self.roles if r in UPSTREAM_RANK]
        return min(ranks) if ranks else None

    def display_name(self) -> str:
        """The fullest name the article writes (possessives and legal suffixes trimmed)."""
        best = self.name
        for surface in self.surfaces:
            clean = _LEGAL_TAIL.sub("", _POSSESSIVE.sub("", surface.strip()))
            if len(clean) > len(best) or (len(clean) == len(best) and best.isupper()):
                best = clean
        return best


@dataclass(frozen=True, slots=True)
class OrgRef:
    """An org mention (or a resolved anaphor) tied to its entity."""

    entity: Entity
    start: int
    end: int
    text: str
    anaphor: bool = False


@dataclass(slots=True)
class SentenceView:
    """A sentence with the mentions inside it, by kind, in text order."""

    sentence: Sentence
    mentions: list[Mention]
    orgs: list[OrgRef] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    def of(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    def first(self, kind: str) -> Mention | None:
        return next((m for m in self.mentions if m.kind == kind), None)

    def values(self, kind: str) -> list[Any]:
        return [m.value for m in self.mentions if m.kind == kind]

    def local(self, pos: int) -> int:
        """Offset in the document -> offset in this sentence."""
        return pos - self.sentence.start

    def entities(self) -> list[Entity]:
        seen: list[Entity] = []
        for ref in self.orgs:
            if ref.entity not in seen:
                seen.append(ref.entity)
        return seen

    def evidence(self) -> Evidence:
        return Evidence(self.sentence.text, self.sentence.start, self.sentence.end)


@dataclass(slots=True)
class Context:
    """Everything the rules need about one cleaned article."""

    text: str
    published: dt.date | None
    sentences: list[SentenceView]
    entities: dict[str, Entity]

    def window(self, index: int, before: int = 0, after: int = 0) -> Sequence[SentenceView]:
        return self.sentences[max(0, index - before) : index + after + 1]


def _entity_key(value: Any, surface: str) -> str:
    org_id = getattr(value, "org_id", None)
    if org_id:
        return f"id:{org_id}"
    name = getattr(value, "name", None) or surface
    return "name:" + re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _unify_unknown(entities: dict[str, Entity], key: str, name: str) -> str:
    """An unknown name that starts or ends another entity's name is that entity ("Kim Long" / "Kim Long Motor")."""
    words = name.lower().split()
    for other_key, other in entities.items():
        other_words = other.name.lower().split()
        if other_key == key or not words or not other_words:
            continue
        shorter, longer = sorted((words, other_words), key=len)
        if longer[: len(shorter)] == shorter or longer[-len(shorter) :] == shorter:
            return other_key
    return key


def build_context(text: str, mentions: Iterable[Mention], published: dt.date | None) -> Context:
    """Split into sentences, file the mentions under them and gather the organisations into entities."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    sentences = [SentenceView(s, []) for s in split_sentences(text)]
    starts = [s.start for s in sentences]
    entities: dict[str, Entity] = {}
    for mention in ordered:
        i = bisect_left(starts, mention.start + 1) - 1
        if i < 0 or mention.end > sentences[i].sentence.end:
            continue
        view = sentences[i]
        view.mentions.append(mention)
        if mention.kind != "org":
            continue
        value = mention.value
        key = _entity_key(value, mention.text)
        if key.startswith("name:") and key not in entities:
            key = _unify_unknown(entities, key, getattr(value, "name", mention.text))
        entity = entities.get(key)
        if entity is None:
            entity = Entity(
                key=key,
                name=getattr(value, "name", None) or mention.text,
                org_id=getattr(value, "org_id", None),
                country=getattr(value, "country", None),
                roles=tuple(getattr(value, "roles", ()) or ()),
            )
            entities[key] = entity
        entity.surfaces.append(mention.text)
        view.orgs.append(OrgRef(entity, mention.start, mention.end, mention.text))
    return Context(text, published, sentences, entities)
