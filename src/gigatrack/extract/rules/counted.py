"""Counted noun phrases of a sentence: "297 non-AC electric buses", "5,000 vehicles every month".

The count, the counted item as written (an adjective or model name included) and whether the
figure is a total or a rate per year or month; orders are read around them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_ITEM_NOUN = (
    r"(?:e-?bus(?:es)?|bus(?:es)?|coach(?:es)?|trucks?|lorries|tippers?|vehicles?|cars?|EVs|units|taxis?|cabs?|"
    r"(?:e-?)?(?:three|two)-wheelers?|scooters?|motorcycles?|motorbikes?|vans?|tractors?|rickshaws?|semis?|"
    r"pickups?)"
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ANY_NUMBER = re.compile(rf"\d|\b(?:{'|'.join(_NUMBER_WORDS)})\b", re.I)
_STOP_WORD = r"(?:of|for|to|from|and|or|with|by|in|at|on|that|which|the|a|an|per|each|worth|over)"
_COUNTED = re.compile(
    rf"(?<![\d.,$€£¥₹])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|\b(?:{'|'.join(_NUMBER_WORDS)}))(?![\d.,%])\s+"
    r"(?:\([^()]{1,20}\)\s+)?"
    rf"(?P<item>(?:(?!{_STOP_WORD}\b)(?:[\w.’'–-]+|\([^()]{{1,20}}\)),?\s+){{0,5}}?{_ITEM_NOUN}"
    r"(?:\s+(?-i:[A-Z][\w-]*)(?:\s+\d+)?)?)\b",
    re.I,
)
_LEGAL_FORM = re.compile(r"(?<=\w)\s+(?:Inc|Ltd|Corp|Co|LLC|PLC|AG|SE|NV)\b\.?(?=\s)")  # "100,000 Tesla Inc cars"
_PERIOD = re.compile(r"^\s*(?:(?:a|per|each|every)\s+(?:year|annum|month)\b|annually\b|monthly\b)", re.I)
_GENERIC_WORDS = frozenset({"units", "unit", "vehicles", "such", "these", "those", "more", "new", "additional"})



@dataclass(frozen=True, slots=True)
class Counted:
    """A counted noun phrase of the sentence, offsets local to it."""

    amount: float
    item: str
    period: str
    start: int
    end: int

    @property
    def generic(self) -> bool:
        """"40 units", "500 such vehicles": the item is named elsewhere."""
        return set(self.item.lower().split()) <= _GENERIC_WORDS




def spelled_number(word: str) -> int | None:
    """"four" -> 4, "12" -> 12; None for other words."""
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


@lru_cache(maxsize=256)
def counted_items(text: str) -> tuple[Counted, ...]:
    if not _ANY_NUMBER.search(text):  # a cheap first look: most sentences count nothing
        return ()
    out = []
    for match in _COUNTED.finditer(text):
        item = _LEGAL_FORM.sub("", re.sub(r"\s*\([^()]*\)|,", "", match.group("item")))
        period = _PERIOD.match(text[match.end() :])
        per = "total" if period is None else "month" if "month" in period.group(0).lower() else "year"
        num = match.group("num").lower()
        amount = float(_NUMBER_WORDS[num]) if num in _NUMBER_WORDS else float(num.replace(",", ""))
        out.append(Counted(amount, " ".join(item.split()), per,
                            match.start(), match.end()))
    return tuple(out)


def count_after(counted: Sequence[Counted], pos: int, within: int = 80) -> Counted | None:
    return next((c for c in counted if pos <= c.start <= pos + within), None)
