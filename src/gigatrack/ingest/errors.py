"""The per-item error that a reader yields instead of raising, so a batch always continues."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read: where it came from and what is wrong with it."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


class BadInput(Exception):
    """Raised inside the readers for one unreadable item; turned into a ReadError at the item boundary."""
