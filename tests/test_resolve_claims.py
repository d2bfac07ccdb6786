"""Claims about one slot: tolerances, the current value and its reason, conflicts, and the status timeline."""

from __future__ import annotations

from typing import Any

import pytest

from gigatrack.resolve import Claim, agree, summarise
from gigatrack.resolve.claims import is_filing


def usd(millions: float) -> dict[str, Any]:
    return {"amount": millions * 1e6, "currency": "USD"}


def claim(value: Any, article: str, published: str, source: str | None = None, quote: str = "a report",
          filing: bool = False) -> Claim:
    return Claim(value, f"f-{article}", article, published, None, quote, source or article, filing)


@pytest.mark.parametrize(("slot", "a", "b", "same"), [
    ("value", usd(763), usd(765), True),       # 0.3 %
    ("value", usd(765), usd(748), False),      # 2.2 % > 2 %
    ("value", usd(763), {"amount": 1e12, "currency": "KRW"}, False),
    ("capacity_gwh_per_year", 33, 34, True),   # 2.9 % <= 5 %
    ("capacity_gwh_per_year", 33, 40, False),
    ("volume_gwh", 100, 105, True),
    ("start", "2027", "2027-03", True),        # the same date at another precision
    ("start", "2027-03", "2027-04", False),
    ("start", "2027", "2028", False),
    ("chemistry", "NCM", "LFP", False),
    ("location", {"city": "Kokomo", "country": "US"}, {"city": None, "country": "US"}, True),
    ("location", {"city": "Kokomo", "country": "US"}, {"city": "Lansing", "country": "US"}, False),
    ("purpose", "Build  Cells", "build cells", True),
])
def test_agreement_within_tolerance(slot: str, a: Any, b: Any, same: bool) -> None:
    assert agree(slot, a, b) is same
    assert agree(slot, b, a) is same


def test_the_value_most_independent_sources_agree_with_is_current() -> None:
    claims = [claim(usd(763), "wire", "2025-03-04"), claim(usd(763), "copy", "2025-03-05", source="wire"),
              claim(usd(790), "other", "2025-03-04"), claim(usd(791), "third", "2025-03-06")]
    summary = summarise("value", claims)
    assert summary.current == usd(791)  # agrees with 790 and is more specific
    assert summary.reason == "most independent sources agree with it (2 independent sources)"
    assert summary.conflicted


def test_syndicated_copies_count_once() -> None:
    claims = [claim(33, "a", "2024-02-12"), claim(33, "a-copy", "2024-02-13", source="a"),
              claim(40, "b", "2024-02-14")]
    summary = summarise("capacity_gwh_per_year", claims)
    assert summary.current == 40  # one source each: the later one wins
    assert summary.reason == "the latest published value"


def test_an_official_filing_beats_more_reports() -> None:
    claims = [claim(usd(763), "a", "2025-03-04"), claim(usd(765), "b", "2025-03-04"),
              claim(usd(748), "filing", "2025-04-03", filing=True)]
    summary = summarise("value", claims)
    assert (summary.current, summary.reason, summary.conflicted) == (usd(748), "stated in an official filing", True)


def test_the_more_specific_value_wins_among_agreeing_ones() -> None:
    claims = [claim("2026", "a", "2024-02-12"), claim("2026", "b", "2024-03-01"), claim("2026-02", "c", "2024-01-01")]
    summary = summarise("start", claims)
    assert (summary.current, summary.reason, summary.conflicted) == ("2026-02", "the most specific value", False)


def test_one_value_is_the_only_value() -> None:
    summary = summarise("chemistry", [claim("LFP", "a", "2024-01-01"), claim("LFP", "b", "2024-01-02")])
    assert (summary.current, summary.reason) == ("LFP", "the only value (2 independent sources)")


def test_money_in_two_currencies_is_no_conflict() -> None:
    claims = [claim(usd(763), "a", "2025-03-04"), claim({"amount": 1e12, "currency": "KRW"}, "b", "2025-03-05")]
    assert not summarise("value", claims).conflicted


def test_claims_list_every_source_in_publication_order() -> None:
    claims = [claim("NCM", "late", "2025-05-01"), claim("LFP", "early", "2025-01-01")]
    summary = summarise("chemistry", claims)
    assert [c.article_id for c in summary.claims] == ["early", "late"]
    assert summary.conflicted
    assert [c["agrees"] for c in summary.to_json()["claims"]] == [False, True]


@pytest.mark.parametrize(("quote", "filing"), [
    ("the deal is worth $748 million, LG Energy Solution said in a regulatory filing", True),
    ("according to a stock exchange disclosure on Tuesday", True),
    ("the company disclosed in a filing with the Korea Exchange", True),
    ("analysts expect the filing season to be busy", False),
    ("the deal is worth $763 million, people familiar with the matter said", False),
])
def test_filings_are_recognised_by_their_wording(quote: str, filing: bool) -> None:
    assert is_filing(quote) is filing
