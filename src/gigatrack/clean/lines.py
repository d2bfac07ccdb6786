"""What one line of scraped plain text is: a widget, a counter, a headline, a related-links header."""

from __future__ import annotations

import re
import unicodedata

_SHARE_TARGETS = frozenset((
    "facebook", "twitter", "x", "linkedin", "reddit", "whatsapp", "telegram", "pinterest", "flipboard",
    "email", "e-mail", "mail", "print", "tweet", "messenger", "copy", "link", "url",
))
_SHARE_WORDS = _SHARE_TARGETS | {"share", "shares", "this", "article", "story", "post", "on", "via"}
_SHARE_SEPARATORS = re.compile(r"[\s|•·/,]+")

_WIDGET = re.compile(
    r"""(?ix)
    (?: no | \d+ | show | view | hide | add | write | post\ a | leave\ a | \d+\s+thoughts\ on )?
        \s* (?:comments?|responses?|replies|reply|thoughts) (?:\s*\(\d+\))?
    | post\ a\ comment | leave\ a\ (?:comment|reply) | add\ (?:a\ )?comment | be\ the\ first\ to\ comment
    | join\ the\ (?:conversation|discussion) | comments\ are\ closed\.?
    | newer\ posts? | older\ posts? | (?:newer|older)\ post\ (?:newer|older)\ post(?:\ home)?
    | share\ (?:this|the)\ (?:article|story|post|page) | share\ (?:on|via)\ \w+ | click\ to\ share.{0,40}
    | skip\ to\ (?:main\ )?content | advertisement | advertisment | sponsored(?:\ content)?
    | scroll\ to\ continue(?:\ with\ content)? | \d+\s*(?:min|minute)s?\s*read\b.{0,20} | min\ read
    | [\d][\d,.]*\s*[km]?\+?(?:\s*(?:views?|shares?|likes?|reads?))?
    """
)
_INLINE_RELATED = re.compile(r"(?i)(?:also\ read|read\ (?:more|also|next)|see\ also|related)\s*[:|–-]\s*\S.*")
_RELATED_HEADER = re.compile(
    r"""(?ix)
    (?: related(?:\ (?:articles?|news|posts?|stories|content|reading|coverage|topics))?
      | more\ (?:news|stories|articles|from\ .{1,40})
      | read\ (?:more|also|next) | also\ read | see\ also | further\ reading
      | you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested\ in|have\ missed)
      | recommended(?:\ (?:for\ you|articles|stories|reading))?
      | most\ (?:read|popular|viewed|shared|commented)(?:\ (?:articles|stories|news))?
      | popular(?:\ (?:posts|articles|stories|news))? | trending(?:\ (?:now|news|stories))?
      | top\ stories | editor'?s\ picks
    ) \s*:?
    """
)
_LATEST_HEADER = re.compile(
    r"(?i)(?:the\ )?latest(?:\ (?:news|stories|articles|headlines|updates|posts|from\ .{1,40}))?\s*:?"
)
_SENTENCE_END = re.compile(r"""[.!?;:,][\"'”’)\]]*$""")
_WORD = re.compile(r"[^\W_][\w'’&.-]*")
_MINOR_WORDS = frozenset((
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on", "or", "over",
    "per", "the", "to", "up", "via", "vs", "with", "amid", "after", "before", "than", "that", "its",
))
MAX_HEADLINE_CHARS = 160


def is_widget(line: str) -> bool:
    """A comment/share widget, a read-time badge or a bare counter ("0", "10K+ views")."""
    if _WIDGET.fullmatch(line) is not None or _INLINE_RELATED.fullmatch(line) is not None:
        return True
    tokens = [token.casefold() for token in _SHARE_SEPARATORS.split(line) if token]
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens) and not _SHARE_TARGETS.isdisjoint(tokens)


def is_related_header(line: str) -> bool:
    """A header that introduces a list of links to other articles ("Related articles", "Most Read")."""
    return len(line) <= 60 and _RELATED_HEADER.fullmatch(line) is not None


def is_list_header(line: str) -> bool:
    """A related-links header, or a "Latest" / "Latest news" header that only counts above a closing list."""
    return is_related_header(line) or (len(line) <= 60 and _LATEST_HEADER.fullmatch(line) is not None)


def is_headline(line: str) -> bool:
    """Short, several words, and no sentence punctuation at the end: a headline or a heading."""
    return (
        len(line) <= MAX_HEADLINE_CHARS
        and _SENTENCE_END.search(line) is None
        and len(_WORD.findall(line)) >= 3
    )


def is_title_case_headline(line: str) -> bool:
    """A headline whose words are capitalised but for short function words."""
    if not is_headline(line):
        return False
    words = [w for w in _WORD.findall(line) if w.casefold() not in _MINOR_WORDS]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised >= 0.85 * len(words)


def ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None


def comparable(line: str) -> str:
    """The line folded for comparing repeats: case, quotes, dashes and spacing ignored."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = folded.translate(_FOLD_PUNCTUATION)
    return " ".join(folded.split())


_FOLD_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
