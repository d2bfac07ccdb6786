"""Sentence splitting with character offsets into the cleaned text.

News text breaks sentences at ". " but also writes "Co., Ltd.", "U.S.", "Oct. 1" and
"Mr. Kim"; a period after one of those, or after a single capital initial, does not end
a sentence. Paragraph breaks always do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_NO_BREAK_AFTER = frozenset(
    """
    co corp inc ltd llc plc pte pty bhd jsc no nos vs etc approx est dept gov govt
    mr mrs ms dr prof st jr sr messrs
    jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u s.a n.v a.g p.m a.m i.e e.g
    """.split()
)

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before white
# space and an opening quote, bracket, capital or digit; or at a paragraph break.
_BREAK = re.compile(r"""(?<=[.!?])["”’')\]]?(?=\s+["“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"”’')\]]?$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned text: ``text == document[start:end]``."""

    index: int
    start: int
    end: int
    text: str


def _ends_sentence(text: str, pos: int) -> bool:
    """False when the period just before ``pos`` belongs to an abbreviation or an initial."""
    tail = text[max(0, pos - 12) : pos]
    if not tail.rstrip("\"”’')]").endswith("."):
        return True
    word = _WORD_BEFORE.search(tail)
    if word is None:
        return True
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return False
    return token.lower() not in _NO_BREAK_AFTER


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into trimmed sentences with their offsets (empty ones dropped)."""
    bounds: list[int] = [0]
    for match in _BREAK.finditer(text):
        cut = match.start() if match.group(0).strip() == "" else match.end()
        if match.group(0).startswith("\n") or _ends_sentence(text, cut):
            bounds.append(cut)
    bounds.append(len(text))
    sentences: list[Sentence] = []
    for start, end in pairwise(bounds):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail <= lead:
            continue
        sentences.append(Sentence(len(sentences), start + lead, start + trail, chunk[lead:trail]))
    return sentences
