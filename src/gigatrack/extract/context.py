"""The annotated document as the rules see it: sentences, their mentions, and the entities.

An *entity* is one organisation however the article names it ("LG Energy Solution Ltd.",
"LGES", "the company"); each org mention carries the key of its entity, and the entity keeps
the fullest name the article uses, which is the name a fact reports.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gigatrack.annotate.places import place_of
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

_CONTINENTS = frozenset({"North America", "South America", "Latin America", "Europe", "Asia", "Asia Pacific", "Africa"})
_POSSESSIVE = re.compile(r"(?:['’]s?|\s*\([^)]*\))$")
_LEGAL_TAIL = re.compile(
    r",?\s+(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation|LLC|GmbH|AG|SE|S\.A\.|"
    r"plc|PLC|Pty\.?\s*Ltd\.?|Pte\.?\s*Ltd\.?|N\.V\.|NV|B\.V\.|BV|S\.p\.A\.|SpA|Tbk|JSC|PCL|ASA|Oyj|K\.K\.|"
    r"Sdn\.?\s*Bhd\.?)$"
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
    lineage: tuple[str, ...] = ()  # registry ids of its parent groups, nearest first

    @property
    def rank(self) -> int | None:
        """Place in the supply chain of the organisation's main business (its first ranked role)."""
        return next((UPSTREAM_RANK[r] for r in self.roles if r in UPSTREAM_RANK), None)

    @property
    def upstream(self) -> tuple[int, int] | None:
        """(main rank, most upstream rank): orders two suppliers that share a main business."""
        ranks = [UPSTREAM_RANK[r] for r in self.roles if r in UPSTREAM_RANK]
        return (ranks[0], min(ranks)) if ranks else None

    def display_name(self) -> str:
        """The fullest name the article writes (possessives and legal suffixes trimmed); the
        registry's name only when the article never names it outright."""
        names = {_LEGAL_TAIL.sub("", _POSSESSIVE.sub("", surface.strip())) for surface in self.surfaces}
        best = ""
        for clean in sorted(names):
            if _local_unit(clean, names):
                continue
            if len(clean) > len(best) or (len(clean) == len(best) and best.isupper()):
                best = clean
        return best or self.name


def _local_unit(name: str, names: set[str]) -> bool:
    """"Stellantis North America" where the article also writes "Stellantis": a local unit of the
    company the article names, which is not the fuller name of the company."""
    words = name.split()
    for n in (1, 2):
        tail, head = " ".join(words[-n:]), words[:-n]
        named = " ".join(head) in names or (len(head) > 1 and head[-1] == "Group" and " ".join(head[:-1]) in names)
        if head and named and (tail in _CONTINENTS or place_of(tail) is not None):
            return True  # "BMW Group Korea" beside "BMW"
    return False


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
    folded: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.folded = self.sentence.text.lower()

    def says(self, *words: str) -> bool:
        """A cheap first look: does the sentence contain any of these lower-case substrings?"""
        folded = self.folded
        for word in words:  # noqa: SIM110 - a plain loop: any() over a generator is slower on this hot path
            if word in folded:
                return True
        return False

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
    derived: dict[str, Any] = field(default_factory=dict)  # what one rule works out and another reuses

    def window(self, index: int, before: int = 0, after: int = 0) -> Sequence[SentenceView]:
        return self.sentences[max(0, index - before) : index + after + 1]


def _entity_key(value: Any, surface: str) -> str:
    org_id = getattr(value, "org_id", None)
    if org_id:
        return f"id:{org_id}"
    name = getattr(value, "name", None) or surface
    return "name:" + re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _unify_unknown(entities: dict[str, Entity], key: str, name: str) -> str:
    """An unknown name that is another entity's name with or without a corporate word is that
    entity ("Kim Long" / "Kim Long Motor"); "EcoPro Innovation" is not "EcoPro"."""
    core = _core(name)
    for other_key, other in entities.items():
        if other_key != key and core and core == _core(other.name):
            return other_key
    return key


_CORPORATE_WORDS = frozenset(
    "group holdings holding co corp corporation company inc ltd limited motor motors plc".split()
)


def _core(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _CORPORATE_WORDS]


def _descendant(mention: Mention, below: list[Mention], named: Counter[str]) -> str | None:
    """The unit of this group named in the article whose name, as the article writes it, the
    mention's name begins ("LG" -> "LG Energy Solution", "Hyundai Motor Group" -> "Hyundai Motor");
    of several such units, the one the article names far more often ("SK" -> "SK On" beside one
    "SK Innovation"). "Envision" does not begin "AESC", so there they stay two parties; nor is "Ford"
    its joint venture "Ford Otosan"."""
    core = _core(mention.text)
    bare = len(mention.text) <= 3 or _core(mention.text) == mention.text.lower().split()  # "LG", "SK", "Hyundai"
    fits = sorted({
        str(m.value.org_id) for m in below
        if core and _core(m.text)[: len(core)] == core and "jv" not in (getattr(m.value, "roles", ()) or ())
        and (bare or _core(m.text) == core)  # "Tata Motors" is not its unit "Tata Passenger Electric Mobility"
    }, key=lambda org_id: -named[org_id])
    if len(fits) > 1 and named[fits[0]] < 3 * named[fits[1]]:
        return None
    return fits[0] if fits else None


def _descendant_map(orgs: list[Mention], ancestors: Callable[[str], Sequence[str]]) -> dict[int, str]:
    """Mention index -> the org id it stands for when it names a group beside one of its units."""
    units_of: dict[str, list[Mention]] = {}  # group id -> mentions of its units
    distinct: dict[tuple[str, str], Mention] = {}  # one mention per (org id, surface)
    for mention in orgs:
        org_id = getattr(mention.value, "org_id", None)
        if org_id and (org_id, mention.text) not in distinct:
            distinct[(org_id, mention.text)] = mention
    for (org_id, _), mention in distinct.items():
        for group in ancestors(org_id):
            units_of.setdefault(group, []).append(mention)
    named = Counter(str(getattr(m.value, "org_id", None)) for m in orgs)
    remap: dict[int, str] = {}
    for i, mention in enumerate(orgs):
        org_id = getattr(mention.value, "org_id", None)
        target = _descendant(mention, units_of[org_id], named) if org_id in units_of else None
        if target:
            remap[i] = target
    return remap


# What an unknown company's name says it does: "Nemaska Lithium", "Liontown Resources", "X Battery".
_NAME_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:Lithium|Mining|Minerals?|Resources|Metals?|Nickel|Cobalt|Graphite)\b"), "mining"),
    (re.compile(r"\b(?:Materials?|Chemicals?|Chem|Cathode|Anode|Foil)\b"), "materials"),
    (re.compile(r"\b(?:Battery|Batteries|Cells?|Energy\s+Storage)\b"), "cell_maker"),
    (re.compile(r"\b(?:Motors?|Automotive|Auto)\b"), "automaker"),
)


def _new_entity(key: str, mention: Mention) -> Entity:
    value = mention.value
    name = getattr(value, "name", None) or mention.text
    roles = tuple(getattr(value, "roles", ()) or ())
    if not roles and not getattr(value, "org_id", None):
        roles = tuple(role for pattern, role in _NAME_ROLES if pattern.search(name))[:1]
    return Entity(
        key=key,
        name=name,
        org_id=getattr(value, "org_id", None),
        country=getattr(value, "country", None),
        roles=roles,
    )


def _abbreviates(text: str, full: Mention, short: Mention) -> bool:
    """"Bengaluru Metropolitan Transport Corporation (BMTC)": the short name right after in brackets."""
    return text[full.end : short.start].strip() == "(" and text[short.end : short.end + 1] == ")"


def _entities(
    text: str, orgs: list[Mention], ancestors: Callable[[str], Sequence[str]]
) -> tuple[dict[str, Entity], list[str]]:
    """The entities of the article, and the entity key of each org mention in turn."""
    remap = _descendant_map(orgs, ancestors)
    entities: dict[str, Entity] = {}
    keys: list[str] = []
    abbreviations: dict[str, str] = {}
    for i, mention in enumerate(orgs):
        key = f"id:{remap[i]}" if i in remap else _entity_key(mention.value, mention.text)
        if i and _abbreviates(text, orgs[i - 1], mention) and keys[-1] != key:
            abbreviations[key] = keys[-1]
        key = abbreviations.get(key, key)
        if key.startswith("name:") and key not in entities:
            key = _unify_unknown(entities, key, getattr(mention.value, "name", mention.text))
        keys.append(key)
        if key not in entities and i not in remap:
            entities[key] = _new_entity(key, mention)
    for mention, key in zip(orgs, keys, strict=True):
        if key not in entities:
            entities[key] = _new_entity(key, mention)
    return entities, keys


def _no_ancestors(org_id: str) -> Sequence[str]:
    return ()


def _code_like(mention: Mention) -> bool:
    """"SC6", "NCM811": an unknown capitalised token with digits is a product code, not a company."""
    return not getattr(mention.value, "org_id", None) and any(c.isdigit() for c in mention.text)


def build_context(
    text: str,
    mentions: Iterable[Mention],
    published: dt.date | None,
    ancestors: Callable[[str], Sequence[str]] = _no_ancestors,
) -> Context:
    """Split into sentences, file the mentions under them and gather the organisations into entities.

    ``ancestors(org_id)`` gives the registry parents of an organisation, nearest first.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    sentences = [SentenceView(s, []) for s in split_sentences(text)]
    starts = [s.start for s in sentences]
    placed: list[tuple[SentenceView, Mention]] = []
    for mention in ordered:
        i = bisect_left(starts, mention.start + 1) - 1
        if i >= 0 and mention.end <= sentences[i].sentence.end:
            sentences[i].mentions.append(mention)
            placed.append((sentences[i], mention))
    org_places = [(view, m) for view, m in placed if m.kind == "org" and not _code_like(m)]
    entities, keys = _entities(text, [m for _, m in org_places], ancestors)
    for entity in entities.values():
        entity.lineage = tuple(ancestors(entity.org_id)) if entity.org_id else ()
    for (view, mention), key in zip(org_places, keys, strict=True):
        entity = entities[key]
        if getattr(mention.value, "org_id", None) in (None, entity.org_id):  # not a group named for its unit
            entity.surfaces.append(mention.text)
        view.orgs.append(OrgRef(entity, mention.start, mention.end, mention.text))
    return Context(text, published, sentences, entities)
