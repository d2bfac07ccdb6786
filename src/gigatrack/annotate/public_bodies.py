"""Governments, councils, ministries and other public bodies named in the text, as organisations.

Public bodies sign cooperation agreements, hand out subsidies and place bus orders, but no
registry can list every provincial government. They are named in a few fixed ways, which this
module reads: "the Guangdong Provincial Government", "Zhuhai Municipal People's Government",
"State of Indiana", "Sunderland City Council", "the Tamil Nadu government", "the Japanese
government", "Ministry of Economy, Trade and Industry"; public research bodies ("Catholic
University of the North"); public transport operators ("Duluth Transit Authority"); and a country
that signs something ("Morocco has signed a memorandum of understanding with ..."), which stands
for its government.
"""

from __future__ import annotations

import re

from gigatrack.annotate.org_names import OrgValue
from gigatrack.annotate.places import place_of
from gigatrack.model import Mention

_NAME = r"(?!(?:The|A|An|This|That|Its|Their|Our|Local|Central|New)\b)[A-Z][\w'’.-]*"
_GOVERNMENTS = (
    re.compile(
        rf"\b(?:{_NAME}\s+){{1,3}}(?:Provincial|Municipal|Metropolitan|State|City|County|Regional|Prefectural|"
        rf"Federal|National|District)\s+(?:People['’]s\s+)?(?:Government|Council|Assembly|Administration)\b"
    ),
    re.compile(rf"\b(?:State|Government|Province|Commonwealth|City)\s+of\s+{_NAME}(?:\s+{_NAME})?\b"),
    re.compile(rf"\b(?:government|administration|municipality)\s+of\s+{_NAME}(?:\s+{_NAME})?\b"),
    re.compile(rf"\b(?:{_NAME}\s+){{1,2}}(?:(?:provincial|prefectural|state|municipal|city|regional|federal|"
               rf"county)\s+)?government\b"),
    re.compile(
        rf"\bMinistry\s+of\s+{_NAME}(?:(?:,\s+|\s+and\s+|\s+of\s+|\s+)(?:the\s+)?{_NAME}){{0,5}}"
    ),
)
# "the Department of Energy", "U.S. Department of Transportation": a government department
_DEPARTMENT = re.compile(r"\b(?:U\.S\.\s+)?Department\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3}")
_RESEARCH_BODY = re.compile(  # "Catholic University of the North", "Korea Institute of Science and Technology"
    r"\b(?:(?!(?:The|A|An)\b)[A-Z][\w-]*\s+){0,3}(?:University|Institute|Academy)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})?"
)
# "Duluth Transit Authority", "Dallas Area Rapid Transit", "Transit Authority of River City"
_TRANSIT_BODY = re.compile(
    rf"\b(?:{_NAME}\s+){{1,4}}(?:(?:Transit|Transport(?:ation)?|Transport\s+Undertaking)\s+"
    rf"(?:Authority|District|Agency|Commission|Corporation|Company)|Rapid\s+Transit)\b"
    r"|\b(?:Transit|Transport(?:ation)?)\s+(?:Authority|Agency|Commission)\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
)
# Each pattern with the role it gives and the words without which it cannot match (a cheap first look).
_PATTERNS = (
    (_GOVERNMENTS[0], "government", ("Government", "Council", "Assembly", "Administration")),
    (_GOVERNMENTS[1], "government", ("State of", "Government of", "Province of", "Commonwealth of", "City of")),
    (_GOVERNMENTS[2], "government", ("government of", "administration of", "municipality of")),
    (_GOVERNMENTS[3], "government", ("government",)),
    (_GOVERNMENTS[4], "government", ("Ministry",)),
    (_DEPARTMENT, "agency", ("Department of",)),
    (_RESEARCH_BODY, "agency", ("University", "Institute", "Academy")),
    (_TRANSIT_BODY, "agency", ("Transit", "Transport")),
)

# A country as the subject of a signing verb: "Morocco has signed an MoU with ...".
_SIGNING_COUNTRY = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=\n))(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:also\s+|now\s+)?(?:signed|signs|inked|inks)\b"
)


def _country(name: str) -> str | None:
    words = name.split()
    for size in (3, 2, 1):
        for first in range(len(words) - size + 1):
            place = place_of(" ".join(words[first : first + size]))
            if place is not None:
                return place.country
    return None


def find_public_bodies(text: str) -> list[Mention]:
    """Non-overlapping public-body mentions, longest first where two patterns overlap."""
    found: list[Mention] = []
    for pattern, role, needles in _PATTERNS:
        if not any(needle in text for needle in needles):
            continue
        for match in pattern.finditer(text):
            name = match.group(0)
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            value = OrgValue(name=name, org_id=None, country=_country(name), roles=(role,), known=False)
            found.append(Mention("org", match.start(), match.end(), name, value))
    for match in _SIGNING_COUNTRY.finditer(text) if ("sign" in text or "ink" in text) else ():
        name = match.group("name")
        place = place_of(name)
        if place is None or place.city or place.region or not place.country:
            continue
        value = OrgValue(name=name, org_id=None, country=place.country, roles=("government",), known=False)
        found.append(Mention("org", match.start("name"), match.end("name"), name, value))
    return sorted(found, key=lambda m: m.start)
