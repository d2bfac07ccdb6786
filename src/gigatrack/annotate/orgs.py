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
    Transportation Trucks Bus Buses Nickel Cobalt Graphite Recycling Storage Corporation Company Electrolyte"""
)
_SUFFIX_ROLES = _pairs("Battery:cell_maker Batteries:cell_maker Cells:cell_maker Lithium:mining Nickel:mining "
                       "Cobalt:mining Graphite:materials Materials:materials Material:materials Electrolyte:materials")
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
    Source Sources Read More Related News Update Breaking Exclusive Korea China Japan India Active Anode
    Cathode Precursor Electrolyte Separator Foil Phosphate"""
)
# Words that may follow the role noun of an appositive ("a Thai bus maker based in ...").
_AFTER_ROLE = _words("that which whose based headquartered owned backed listed in from with of and for")
_PLACE_NOUNS = _words("region province state city county prefecture district area town port island")

_LEGAL = (
    r"Co\.,?[ \t]+Ltd\.?|Co\.,?[ \t]+Limited|Co\.|Corp\.|Corporation|Company|Inc\.|Inc\b|Incorporated"
    r"|Ltd\.|Ltd\b|Limited|LLC\b|L\.L\.C\.|GmbH\b|AG\b|SE\b|S\.A\.|SA\b|S\.p\.A\.|SpA\b|plc\b|PLC\b"
    r"|PCL\b|JSC\b|Tbk\b|N\.V\.|NV\b|B\.V\.|AB\b|ASA\b|Pte\.?[ \t]+Ltd\.?|Pty\.?[ \t]+Ltd\.?"
    r"|Sdn\.?[ \t]+Bhd\.?|K\.K\.|Oyj\b|Kft\.?|Holdings\b|Holding\b"
)
_LEGAL_TAIL = re.compile(rf"(?:,?[ \t]+(?:{_LEGAL}))+")
_LEGAL_WORDS = _words(
    """Co Corp Inc Ltd Limited LLC PLC plc PCL JSC Tbk Pte Pty Sdn Bhd GmbH AG SA SE NV AB Holdings
    Corporation Company"""
)
_LEGAL_WORD = rf"(?:{'|'.join(sorted(_LEGAL_WORDS))})\b"
# A capitalised token (where a known name can start) and a run of capitalised words.
_CAP_TOKEN = re.compile(r"[^\W_a-z][^\W_]*(?:[.&'’](?!s\b)[^\W_]+)*")
_ALIAS_TOKEN = re.compile(r"[^\W_]+(?:[.&'’](?!s\b)[^\W_]+)*")
_RUN = re.compile(rf"[A-Z][\w&-]*(?:[ \t]+(?!{_LEGAL_WORD})(?:[A-Z][\w&-]*|&))*")
_UNIT_PLACES = (
    "North America|North Carolina|South Carolina|New York|South Korea|USA|US|UK|America|Europe|China|Japan"
    "|Korea|India|Indonesia|Vietnam|Thailand|Germany|Hungary|Poland|France|Spain|Sweden|Norway|Canada"
    "|Mexico|Brazil|Australia|Morocco|Michigan|Ohio|Tennessee|Kentucky|Georgia|Arizona|Indiana|Texas"
    "|Nevada|Kansas|Alabama|Illinois|California|Shanghai|Berlin|Nanjing|Wroclaw|Wrocław|Debrecen|Ningde"
)
_UNIT = re.compile(rf" (?:{_UNIT_PLACES})(?![\w&])")
_ARTICLE_ROLE_SPAN = 6
# The last two characters before a name that an introduction ("Thailand's ", "maker ") can end with.
_INTRO_ENDINGS = frozenset({"s ", *(f"{noun[-1]} " for noun in _ROLE_NOUNS)})


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
        for surface in org.names:
            first = _ALIAS_TOKEN.match(surface)
            if first is None:
                continue
            short_acronym = len(surface) <= 4 and surface.isupper()
            exact = org.case_sensitive or short_acronym or not surface[0].isupper()
            index.setdefault(first.group().casefold(), []).append(
                _Alias(surface, surface.casefold(), org, exact)
            )
    return {k: tuple(sorted(v, key=lambda a: -len(a.surface))) for k, v in index.items()}


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "&_")


def _ends_word(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    c = text[end]
    if c.isalnum() or c in "&_":
        return False
    if c in ".'’" and end + 1 < len(text) and text[end + 1].isalnum():
        return c != "." and text[end + 1] == "s" and (end + 2 == len(text) or not text[end + 2].isalnum())
    return True


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n"


def _is_headline(text: str, start: int) -> bool:
    """True when the line around ``start`` is a title-case headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and not line.rstrip().endswith(".") and (
        sum(w[0].isupper() for w in words) >= 0.75 * len(words)
    )


def _alias_at(text: str, start: int, aliases: tuple[_Alias, ...]) -> tuple[_Alias, int] | None:
    for alias in aliases:
        end = start + len(alias.surface)
        segment = text[start:end]
        if (segment != alias.surface) if alias.exact else (segment.casefold() != alias.folded):
            continue
        if not _ends_word(text, end):
            continue
        if alias.org.case_sensitive and " " not in alias.surface and alias.surface[1:].islower() and (
            _is_sentence_start(text, start) or _is_headline(text, start)
        ):
            continue
        return alias, end
    return None


def _known_mentions(text: str, registry: Registry) -> list[Mention]:
    index = _alias_index(registry)
    found: list[Mention] = []
    done = 0
    for token in _CAP_TOKEN.finditer(text):
        start = token.start()
        if start < done or not _starts_word(text, start):
            continue
        aliases = index.get(token.group().casefold())
        hit = _alias_at(text, start, aliases) if aliases else None
        if hit is None:
            continue
        alias, end = hit
        unit = _UNIT.match(text, end)
        end = unit.end() if unit else end
        tail = _LEGAL_TAIL.match(text, end)
        end = tail.end() if tail else end
        org = alias.org
        value = OrgValue(org.name, org.id, org.country, org.roles, True)
        found.append(Mention("org", start, end, text[start:end], value))
        done = end
    return found


def _distinctive(word: str) -> bool:
    return word not in _GENERIC and word not in _COUNTRIES and word not in _DEMONYMS and not word[0].isdigit()


def _trim(text: str, start: int, end: int) -> int:
    """The start after dropping generic leading words ("The", "Chinese", "Meanwhile")."""
    while True:
        space = text.find(" ", start, end)
        if space < 0:
            return start
        first = text[start:space]
        adverb = first.endswith("ly") and _is_sentence_start(text, start)
        if first in _GENERIC or first in _DEMONYMS or adverb:
            start = space + 1
        else:
            return start


_Candidate = tuple[int, int, str | None, tuple[str, ...]]


def _role_of(role_noun: str, before: list[str]) -> tuple[str, ...]:
    if role_noun in ("maker", "manufacturer", "producer", "supplier"):
        for word in reversed(before):
            if word in _MAKER_ROLES:
                return (_MAKER_ROLES[word],)
    role = _ROLE_NOUNS.get(role_noun, "other")
    return () if role == "other" else (role,)


def _introduction(text: str, start: int) -> tuple[str | None, tuple[str, ...]] | None:
    """Country and roles when the name at ``start`` follows "Thailand's" or "(Chinese) battery maker"."""
    head = text[max(0, start - 80) : start]
    if not head.endswith((" ", "\t")):
        return None
    words = head.split()
    if not words:
        return None
    last = words[-1]
    if last.endswith(("'s", "’s")):
        stem = last[:-2]
        two = f"{words[-2]} {stem}" if len(words) > 1 else stem
        country = _COUNTRIES.get(two) or _COUNTRIES.get(stem)
        return (country, ()) if country else None
    if last not in _ROLE_NOUNS:
        return None
    before = words[-_ARTICLE_ROLE_SPAN:-1]
    country = None
    for i, word in enumerate(before):
        pair = f"{word} {before[i + 1]}" if i + 1 < len(before) else word
        country = _DEMONYMS.get(pair) or _DEMONYMS.get(word) or country
        if word.endswith(("'s", "’s")) and word[:-2] in _COUNTRIES:
            country = _COUNTRIES[word[:-2]]
    return country, _role_of(last, before)


def _appositive(text: str, end: int) -> tuple[str, ...] | None:
    """Roles when the name ending at ``end`` is followed by ", a Thai bus maker"."""
    if not text.startswith((", a ", ", an "), end):
        return None
    clause = text[end + 2 : end + 90].split(",")[0].split(".")[0].split()[1:_ARTICLE_ROLE_SPAN + 1]
    for i, word in enumerate(clause):
        if word[0].isupper() and word not in _DEMONYMS:
            return None
        if word in _ROLE_NOUNS:
            following = clause[i + 1] if i + 1 < len(clause) else None
            return _role_of(word, clause[:i]) if following is None or following in _AFTER_ROLE else None
    return None


def _candidates(text: str, taken: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    known = iter(taken)
    known_span = next(known, (len(text), len(text)))
    for run in _RUN.finditer(text):
        start, end = run.span()
        while known_span[1] <= start:
            known_span = next(known, (len(text), len(text)))
        if known_span[0] <= start or not _starts_word(text, start):
            continue
        if run.group().split(" ", 1)[0] in _LEGAL_WORDS:
            continue
        tail = _LEGAL_TAIL.match(text, end)
        full_end = tail.end() if tail else end
        intro = _introduction(text, start) if text[start - 2 : start] in _INTRO_ENDINGS else None
        if intro is not None and not _is_headline(text, start):
            after = text[full_end : full_end + 20].split()
            is_place = bool(after) and after[0].strip(",.;:") in _PLACE_NOUNS
            if _distinctive(run.group().split()[0]) and not is_place:
                found.append((start, full_end, *intro))
                continue
        start = _trim(text, start, end)
        words = text[start:end].split()
        stem = [w for w in words if w not in _INDUSTRY_SUFFIXES]
        if not any(_distinctive(w) for w in words):
            continue
        roles = _appositive(text, full_end)
        if roles is not None:
            found.append((start, full_end, None, roles))
        elif (
            (tail or (len(words) > 1 and words[-1] in _INDUSTRY_SUFFIXES))
            and any(_distinctive(w) for w in stem)
            and not _is_headline(text, start)
        ):
            found.append((start, full_end, None, (_SUFFIX_ROLES[words[-1]],) if words[-1] in _SUFFIX_ROLES else ()))
    return found


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or e <= start for s, e in spans)


def _unknown_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    spans = list(taken)
    by_name: dict[str, OrgValue] = {}
    found: list[Mention] = []
    for start, end, country, roles in _candidates(text, taken):
        if not _free(spans, start, end):
            continue
        surface = text[start:end]
        value = by_name.setdefault(surface, OrgValue(surface, None, country, roles, False))
        found.append(Mention("org", start, end, surface, value))
        spans.append((start, end))
    found.extend(_recurrences(text, spans, by_name))
    return found


def _short_form(name: str) -> str | None:
    """The name without its legal or industry suffix: "Kim Long" for "Kim Long Motor"."""
    match = _LEGAL_TAIL.search(name)
    stem = name[: match.start()] if match else name
    words = stem.split()
    if len(words) > 1 and words[-1] in _INDUSTRY_SUFFIXES:
        words.pop()
    short = " ".join(words)
    return short if short != name and words and _distinctive(words[-1]) else None


def _recurrences(text: str, spans: list[tuple[int, int]], by_name: dict[str, OrgValue]) -> list[Mention]:
    """Later mentions of a pattern-found name, also without its suffix."""
    forms: dict[str, OrgValue] = dict(by_name)
    for name, value in by_name.items():
        short = _short_form(name)
        if short:
            forms.setdefault(short, value)
    found: list[Mention] = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if _starts_word(text, start) and _ends_word(text, end) and _free(spans, start, end):
                found.append(Mention("org", start, end, form, forms[form]))
                spans.append((start, end))
            start = text.find(form, end)
    return found


def find_orgs(text: str, registry: Registry) -> list[Mention]:
    """Organisation mentions in ``text``, non-overlapping and sorted by position."""
    known = _known_mentions(text, registry)
    unknown = _unknown_mentions(text, [(m.start, m.end) for m in known])
    found = known + unknown
    # "Nemaska Lithium ... Nemaska": a known company named again without its industry word
    short_forms = {m.text: m.value for m in known if _short_form(m.text)}
    found += _recurrences(text, [(m.start, m.end) for m in found], short_forms)
    return sorted(found, key=lambda m: m.start)
