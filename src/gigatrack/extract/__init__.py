"""The extract stage: mentions -> typed facts, through a backend chosen by name.

A backend is anything with ``name`` and one method,
``extract(text, mentions, published) -> list[Fact]``; ``BACKENDS`` is the one place they are
registered. The rule engine is the default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol

from gigatrack.extract.rules import RuleExtractor
from gigatrack.model import Fact, Mention


class Extractor(Protocol):
    name: str

    def extract(self, text: str, mentions: Sequence[Mention], published: dt.date | None) -> list[Fact]: ...


BACKENDS: dict[str, Callable[[], Extractor]] = {
    "rules": RuleExtractor,
}
DEFAULT_BACKEND = "rules"


def get_extractor(name: str = DEFAULT_BACKEND) -> Extractor:
    """The backend registered under ``name``; a clear error for an unknown one."""
    try:
        return BACKENDS[name]()
    except KeyError:
        raise ValueError(f"unknown extraction backend {name!r}; known: {', '.join(sorted(BACKENDS))}") from None


__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Extractor", "get_extractor"]
