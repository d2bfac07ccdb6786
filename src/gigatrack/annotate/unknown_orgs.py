"""Organisations no registry lists, found by how the text introduces them.

Only contexts that make a capitalised name an organisation count: an industry or legal suffix
("Kim Long Motor", "Cho Thavee Co."), a country's possessive ("Thailand's Cho Thavee"), a role
noun ("battery maker Sunwoda") or an appositive ("Virya, a mobility startup"); a name found once
is then found wherever it recurs, also without its suffix ("Kim Long").
"""

from __future__ import annotations

import re

from gigatrack.annotate.org_names import (
    LEGAL_TAIL,
    LEGAL_WORD,
    LEGAL_WORDS,
    OrgValue,
    ends_word,
    is_headline,
    is_sentence_start,
    pairs,
    starts_word,
    words,
)
from gigatrack.model import Mention

_COUNTRIES = pairs(
    """China:CN Korea:KR South_Korea:KR Japan:JP India:IN Vietnam:VN Thailand:TH Indonesia:ID
    Taiwan:TW Malaysia:MY Philippines:PH Singapore:SG Germany:DE France:FR Sweden:SE Norway:NO
    Finland:FI Britain:GB UK:GB U.K.:GB US:US U.S.:US America:US Canada:CA Mexico:MX Brazil:BR
    Chile:CL Argentina:AR Australia:AU Morocco:MA Poland:PL Hungary:HU Spain:ES Italy:IT
    Netherlands:NL Belgium:BE Switzerland:CH Austria:AT Portugal:PT Turkey:TR Israel:IL
    Colombia:CO Peru:PE Bolivia:BO Russia:RU Ukraine:UA Serbia:RS Slovakia:SK Czechia:CZ
    Egypt:EG Nigeria:NG Kenya:KE Pakistan:PK Bangladesh:BD Europe:EU"""
)
_DEMONYMS = pairs(
    """Chinese:CN South_Korean:KR Korean:KR Japanese:JP Indian:IN Vietnamese:VN Thai:TH
    Indonesian:ID Taiwanese:TW Malaysian:MY Filipino:PH Singaporean:SG German:DE French:FR
    Swedish:SE Norwegian:NO Finnish:FI British:GB American:US U.S.:US US:US Canadian:CA
    Mexican:MX Brazilian:BR Chilean:CL Argentine:AR Argentinian:AR Australian:AU Moroccan:MA
    Polish:PL Hungarian:HU Spanish:ES Italian:IT Dutch:NL Belgian:BE Swiss:CH Austrian:AT
    Turkish:TR Israeli:IL Colombian:CO Peruvian:PE Russian:RU Slovak:SK Czech:CZ European:EU"""
)
# Role nouns that introduce a company name, with the registry role they imply.
_ROLE_NOUNS = pairs(
    """automaker:automaker carmaker:automaker manufacturer:other maker:other producer:other
    supplier:other company:other firm:other startup:other start-up:other developer:other
    giant:other conglomerate:other miner:mining refiner:materials recycler:recycler
    operator:other utility:utility subsidiary:other affiliate:other provider:other consortium:other
    fund:investor investor:investor venture:jv"""
)
_MAKER_ROLES = pairs(
    """battery:cell_maker cell:cell_maker bus:bus_maker truck:truck_maker scooter:two_wheeler_maker
    motorcycle:two_wheeler_maker two-wheeler:two_wheeler_maker car:automaker vehicle:automaker
    EV:automaker cathode:materials anode:materials precursor:materials separator:materials
    electrolyte:materials materials:materials lithium:mining nickel:mining graphite:materials"""
)
# Words that end an organisation's name ("Kim Long Motor", "Sun New Energy Systems").
_INDUSTRY_SUFFIXES = words(
    """Motor Motors Motorcorp Battery Batteries Energy Materials Material Mining Power Group
    Industries Industrial Technologies Technology Tech Mobility Automotive Auto Chemical Chemicals
    Lithium Metals Minerals Resources Electric Electronics Solutions Systems Greentech Cells
    Engineering Ventures Capital Partners Investments Enterprises Manufacturing Logistics Transport
    Transportation Trucks Bus Buses Nickel Cobalt Graphite Recycling Storage Corporation Company Electrolyte"""
)
_SUFFIX_ROLES = pairs("Battery:cell_maker Batteries:cell_maker Cells:cell_maker Lithium:mining Nickel:mining "
                       "Cobalt:mining Graphite:materials Materials:materials Material:materials Electrolyte:materials")
# Capitalised words that never name an organisation on their own.
_GENERIC = words(
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
_AFTER_ROLE = words("that which whose based headquartered owned backed listed in from with of and for")
_PLACE_NOUNS = words("region province state city county prefecture district area town port island")
_RUN = re.compile(rf"[A-Z][\w&-]*(?:[ \t]+(?!{LEGAL_WORD})(?:[A-Z][\w&-]*|&))*")
_ARTICLE_ROLE_SPAN = 6
# The last two characters before a name that an introduction ("Thailand's ", "maker ") can end with.
_INTRO_ENDINGS = frozenset({"s ", *(f"{noun[-1]} " for noun in _ROLE_NOUNS)})


# One word with a capital inside ("HyperStrong", "TransJakarta") names a company; not a surname ("McKinsey"
# is a company anyway, "DeSantis" is not) nor a chemical formula ("LiFePO4").
_CAMEL_CASE = re.compile(r"(?!(?:Mc|Mac|De|Di|Le|La|Van|Von|Du|Da)[A-Z])[A-Z][a-z]{2,}[A-Z][a-z][A-Za-z]*")


def _distinctive(word: str) -> bool:
    return word not in _GENERIC and word not in _COUNTRIES and word not in _DEMONYMS and not word[0].isdigit()


def _trim(text: str, start: int, end: int) -> int:
    """The start after dropping generic leading words ("The", "Chinese", "Meanwhile")."""
    while True:
        space = text.find(" ", start, end)
        if space < 0:
            return start
        first = text[start:space]
        adverb = first.endswith("ly") and is_sentence_start(text, start)
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
        if known_span[0] <= start or not starts_word(text, start):
            continue
        if run.group().split(" ", 1)[0] in LEGAL_WORDS:
            continue
        tail = LEGAL_TAIL.match(text, end)
        full_end = tail.end() if tail else end
        intro = _introduction(text, start) if text[start - 2 : start] in _INTRO_ENDINGS else None
        if intro is not None and _inside(taken, text.rfind(" ", 0, start - 1) + 1):
            intro = None  # "PT Vale Indonesia's Pomalaa Block": the company's possessive, not the country's
        if intro is not None and not is_headline(text, start):
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
            and not is_headline(text, start)
        ):
            found.append((start, full_end, None, (_SUFFIX_ROLES[words[-1]],) if words[-1] in _SUFFIX_ROLES else ()))
        elif len(words) > 2 and words[0] == "PT" and _distinctive(words[1]) and not is_headline(text, start):
            found.append((start, full_end, "ID", ()))  # "PT Kolaka Nickel Indonesia": an Indonesian company
        elif len(words) == 1 and _CAMEL_CASE.fullmatch(words[0]) and _distinctive(words[0]):
            found.append((start, full_end, None, ()))  # "HyperStrong", "BasiGo": a brand-like name
    return found


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position < e for s, e in spans)


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or e <= start for s, e in spans)


def unknown_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
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
    found.extend(recurrences(text, spans, by_name))
    return found


def short_form(name: str) -> str | None:
    """The name without its legal or industry suffix: "Kim Long" for "Kim Long Motor"."""
    match = LEGAL_TAIL.search(name)
    stem = name[: match.start()] if match else name
    words = stem.split()
    if len(words) > 1 and words[-1] in _INDUSTRY_SUFFIXES:
        words.pop()
    short = " ".join(words)
    return short if short != name and words and _distinctive(words[-1]) else None


def recurrences(text: str, spans: list[tuple[int, int]], by_name: dict[str, OrgValue]) -> list[Mention]:
    """Later mentions of a pattern-found name, also without its suffix."""
    forms: dict[str, OrgValue] = dict(by_name)
    for name, value in by_name.items():
        short = short_form(name)
        if short:
            forms.setdefault(short, value)
    found: list[Mention] = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if starts_word(text, start) and ends_word(text, end) and _free(spans, start, end):
                found.append(Mention("org", start, end, form, forms[form]))
                spans.append((start, end))
            start = text.find(form, end)
    return found


# "a joint venture with Yadea and DCJ": a short capitalised name joined to a company is a company too
_JOINED_AFTER = re.compile(r"(?:['’]s)?(?:,\s+|\s+and\s+|\s*/\s*)(?P<name>[A-Z]{2,5})(?![\w’'-])")
_NOT_SHORT_NAMES = words("USD EUR GBP JPY CNY RMB KRW INR CAD AUD THB IDR VND GW GWh MW MWh EV EVs ICE OEM OEMs IPO "
                         "ESG CEO CFO COO AI")


def joined_short_names(text: str, orgs: list[Mention]) -> list[Mention]:
    """Short all-capital names joined to a known company by "and" or a comma ("with Yadea and DCJ")."""
    spans = [(m.start, m.end) for m in orgs]
    found: list[Mention] = []
    for org in orgs:
        joined = _JOINED_AFTER.match(text, org.end)
        name = joined.group("name") if joined else ""
        if not joined or name in _NOT_SHORT_NAMES or not _distinctive(name) or f"({name})" in text:
            continue  # a short form the text defines is the long name's ("Evey Trans Private (EVEY)")
        start, end = joined.start("name"), joined.end("name")
        if _free(spans, start, end):
            found.append(Mention("org", start, end, name, OrgValue(name, None, None, (), False)))
            spans.append((start, end))
    return found
