"""Claims about one slot of a record: when two agree, which is current and why, and whether they conflict.

Two claims agree when: amounts of money in the same currency differ by at most 2 % (``MONEY_TOLERANCE``);
capacities, volumes and counts by at most 5 % (``QUANTITY_TOLERANCE``); dates when one is the
other at a coarser precision ("2027" and "2027-03"); places when their countries match and their
towns do not differ; anything else when it is the same value. Money in different currencies, free
text (a purpose, an application) and a partnership's kind (an MoU that became a joint venture) are
never counted as conflicts: they are kept as alternatives.

The current value of a slot is chosen by these rules, in order:

1. where sources give different values, one stated in an official filing beats reports (the latest
   filing first);
2. the value that more independent sources agree with (syndicated copies of one story are one source);
3. the value published later, or, among values that agree with it, the more specific one (a date to
   the month over the year; $762.4 million over $763 million).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MONEY_TOLERANCE = 0.02
QUANTITY_TOLERANCE = 0.05
MONEY_SLOTS = frozenset({"value", "investment"})
QUANTITY_SLOTS = frozenset({"volume_gwh", "volume_tonnes", "capacity_gwh_per_year", "capacity_tonnes_per_year",
                            "quantity"})
NUMBER_SLOTS = frozenset({"duration_years", "target_value", "year"})
DATE_SLOTS = frozenset({"start", "end"})
PLACE_SLOTS = frozenset({"location", "production_site"})
EXACT_SLOTS = frozenset({"product", "chemistry", "form_factor", "form_factor_size", "metric", "period",
                         "jurisdiction"})
_FILING = re.compile(
    r"\b(?:regulatory|exchange|securities|stock[- ]market|public|official) (?:filing|disclosure)s?\b|"
    r"\bin (?:a|its) (?:filing|disclosure)\b|\bfiled with\b|\bfiling (?:with|to)\b|\bdisclosed (?:in|to)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's value for one slot, with where it was said."""

    value: Any
    fact_id: str
    article_id: str
    published: str | None
    url: str | None
    quote: str
    source: str  # the independent source: syndicated copies of one story share it
    filing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "article_id": self.article_id, "fact_id": self.fact_id,
                "published": self.published, "url": self.url, "quote": self.quote, "source": self.source,
                "filing": self.filing}


def is_filing(quote: str) -> bool:
    """Does the quote say its figure comes from an official filing or disclosure?"""
    return _FILING.search(quote) is not None


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-9


def comparable(slot: str, a: Any, b: Any) -> bool:
    """Can these two values disagree in a way that counts as a conflict?"""
    if slot in MONEY_SLOTS:
        return isinstance(a, Mapping) and isinstance(b, Mapping) and a.get("currency") == b.get("currency")
    return slot in QUANTITY_SLOTS | NUMBER_SLOTS | DATE_SLOTS | PLACE_SLOTS | EXACT_SLOTS


def agree(slot: str, a: Any, b: Any) -> bool:
    """Do two values of ``slot`` say the same thing, within the slot's tolerance?"""
    if slot in MONEY_SLOTS and isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.get("currency") == b.get("currency") and _close(float(a["amount"]), float(b["amount"]),
                                                                 MONEY_TOLERANCE)
    if slot in QUANTITY_SLOTS and _numbers(a, b):
        return _close(float(a), float(b), QUANTITY_TOLERANCE)
    if slot in DATE_SLOTS and isinstance(a, str) and isinstance(b, str):
        return a.startswith(b) or b.startswith(a)
    if slot in PLACE_SLOTS and isinstance(a, Mapping) and isinstance(b, Mapping):
        towns = {str(p.get("city")).casefold() for p in (a, b) if p.get("city")}
        return a.get("country") == b.get("country") and len(towns) <= 1
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    if _numbers(a, b):
        return math.isclose(float(a), float(b))
    return bool(a == b)


def _numbers(a: Any, b: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))


def specificity(slot: str, value: Any) -> int:
    """How precisely a value is stated: date parts, significant digits of an amount, parts of a place."""
    if slot in DATE_SLOTS and isinstance(value, str):
        return value.count("-")
    if slot in MONEY_SLOTS and isinstance(value, Mapping):
        return _significant_digits(float(value.get("amount") or 0))
    if slot in QUANTITY_SLOTS and _numbers(value, value):
        return _significant_digits(float(value))
    if slot in PLACE_SLOTS and isinstance(value, Mapping):
        return sum(1 for part in ("city", "region", "country") if value.get(part))
    return 0


def _significant_digits(number: float) -> int:
    digits = f"{abs(number):.6e}".split("e")[0].replace(".", "").rstrip("0")
    return len(digits)


@dataclass(frozen=True, slots=True)
class SlotSummary:
    """A slot's current value with the rule that chose it, every claim, and whether claims conflict."""

    slot: str
    current: Any
    reason: str
    claims: tuple[Claim, ...]
    conflicted: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "reason": self.reason,
            "conflicted": self.conflicted,
            "claims": [dict(c.to_json(), agrees=agree(self.slot, c.value, self.current)) for c in self.claims],
        }


def summarise(slot: str, claims: Sequence[Claim]) -> SlotSummary:
    """Choose the current value of a slot from its claims (rules in the module's docstring)."""
    ordered = sorted(claims, key=lambda c: (c.published or "", c.article_id, c.fact_id))
    filings = [c for c in ordered if c.filing]
    if filings and len({_key(c.value) for c in ordered}) > 1:
        chosen = filings[-1]
        reason = "stated in an official filing" + (", the latest of them" if len(filings) > 1 else "")
        return SlotSummary(slot, chosen.value, reason, tuple(ordered), _conflicted(slot, ordered))
    support = {id(c): len({o.source for o in ordered if agree(slot, c.value, o.value)}) for c in ordered}
    top = max(support.values())
    latest = [c for c in ordered if support[id(c)] == top][-1]
    best = max((c for c in ordered if support[id(c)] == top and agree(slot, c.value, latest.value)),
               key=lambda c: (specificity(slot, c.value), c.published or ""))
    if len({_key(c.value) for c in ordered}) == 1:
        reason = f"the only value ({_sources(top)})"
    elif top > min(support.values()):
        reason = f"most independent sources agree with it ({_sources(top)})"
    elif specificity(slot, best.value) > specificity(slot, latest.value):
        reason = "the most specific value"
    else:
        reason = "the latest published value"
    return SlotSummary(slot, best.value, reason, tuple(ordered), _conflicted(slot, ordered))


def _sources(count: int) -> str:
    return f"{count} independent source{'' if count == 1 else 's'}"


def _key(value: Any) -> str:
    return repr(sorted(value.items())) if isinstance(value, Mapping) else repr(value)


def _conflicted(slot: str, claims: Sequence[Claim]) -> bool:
    return any(comparable(slot, a.value, b.value) and not agree(slot, a.value, b.value)
               for i, a in enumerate(claims) for b in claims[i + 1:])
