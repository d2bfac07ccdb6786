"""Near-duplicate articles: a wire story copied by other sites is one source."""

from __future__ import annotations

from pathlib import Path

from gigatrack.clean import clean
from gigatrack.model import Article
from gigatrack.resolve import band_keys, is_copy, signature
from gigatrack.resolve.syndication import BANDS, similarity

STORIES = Path(__file__).parent / "fixtures" / "stories"


def cleaned(path: Path) -> str:
    return clean(Article(path.stem, path.read_text(encoding="utf-8"))).text


def test_a_wire_copy_on_another_site_is_a_copy() -> None:
    wire = signature(cleaned(STORIES / "truck-deal" / "batterywire.txt"))
    copy = signature(cleaned(STORIES / "truck-deal" / "fleetnewsasia.txt"))
    assert is_copy(wire, copy)
    assert set(band_keys(wire)) & set(band_keys(copy))


def test_two_reports_of_the_same_deal_are_not_copies() -> None:
    wire = signature(cleaned(STORIES / "truck-deal" / "batterywire.txt"))
    other = signature(cleaned(STORIES / "truck-deal" / "truckelectric.txt"))
    assert not is_copy(wire, other)
    assert similarity(wire, other) < 0.5


def test_signatures_are_deterministic_and_banded() -> None:
    text = cleaned(STORIES / "plant" / "midwestgrid.txt")
    assert signature(text) == signature(text)
    assert len(band_keys(signature(text))) == BANDS


def test_a_text_without_words_has_no_signature() -> None:
    assert signature("  ... ") == [] and band_keys([]) == []
