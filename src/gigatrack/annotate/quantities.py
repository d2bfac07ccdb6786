"""Quantity mentions: energy (GWh), mass (tonnes), counts of vehicles and units, percentages.

Each mention's value is a ``Quantity`` in a normal unit: energy in GWh ("500 MWh" -> 0.5; a plant's
"23GW per year" is its yearly output in GWh),
mass in metric tonnes ("30kt" -> 30000), counts in units with the counted noun phrase
("1,000 electric buses" -> item "electric buses"), percentages in %. A range ("10-15 GWh")
is valued at its first figure; ``per`` says "year" (or "month") when the text states a rate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gigatrack.model import Mention


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount in a normal unit ("GWh", "t", "unit", "%"), with its rate and counted item if stated."""

    amount: float
    unit: str
    per: str | None = None
    item: str | None = None


_WORD_NUMBERS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozens of": 24, "a thousand": 1e3, "a million": 1e6,
}
_SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "lakh": 1e5, "crore": 1e7}
_ENERGY_UNITS: dict[str, float] = {"k": 1e-6, "m": 1e-3, "g": 1.0, "t": 1e3}
_MASS_UNITS: dict[str, float] = {"": 1.0, "k": 1e3, "m": 1e6, "kilo": 1e3, "mega": 1e6}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"(?P<num>{_DIGITS}|\b(?:{_WORDS}))(?:\s+(?P<scale>{'|'.join(_SCALES)}))?"
_RANGE = rf"(?:\s*(?:-|–|to)\s*(?:{_DIGITS}|\b(?:{_WORDS}))(?:\s+(?:{'|'.join(_SCALES)}))?)?"
_START = r"(?<![\w.,$€£¥₹₩/-])"

_ENERGY = re.compile(
    rf"{_START}{_NUM}{_RANGE}[\s-]?"
    r"(?:(?P<prefix>[kmgt])wh\b|(?P<word>kilo|mega|giga?|tera)[\s-]?watt[\s-]?hours?\b|"
    r"(?P<rated>[mgt])w\b(?=\s*(?:per\s+(?:year|annum)|a\s+year|/\s*(?:year|yr|y)\b|annually)))"
    r"(?:\s*\([kmgt]wh\))?",
    re.I,
)
_MASS = re.compile(
    rf"{_START}{_NUM}{_RANGE}[\s-]?"
    r"(?:(?:(?:metric\s+)?(?:(?P<kilo>kilo|mega)?(?:tons?|tonnes?))|(?P<short>[km]?t)(?P<tpa>pa)?)\b)"
    r"(?!\s+(?:\w+\s+)?(?:trucks?|pickups?|vans?|lorr(?:y|ies)|vehicles?|EVs?|class|payload))",
    re.I,
)
_PERCENT = re.compile(
    rf"{_START}(?P<num>{_DIGITS})(?:\s*(?:-|–|to)\s*(?:{_DIGITS}))?"
    r"\s*(?:%|per\s?cent\b|pc\b|percentage points?\b)",
    re.I,
)
_COUNT_HEADS = (
    r"(?:e-|electric\s+)?buses|(?:e-)?trucks|semis|vehicles|EVs|NEVs|BEVs|PHEVs|cars|units|vans|pickups|"
    r"SUVs|taxis|cabs|robotaxis|motorcycles|motorbikes|(?:e-)?scooters|(?:e-)?(?:two|three)-wheelers|"
    r"(?:e-)?rickshaws|tractors|locomotives|ferries|chargers|(?:[a-z]+-)?charging\s+(?:points|stations|piles|spots)|"
    r"chargepoints|battery\s+packs|packs|sets"
)
_FUNCTION_WORDS = r"(?:of|the|a|an|and|or|to|in|on|for|with|from|by|per|that|which|is|are|was|were|its|their)"
_COUNT = re.compile(
    rf"{_START}{_NUM}{_RANGE}\s+(?P<item>(?:(?!{_FUNCTION_WORDS}\b)[\w-]+\s+){{0,4}}?(?:{_COUNT_HEADS}))\b",
    re.I,
)
_DIGIT_START = re.compile(r"\d(?<![\w.,$€£¥₹₩/-]\d)")
_WORD_START = re.compile(rf"(?<![\w.,$€£¥₹₩/-])(?:{_WORDS})\b", re.I)
_WORD_START_LOWER = re.compile(rf"(?<![\w.,$€£¥₹₩/-])(?:{_WORDS})\b")  # faster: no case folding
_YEAR_FORM = re.compile(r"(?:19[9]\d|20\d\d|2100)")
_YEAR_LEFT = re.compile(
    r"\b(?:in|by|from|since|until|till|through|before|after|to|of|year|fiscal|FY|early|late|mid|end)\s*$",
    re.I,
)
_MODEL_LEFT = re.compile(r"\b(?P<word>[A-Z][\w-]*)\s+$")
_SENTENCE_WORDS = frozenset({
    "the", "about", "some", "nearly", "over", "around", "with", "all", "another", "its", "only", "and",
    "almost", "up", "at", "least", "more", "than", "total", "their", "those", "these",
    "just", "roughly", "approximately", "of", "to", "for", "buy", "order", "supply", "deliver",
})
_PER_YEAR_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,10}\)\s*)?(?:of\s+(?:[\w-]+\s+){1,3}?)?(?:per\s+(?:year|annum)|a\s+year|each\s+year|every\s+year|annually|yearly|"
    r"/\s*(?:year|yr|y)\b|of\s+annual|(?:in\s+)?annual|p\.?a\.?\b)",
    re.I,
)
_PER_MONTH_AFTER = re.compile(r"^\s*(?:(?:per|a|each|every)\s+month|monthly|/\s*month)", re.I)
_PER_YEAR_BEFORE = re.compile(r"\b(?:annual|annually|yearly|a\s+year|per\s+year)\b[^.;:!?]{0,45}$", re.I)


def _figure(match: re.Match[str]) -> float:
    raw = match.group("num").lower()
    amount = _WORD_NUMBERS[raw] if raw in _WORD_NUMBERS else float(raw.replace(",", ""))
    scale = match.group("scale")
    return amount * _SCALES[scale.lower()] if scale else amount


def _rate(text: str, start: int, end: int, before: bool = True) -> str | None:
    after = text[end : end + 60]
    if _PER_YEAR_AFTER.match(after) or (before and _PER_YEAR_BEFORE.search(text[max(0, start - 60) : start])):
        return "year"
    if _PER_MONTH_AFTER.match(after):
        return "month"
    return None


def _energy(text: str, m: re.Match[str]) -> Mention:
    letter = (m.group("prefix") or m.group("rated") or m.group("word")[0]).lower()
    value = Quantity(round(_figure(m) * _ENERGY_UNITS[letter], 9), "GWh", _rate(text, m.start(), m.end()))
    return Mention("energy", m.start(), m.end(), m.group(), value)


def _mass(text: str, m: re.Match[str]) -> Mention:
    short = m.group("short")
    factor = _MASS_UNITS[(m.group("kilo") or (short[:-1] if short else "")).lower()]
    per = "year" if m.group("tpa") else _rate(text, m.start(), m.end())
    return Mention("mass", m.start(), m.end(), m.group(), Quantity(_figure(m) * factor, "t", per))


def _percent(text: str, m: re.Match[str]) -> Mention:
    value = Quantity(float(m.group("num").replace(",", "")), "%")
    return Mention("percent", m.start(), m.end(), m.group(), value)


def _is_year_or_model(text: str, match: re.Match[str]) -> bool:
    """A year ("in 2030 vehicles...") or a model name ("Model 3 sedans", "Class 8 trucks") is not a count."""
    left = text[max(0, match.start() - 30) : match.start()]
    if _YEAR_FORM.fullmatch(match.group("num")) and (_YEAR_LEFT.search(left) or not left.strip()):
        return True
    model = _MODEL_LEFT.search(left)
    return bool(model and model.group("word").lower() not in _SENTENCE_WORDS)


def _count(text: str, m: re.Match[str]) -> Mention | None:
    if _is_year_or_model(text, m):
        return None
    item = " ".join(m.group("item").split())
    value = Quantity(_figure(m), "unit", _rate(text, m.start(), m.end(), before=False), item)
    return Mention("count", m.start(), m.end(), m.group(), value)


_READERS: tuple[tuple[re.Pattern[str], Callable[[str, re.Match[str]], Mention | None]], ...] = (
    (_ENERGY, _energy), (_MASS, _mass), (_PERCENT, _percent), (_COUNT, _count),
)


def _number_starts(text: str) -> list[int]:
    """Where a figure may start: a digit not inside a word or number, or a spelled-out number."""
    starts = {m.start() for m in _DIGIT_START.finditer(text)}
    lowered = text.lower()
    words = _WORD_START_LOWER.finditer(lowered) if len(lowered) == len(text) else _WORD_START.finditer(text)
    starts.update(m.start() for m in words)
    return sorted(starts)


def find_quantities(text: str) -> list[Mention]:
    """Every energy, mass, count and percent mention in ``text``, in order, none overlapping."""
    out: list[Mention] = []
    for start in _number_starts(text):
        if out and start < out[-1].end:
            continue
        for pattern, read in _READERS:
            match = pattern.match(text, start)
            mention = read(text, match) if match else None
            if mention is not None:
                out.append(mention)
                break
    return out
