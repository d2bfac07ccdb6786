"""The public Python API: ``gigatrack.extract_text``, ``extract_html``, ``process_text`` and ``__all__``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import gigatrack
from gigatrack import Document, Fact

HEADLINE = "Samsung SDI to supply batteries to Rivian in 2 trillion won deal"
SIGNING = ("SEOUL -- Samsung SDI has signed a deal to supply prismatic battery cells to Rivian Automotive, "
           "the two companies said on Tuesday, in a contract worth 2 trillion won.")
VOLUME = ("Under the agreement, Samsung SDI will deliver 20 GWh of lithium iron phosphate (LFP) cells "
          "from next year.")
SUPPLY_ARTICLE = f"{HEADLINE}\n\n{SIGNING}\n\n{VOLUME}\n\nShares of Samsung SDI rose 3% in Seoul.\n"

SUPPLY_SLOTS = {
    "supplier": "Samsung SDI",
    "customer": "Rivian Automotive",
    "product": "cells",
    "chemistry": "LFP",
    "form_factor": "prismatic",
    "volume_gwh": 20,
    "value": {"amount": 2_000_000_000_000, "currency": "KRW"},
    "start": "2026",
    "status": "signed",
}

PLANT_SENTENCE = "Gotion High-Tech broke ground on a 20 GWh battery cell plant in Salzgitter, Germany, on Monday."
PLANT_START = ("The plant will make lithium iron phosphate cells for European carmakers and is due to start "
               "production in 2027, the company said.")
PLANT_PAGE = f"""<!doctype html>
<html><head><title>Gotion starts building German plant | Battery Daily</title>
<meta property="og:title" content="Gotion starts building cell plant in Germany"></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/markets">Markets</a> <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<article>
<h1>Gotion starts building cell plant in Germany</h1>
<p>{PLANT_SENTENCE}</p>
<p>{PLANT_START}</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Lithium prices slide for a third month</a></li>
<li><a href="/b">Charging network adds motorway sites</a></li></ul></aside>
<footer>Copyright 2025 Battery Daily. All rights reserved.</footer>
</body></html>
"""


def assert_grounded(fact: Fact, cleaned_text: str) -> None:
    for evidence in fact.evidence:
        assert cleaned_text[evidence.start:evidence.end] == evidence.quote


def test_extract_text_returns_the_supply_deal_with_its_figures() -> None:
    facts = gigatrack.extract_text(SUPPLY_ARTICLE, published="2025-09-16")

    assert [fact.type for fact in facts] == ["supply_agreement"]
    assert dict(facts[0].slots) == SUPPLY_SLOTS
    assert facts[0].backend == "rules"


def test_extract_text_quotes_its_evidence_verbatim_with_spans_into_the_cleaned_text() -> None:
    doc = gigatrack.process_text(SUPPLY_ARTICLE, published="2025-09-16")
    (fact,) = doc.facts

    assert [e.quote for e in fact.evidence] == [HEADLINE, SIGNING, VOLUME]
    assert_grounded(fact, doc.cleaned.text)
    assert gigatrack.extract_text(SUPPLY_ARTICLE, published="2025-09-16") == [fact]


def test_next_year_resolves_against_the_publication_date_given_as_a_date() -> None:
    (fact,) = gigatrack.extract_text(SUPPLY_ARTICLE, published=dt.date(2024, 1, 30))

    assert fact.get("start") == "2025"


def test_next_year_is_left_out_when_the_publication_date_is_unknown() -> None:
    (fact,) = gigatrack.extract_text(SUPPLY_ARTICLE)

    assert "start" not in fact.slots
    assert dict(fact.slots) == {slot: value for slot, value in SUPPLY_SLOTS.items() if slot != "start"}


def test_process_text_keeps_the_article_metadata_and_mentions() -> None:
    doc = gigatrack.process_text(SUPPLY_ARTICLE, published="2025-09-16", url="https://example.com/sdi-rivian",
                                 title="SDI and Rivian", id="sdi-rivian")

    assert isinstance(doc, Document)
    assert (doc.article.id, doc.article.url, doc.title) == ("sdi-rivian", "https://example.com/sdi-rivian",
                                                            "SDI and Rivian")
    assert doc.article.published == dt.date(2025, 9, 16)
    assert {"org", "money", "energy"} <= {mention.kind for mention in doc.mentions}
    record = doc.to_record()
    assert record["id"] == "sdi-rivian"
    assert record["published"] == "2025-09-16"
    assert record["facts"][0]["value"] == {"amount": 2_000_000_000_000, "currency": "KRW"}


def test_extract_html_reads_the_article_body_and_skips_the_page_furniture() -> None:
    facts = gigatrack.extract_html(PLANT_PAGE, published="2025-02-03")

    assert [fact.type for fact in facts] == ["facility"]
    assert dict(facts[0].slots) == {
        "operator": "Gotion High-Tech",
        "location": {"city": "Salzgitter", "region": "Lower Saxony", "country": "DE"},
        "capacity_gwh_per_year": 20,
        "product": "cells",
        "chemistry": "LFP",
        "start": "2027",
        "status": "under_construction",
    }
    quotes = [e.quote for e in facts[0].evidence]
    assert PLANT_SENTENCE in quotes
    assert PLANT_START in quotes


def test_extract_html_spans_point_into_the_cleaned_text_not_the_markup() -> None:
    doc = gigatrack.process_text(PLANT_PAGE, published="2025-02-03", html=True)
    (fact,) = doc.facts

    assert "<" not in doc.cleaned.text
    assert "cookies" not in doc.cleaned.text
    assert "Most read" not in doc.cleaned.text
    assert_grounded(fact, doc.cleaned.text)


def test_all_lists_exactly_the_public_names() -> None:
    assert sorted(gigatrack.__all__) == [
        "Article", "Document", "Evidence", "Fact", "Mention", "Money", "Place", "__version__",
        "extract_html", "extract_text", "process_text",
    ]
    for name in gigatrack.__all__:
        assert hasattr(gigatrack, name), name
    assert not [name for name in gigatrack.__all__ if name.startswith("_") and name != "__version__"]


def test_open_is_public_but_a_star_import_keeps_the_builtin(tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    exec("from gigatrack import *", namespace)
    assert "open" not in namespace
    with gigatrack.open(tmp_path / "kb.db") as kb:
        kb.ingest(gigatrack.process_text(
            "LG Energy Solution will supply battery cells to Isuzu Motors from 2027, the companies said.",
            published="2025-03-04", id="one"))
        assert [r.label for r in kb.records()] == ["LG Energy Solution -> Isuzu Motors"]


def test_star_import_brings_only_the_public_names() -> None:
    namespace: dict[str, object] = {}
    exec("from gigatrack import *", namespace)

    assert set(namespace) - {"__builtins__"} == set(gigatrack.__all__)


@pytest.mark.parametrize("published", ["2025-09-16", "2025-09-16T08:30:00Z", dt.date(2025, 9, 16)])
def test_published_accepts_iso_strings_and_dates(published: str | dt.date) -> None:
    doc = gigatrack.process_text(SUPPLY_ARTICLE, published=published)

    assert doc.article.published == dt.date(2025, 9, 16)


def test_html_pages_give_the_api_their_own_date_title_and_url() -> None:
    page = (
        "<html><head><title>Site</title>"
        '<meta property="og:title" content="Northvolt picks Gdansk">'
        '<meta property="og:url" content="https://example.com/northvolt-gdansk">'
        '<meta property="article:published_time" content="2025-02-03T08:00:00Z">'
        "</head><body><article><p>Northvolt said on Monday it will build a battery module plant in "
        "Gdansk, Poland, starting production next year.</p></article></body></html>"
    )
    doc = gigatrack.process_text(page, html=True)
    assert (doc.article.url, doc.title, doc.article.published) == (
        "https://example.com/northvolt-gdansk",
        "Northvolt picks Gdansk",
        dt.date(2025, 2, 3),
    )


def test_a_long_story_off_the_supply_chain_is_cleaned_but_not_annotated() -> None:
    sport = ("Argentina beat Chile 3-0 in the Davis Cup opener in Madrid on Tuesday. " * 20).strip()
    doc = gigatrack.process_text(sport, published="2024-05-02")
    assert doc.cleaned.text and doc.mentions == () and doc.facts == ()
    short = "Argentina beat Chile 3-0 in Madrid on Tuesday."
    assert gigatrack.process_text(short, published="2024-05-02").mentions != ()
    battery = sport + " Separately, LG Energy Solution will supply cells to Hyundai Motor from 2026."
    assert [f.type for f in gigatrack.process_text(battery, published="2024-05-02").facts] == ["supply_agreement"]
