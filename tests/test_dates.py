"""Date and duration mentions, relative dates resolved against the publication date."""

import datetime as dt

import pytest

from gigatrack.annotate.dates import DateValue, find_dates, find_durations

PUBLISHED = dt.date(2025, 6, 10)


def values(text: str, published: dt.date | None = PUBLISHED) -> list[DateValue]:
    return [m.value for m in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "iso", "relation"),
    [
        ("production starts in 2026", "2026", "in"),
        ("a target set for 2030 at the latest", "2030", None),
        ("shipments by 2030", "2030", "by"),
        ("output from early 2026", "2026", "from"),
        ("in the second half of 2025", "2025", "in"),
        ("revenue in Q3 2024", "2024", "in"),
        ("results for fiscal 2025", "2025", None),
        ("deliveries until March 2026", "2026-03", "until"),
        ("opened on Mar. 2026", "2026-03", None),
        ("signed on March 15, 2026", "2026-03-15", None),
        ("signed on 15 March 2026", "2026-03-15", None),
        ("filed 2026-03-15", "2026-03-15", None),
        ("supply through 2035", "2035", "through"),
        ("Starting in 2027, cells will ship", "2027", "starting"),
        ("mass production next year", "2026", None),
        ("deliveries from this month", "2025-06", "from"),
        ("a launch next month", "2025-07", None),
        ("sales fell last year", "2024", None),
        ("a plant due later this year", "2025", None),
        ("complete by the end of next year", "2026", "by"),
        ("operating within two years", "2027", "by"),
    ],
)
def test_dates_at_stated_precision(text: str, iso: str, relation: str | None) -> None:
    assert values(text) == [DateValue(iso, relation)]


def test_relative_dates_without_publication_date_are_unresolved() -> None:
    assert values("deliveries start next year", None) == [DateValue(None, None)]


@pytest.mark.parametrize(
    "text",
    ["2,000 units", "a $2026 million charge", "4680 cells", "the Model 2030 concept", "2030 GWh of demand",
     "by the middle of 2030’s", "in the 2030's", "in the 2030s"],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("to supply cells for four years", 4.0),
        ("a four-year deal", 4.0),
        ("a 10-year contract", 10.0),
        ("over the next five years", 5.0),
        ("within six months", 0.5),
    ],
)
def test_durations_in_years(text: str, years: float) -> None:
    assert [m.value for m in find_durations(text)] == [years]


@pytest.mark.parametrize("text", ["a four-year-old venture", "it launched 18 months ago", "20 GWh a year"])
def test_not_durations(text: str) -> None:
    assert find_durations(text) == []


@pytest.mark.parametrize("prefix", ["", "İstanbul: "])
def test_dates_far_before_their_anchor_and_in_capitals(prefix: str) -> None:
    # "İ" lower-cases to two characters, which the anchor search must survive.
    text = prefix + "Output rises by THE END OF NEXT YEAR, from the second half of 2027 and by March 15, 2028."
    assert values(text) == [DateValue("2026", "by"), DateValue("2027", "from"), DateValue("2028-03-15", "by")]


def test_durations_in_capitals_and_decade_long() -> None:
    found = find_durations("A TEN-YEAR deal, a decade-long pact and twenty-five years of supply")
    assert [m.value for m in found] == [10.0, 10.0, 25.0]


def test_impossible_days_and_months_lose_precision_instead_of_passing_through() -> None:
    values = [m.value.iso for m in find_dates("on February 30, 2026, then 2026-19-39, then 2024-02-29", None)]
    assert values == ["2026-02", "2026", "2024-02-29"]


def test_the_dateline_that_opens_an_article_is_not_a_date_it_tells() -> None:
    found = find_dates(" date 2021-02-01 SK Innovation will open the plant on 2025-03-01.", dt.date(2021, 2, 1))
    assert [m.value.iso for m in found] == ["2025-03-01"]
