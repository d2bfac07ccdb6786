"""The path of one article: clean -> annotate -> extract, as one function."""

from __future__ import annotations

from gigatrack.annotate import annotate
from gigatrack.clean import clean
from gigatrack.extract import Extractor, get_extractor
from gigatrack.model import Article, Document

# Bump when the rules, the registry or the cleaning change what an article yields: stored
# articles with an older version are re-extracted.
EXTRACTOR_VERSION = "rules-0.1.0"


def process(article: Article, extractor: Extractor | None = None) -> Document:
    """Clean, annotate and extract one article; facts quote and point into the cleaned text."""
    cleaned = clean(article)
    mentions = annotate(cleaned.text, article.published)
    facts = (extractor or get_extractor()).extract(cleaned.text, mentions, article.published)
    return Document(article, cleaned, tuple(mentions), tuple(facts))
