"""Short forms an article defines for an organisation: "Assam State Transport Corporation (ASTC)".

Trade press introduces a long name once with its short form in brackets and uses the short form
after. A short form counts when its letters can be read off the name in order, the first at the
start of a word (Schwartz and Hearst's test for abbreviation definitions), so a ticker such as
"(IDEX)" after "Ideanomics" is not taken. A name that no other finder knows is taken too when its
words are capitalised, fit the short form and end in a word that heads an organisation's name
("Kenya Bus Services (KBS)"), which keeps out laws, programmes and technologies ("Inflation
Reduction Act (IRA)", "Battery Energy Storage System (BESS)").
"""

from __future__ import annotations

import re

from gigatrack.annotate.org_names import OrgValue
from gigatrack.model import Mention

_SHORT_FORM = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9&]{1,7})\)")
_CONNECTORS = frozenset({"of", "and", "for", "de", "du", "des", "la", "le", "der", "&"})
_ORG_HEADS = frozenset(
    """Corporation Corp Corp. Company Co Co. Limited Ltd Ltd. Inc Inc. Group Holdings Agency Authority
    Administration Association Council Commission Ministry Department Bureau Board Institute Center Centre
    University Bank Fund Services Service Solutions Industries Motors Transport Transit Logistics Mining Metals
    Resources Chemical Chemicals Partners Ventures Enterprises Consortium Organisation Organization Federation
    Foundation Cooperative Utility Utilities Laboratory Laboratories Trucks Buses Automotive Automobile
    Electronics Technologies""".split()
)


def _fits(short: str, name: str) -> bool:
    """Can the letters of ``short`` be read off ``name`` in order, right to left, the first
    of them at the start of a word?"""
    letters = [c for c in short.lower() if c.isalnum()]
    text = name.lower()
    i = len(text) - 1
    for k in range(len(letters) - 1, -1, -1):
        while i >= 0 and (text[i] != letters[k] or (k == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def _is_short_form(short: str) -> bool:
    return sum(c.isupper() for c in short) >= 2


def _long_form(text: str, end: int, short: str) -> tuple[int, str] | None:
    """The capitalised name ending at ``end`` that ``short`` abbreviates, shortest first."""
    words = list(re.finditer(r"\S+", text[max(0, end - 120) : end]))
    offset = max(0, end - 120)
    for n in range(2, min(len(words), len(short) + 2) + 1):
        chosen = words[-n:]
        if chosen[0].group()[0] != short[0] or not chosen[0].group()[0].isupper():
            continue
        tokens = [w.group() for w in chosen]
        if any(not (t[0].isupper() or t in _CONNECTORS) for t in tokens) or tokens[-1] not in _ORG_HEADS:
            return None
        start = offset + chosen[0].start()
        if _fits(short, text[start:end]):
            return start, text[start:end]
    return None


def find_acronyms(text: str, orgs: list[Mention]) -> list[Mention]:
    """Mentions of the short forms the text defines, and of unknown names defined with one."""
    found: list[Mention] = []
    defined: dict[str, tuple[int, OrgValue]] = {}
    ends = {m.end: m for m in orgs}
    for match in _SHORT_FORM.finditer(text):
        short = match.group("short")
        if short in defined or not _is_short_form(short):
            continue
        gap_start = match.start()
        while gap_start > 0 and text[gap_start - 1] in " \t":
            gap_start -= 1
        named = ends.get(gap_start)
        if named is not None and isinstance(named.value, OrgValue):
            if _fits(short, named.text) or _fits(short, named.value.name):
                defined[short] = (match.end(), named.value)
            continue
        if any(m.start < gap_start and gap_start <= m.end for m in orgs):
            continue
        long_form = _long_form(text, gap_start, short)
        if long_form is not None:
            start, name = long_form
            value = OrgValue(name=name, org_id=None, country=None, roles=(), known=False)
            found.append(Mention("org", start, gap_start, name, value))
            defined[short] = (match.end(), value)
    for short, (after, value) in defined.items():
        found.append(Mention("org", after - len(short) - 1, after - 1, short, value))
        for m in re.finditer(rf"(?<![\w&]){re.escape(short)}(?![\w&])", text[after:]):
            found.append(Mention("org", after + m.start(), after + m.end(), short, value))
    return found
