"""Article metadata fields (url, title, published) from a sidecar file or a JSONL record."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from gigatrack.ingest.errors import BadInput

_YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


@dataclass(frozen=True, slots=True)
class Metadata:
    """The optional descriptive fields of one article."""

    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    @property
    def complete(self) -> bool:
        """Every field is known, so a page has nothing to add."""
        return self.url is not None and self.title is not None and self.published is not None

    def or_else(self, other: Metadata) -> Metadata:
        """Each field from self, or from ``other`` where self has none."""
        return Metadata(
            url=self.url or other.url,
            title=self.title or other.title,
            published=self.published or other.published,
        )


def parse_date(value: object) -> dt.date | None:
    """"YYYY-MM-DD", an ISO datetime or an RFC 2822 date string -> date; None stays None.

    A bare month ("2022-03") or year ("2022") becomes its first day.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"bad date {value!r}: expected a string like 2024-07-19")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    partial = _YEAR_OR_MONTH.fullmatch(text)
    if partial is not None:
        return _first_day(int(partial.group(1)), int(partial.group(2) or 1), value)
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise BadInput(f"bad date {value!r}: expected a string like 2024-07-19") from None


def _first_day(year: int, month: int, value: object) -> dt.date:
    try:
        return dt.date(year, month, 1)
    except ValueError:
        raise BadInput(f"bad date {value!r}: expected a string like 2024-07-19") from None


def metadata_from_mapping(record: Mapping[str, Any]) -> Metadata:
    """Read url, title and published from a JSON object, checking their types."""
    return Metadata(
        url=_optional_text(record, "url"),
        title=_optional_text(record, "title"),
        published=parse_date(record.get("published")),
    )


def read_sidecar(path: Path) -> Metadata:
    """Read a NAME.meta.json sidecar; raise BadInput when it is not a JSON object with valid fields."""
    try:
        record = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BadInput(f"metadata sidecar {path.name} is not valid JSON ({err})") from err
    if not isinstance(record, dict):
        raise BadInput(f"metadata sidecar {path.name} is not a JSON object")
    try:
        return metadata_from_mapping(record)
    except BadInput as err:
        raise BadInput(f"metadata sidecar {path.name}: {err}") from err


def _optional_text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"{key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None
