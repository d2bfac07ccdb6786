"""Place mentions: countries, regions and battery-industry cities to ``Place``; demonyms to country codes.

Names come from ``data/places.toml``, which also states the ambiguity rule for names that are
ordinary words too ("Commerce", "Warren", "Jordan"). Matching is case-sensitive, takes the
longest name at each capitalised word, accepts ASCII spellings of accented names, and keeps the
span without a possessive "'s" ("Kentucky's Glendale" names Kentucky, then Glendale).
Names the gazetteer lacks are read from their wording ("the city of X", "X County", "X
province", "in X, Brazil"), with the region or country named right after them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from gigatrack.model import Mention, Place

_DATA = Path(__file__).parent / "data" / "places.toml"
_TOKEN = re.compile(r"\w+(?:[.'’-]\w+)*\.?")
_WORD_CHAR = re.compile(r"\w")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ]")  # may open a name (some lower-case letters too: checked after)
_JOINABLE_GAP = re.compile(r" {1,2}|\s?[–-]\s?")
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+")
_HYPHEN_SUFFIX = re.compile(r"-[a-z][\w-]*$")
_LEFT_PREPOSITION = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")
_LEFT_COUNTRY_PREPOSITION = re.compile(r"\b(?:in|at|near|to|from)\s+$")
_CONTEXT_CHARS = 150
_REGION_OF = re.compile(r"\b(?:region|province|prefecture|state|community)\s+of\s+$")
# "the Marshall plant", "the Marshall Megasite": a town that names a site
_SITE_AFTER = re.compile(r"\s+(?:[Mm]ega\s?site|site|plant|campus|facility|factory|gigafactory)\b")
# Capitalised words that open a sentence or a phrase, not a place name, before "city" / "province".
_NOT_NAMES = (
    "The", "This", "That", "These", "Those", "A", "An", "Its", "Their", "Our", "Each", "Every", "Which", "What",
    "Home", "Capital", "Host", "Smart", "Inner", "Any", "Another", "Other", "Coastal", "Port",
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
    "Northeastern", "Northwestern", "Southeastern", "Southwestern", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Asia", "Europe", "Africa", "America", "Americas",
    "Oceania", "Antarctica", "Arctic", "In", "At", "On", "For", "By", "From", "And", "But", "Mr", "Ms",
    "Dr", "Secretary", "Governor", "Minister", "President", "Chief", "Premier",
)
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
    openings: frozenset[str]  # every name cut after each of its words but the last, to stop early


def _fold(name: str) -> str:
    """The ASCII spelling of a name: Huế -> Hue, Kraków -> Krakow."""
    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spellings(entry: str) -> tuple[bool, list[str]]:
    """("?Warren = Warren Township") -> (ambiguous, ["Warren", "Warren Township"])."""
    ambiguous = entry.startswith("?")
    return ambiguous, [" ".join(s.split()) for s in entry.lstrip("?").split("=")]


def _words_pattern(names: list[str]) -> re.Pattern[str] | None:
    return _pattern_of(tuple(names))


@cache
def _pattern_of(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern per distinct list of names: the cities of a region share their region's."""
    spellings = sorted({n for name in names for n in (name, _fold(name))}, key=len, reverse=True)
    if not spellings:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in spellings) + r")(?!\w)")


def _build(data: dict[str, Any]) -> _Gazetteer:
    countries = {code: _spellings(names)[1] for code, names in data["countries"].items()}
    readings: dict[str, list[_Reading]] = {}

    def add(names: list[str], reading: _Reading) -> None:
        for name in names:
            readings.setdefault(_fold(name), []).append(reading)

    add(data["blocked"]["names"], _Reading("blocked", None, False, None, None))
    regions = {code: [_spellings(r)[1] for r in entries] for code, entries in data["regions"].items()}
    for code, entries in data["cities"].items():
        for entry in entries:
            head, _, region = (part.strip() for part in entry.partition(","))
            ambiguous, names = _spellings(head)
            known = regions.get(code, [])
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
    openings = frozenset(name[: token.end()] for name in readings for token in list(_TOKEN.finditer(name))[:-1])
    return _Gazetteer({name: tuple(r) for name, r in readings.items()}, first_words, longest, openings)


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
    sited = bool(_LEFT_PREPOSITION.search(before)) or _SITE_AFTER.match(text, end) is not None
    return sited and context.search(
        text, max(0, start - _CONTEXT_CHARS), end + _CONTEXT_CHARS) is not None


def _token_starts_at(text: str, at: int) -> bool:
    """Whether a word token starts at ``at`` (not inside "US-based", "Vietnam's", "U.S.")."""
    if at == 0:
        return True
    before = text[at - 1]
    return not (before.isalnum() or before == "_") and not (
        before in ".'’-" and at >= 2 and (text[at - 2].isalnum() or text[at - 2] == "_"))


def _name_tokens(gazetteer: _Gazetteer, text: str, first: re.Match[str]) -> list[re.Match[str]]:
    """The tokens from ``first`` that one name can span, joined by a space or hyphen."""
    tokens = [first]
    while len(tokens) < gazetteer.longest:
        opening = " ".join(text[first.start() : tokens[-1].end()].split())
        if (opening if opening.isascii() else _fold(opening)) not in gazetteer.openings:
            break
        gap_end = _WORD_CHAR.search(text, tokens[-1].end(), tokens[-1].end() + 4)
        if gap_end is None or not _JOINABLE_GAP.fullmatch(text, tokens[-1].end(), gap_end.start()):
            break
        following = _TOKEN.match(text, gap_end.start())
        if following is None:
            break
        tokens.append(following)
    return tokens


def _known_places(text: str) -> list[Mention]:
    """The gazetteer's places and demonyms in ``text``, tried only at capitalised word starts."""
    gazetteer = _gazetteer()
    out: list[Mention] = []
    done = 0
    for capital in _CAPITAL.finditer(text):
        start = capital.start()
        if start < done or not capital.group().isupper() or not _token_starts_at(text, start):
            continue
        first = _TOKEN.match(text, start)
        if first is None or not _may_start_name(gazetteer, first.group()):
            continue
        tokens = _name_tokens(gazetteer, text, first)
        found = None
        for last in reversed(tokens):
            found = _lookup(gazetteer, text, start, last.end())
            if found:
                break
        if found is None:
            continue
        end, readings = found
        done = last.end()
        window = text[max(0, start - _CUE_CHARS) : end + _CUE_CHARS]
        reading = _pick(readings, window)
        currency = text.startswith("$", end)  # "US$10 billion", "HK$5 billion"
        place = reading.place
        if reading.kind != "blocked" and place and not currency and _confirmed(reading, text, start, end):
            if place.city and place.region and _REGION_OF.search(text, max(0, start - 30), start):
                place = Place(None, place.region, place.country)  # "the Spanish region of Valencia"
            value: Place | str | None = place.country if reading.kind == "nationality" else place
            out.append(Mention(reading.kind, start, end, text[start:end], value))
    return _regions_throughout(out)


def _regions_throughout(mentions: list[Mention]) -> list[Mention]:
    """A name the text once calls a region ("the region of Valencia") is the region wherever it recurs."""
    regions = {m.text: m.value for m in mentions if isinstance(m.value, Place) and m.value.region
               and not m.value.city and m.value.region.startswith(m.text)}
    return [
        replace(m, value=regions[m.text]) if m.text in regions and isinstance(m.value, Place) and m.value.city else m
        for m in mentions
    ]


_NAME = r"(?!(?:" + "|".join(_NOT_NAMES) + r")\b)[A-ZÀ-ÖØ-Þ][\w'’-]*"
_NAME_WORDS = rf"(?P<name>{_NAME}(?: {_NAME}){{0,2}})"
_KIND_OF = re.compile(rf"(?:city|town|municipality|county|province|prefecture|state) of {_NAME_WORDS}")
_NAME_THEN_KIND = re.compile(rf"(?<![\w'’.-]){_NAME_WORDS} $")
_IN_NAME_COMMA = re.compile(rf"\b(?:in|at|near|outside) {_NAME_WORDS}, $")
# Words of company, site and institution names ("Toyota Battery Manufacturing, North Carolina").
_NOT_PLACE_WORDS = frozenset({
    "Battery", "Batteries", "Manufacturing", "Motor", "Motors", "Group", "Energy", "Inc", "Corp", "Co", "Company",
    "Solutions", "Technologies", "Technology", "Materials", "Chemical", "Industries", "Holdings", "Power",
    "Electric", "Automotive", "Systems", "International", "Ltd", "Plant", "Factory", "University", "Park",
    "Zone", "Airport", "Port", "Bank", "Ministry", "Council", "Government", "Authority",
})
_ADJECTIVE_ENDINGS = ("ish", "ese", "ian", "ic")  # "the Jewish state", "an Islamic state"
_REGION_KINDS = frozenset({"province", "Province", "prefecture", "Prefecture", "state"})
_KIND_WORDS = ("city", "town", "municipality", "County", "county", "Province", "province", "Prefecture",
               "prefecture", "state")
# Where a place's own region or country is named after it: "X, Jiangsu", "X in the eastern province of Jiangsu".
_CONTAINER_GAP = re.compile(r", ?| in (?:the )?(?:[a-z]+ )?(?:(?:province|state|region|prefecture) of )?")


def _container(text: str, end: int, by_start: dict[int, Mention]) -> Place | None:
    """The known region or country named right after a place that ends at ``end``."""
    gap = _CONTAINER_GAP.match(text, end)
    mention = by_start.get(gap.end()) if gap else None
    if mention is None or mention.kind != "place" or not isinstance(mention.value, Place):
        return None
    return mention.value


def _kind_mentions(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, end of the wording, kind) for "the city of X", "X County", "X province" and the like."""
    found = []
    for word in _KIND_WORDS:
        at = text.find(word)
        while at >= 0:
            after = at + len(word)
            if _token_starts_at(text, at) and not text[after : after + 1].isalnum():
                named = _KIND_OF.match(text, at)
                if named is not None:
                    found.append((named.start("name"), named.end("name"), named.end("name"), word))
                elif word[0].isupper() or word in {"city", "province", "prefecture", "state"}:
                    before = _NAME_THEN_KIND.search(text, max(0, at - 50), at)
                    if before is not None and not before.group("name").endswith(_ADJECTIVE_ENDINGS):
                        end = after if word in {"County", "county"} else before.end("name")
                        found.append((before.start("name"), end, after, word))
            at = text.find(word, after)
    return found


def _unlisted_places(text: str, known: list[Mention]) -> list[Mention]:
    """Places the gazetteer lacks, named by their wording, that overlap no known mention."""
    by_start = {m.start: m for m in known}
    candidates = _kind_mentions(text)
    for mention in known:
        if mention.kind == "place" and isinstance(mention.value, Place) and mention.value.city is None:
            named = _IN_NAME_COMMA.search(text, max(0, mention.start - 60), mention.start)
            if named is not None:
                candidates.append((named.start("name"), named.end("name"), named.end("name"), "city"))
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in known]
    for start, end, wording_end, kind in sorted(set(candidates)):
        if any(s < end and start < e for s, e in taken):
            continue
        name = text[start:end]
        if _NOT_PLACE_WORDS.intersection(name.split()):
            continue
        inside = _container(text, wording_end, by_start) or Place()
        if kind in _REGION_KINDS:
            place = Place(None, name, inside.country)
        else:
            place = Place(name, inside.region, inside.country)
        out.append(Mention("place", start, end, text[start:end], place))
        taken.append((start, end))
    return out


def find_places(text: str) -> list[Mention]:
    """Every place ("place", a Place) and demonym ("nationality", an alpha-2 code) in ``text``, in order.

    Names from the gazetteer come first; names it lacks are taken from their wording ("the city
    of X", "X County", "X province", "in X, Brazil") where they overlap none of those.
    """
    known = _known_places(text)
    unknown = _unlisted_places(text, known)
    if not unknown:
        return known
    return sorted(known + unknown, key=lambda m: m.start)


def place_of(name: str) -> Place | None:
    """The place one name stands for ("Ha Tinh", "Kraków", "Korean" -> Place(country="KR")), or None."""
    found = _lookup(_gazetteer(), name.strip(), 0, len(name.strip()))
    if found is None:
        return None
    reading = found[1][0]
    return reading.place
