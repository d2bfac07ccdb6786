"""Cleaning: raw article content to the main text that every later offset points into."""

from __future__ import annotations

from gigatrack.clean.html import clean_html
from gigatrack.clean.text import clean_text
from gigatrack.model import Article, Cleaned

__all__ = ["clean", "clean_html", "clean_text"]


def clean(article: Article) -> Cleaned:
    """Clean one article by its kind; a title from the article's metadata wins over the page's own."""
    if article.kind == "html":
        return clean_html(article.raw, title=article.title)
    return clean_text(article.raw, title=article.title)
