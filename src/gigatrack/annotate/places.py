"""Place mentions: countries, regions and battery-industry cities to ``Place``; demonyms to country codes.

Names come from ``data/places.toml``, which also states the ambiguity rule for names that are
ordinary words too ("Commerce", "Warren", "Jordan"). Matching is case-sensitive, takes the
longest name at each capitalised word, accepts ASCII spellings of accented names, and keeps the
span without a possessive "'s" ("Kentucky's Glendale" names Kentucky, then Glendale).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gigatrack.model import Mention, Place

_DATA = Path(__file__).parent / "data" / "places.toml"
_TOKEN = re.compile(r"\w+(?:[.'’-]\w+)*\.?")
_JOINABLE_GAP = re.compile(r" {1,2}|\s?[–-]\s?")
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+")
_HYPHEN_SUFFIX = re.compile(r"-[a-z][\w-]*$")
_LEFT_PREPOSITION = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")
_LEFT_COUNTRY_PREPOSITION = re.compile(r"\b(?:in|at|near|to|from)\s+$")
_CONTEXT_CHARS = 150
_CUE_CHARS = 200


@dataclass(frozen=True, slots=True)
class _Reading:
    """One meaning of a name: a place (or a nationality's country code) and how to confirm it."""

    kind: str  # "place", "nationality" or "blocked"
    place: Place | None
    ambiguous: bool
    context: re.Pattern[str] | None  # its region / country names, for the ambiguity rule
    cues: re.Pattern[str] | None  # words that pick this reading over another of the same name


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    readings: dict[str, tuple[_Reading, ...]]  # by ASCII spelling
    first_words: frozenset[str]  # the first word of every name, to skip other words fast
    longest: int  # the most words in one name


def _fold(name: str) -> str:
    """The ASCII spelling of a name: Huế -> Hue, Kraków -> Krakow."""
    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spellings(entry: str) -> tuple[bool, list[str]]:
    """("?Warren = Warren Township") -> (ambiguous, ["Warren", "Warren Township"])."""
    ambiguous = entry.startswith("?")
    return ambiguous, [" ".join(s.split()) for s in entry.lstrip("?").split("=")]


def _words_pattern(names: list[str]) -> re.Pattern[str] | None:
    names = sorted({n for name in names for n in (name, _fold(name))}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _build(data: dict[str, Any]) -> _Gazetteer:
    countries = {code: _spellings(names)[1] for code, names in data["countries"].items()}
    readings: dict[str, list[_Reading]] = {}

    def add(names: list[str], reading: _Reading) -> None:
        for name in names:
            readings.setdefault(_fold(name), []).append(reading)

    add(data["blocked"]["names"], _Reading("blocked", None, False, None, None))
    for code, entries in data["cities"].items():
        for entry in entries:
            head, _, region = (part.strip() for part in entry.partition(","))
            ambiguous, names = _spellings(head)
            known = (_spellings(r)[1] for r in data["regions"].get(code, []))
            region_spellings = next((k for k in known if region in k), [region]) if region else []
            place = Place(names[0], region_spellings[0] if region_spellings else None, code)
            context = _words_pattern(region_spellings + countries.get(code, []))
            add(names, _Reading("place", place, ambiguous, context, _words_pattern(region_spellings)))
    for code, entries in data["regions"].items():
        for entry in entries:
            ambiguous, names = _spellings(entry)
            add(names, _Reading("place", Place(None, names[0], code), ambiguous,
                                _words_pattern(countries.get(code, [])), None))
    cues = data["cues"]
    for code, names in countries.items():
        ambiguous = data["countries"][code].startswith("?")
        cue = _words_pattern(cues.get(code, []))
        add(names, _Reading("place", Place(None, None, code), ambiguous, None, cue))
    for code, entry in data["demonyms"].items():
        add(_spellings(entry)[1], _Reading("nationality", Place(None, None, code), False, None, None))
    longest = max(len(_TOKEN.findall(name)) for name in readings)
    first_words = frozenset(_TOKEN.findall(name)[0].rstrip(".") for name in readings)
    return _Gazetteer({name: tuple(r) for name, r in readings.items()}, first_words, longest)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    with _DATA.open("rb") as handle:
        return _build(tomllib.load(handle))


def _lookup(
    gazetteer: _Gazetteer, text: str, start: int, end: int
) -> tuple[int, tuple[_Reading, ...]] | None:
    """The readings of ``text[start:end]`` (or without its final ".", "'s", "-based") and where it ends."""
    name = " ".join(text[start:end].split())
    for variant in (name, name.rstrip("."), _POSSESSIVE.sub("", name), _HYPHEN_SUFFIX.sub("", name)):
        readings = gazetteer.readings.get(variant if variant.isascii() else _fold(variant))
        if readings:
            return end - (len(name) - len(variant)), readings
    return None


def _may_start_name(gazetteer: _Gazetteer, word: str) -> bool:
    word = word if word.isascii() else _fold(word)
    head = _HYPHEN_SUFFIX.sub("", _POSSESSIVE.sub("", word.rstrip(".")))
    return word.rstrip(".") in gazetteer.first_words or head in gazetteer.first_words


def _pick(readings: tuple[_Reading, ...], window: str) -> _Reading:
    """The reading whose cue words the surrounding text names, else the first listed."""
    if len(readings) > 1:
        for reading in readings:
            if reading.cues is not None and reading.cues.search(window):
                return reading
    return readings[0]


def _confirmed(reading: _Reading, text: str, start: int, end: int) -> bool:
    """Whether an ambiguous name reads as this place here (the rule in data/places.toml)."""
    if not reading.ambiguous:
        return True
    before = text[max(0, start - 40) : start]
    if reading.place is not None and reading.place.city is None and reading.place.region is None:
        return bool(_LEFT_COUNTRY_PREPOSITION.search(before))
    context = reading.context
    if context is None:
        return False
    follows_region = text.startswith(", ", end) and context.match(text, end + 2) is not None
    region_possessive = any(_POSSESSIVE_GAP.fullmatch(before, m.end()) for m in context.finditer(before))
    if follows_region or region_possessive:
        return True
    return bool(_LEFT_PREPOSITION.search(before)) and context.search(
        text, max(0, start - _CONTEXT_CHARS), end + _CONTEXT_CHARS) is not None


def find_places(text: str) -> list[Mention]:
    """Every place ("place", a Place) and demonym ("nationality", an alpha-2 code) in ``text``, in order."""
    gazetteer = _gazetteer()
    tokens = list(_TOKEN.finditer(text))
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if not first.group()[0].isupper() or not _may_start_name(gazetteer, first.group()):
            i += 1
            continue
        last = i
        while last + 1 < min(len(tokens), i + gazetteer.longest) and _JOINABLE_GAP.fullmatch(
            text, tokens[last].end(), tokens[last + 1].start()
        ):
            last += 1
        found = None
        for j in range(last, i - 1, -1):
            found = _lookup(gazetteer, text, first.start(), tokens[j].end())
            if found:
                break
        if found is None:
            i += 1
            continue
        end, readings = found
        start = first.start()
        window = text[max(0, start - _CUE_CHARS) : end + _CUE_CHARS]
        reading = _pick(readings, window)
        currency = text.startswith("$", end)  # "US$10 billion", "HK$5 billion"
        place = reading.place
        if reading.kind != "blocked" and place and not currency and _confirmed(reading, text, start, end):
            value: Place | str | None = place.country if reading.kind == "nationality" else place
            out.append(Mention(reading.kind, start, end, text[start:end], value))
        i = j + 1
    return out


def place_of(name: str) -> Place | None:
    """The place one name stands for ("Ha Tinh", "Kraków", "Korean" -> Place(country="KR")), or None."""
    found = _lookup(_gazetteer(), name.strip(), 0, len(name.strip()))
    if found is None:
        return None
    reading = found[1][0]
    return reading.place
