"""Sentence splitting: abbreviations and initials don't end a sentence; offsets are exact."""

from __future__ import annotations

from gigatrack.extract.sentences import split_sentences


def test_company_suffixes_months_and_initials_do_not_end_sentences() -> None:
    text = (
        "Sunrise Cells Co., Ltd. signed a deal with Apex Motor Corp. on Oct. 3 in the U.S. market. "
        "The deal starts next year. J. Park, the chief executive, said so!\n"
        "A new paragraph begins here"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Sunrise Cells Co., Ltd. signed a deal with Apex Motor Corp. on Oct. 3 in the U.S. market.",
        "The deal starts next year.",
        "J. Park, the chief executive, said so!",
        "A new paragraph begins here",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_quotes_close_sentences_and_paragraph_breaks_always_split() -> None:
    text = "“We are ready,” he said. “LG is a partner.”\n\nNext paragraph without a stop"
    assert [s.text for s in split_sentences(text)] == [
        "“We are ready,” he said.",
        "“LG is a partner.”",
        "Next paragraph without a stop",
    ]
