"""Investments: who puts how much money into what, and stakes bought in other companies.

"X will invest $5 billion in Y / to build Z" gives investor, value, target and purpose;
"X bought a 1.2 percent stake in Y" / "X acquired 30% of Y" gives investor, target and the
stake as purpose.
"""

from __future__ import annotations

import re

from gigatrack.extract.context import Context, SentenceView
from gigatrack.extract.rules.frame import Frame
from gigatrack.extract.rules.slots import first_after, nearest_before, place_in
from gigatrack.model import Fact, Money

_INVEST = re.compile(r"\binvest(?:s|ed|ing)?\b", re.I)
_STAKE = re.compile(
    r"\b(?:bought|buys?|acquired?|acquires|took|takes?|purchased?)\s+(?:a\s+)?(?:some\s+)?"
    r"(?P<stake>\d+(?:\.\d+)?\s*(?:percent|per cent|%)(?:\s+stake)?)\s+(?:stake\s+)?(?:in|of)\s+",
    re.I,
)
_TARGET = re.compile(r"^\s*(?:(?:up to|about|around|approximately|over|nearly|some)\s+)?\S*?\s*(?:in|into)\s+"
                     r"(?P<target>(?:(?:the|its|a|an|new)\s+)?(?:[\w’'&-]+\s+){0,5}?[\w’'&-]+)"
                     r"(?=\s+(?:to|for|by|from|over|through|in|as|with)\b|[,.;]|$)")
_PURPOSE = re.compile(r"\b(?:to|toward|towards)\s+(?P<purpose>(?:build|construct|establish|create|expand|"
                      r"increase|enhance|set up|develop|boost|produce|support)\b[^,.;]{3,80})")
_NOT_INVESTOR = re.compile(r"\b(?:investors?|shareholders?)\b", re.I)


def _invest_frame(view: SentenceView, verb: re.Match[str]) -> Frame | None:
    investor = nearest_before(view, view.start + verb.start())
    money = [m for m in view.of("money") if m.start >= view.start + verb.end() and isinstance(m.value, Money)]
    if investor is None or not money:
        return None
    frame = Frame("investment")
    frame.fill("investor", investor.entity.display_name())
    frame.add_money([m.value for m in money])
    after_money = view.text[view.local(money[0].end) :]
    target_org = first_after(view, money[0].end, within=12)
    if target_org is not None and re.match(r"\s*(?:in|into)\s", view.text[view.local(money[0].end) :]):
        frame.fill("target", target_org.entity.display_name())
    else:
        target = _TARGET.match(after_money)
        if target:
            frame.fill("target", target.group("target"))
    purpose = _PURPOSE.search(view.text[view.local(verb.end()) :])
    if purpose:
        frame.fill("purpose", purpose.group("purpose").strip())
    place = place_in(view)
    if place is not None:
        frame.fill("location", place.to_json())
    frame.cite(view)
    return frame


def _stake_frame(view: SentenceView, stake: re.Match[str]) -> Frame | None:
    investor = nearest_before(view, view.start + stake.start())
    target = first_after(view, view.start + stake.end(), within=2)
    if investor is None or target is None or investor.entity is target.entity:
        return None
    frame = Frame("investment")
    frame.fill("investor", investor.entity.display_name())
    frame.fill("target", target.entity.display_name())
    frame.fill("purpose", stake.group("stake") + ("" if "stake" in stake.group("stake") else " stake"))
    frame.fill("start", next((getattr(d, "iso", None) for d in view.values("date")), None))
    frame.cite(view)
    return frame


def extract_investments(ctx: Context) -> list[Fact]:
    facts = []
    for view in ctx.sentences:
        if _NOT_INVESTOR.search(view.text[:40]):
            continue
        for verb in _INVEST.finditer(view.text):
            frame = _invest_frame(view, verb)
            if frame is not None:
                facts.append(frame.to_fact(money_slot="value"))
                break
        for stake in _STAKE.finditer(view.text):
            frame = _stake_frame(view, stake)
            if frame is not None:
                facts.append(frame.to_fact())
    return facts
