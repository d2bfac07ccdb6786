"""A fact under construction: slots filled from one or more sentences, each kept as evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gigatrack.extract.context import SentenceView
from gigatrack.model import Evidence, Fact, Money

_STATUS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("terminated", re.compile(
        r"\b(?:terminat\w*|cancel(?:l?ed|s|ling)?|scrap(?:ped|s)?|withdr[ae]w\w*|backing out|backed out|"
        r"pull(?:ed|s)? out|shutter(?:ed|s)?|liquidat\w*|ending supply|exit(?:ed|s|ing)?|abandon(?:ed|s|ing)?|"
        r"shelved|dropped (?:its |the |their )?plans?|will not go ahead|called off)\b", re.I)),
    ("rumored", re.compile(
        r"\b(?:rumou?rs?|rumou?red|reportedly|sources? (?:said|say|familiar)|people familiar|"
        r"according to (?:people|sources|industry)|is said to|(?:highly )?likely to|has learned|"
        r"(?:newspaper|daily|Nikkei|media) (?:said|reported)|in talks)\b", re.I)),
    ("mou", re.compile(
        r"\b(?:MoU|MOU|memorandum of understanding|letter of intent|LOI|non-binding|"
        r"preliminary agreement|heads of agreement)\b")),
    ("signed", re.compile(
        r"\b(?:signed|signs|inked|inks|sealed|seals|clinched|struck|won|wins|secured|secures|"
        r"entered into|reached (?:a|an)\b[^.]{0,40}?(?:agreement|deal)|agreed|awarded|finali[sz](?:ed|es?)|"
        r"executed (?:an?|the) (?:[\w-]+ ){0,3}?(?:agreement|deal|contract)|"
        r"(?<!non-)(?<!non )binding (?:[\w-]+ ){0,2}?(?:agreement|deal|contract)|"
        r"formed (?:an?|the) (?:[\w-]+ ){0,2}?(?:joint venture|partnership|JV|alliance|consortium))\b", re.I)),
    ("under_construction", re.compile(
        r"\b(?:under construction|(?:is|are|was|were)\s+(?:(?:currently|also|now|already|still)\s+)?(?:being\s+)?"
        r"(?:building|constructing|"
        r"built|constructed)|br(?:oke|eaks|eaking) ground|construction\s+(?:has\s+)?(?:began|begun|started|"
        r"is\s+underway|work)|(?:started|began|begun|starts|start|begins|beginning)\s+(?:the\s+)?(?:construction|building)|"
        r"nearing completion|laid the (?:first|foundation) stone|foundation[- ]stone[- ]laying|"
        r"(?:held|hosted|marked|celebrated)\s+(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+){0,2}?ground[- ]?breaking)\b", re.I)),
    ("operating", re.compile(
        r"\b(?:operates|(?<!to be in )(?<!to be )operating|opened|inaugurat\w+|"
        r"beg[au]n (?:mass |commercial )?production|"
        r"(?:has|have|had|was|were|been)\s+completed(?!\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:acquisition|purchase|feasibility|study|financing|funding|deal|sale|takeover|merger|transaction|round|"
        r"design|permitting|survey|assessment))|completion ceremony|"
        r"started (?:mass |commercial )?production|launched (?:mass |commercial )?production|"
        r"(?:announced|marked|celebrated|achieved)\s+(?:[A-Z]\w+\s+)?(?:the\s+|its\s+)?first\s+production|"
        r"in operation|(?:went|goes|came|comes)\s+into\s+operation|commercial operations|c(?:o|a)m(?:e|ing) online|"
        r"went online|goes online)\b", re.I)),
    ("planned", re.compile(
        r"\b(?:plans? to|plans?\s+(?:an?|new)\b|planned|planning to|proposed|"
        r"(?:will|would)\s+(?:\w+ly\s+)?(?:build|construct|set up|establish|supply|begin|start|open|launch)|"
        r"is set to|aims? to|intends? to|is to (?:build|invest|supply)|to be (?:built|constructed|set up)|expected to|"
        r"to (?:build|construct|set up|establish)\b)", re.I)),
    ("announced", re.compile(r"\b(?:announced|announces|confirmed|confirms|unveiled|unveils)\b", re.I)),
)


_STATES = ("under_construction", "operating")
# "the agreement may also be terminated if ...", "the right to cancel": an ending that may come, not one that came
_MAY_END = re.compile(r"\b(?:may|might|could|can|would)\s+(?:also\s+)?(?:be\s+)?$|\bright\s+to\s+$", re.I)
_NOT_YET = re.compile(r"\b(?:once|until|if|will|would|to|plans?\s+to)\s+(?:[\w’'-]+\s+){0,5}$", re.I)


def _stated(status: str, lead: str) -> bool:
    if status in _STATES:
        return not _NOT_YET.search(lead)
    return status != "terminated" or not _MAY_END.search(lead)


def status_in(text: str, allowed: tuple[str, ...]) -> str | None:
    """The first status (in the rules' order of strength) that the text states, among ``allowed``; a
    state told as a condition or a plan ("Once the plant is constructed", "will start construction")
    is not stated."""
    for status, pattern in _STATUS_RULES:
        if status in allowed and any(_stated(status, text[max(0, m.start() - 40) : m.start()])
                                     for m in pattern.finditer(text)):
            return status
    return None


@dataclass(slots=True)
class Frame:
    """Slots and evidence gathered for one fact; the first value stated for a slot wins."""

    type: str
    slots: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)

    def cite(self, view: SentenceView) -> None:
        ev = view.evidence()
        if ev not in self.evidence:
            self.evidence.append(ev)

    def fill(self, slot: str, value: Any) -> None:
        if value is not None and value != "" and slot not in self.slots:
            self.slots[slot] = value

    def add_money(self, amounts: list[Money]) -> None:
        for money in amounts:
            if money not in self.money:
                self.money.append(money)

    def to_fact(self, money_slot: str | None = None) -> Fact:
        slots = dict(self.slots)
        if money_slot and self.money:
            slots[money_slot] = self.money[0].to_json()
            if len(self.money) > 1:
                slots["value_alternatives"] = [m.to_json() for m in self.money]
        evidence = tuple(sorted(self.evidence, key=lambda e: e.start))
        return Fact(self.type, slots, evidence)
