"""How facts read in a terminal: a one-line summary of a fact's parties and figures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KEY_SLOTS: Mapping[str, tuple[str, ...]] = {
    "supply_agreement": ("supplier", "customer"),
    "facility": ("operator", "location"),
    "partnership": ("parties",),
    "investment": ("investor", "target"),
    "order": ("buyer", "seller", "item"),
    "policy_target": ("jurisdiction", "year", "segment"),
}
_SKIP = frozenset({"type", "evidence", "spans", "value_alternatives"})


def show_value(value: Any) -> str:
    """A slot value as a person reads it: 763000000 USD, Hue, VN; LGES + Isuzu."""
    if isinstance(value, dict):
        if "amount" in value:
            amount = value["amount"]
            return f"{amount:,.0f} {value.get('currency', '')}".strip()
        return ", ".join(str(v) for v in value.values() if v)
    if isinstance(value, list):
        return " + ".join(show_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def key_summary(fact_type: str, slots: Mapping[str, Any]) -> str:
    parts = [show_value(slots[s]) for s in KEY_SLOTS.get(fact_type, ()) if slots.get(s) not in (None, "", [])]
    return " → ".join(parts) if fact_type == "supply_agreement" else " · ".join(parts)


def detail_summary(fact_type: str, slots: Mapping[str, Any]) -> str:
    keys = set(KEY_SLOTS.get(fact_type, ()))
    return "; ".join(
        f"{name}: {show_value(value)}"
        for name, value in slots.items()
        if name not in keys and name not in _SKIP and value not in (None, "", [])
    )
