"""Scraped plain text to the article body: conservative line rules, paragraphs kept byte for byte."""

from __future__ import annotations

from itertools import pairwise, takewhile

from gigatrack.clean.lines import (
    comparable,
    ends_sentence,
    is_headline,
    is_list_header,
    is_related_header,
    is_title_case_headline,
    is_widget,
)
from gigatrack.model import Cleaned

MIN_HEADLINE_RUN = 3
MAX_RELATED_LINKS = 15
_TEASER_ENDINGS = ("…", "...")
_MIN_TEASER_CHARS = 20
_BULLETS = ("- ", "• ", "* ", "· ")


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Drop repeated titles, counters, widgets, related-link blocks and a trailing headline list.

    Kept lines are unchanged but for surrounding whitespace; each becomes a paragraph (a line
    continuing the one before stays with it) and paragraphs are separated by a blank line.
    """
    lines = _lines(text)
    return Cleaned(text=_paragraphs(lines, _kept(lines, title)), title=title)


def dropped_lines(text: str, title: str | None = None) -> list[str]:
    """The non-blank lines that clean_text removes, in order (to review the rules on real text)."""
    lines = _lines(text)
    return [line for line, kept in zip(lines, _kept(lines, title), strict=True) if line and not kept]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.lstrip("\ufeff").splitlines()]


def _kept(lines: list[str], title: str | None) -> list[bool]:
    keep = [bool(line) for line in lines]
    _drop_widgets(lines, keep)
    _drop_related_blocks(lines, keep, title)
    _drop_repeats(lines, keep, title)
    _drop_teasers(lines, keep)
    _drop_navigation_before_title(lines, keep, title)
    _drop_trailing_headlines(lines, keep)
    return keep


def _drop_widgets(lines: list[str], keep: list[bool]) -> None:
    for index, line in enumerate(lines):
        if keep[index] and len(line) <= 80 and is_widget(line):
            keep[index] = False


def _drop_related_blocks(lines: list[str], keep: list[bool], title: str | None) -> None:
    """A related-links header and the run of headlines (blank lines between allowed) after it."""
    title_key = comparable(title) if title else None
    for index, line in enumerate(lines):
        if not (keep[index] and is_related_header(line)):
            continue
        keep[index] = False
        links = 0
        for follower in range(index + 1, len(lines)):
            candidate = lines[follower]
            if not keep[follower]:
                continue
            wrapped = follower + 1 < len(lines) and lines[follower + 1][:1].islower()
            if links >= MAX_RELATED_LINKS or wrapped or not is_headline(candidate):
                break
            if comparable(candidate) == title_key:
                break
            keep[follower] = False
            links += 1


def _drop_repeats(lines: list[str], keep: list[bool], title: str | None) -> None:
    """Every repeat of the title after its first appearance, teasers of it, and doubled lines."""
    title_key = comparable(title) if title else None
    title_seen = False
    previous: str | None = None
    for index, line in enumerate(lines):
        if not keep[index]:
            continue
        key = comparable(line)
        if title_key is not None and (key == title_key or _is_teaser_of(key, title_key)):
            if title_seen:
                keep[index] = False
                continue
            title_seen = True
        if key == previous:
            keep[index] = False
            continue
        previous = key


def _is_teaser_of(key: str, title_key: str) -> bool:
    for ending in _TEASER_ENDINGS:
        if key.endswith(ending):
            stem = key[: -len(ending)].rstrip()
            return len(stem) >= _MIN_TEASER_CHARS and title_key.startswith(stem)
    return False


def _drop_teasers(lines: list[str], keep: list[bool]) -> None:
    """A line cut off with an ellipsis whose text the next line repeats in full."""
    kept = [index for index, kept in enumerate(keep) if kept]
    for index, following in pairwise(kept):
        line = lines[index]
        if line.endswith(_TEASER_ENDINGS):
            stem = comparable(line.rstrip(".…"))
            if len(stem) >= _MIN_TEASER_CHARS and comparable(lines[following]).startswith(stem):
                keep[index] = False


def _drop_navigation_before_title(lines: list[str], keep: list[bool], title: str | None) -> None:
    """A bulleted list of other headlines that sits right above the article's own title."""
    if not title:
        return
    title_key = comparable(title)
    title_index = next((i for i, line in enumerate(lines) if keep[i] and comparable(line) == title_key), None)
    if title_index is None:
        return
    run: list[int] = []
    for index in range(title_index - 1, -1, -1):
        if not keep[index]:
            continue
        line = lines[index]
        if not (line.startswith(_BULLETS) and is_headline(line[2:].strip())):
            break
        run.append(index)
    if len(run) >= MIN_HEADLINE_RUN:
        for index in run:
            keep[index] = False


def _drop_trailing_headlines(lines: list[str], keep: list[bool]) -> None:
    """Headlines that end the text, links to other stories: any run under a list header, else Title-Case.

    Under a header ("Latest", "Related", "Most Read") every headline-shaped line goes, with the header;
    without one only a run of at least MIN_HEADLINE_RUN Title-Case headlines does.
    """
    run: list[int] = []
    header: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        if not keep[index]:
            continue
        if is_list_header(lines[index]):
            header = index
            break
        if not is_headline(lines[index]):
            break
        run.append(index)
    if header is not None and run:
        dropped = [header, *run]
    else:
        title_case = list(takewhile(lambda index: is_title_case_headline(lines[index]), run))
        dropped = title_case if len(title_case) >= MIN_HEADLINE_RUN else []
    for index in dropped:
        keep[index] = False


def _paragraphs(lines: list[str], keep: list[bool]) -> str:
    paragraphs: list[list[str]] = []
    joinable = False
    for line, kept in zip(lines, keep, strict=True):
        if not kept:
            joinable = False
            continue
        if joinable and _continues(paragraphs[-1][-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        joinable = True
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the one before stops mid-sentence and this one goes on in lower case."""
    return not ends_sentence(previous) and line[:1].islower()
