"""Cleaning scraped plain text and HTML pages into the article body."""

from __future__ import annotations

from pathlib import Path

import pytest

from gigatrack.clean import clean, clean_html, clean_text
from gigatrack.clean.text import dropped_lines
from gigatrack.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
TITLE = "Kestrel Cells to supply Vantor Trucks with 6 GWh of LFP packs"


@pytest.fixture(scope="module")
def scraped() -> str:
    return (FIXTURES / "scraped-article.txt").read_bytes().decode("utf-8")


def test_scraped_article_keeps_exactly_the_body(scraped: str) -> None:
    assert clean_text(scraped, TITLE).text == (
        "Batteries\n\n"
        f"{TITLE}\n\n"
        "Kestrel Cells will supply Vantor Trucks with 6 GWh of lithium iron phosphate battery packs between "
        "2026 and 2030, the two companies said on Thursday.\n\n"
        "The packs will be assembled at Kestrel's plant in Leipzig, Germany.\n\n"
        "The contract is worth an estimated 1.1 billion euros, according to people familiar with\n"
        "the matter, and may be extended by two years."
    )


def test_dropped_lines_lists_every_removed_line(scraped: str) -> None:
    assert dropped_lines(scraped, TITLE) == [
        "Skip to content",
        TITLE.upper(),
        "0",
        "Facebook | Twitter | LinkedIn",
        "4 min read",
        "Related articles",
        "Vantor Trucks Opens Design Centre in Munich",
        "Kestrel Cells names new chief financial officer",
        "Share this article",
        TITLE,
        "No comments",
        "Post a Comment",
        "Copper Prices Climb as Chile Output Slips",
        "Central Bank Holds Rates Steady Amid Cooling Inflation",
        "Airline Shares Rally After Strong Holiday Bookings",
        "Retailer Names New Chief Executive",
    ]


def test_title_is_passed_through(scraped: str) -> None:
    assert clean_text(scraped, TITLE).title == TITLE
    assert clean_text(scraped).title is None


def test_line_endings_are_normalised_and_kept_lines_are_verbatim(scraped: str) -> None:
    text = clean_text(scraped, TITLE).text
    assert "\r" not in text
    for paragraph in text.split("\n\n"):
        for line in paragraph.split("\n"):
            assert line in scraped


def test_single_newline_paragraphs_become_blank_line_separated() -> None:
    raw = (
        "Argon Cells signed a 10-year supply deal with Polar Motors.\n"
        "Deliveries of 40 GWh of cells start in 2027.\n"
        "“We are proud of the deal,” the chief executive said.\n"
    )
    assert clean_text(raw).text.split("\n\n") == raw.strip().split("\n")


def test_body_sentences_and_short_headings_are_kept() -> None:
    raw = (
        "Policy outlook\n\n"
        "The ministry targets 30% electric sales by 2030.\n\n"
        "Market Share Of Electric Buses\n\n"
        "Buses made up 12% of sales.\n\n"
        "Comments from the ministry were not available.\n\n"
        "2,000 buses\n\n"
        "The operator ordered 150 buses in 2024."
    )
    assert clean_text(raw).text == raw


def test_two_trailing_title_case_lines_are_not_a_headline_list() -> None:
    raw = "Volta signed the deal on Monday.\n\nFurther Details To Follow\nContact The Newsroom"
    kept = clean_text(raw).text
    assert kept == "Volta signed the deal on Monday.\n\nFurther Details To Follow\n\nContact The Newsroom"


BODY = "Volta Cells will supply 4 GWh of LFP cells to Norden Buses from 2027, the companies said."


@pytest.mark.parametrize("header", ["Latest", "Latest News", "Related", "Read more", "More from Energy", "Most Read",
                                    "Trending", "Latest from Grid Weekly:"])
def test_header_above_a_closing_headline_list_goes_with_the_list(header: str) -> None:
    headlines = "Port Strike Ends After Two Weeks\nNickel Prices Slip Again\nRegulator Reviews Grid Fees\n"
    raw = f"{BODY}\n\nNo comments\n\n{header}\n{headlines}"
    assert clean_text(raw).text == BODY
    assert dropped_lines(raw)[:2] == ["No comments", header]


def test_under_a_header_short_or_sentence_case_closing_headlines_also_go() -> None:
    raw = f"{BODY}\n\nLatest\nPort strike ends after two weeks\nNickel prices slip again"
    assert clean_text(raw).text == BODY
    assert clean_text(f"{BODY}\nLatest news:\nCharging Network Adds Sites").text == BODY


def test_latest_is_kept_where_no_headline_list_closes_the_text() -> None:
    raw = f"Latest\n\n{BODY}\n\nLatest\nThe plant will open next year."
    assert clean_text(raw).text == raw.replace("\nThe", "\n\nThe")
    closing = f"{BODY}\n\nLatest\nPort Strike Ends After Two Weeks\nThe contract runs to 2030."
    assert "Latest" in clean_text(closing).text.split("\n\n")


def test_teaser_cut_with_an_ellipsis_is_dropped_when_the_next_line_repeats_it() -> None:
    lead = "Berlin: Helion Storage has won an order for 300 MWh of battery storage from a grid operator."
    raw = f"{lead[:60]}...\n{lead}"
    assert clean_text(raw).text == lead


def test_bulleted_headline_list_above_the_title_is_dropped() -> None:
    raw = (
        "- Ministers meet on port upgrade plan\n- City council approves new budget\n"
        "- Local team wins regional cup final\nHelion wins storage order\n"
        "Helion Storage has won an order for 300 MWh of batteries."
    )
    assert clean_text(raw, "Helion wins storage order").text == (
        "Helion wins storage order\n\nHelion Storage has won an order for 300 MWh of batteries."
    )



def test_clean_html_keeps_paragraphs_and_takes_the_page_title() -> None:
    cleaned = clean_html((FIXTURES / "page.html").read_text(encoding="utf-8"))
    assert cleaned.title == "Harbour Batteries opens 8 GWh & LFP line"
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[-3].startswith("Harbour Batteries has started production at its 8 GWh")
    assert paragraphs[-1].startswith("The company invested about 400 million euros")
    assert "Copyright" not in cleaned.text and "Markets" not in cleaned.text


def test_clean_html_on_a_page_without_content() -> None:
    cleaned = clean_html("<html><head><title>Empty</title></head><body></body></html>")
    assert (cleaned.text, cleaned.title) == ("", "Empty")


def test_clean_html_takes_a_given_title_over_the_page_title() -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    assert clean_html(page, title="Harbour opens Gdansk line").title == "Harbour opens Gdansk line"


def test_clean_dispatches_on_kind_and_prefers_the_article_title() -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    from_page = clean(Article(id="p", raw=page, kind="html"))
    assert from_page.title == "Harbour Batteries opens 8 GWh & LFP line"
    with_meta = clean(Article(id="p", raw=page, kind="html", title="Harbour opens Gdansk line"))
    assert with_meta.title == "Harbour opens Gdansk line" and with_meta.text == from_page.text
    text = clean(Article(id="t", raw="0\nVolta signed the deal.\nNo comments", title="Volta deal"))
    assert (text.text, text.title) == ("Volta signed the deal.", "Volta deal")
