"""How organisation names are written: legal forms, word boundaries, title-case headlines.

Shared by the registry matcher (``orgs``) and the pattern finder for unknown companies
(``unknown_orgs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrgValue:
    """What an organisation mention refers to; ``known`` is False for a pattern-found name."""

    name: str
    org_id: str | None
    country: str | None
    roles: tuple[str, ...]
    known: bool


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def pairs(text: str) -> dict[str, str]:
    return {k.replace("_", " "): v for k, v in (item.split(":") for item in text.split())}


_LEGAL = (
    r"Co\.,?[ \t]+Ltd\.?|Co\.,?[ \t]+Limited|Co\.|Corp\.|Corporation|Company|Inc\.|Inc\b|Incorporated"
    r"|Ltd\.|Ltd\b|Limited|LLC\b|L\.L\.C\.|GmbH\b|AG\b|SE\b|S\.A\.|SA\b|S\.p\.A\.|SpA\b|plc\b|PLC\b"
    r"|PCL\b|JSC\b|Tbk\b|N\.V\.|NV\b|B\.V\.|AB\b|ASA\b|Pte\.?[ \t]+Ltd\.?|Pty\.?[ \t]+Ltd\.?"
    r"|Sdn\.?[ \t]+Bhd\.?|K\.K\.|Oyj\b|Kft\.?|Holdings\b|Holding\b"
)
LEGAL_TAIL = re.compile(rf"(?:,?[ \t]+(?:{_LEGAL}))+")
LEGAL_WORDS = words(
    """Co Corp Inc Ltd Limited LLC PLC plc PCL JSC Tbk Pte Pty Sdn Bhd GmbH AG SA SE NV AB Holdings
    Corporation Company"""
)
LEGAL_WORD = rf"(?:{'|'.join(sorted(LEGAL_WORDS))})\b"


def starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "&_")


def ends_word(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    c = text[end]
    if c.isalnum() or c in "&_":
        return False
    if c in ".'’" and end + 1 < len(text) and text[end + 1].isalnum():
        return c != "." and text[end + 1] == "s" and (end + 2 == len(text) or not text[end + 2].isalnum())
    return True


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n"


def is_headline(text: str, start: int) -> bool:
    """True when the line around ``start`` is a title-case headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and not line.rstrip().endswith(".") and (
        sum(w[0].isupper() for w in words) >= 0.75 * len(words)
    )
