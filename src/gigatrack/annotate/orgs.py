"""Organisation mentions: known organisations from the registry, unknown ones by pattern.

Known names are matched token by token against a trie built once per registry (longest name
first), then extended over a local unit ("LG Energy Solution Michigan") and a legal suffix
("Co., Ltd."); the span never takes a possessive. Unknown organisations are found only in
contexts that make them one: an industry or legal suffix ("Kim Long Motor", "Cho Thavee Co."),
a country's possessive ("Thailand's Cho Thavee"), a role noun ("battery maker Sunwoda") or an
appositive ("Virya, a mobility startup"); a name found once is then found wherever it recurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gigatrack.annotate.registry import Organisation, Registry
from gigatrack.model import Mention


@dataclass(frozen=True, slots=True)
class OrgValue:
    """What an organisation mention refers to; ``known`` is False for a pattern-found name."""

    name: str
    org_id: str | None
    country: str | None
    roles: tuple[str, ...]
    known: bool


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    return {k.replace("_", " "): v for k, v in (item.split(":") for item in text.split())}


_COUNTRIES = _pairs(
    """China:CN Korea:KR South_Korea:KR Japan:JP India:IN Vietnam:VN Thailand:TH Indonesia:ID
    Taiwan:TW Malaysia:MY Philippines:PH Singapore:SG Germany:DE France:FR Sweden:SE Norway:NO
    Finland:FI Britain:GB UK:GB U.K.:GB US:US U.S.:US America:US Canada:CA Mexico:MX Brazil:BR
    Chile:CL Argentina:AR Australia:AU Morocco:MA Poland:PL Hungary:HU Spain:ES Italy:IT
    Netherlands:NL Belgium:BE Switzerland:CH Austria:AT Portugal:PT Turkey:TR Israel:IL
    Colombia:CO Peru:PE Bolivia:BO Russia:RU Ukraine:UA Serbia:RS Slovakia:SK Czechia:CZ
    Egypt:EG Nigeria:NG Kenya:KE Pakistan:PK Bangladesh:BD Europe:EU"""
)
_DEMONYMS = _pairs(
    """Chinese:CN South_Korean:KR Korean:KR Japanese:JP Indian:IN Vietnamese:VN Thai:TH
    Indonesian:ID Taiwanese:TW Malaysian:MY Filipino:PH Singaporean:SG German:DE French:FR
    Swedish:SE Norwegian:NO Finnish:FI British:GB American:US U.S.:US US:US Canadian:CA
    Mexican:MX Brazilian:BR Chilean:CL Argentine:AR Argentinian:AR Australian:AU Moroccan:MA
    Polish:PL Hungarian:HU Spanish:ES Italian:IT Dutch:NL Belgian:BE Swiss:CH Austrian:AT
    Turkish:TR Israeli:IL Colombian:CO Peruvian:PE Russian:RU Slovak:SK Czech:CZ European:EU"""
)
# Role nouns that introduce a company name, with the registry role they imply.
_ROLE_NOUNS = _pairs(
    """automaker:automaker carmaker:automaker manufacturer:other maker:other producer:other
    supplier:other company:other firm:other startup:other start-up:other developer:other
    giant:other conglomerate:other miner:mining refiner:materials recycler:recycler
    operator:other utility:utility subsidiary:other affiliate:other provider:other"""
)
_MAKER_ROLES = _pairs(
    """battery:cell_maker cell:cell_maker bus:bus_maker truck:truck_maker scooter:two_wheeler_maker
    motorcycle:two_wheeler_maker two-wheeler:two_wheeler_maker car:automaker vehicle:automaker
    EV:automaker cathode:materials anode:materials precursor:materials separator:materials
    electrolyte:materials materials:materials lithium:mining nickel:mining graphite:materials"""
)
# Words that end an organisation's name ("Kim Long Motor", "Sun New Energy Systems").
_INDUSTRY_SUFFIXES = _words(
    """Motor Motors Motorcorp Battery Batteries Energy Materials Material Mining Power Group
    Industries Industrial Technologies Technology Tech Mobility Automotive Auto Chemical Chemicals
    Lithium Metals Minerals Resources Electric Electronics Solutions Systems Greentech Cells
    Engineering Ventures Capital Partners Investments Enterprises Manufacturing Logistics Transport
    Transportation Trucks Bus Buses Nickel Cobalt Graphite Recycling Storage Corporation Company"""
)
# Capitalised words that never name an organisation on their own.
_GENERIC = _words(
    """The A An This That These Those Its Their Our His Her It We They He She In On At For From
    With By As And Or But Of To Meanwhile However Also After Before While When Where Under Over
    Last Next Both Each Every All Some Most More Such Other New Old First Second Third Total
    According Since Until Once If Then There Here What Which Who Why How Now Today Yesterday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Mr Ms Mrs Dr CEO CFO CTO Chairman President Prime Minister Ministry Minister
    Government Department Secretary Governor Mayor Council Agency Office Commission State Province
    City County Region North South East West Northern Southern Eastern Western Central Global
    International National Federal Local Regional Clean Green Renewable Solar Wind Hydrogen Smart
    Electric Electrification Hybrid Battery Batteries Cell Cells Energy Power Storage Lithium
    Lithium-Ion Lithium-ion Sodium-Ion Sodium-ion Solid-State Solid-state EV EVs BEV PHEV ESS LFP
    NCM NCA Vehicle Vehicles Car Cars Bus Buses Truck Trucks Auto Automotive Mobility Motor Motors
    Group Industry Industries Technology Technologies Tech Materials Material Mining Metals Minerals
    Resources Chemical Chemicals Solutions Systems Advanced Plant Factory Gigafactory Project
    Program Programme Plan Policy Act Law Market Markets Sales Supply Demand Production Investment
    Capital Partners Ventures Company Corporation Business Sector Chief Executive Officer Director
    Manager Vice Senior Head Officials Analysts Reuters Bloomberg Nikkei Xinhua Yonhap Photo
    Source Sources Read More Related News Update Breaking Exclusive Korea China Japan India"""
)
_PLACE_NOUNS = _words("region province state city county prefecture district area town port island")

_LEGAL = (
    r"Co\.,?[ \t]+Ltd\.?|Co\.,?[ \t]+Limited|Co\.|Corp\.|Corporation|Company|Inc\.|Inc\b|Incorporated"
    r"|Ltd\.|Ltd\b|Limited|LLC\b|L\.L\.C\.|GmbH\b|AG\b|SE\b|S\.A\.|SA\b|S\.p\.A\.|SpA\b|plc\b|PLC\b"
    r"|PCL\b|JSC\b|Tbk\b|N\.V\.|NV\b|B\.V\.|AB\b|ASA\b|Pte\.?[ \t]+Ltd\.?|Pty\.?[ \t]+Ltd\.?"
    r"|Sdn\.?[ \t]+Bhd\.?|K\.K\.|Oyj\b|Kft\.?|Holdings\b|Holding\b"
)
_LEGAL_TAIL = re.compile(rf"(?:,?[ \t]+(?:{_LEGAL}))+")
_TOKEN = re.compile(r"[^\W_]+(?:[.&'’](?!s\b)[^\W_]+)*")
# A run of capitalised words that could be a name (stops before a legal suffix).
_WORD = r"(?!(?:Co|Corp|Inc|Ltd|LLC|PLC|PCL|JSC|Tbk|Pte|Pty|Sdn)\b)[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]|[A-Z]\b"
_RUN = re.compile(rf"(?<![\w.&-])(?:{_WORD})(?:[ \t]+(?:{_WORD}|&))*")
_COUNTRY_ALT = "|".join(re.escape(c) for c in sorted(_COUNTRIES, key=len, reverse=True))
_DEMONYM_ALT = "|".join(re.escape(d) for d in sorted(_DEMONYMS, key=len, reverse=True))
_ROLE_ALT = "|".join(re.escape(r) for r in sorted(_ROLE_NOUNS, key=len, reverse=True))
_POSSESSIVE_INTRO = re.compile(
    rf"\b(?P<country>{_COUNTRY_ALT})['’]s[ \t]+(?:(?:[a-z][\w-]*[ \t]+){{0,3}}(?P<role>{_ROLE_ALT})[ \t]+)?(?=[A-Z])"
)
_ROLE_INTRO = re.compile(
    rf"(?:\b(?P<demonym>{_DEMONYM_ALT})[ \t]+)?(?P<words>(?:[a-zA-Z][\w-]*[ \t]+){{0,4}}?)"
    rf"\b(?P<role>{_ROLE_ALT})[ \t]+(?=[A-Z])"
)
_APPOSITIVE = re.compile(rf",[ \t]+(?:a|an)[ \t]+(?:[\w-]+[ \t]+){{0,5}}?(?P<role>{_ROLE_ALT})\b")
_SENTENCE_END = frozenset(".!?\n")


@dataclass(frozen=True, slots=True)
class _Alias:
    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    org: Organisation
    exact: bool


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _norm_gap(gap: str) -> str:
    return " ".join(gap.split()) if gap.strip() else " "


@lru_cache(maxsize=8)
def _alias_index(registry: Registry) -> dict[str, tuple[_Alias, ...]]:
    """Aliases by their case-folded first token, longest first (built once per registry)."""
    index: dict[str, list[_Alias]] = {}
    for org in registry:
        for surface in org.names:
            toks = _tokens(surface)
            if not toks:
                continue
            gaps = tuple(_norm_gap(surface[a.end : b.start]) for a, b in zip(toks, toks[1:], strict=False))
            short_acronym = len(surface) <= 4 and surface.isupper()
            exact = org.case_sensitive or short_acronym or not surface[0].isupper()
            alias = _Alias(tuple(t.text for t in toks), gaps, org, exact)
            index.setdefault(toks[0].text.casefold(), []).append(alias)
    return {k: tuple(sorted(v, key=lambda a: -len(a.tokens))) for k, v in index.items()}


def _unit_places() -> frozenset[tuple[str, ...]]:
    names = (
        list(_COUNTRIES)
        + """USA Michigan Ohio Tennessee Kentucky Georgia Arizona Indiana Texas Nevada Kansas Alabama
        Illinois California Shanghai Berlin Nanjing Wroclaw Wrocław Debrecen Ningde Sunderland Douai""".split()
        + ["North America", "North Carolina", "South Carolina", "New York"]
    )
    return frozenset(tuple(n.split()) for n in names)


_UNIT_PLACES = _unit_places()


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _is_headline(text: str, start: int) -> bool:
    """True when the line around ``start`` is a title-case headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and not line.rstrip().endswith(".") and (
        sum(w[0].isupper() for w in words) >= 0.75 * len(words)
    )


def _match_alias(text: str, toks: list[_Token], i: int, alias: _Alias) -> int:
    """The end offset of ``alias`` matched at token ``i``, or -1."""
    if i + len(alias.tokens) > len(toks):
        return -1
    for k, want in enumerate(alias.tokens):
        got = toks[i + k]
        if (got.text != want) if alias.exact else (got.text.casefold() != want.casefold()):
            return -1
        if k and _norm_gap(text[toks[i + k - 1].end : got.start]) != alias.gaps[k - 1]:
            return -1
        if k and "\n" in text[toks[i + k - 1].end : got.start]:
            return -1
    return toks[i + len(alias.tokens) - 1].end


def _extend_unit(text: str, toks: list[_Token], j: int) -> tuple[int, int]:
    """Token index and end offset after a place naming a local unit that follows token ``j - 1``."""
    for size in (2, 1):
        seq = toks[j : j + size]
        if len(seq) == size and all(text[a.end : b.start] == " " for a, b in zip(toks[j - 1 :], seq, strict=False)):
            if tuple(t.text for t in seq) in _UNIT_PLACES:
                return j + size, seq[-1].end
    return j, toks[j - 1].end


def _known_mentions(text: str, registry: Registry) -> list[Mention]:
    index = _alias_index(registry)
    toks = _tokens(text)
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        candidates = index.get(tok.text.casefold(), ()) if tok.text[0].isupper() or not tok.text[0].isalpha() else ()
        for alias in candidates:
            end = _match_alias(text, toks, i, alias)
            if end < 0:
                continue
            if alias.exact and alias.org.case_sensitive and len(alias.tokens) == 1 and (
                _is_sentence_start(text, tok.start) or _is_headline(text, tok.start)
            ):
                continue
            j, end = _extend_unit(text, toks, i + len(alias.tokens))
            tail = _LEGAL_TAIL.match(text, end)
            if tail:
                end = tail.end()
                while j < len(toks) and toks[j].start < end:
                    j += 1
            org = alias.org
            value = OrgValue(org.name, org.id, org.country, org.roles, True)
            found.append(Mention("org", tok.start, end, text[tok.start : end], value))
            i = j - 1
            break
        i += 1
    return found


def _name_tokens(name: str) -> list[str]:
    return name.replace(",", " ").split()


def _clean_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim generic leading words off a capitalised run; None when nothing distinctive is left."""
    span = text[start:end]
    while True:
        first, _, rest = span.partition(" ")
        if rest and (first in _GENERIC or first in _DEMONYMS or first.rstrip("'’s") in _COUNTRIES):
            start += len(first) + 1
            span = rest.lstrip()
            start = end - len(span)
            continue
        break
    words = _name_tokens(span)
    if not any(w not in _GENERIC and w not in _COUNTRIES and not w.isdigit() for w in words):
        return None
    if len(words) == 1 and words[0] in _DEMONYMS:
        return None
    return start, end


def _unknown_from_run(text: str, run: re.Match[str]) -> tuple[int, int] | None:
    """A suffix-marked name in a capitalised run: "Kim Long Motor", "Cho Thavee Co., Ltd."."""
    tail = _LEGAL_TAIL.match(text, run.end())
    words = run.group().split()
    if not tail and (len(words) < 2 or words[-1] not in _INDUSTRY_SUFFIXES):
        return None
    trimmed = _clean_run(text, run.start(), run.end())
    if trimmed is None:
        return None
    start, end = trimmed
    stem = [w for w in text[start:end].split() if w not in _INDUSTRY_SUFFIXES]
    if not tail and not any(w not in _GENERIC and w not in _COUNTRIES for w in stem):
        return None
    return start, tail.end() if tail else end


def _run_at(text: str, pos: int) -> tuple[int, int] | None:
    run = _RUN.match(text, pos)
    if run is None:
        return None
    tail = _LEGAL_TAIL.match(text, run.end())
    end = tail.end() if tail else run.end()
    words = run.group().split()
    if words[0] in _GENERIC or words[0] in _COUNTRIES or words[0] in _DEMONYMS:
        return None
    after = text[end : end + 20].split()
    if after and after[0].strip(",.;:") in _PLACE_NOUNS:
        return None
    return run.start(), end


def _role_of(role_noun: str, words: str) -> tuple[str, ...]:
    role = _ROLE_NOUNS.get(role_noun, "other")
    if role_noun in ("maker", "manufacturer", "producer", "supplier"):
        for word in reversed(words.split()):
            if word in _MAKER_ROLES:
                return (_MAKER_ROLES[word],)
    return () if role == "other" else (role,)


def _introduced_unknowns(text: str) -> list[tuple[int, int, str | None, tuple[str, ...]]]:
    """Names after "Thailand's", "Chinese battery maker", and before ", a ... company"."""
    found: list[tuple[int, int, str | None, tuple[str, ...]]] = []
    for m in _POSSESSIVE_INTRO.finditer(text):
        span = _run_at(text, m.end())
        if span:
            roles = _role_of(m["role"], text[m.start() : m.end()]) if m["role"] else ()
            found.append((*span, _COUNTRIES[m["country"]], roles))
    for m in _ROLE_INTRO.finditer(text):
        span = _run_at(text, m.end())
        if span:
            country = _DEMONYMS.get(m["demonym"]) if m["demonym"] else None
            found.append((*span, country, _role_of(m["role"], m["words"])))
    for m in _APPOSITIVE.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
        runs = [r for r in _RUN.finditer(text, line_start, m.start()) if r.end() == m.start()]
        trimmed = _clean_run(text, runs[-1].start(), runs[-1].end()) if runs else None
        if trimmed:
            found.append((*trimmed, None, _role_of(m["role"], m.group())))
    return found


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or e <= start for s, e in spans)


def _unknown_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    candidates = _introduced_unknowns(text)
    for run in _RUN.finditer(text):
        span = _unknown_from_run(text, run)
        if span and not _is_headline(text, run.start()):
            candidates.append((*span, None, ()))
    spans = list(taken)
    by_name: dict[str, OrgValue] = {}
    found: list[Mention] = []
    for start, end, country, roles in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if not _free(spans, start, end):
            continue
        surface = text[start:end]
        value = by_name.setdefault(surface, OrgValue(surface, None, country, roles, False))
        found.append(Mention("org", start, end, surface, value))
        spans.append((start, end))
    found.extend(_recurrences(text, spans, by_name))
    return found


def _recurrences(text: str, spans: list[tuple[int, int]], by_name: dict[str, OrgValue]) -> list[Mention]:
    """Later mentions of a pattern-found name, also without its industry suffix."""
    found: list[Mention] = []
    forms: dict[str, OrgValue] = {}
    for surface, value in by_name.items():
        words = surface.split()
        forms.setdefault(surface, value)
        while len(words) > 1 and words[-1].strip(",.") in _INDUSTRY_SUFFIXES | {"Co.", "Ltd.", "Inc.", "Corp."}:
            words.pop()
            if words[-1] not in _GENERIC:
                forms.setdefault(" ".join(words).rstrip(","), value)
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w&-]){re.escape(form)}(?![\w&-])", text):
            if _free(spans, m.start(), m.end()):
                found.append(Mention("org", m.start(), m.end(), m.group(), forms[form]))
                spans.append((m.start(), m.end()))
    return found


def find_orgs(text: str, registry: Registry) -> list[Mention]:
    """Organisation mentions in ``text``, non-overlapping and sorted by position."""
    known = _known_mentions(text, registry)
    unknown = _unknown_mentions(text, [(m.start, m.end) for m in known])
    return sorted(known + unknown, key=lambda m: m.start)
