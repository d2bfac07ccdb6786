"""Organisation mentions: known organisations from the registry, unknown ones by pattern.

Known names are matched token by token against a trie built once per registry (longest name
first), then extended over a local unit ("LG Energy Solution Michigan") and a legal suffix
("Co., Ltd."); the span never takes a possessive. Unknown organisations come from
``unknown_orgs``; a known company named again without its industry word ("Nemaska Lithium ...
Nemaska") is found there too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gigatrack.annotate.org_names import LEGAL_TAIL, OrgValue, ends_word, is_headline, is_sentence_start, starts_word
from gigatrack.annotate.registry import Organisation, Registry
from gigatrack.annotate.unknown_orgs import joined_short_names, recurrences, short_form, unknown_mentions
from gigatrack.model import Mention

# A capitalised token (where a known name can start).
_CAP_TOKEN = re.compile(r"[^\W_a-z][^\W_]*(?:[.&'’](?!s\b)[^\W_]+)*")
_ALIAS_TOKEN = re.compile(r"[^\W_]+(?:[.&'’](?!s\b)[^\W_]+)*")
_UNIT_PLACES = (
    "North America|North Carolina|South Carolina|New York|South Korea|USA|US|UK|America|Europe|China|Japan"
    "|Korea|India|Indonesia|Vietnam|Thailand|Germany|Hungary|Poland|France|Spain|Sweden|Norway|Canada"
    "|Mexico|Brazil|Australia|Morocco|Michigan|Ohio|Tennessee|Kentucky|Georgia|Arizona|Indiana|Texas"
    "|Nevada|Kansas|Alabama|Illinois|California|Shanghai|Berlin|Nanjing|Wroclaw|Wrocław|Debrecen|Ningde"
)
_UNIT = re.compile(rf" (?:{_UNIT_PLACES})(?![\w&])")


@dataclass(frozen=True, slots=True)
class _Alias:
    surface: str
    folded: str
    org: Organisation
    exact: bool


@lru_cache(maxsize=8)
def _alias_index(registry: Registry) -> dict[str, tuple[_Alias, ...]]:
    """Aliases by their case-folded first token, longest first (built once per registry)."""
    index: dict[str, list[_Alias]] = {}
    for org in registry:
        spellings = [*org.names, *(a for n in org.names if (a := _unaccented(n)) != n and len(a) == len(n))]
        for surface in spellings:
            first = _ALIAS_TOKEN.match(surface)
            if first is None:
                continue
            short_acronym = len(surface) <= 4 and surface.isupper()
            exact = org.case_sensitive or short_acronym or not surface[0].isupper()
            index.setdefault(first.group().casefold(), []).append(
                _Alias(surface, surface.casefold(), org, exact)
            )
    return {k: tuple(sorted(v, key=lambda a: -len(a.surface))) for k, v in index.items()}


def _unaccented(name: str) -> str:
    """"Sociedad Quimica y Minera" for "Sociedad Química y Minera": the spelling without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _alias_at(text: str, start: int, aliases: tuple[_Alias, ...]) -> tuple[_Alias, int] | None:
    for alias in aliases:
        end = start + len(alias.surface)
        segment = text[start:end]
        if (segment != alias.surface) if alias.exact else (segment.casefold() != alias.folded):
            continue
        if not ends_word(text, end):
            continue
        if alias.org.case_sensitive and " " not in alias.surface and alias.surface[1:].islower() and (
            is_sentence_start(text, start) or is_headline(text, start)
        ):
            continue
        return alias, end
    return None


@lru_cache(maxsize=8)
def _lower_case_names(registry: Registry) -> re.Pattern[str] | None:
    """The first words of names written in lower case ("ioneer", "esVolta"), which the capitalised scan
    would pass over."""
    firsts = sorted({n for org in registry for n in org.names if n[:1].islower() and " " not in n},
                    key=len, reverse=True)  # brand names; "federal government of ..." is a public body
    return re.compile(r"\b(?:" + "|".join(map(re.escape, firsts)) + r")\b") if firsts else None


def _tokens(text: str, registry: Registry) -> list[re.Match[str]]:
    tokens = list(_CAP_TOKEN.finditer(text))
    lower = _lower_case_names(registry)
    named = list(lower.finditer(text)) if lower is not None else []
    return sorted([*tokens, *named], key=lambda t: t.start()) if named else tokens


def _known_mentions(text: str, registry: Registry) -> list[Mention]:
    index = _alias_index(registry)
    found: list[Mention] = []
    done = 0
    for token in _tokens(text, registry):
        start = token.start()
        if start < done or not starts_word(text, start):
            continue
        aliases = index.get(token.group().casefold())
        hit = _alias_at(text, start, aliases) if aliases else None
        if hit is None:
            continue
        alias, end = hit
        unit = _UNIT.match(text, end)
        end = unit.end() if unit else end
        tail = LEGAL_TAIL.match(text, end)
        end = tail.end() if tail else end
        org = alias.org
        value = OrgValue(org.name, org.id, org.country, org.roles, True)
        found.append(Mention("org", start, end, text[start:end], value))
        done = end
    return found


def find_orgs(text: str, registry: Registry) -> list[Mention]:
    """Organisation mentions in ``text``, non-overlapping and sorted by position."""
    known = _known_mentions(text, registry)
    unknown = unknown_mentions(text, [(m.start, m.end) for m in known])
    found = known + unknown
    # "Nemaska Lithium ... Nemaska": a known company named again without its industry word
    short_forms = {m.text: m.value for m in known if short_form(m.text)}
    found += recurrences(text, [(m.start, m.end) for m in found], short_forms)
    found += joined_short_names(text, sorted(found, key=lambda m: m.start))
    return sorted(found, key=lambda m: m.start)


__all__ = ["OrgValue", "find_orgs"]
