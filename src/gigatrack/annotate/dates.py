"""Date and duration mentions.

A date's value is a ``DateValue``: the ISO date at the precision the text states ("2026",
"2026-03", "2026-03-15") and the preposition before it ("by 2030" -> relation "by"). Relative
dates ("next year", "from this month", "within two years") resolve against the publication
date, and to ``iso=None`` when it is unknown. A duration's value is a number of years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gigatrack.model import Mention


@dataclass(frozen=True, slots=True)
class DateValue:
    """An ISO date at the stated precision (None if unresolvable) and its relation word ("by", "from"...)."""

    iso: str | None
    relation: str | None


_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "twenty-five": 25, "thirty": 30,
}
_RELATIONS: dict[str, str] = {
    "by": "by", "through": "through", "thru": "through", "until": "until", "till": "until", "from": "from",
    "since": "since", "in": "in", "during": "in", "starting": "starting", "beginning": "starting",
    "commencing": "starting", "before": "before", "after": "after", "within": "by",
}

_MONTH = rf"(?P<month>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?"
_YEAR = r"(?P<year>199\d|20\d\d|2100)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_QUALIFIER = (
    r"(?:the\s+)?(?:(?:first|second|third|fourth|last|latter|final)\s+(?:half|quarter)|end|start|beginning|"
    r"middle|close|turn|spring|summer|autumn|fall|winter)\s+of\s+(?:the\s+year\s+)?"
    r"|(?:early|late|mid|end|year-end|spring|summer|autumn|fall|winter)[\s-]+"
    r"|(?:Q[1-4]|[1-4]Q|H[12]|[12]H)\s*|fiscal\s+(?:year\s+)?|FY\s?"
)
_NOT_A_YEAR_AFTER = (
    r"(?!\s*[-–]?\s*(?:electric\s+|new\s+)?(?:[kMGT]Wh|MW|GW|mAh|tons?|tonnes?|t\b|units?|cells?|vehicles?|"
    r"buses|cars|trucks|EVs|people|employees|workers|jobs|km|kilomet|miles|million|billion|%|percent|yuan|"
    r"won|yen|euros|dollars))"
)
_NUMBER = rf"(?:\d+(?:\.\d+)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"

_DATE = re.compile(
    rf"(?<!\w)(?=\w)(?:\b(?P<iso>{_YEAR.replace('year', 'iy')}-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"
    rf"|\b{_MONTH}\s+{_DAY},?\s+{_YEAR.replace('year', 'y1')}\b"
    rf"|\b{_DAY.replace('day', 'd2')}\s+{_MONTH.replace('month', 'm2')},?\s+{_YEAR.replace('year', 'y2')}\b"
    rf"|\b{_MONTH.replace('month', 'm3')},?\s+(?:of\s+)?{_YEAR.replace('year', 'y3')}\b"
    rf"|(?<![\w$€£¥₹₩.,])(?:{_QUALIFIER})?{_YEAR}(?![\w.,]\d|\w|['’]s\b){_NOT_A_YEAR_AFTER}"
    rf"|\b(?P<rel>(?:(?:the\s+)?(?:end|start|beginning|middle|(?:first|second)\s+half)\s+of\s+)?"
    rf"(?:(?:later|earlier)\s+)?(?P<which>this|next|last|the\s+following|the\s+coming)\s+(?P<unit>year|month)\b)"
    rf"|\b(?P<within>within|in)\s+(?:the\s+next\s+)?(?P<count>{_NUMBER})\s+years?\b(?!\s+ago))",
    re.I,
)
_LEFT_RELATION = re.compile(
    r"\b(?P<rel>(?:starting|beginning|commencing)(?:\s+(?:from|in|on|at))?|"
    + "|".join(sorted(_RELATIONS, key=len, reverse=True))
    + r")\s+$",
    re.I,
)
_MODEL_LEFT = re.compile(r"\b(?:Model|Type|Series|Class|No\.?|Vision|Euro)\s+$")

_DURATION = re.compile(
    rf"(?<![\w-])(?P<n>{_NUMBER})(?:\s*(?:-|–|to)\s*{_NUMBER})?[\s-]+(?P<unit>years?|months?|decades?)\b"
    r"(?!\s*-?\s*old\b|\s+ago\b|\s+later\b|\s+earlier\b)"
    r"|\bdecade-long\b",
    re.I,
)
_UNIT_YEARS: dict[str, float] = {"year": 1.0, "month": 1 / 12, "decade": 10.0}

_YEAR_DIGITS = re.compile(r"(?:199\d|20\d\d|2100)")
_DATE_WORDS = ("year", "month")
_DURATION_WORDS = ("year", "month", "decade")
_ANCHOR_WORDS = re.compile(r"year|month|decade", re.I)  # for text whose lower case changes its length
_WORD = re.compile(r"\w+")
_REACH = 80  # the most characters a date or duration spans before its anchor
# The first three letters of every word that can open a date (and every two-letter opener).
_DATE_OPENERS = frozenset(
    [w[:3] for w in _MONTHS]
    + "the fir sec thi fou las lat fin end sta beg mid clo tur spr sum aut fal win ear yea wit nex".split()
    + "in fy q1 q2 q3 q4 h1 h2".split()
)
_NUMBER_OPENERS = frozenset(w[:3] for w in _NUMBER_WORDS) | {"dec"}


def _opens(word: str, openers: frozenset[str]) -> bool:
    """Whether a word starting with ``word`` could open a match: a digit or one of ``openers``."""
    head = word[:3].lower()
    return head[0].isdigit() or head in openers or head[:2] in openers


def _word_positions(text: str, words: tuple[str, ...]) -> list[int]:
    """Where any of ``words`` (lower case) occurs in ``text``, case-insensitively."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.start() for m in _ANCHOR_WORDS.finditer(text) if m.group().lower() in words]
    found = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            found.append(at)
            at = lowered.find(word, at + len(word))
    return found


def _anchored(
    pattern: re.Pattern[str], text: str, anchors: list[int], openers: frozenset[str]
) -> list[re.Match[str]]:
    """What ``pattern.finditer`` finds in ``text``, given that every match holds an anchor, opens
    with a digit or one of ``openers`` and starts at most _REACH characters before its anchor."""
    out: list[re.Match[str]] = []
    done = 0
    for anchor in sorted(set(anchors)):
        if anchor < done:
            continue
        for word in _WORD.finditer(text, max(done, anchor - _REACH), anchor + 1):
            if word.start() < done or not _opens(word.group(), openers):
                continue
            match = pattern.match(text, word.start())
            if match is not None:
                out.append(match)
                done = match.end()
                if done > anchor:
                    break
    return out


def _relation(text: str, start: int) -> str | None:
    match = _LEFT_RELATION.search(text, max(0, start - 25), start)
    if match is None:
        return None
    return _RELATIONS.get(match.group("rel").split()[0].lower())


def _number(word: str) -> float:
    return _NUMBER_WORDS.get(word.lower()) or float(word)


def _resolve(match: re.Match[str], published: dt.date | None) -> str | None:
    """The ISO date that a relative expression names, at year or month precision."""
    if published is None:
        return None
    if match.group("within"):
        return str(published.year + int(_number(match.group("count"))))
    which = match.group("which").lower().split()[-1]
    step = {"this": 0, "next": 1, "following": 1, "coming": 1, "last": -1}[which]
    if match.group("unit").lower() == "year":
        return str(published.year + step)
    months = published.year * 12 + published.month - 1 + step
    return f"{months // 12}-{months % 12 + 1:02d}"


def _valid(iso: str) -> str:
    """A day that does not exist ("February 30") keeps only the month it names; a month that does not
    exist keeps only the year."""
    year, month, day = [*iso.split("-"), "", ""][:3]
    if not 1 <= int(month or 1) <= 12:
        return year
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return f"{year}-{month}"
    return iso


def _value(text: str, match: re.Match[str], published: dt.date | None) -> DateValue | None:
    g = match.group
    relation = _relation(text, match.start())
    if g("iso"):
        return DateValue(_valid(g("iso")), relation)
    for year, month, day in (("y1", "month", "day"), ("y2", "m2", "d2")):
        if g(year) and 1 <= int(g(day)) <= 31:
            return DateValue(_valid(f"{g(year)}-{_MONTHS[g(month).lower()]:02d}-{int(g(day)):02d}"), relation)
    if g("y3"):
        return DateValue(f"{g('y3')}-{_MONTHS[g('m3').lower()]:02d}", relation)
    if g("year"):
        if _MODEL_LEFT.search(text, max(0, match.start() - 8), match.start()):
            return None
        return DateValue(g("year"), relation)
    if g("within"):
        return DateValue(_resolve(match, published), _RELATIONS[g("within").lower()])
    return DateValue(_resolve(match, published), relation)


_DATELINE = re.compile(r"\s*(?:[Dd]ate[:\s]\s*)?")


def find_dates(text: str, published: dt.date | None) -> list[Mention]:
    """Every date in ``text``, in order, none overlapping."""
    out: list[Mention] = []
    anchors = [m.start() for m in _YEAR_DIGITS.finditer(text)] + _word_positions(text, _DATE_WORDS)
    for match in _anchored(_DATE, text, anchors, _DATE_OPENERS):
        if _DATELINE.fullmatch(text, 0, match.start()):
            continue  # " date 2021-02-01 SK Innovation ...": when the story ran, not a date it tells
        value = _value(text, match, published)
        if value is not None:
            out.append(Mention("date", match.start(), match.end(), match.group(), value))
    return out


def find_durations(text: str) -> list[Mention]:
    """Every span of time in ``text`` ("for four years", "a 10-year contract", "six months"), in years."""
    out: list[Mention] = []
    for match in _anchored(_DURATION, text, _word_positions(text, _DURATION_WORDS), _NUMBER_OPENERS):
        if match.group("n") is None:
            years = 10.0
        elif match.group("n").lower() in {"a", "an"} and match.group("unit").lower() in {"year", "month"}:
            continue
        else:
            unit = match.group("unit").lower().rstrip("s")
            years = _number(match.group("n")) * _UNIT_YEARS[unit]
            if years > 100:
                continue
        out.append(Mention("duration", match.start(), match.end(), match.group(), years))
    return out
