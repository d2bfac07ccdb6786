"""The path of one article: clean -> annotate -> extract, as one function."""

from __future__ import annotations

import re

from gigatrack.annotate import annotate
from gigatrack.clean import clean
from gigatrack.extract import Extractor, get_extractor
from gigatrack.model import Article, Document

# Bump when the rules, the registry or the cleaning change what an article yields: stored
# articles with an older version are re-extracted.
EXTRACTOR_VERSION = "rules-0.3.0"

# Words without which an article cannot state a fact of the battery and EV supply chain: a long story that
# uses none of them (sport, politics, a general news feed) is kept, cleaned, with no mentions and no facts,
# and costs a fraction of the time. A short text (a sentence, a teaser) is always read.
_ON_TOPIC = re.compile(
    r"batter|electri|\bevs?\b|\be-|hybrid|lithium|nickel|cobalt|graphite|mangan|cathode|anode|precursor|"
    r"electrolyte|separator|copper foil|gigafactor|gwh|mwh|charg|emission|combustion|petrol|diesel|gasoline|"
    r"fossil|energy storage|\bcells?\b|automaker|carmaker|vehicle|\bbus|truck|scooter|wheeler|mining|miner\b|"
    r"refin|subsid|joint venture|consortium|licens|offtake|supply|plant|factory|facility",
    re.I,
)
_SHORT_TEXT = 1000


def on_topic(text: str) -> bool:
    """Is the text short, or does it use a word that a battery or EV supply-chain fact needs?"""
    return len(text) <= _SHORT_TEXT or _ON_TOPIC.search(text) is not None


def process(article: Article, extractor: Extractor | None = None) -> Document:
    """Clean, annotate and extract one article; facts quote and point into the cleaned text."""
    cleaned = clean(article)
    if not on_topic(cleaned.text):
        return Document(article, cleaned, (), ())
    mentions = annotate(cleaned.text, article.published)
    facts = (extractor or get_extractor()).extract(cleaned.text, mentions, article.published)
    return Document(article, cleaned, tuple(mentions), tuple(facts))
