"""What a plant is called where it is named: "a 30GWh power battery production base in Zhaoqing".

The words in front of the plant noun, back to an article, a preposition or a verb, name what the
plant makes ("a battery cell plant", "an assembly plant"); with the place written right after it,
they are the name an analyst would give the plant ("LFP battery cell factory in Ha Tinh").
"""

from __future__ import annotations

import re

from gigatrack.extract.context import SentenceView
from gigatrack.model import Money

BATTERY_PRODUCTS = ("cells", "modules", "packs", "batteries")
_BOUNDARY = frozenset(
    "a an the its their our his her this that to in of for at on with and or by from as new first second third "
    "will would is are was were be build building built set establish open".split()
)
_MODIFIER = re.compile(r"(\S+)\s+$")
_MAX_MODIFIERS = 5
# What follows a plant noun to say what it makes: "a factory in Ha Tinh for battery packs".
_MADE_THERE = re.compile(
    r"^(?:\s+(?:in|at|near)\s+[^,;.()]{1,40}?)?\s+(?:for|to\s+(?:make|produce|manufacture)|producing|making|"
    r"(?:that|which)\s+(?:will\s+)?(?:make|produce|manufacture)s?)\s+(?:(?:the|its|their|lithium-ion|EV|"
    r"electric\s+vehicle)\s+)*"
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
# Words of a plant's name that say what kind of plant it is (not its size, cost or owner).
_KIND_WORD = re.compile(
    r"(?!(?i:giga-?watt|GWh|MWh|tons?\b|tonnes?\b|(?:m|b|tr)illion\b|crore\b))[A-Za-z][\w-]*(?<!['’]s)"
)
_MADE = re.compile(
    r"(?i:batter(?:y|ies)|cells?|packs?|modules?|cathodes?|anodes?|precursors?|lithium(?:-ion)?|nickel|cobalt|"
    r"graphite|separators?|electrolytes?|hydroxide|LFP|NCM|sodium-ion|materials?|recycling|refin\w+|foil)"
)
_BEFORE_PLANT = re.compile(
    r"^\s+(?:(?!(?:for|to|of|in|at|from|with|by|and|or|on|that|which|is|was|deal|contract|loan|grant|"
    r"order)\b)[\w-]+\s+){0,5}?(?:giga-?factory|factory|plant|facility|complex|production\s+base)\b",
    re.I,
)
_IN_PLACE = re.compile(r"^\s+(?:in|at|near)\s+(?:the\s+)?")


def _modifiers_start(view: SentenceView, noun: re.Match[str]) -> int:
    """Local offset where the words in front of the plant noun begin."""
    start = noun.start()
    for _ in range(_MAX_MODIFIERS):
        word = _MODIFIER.search(view.text[:start])
        if word is None or word.group(1).lower() in _BOUNDARY or word.group(1).endswith((",", ";", ":", ".")):
            break
        start = word.start()
    return start


# "a battery materials plant", "a battery chemicals plant", "a battery parts facility": not batteries
_NOT_BATTERIES = frozenset({"materials", "material", "recycling", "chemicals", "chemical", "parts", "components",
                            "component", "metals", "minerals"})


def noun_phrase_product(view: SentenceView, noun: re.Match[str]) -> str | None:
    """What the plant's own name says it makes: "a battery cell plant" (cells), "a battery pack
    assembly plant" or "an assembly plant" (packs), "a 15 GWh battery plant" (batteries)."""
    start = _modifiers_start(view, noun)
    named = [str(m.value) for m in view.of("product") if view.start + start <= m.start < view.start + noun.end()]
    purpose = _MADE_THERE.match(view.text[noun.end() :])
    made = view.start + noun.end() + purpose.end() if purpose else -1
    named += [str(m.value) for m in view.of("product") if m.start == made]
    if named:
        return named[-1] if named[-1] != "batteries" or len(named) == 1 else named[0]
    modifiers = {w.lower() for w in view.text[start : noun.start()].split()}
    if "assembly" in modifiers:
        return "packs"
    if modifiers & {"battery", "batteries"} and not modifiers & _NOT_BATTERIES:
        return "batteries"
    return None


def plant_name(view: SentenceView, noun: re.Match[str]) -> str | None:
    """"battery cell factory in Ha Tinh": the plant noun with the words in front of it and the place
    written right after it; None when nothing in front says what kind of plant it is."""
    start = _modifiers_start(view, noun)
    kind = [w for w in _PARENTHESIS.sub(" ", view.text[start : noun.start()]).split() if _KIND_WORD.fullmatch(w)]
    if not any(_MADE.fullmatch(w) for w in kind):
        return None
    end = noun.end()
    at = _IN_PLACE.match(view.text[end:])
    if at is not None:
        place = next((m for m in view.of("place") if view.local(m.start) == end + at.end()), None)
        end = view.local(place.end) if place is not None else end
    return " ".join([*kind, view.text[noun.start() : end]])


def price_tags(view: SentenceView) -> list[Money]:
    """The plant's cost written before it: "its 900 billion won copper foil facility", "a $6.4 billion complex"."""
    return [
        m.value for m in view.of("money")
        if isinstance(m.value, Money) and _BEFORE_PLANT.match(view.text[view.local(m.end) :])
    ]
