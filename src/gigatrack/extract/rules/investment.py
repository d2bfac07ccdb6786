"""Investments: who puts how much money into what, and stakes bought in other companies.

"X will invest $5 billion in Y / to build Z", "X announced an investment of EUR 7.3 billion to build Z",
"X began construction ... with an investment of Rs 2,400 crore", "Y and Z each invested 400 million yuan",
"MONEY will be invested in Y" (the article's investor again) give investor, value, target and purpose;
"X bought a 1.2 percent stake in Y", "X acquired 30% of Y", "the sale of a 75 per cent stake in Y to X"
give investor, target and the stake as purpose. Money put into a plant the article already presents
("invested $4 billion into the plant") is that facility's investment, not a fact of its own.
"""

from __future__ import annotations

import re

from gigatrack.annotate.places import place_of
from gigatrack.extract.context import Context, SentenceView
from gigatrack.extract.rules.frame import Frame
from gigatrack.extract.rules.slots import coordinated, coordinated_before, first_after, place_after, subject_ref
from gigatrack.model import Fact, Money, Place

_INVEST = re.compile(r"\binvest(?:s|ed|ing)?\b(?!\s+in\s+(?:the\s+)?(?:training|people|personnel|talent))", re.I)
_PASSIVE = re.compile(r"\b(?:(?:will|would|to|shall)\s+be|(?:has|have|had)\s+been|was|were|is|are)\s+"
                      r"(?:newly\s+|also\s+)?invested\b", re.I)
_NOMINAL = re.compile(
    r"\b(?P<verb>announced|announces|unveiled|made|makes|committed|pledged|approved|plans?|with|through)\s+"
    r"(?:(?:an?|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?investment\s+of\s+",
    re.I,
)
_PERCENT = r"\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)"
_STAKE_SIZE = rf"(?:(?:(?:a|an|some|about|around|roughly|more\s+than|over|nearly|almost|another)\s+){{0,3}}" \
              rf"{_PERCENT}(?:\s+(?:stake|share|interest))?|(?:a|an)\s+(?:[\w-]+\s+)?stake\s+of\s+" \
              rf"(?:up\s+to\s+|about\s+|around\s+|nearly\s+)?{_PERCENT})"
_STAKE = re.compile(
    rf"\b(?P<stake>(?:bought|buys?|acquired?|acquires|took|takes?|purchased?|picked\s+up|"
    rf"(?:acquisition|purchase)\s+of)\s+{_STAKE_SIZE})"
    r"\s+(?:stake\s+)?(?:in|of)\s+",
    re.I,
)
# "acquired a 20% stake" -> "a 20% stake": what is bought, named in the target ("a 20% stake in Leapmotor")
_STAKE_VERB = re.compile(r"^(?:bought|buys?|acquired?|acquires|took|takes?|purchased?|picked\s+up|"
                         r"(?:acquisition|purchase)\s+of|sale\s+of)\s+", re.I)
_PRICE = re.compile(r"^\s*(?:\([^()]*\)\s*)?for\s+(?:about\s+|around\s+|approximately\s+|some\s+)?")
_SALE = re.compile(rf"\bsale\s+of\s+(?:(?:its|their|the)\s+)?(?P<stake>{_STAKE_SIZE})\s+in\s+", re.I)
_TARGET = re.compile(
    r"^\s*(?:(?:up to|about|around|approximately|over|nearly|some)\s+)?\S*?\s*(?:\([^)]*\)\s*)?(?:in|into)\s+"
    r"(?P<target>(?:(?:the|its|a|an|new)\s+)?(?:[\w’'&-]+\s+){0,8}?[\w’'&-]+)"
    r"(?=\s+(?:to|for|by|from|over|through|in|as|with|toward|towards|is|was|are|were|will|would|has|have|had|"
    r"and\s+(?:create|build|employ|hire|add|bring|make|expand|start))\b"
    r"|[,.;(]|$)"
)
_KNOWN_PLANT = re.compile(
    r"^(?i:the|its|this|that)\s+(?:[\w-]+\s+){0,2}?(?:plant|factory|facility|site|gigafactory|project)$"
)
_PURPOSE = re.compile(
    r"\b(?:to|toward|towards)\s+(?P<purpose>(?:build|construct|establish|create|expand|increase|enhance|set up|"
    r"develop|boost|produce|support|supply|supplying|increasing|expanding|building|strengthen|bolster|"
    r"accelerate|localize|localise)\b(?!\s+(?:up)?on\b)(?:,\s+from\s+\d{4},)?[^,.;(]{3,80})"  # not "build upon"
)
_BUILT = re.compile(
    r"^(?:build|construct|establish|create|set up|develop|expand|enhance|increase|boost)(?:,\s+from\s+\d{4},)?\s+"
    r"(?P<object>(?:the|a|an|its|new)\s+[^,;]{3,60}?|[a-z][^,;]{3,60}?)(?=\s+(?:by|with|on|at|that|which|to|from)\b|$)"
)
_PRICED_INVESTMENT = re.compile(
    r"^(?:\s*\([^)]*\))?\s+(?:(?:equity|strategic|minority|cornerstone|additional|initial)\s+)?investments?"
    r"(?P<into>\s+(?:in|into)\s+)",
    re.I,
)
_SUPPORT_NOUN = r"(?P<form>subsid(?:y|ies)|grants?|funding|loans?|contribution)"
_PROVIDE_SUPPORT = re.compile(  # "provide Honda and GS Yuasa with a subsidy of", "is providing a conditional loan of"
    r"\bprovid(?:e|es|ed|ing)\s+(?:(?P<to>[^.;]{1,80}?)\s+with\s+)?(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?"
    rf"{_SUPPORT_NOUN}\s+of\s+(?:about\s+|around\s+|up\s+to\s+|some\s+)?",
    re.I,
)
_RECEIVED_SUPPORT = re.compile(
    rf"\b(?:receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|secur(?:e|es|ed))\s+(?:a|an)\s+[^.;]{{2,40}}?\s+{_SUPPORT_NOUN}"
    r"\s+from\s+(?:the\s+)?",
    re.I,
)
_SUPPORTING = re.compile(
    r"\bsupport(?:s|ing|ed)?\s+(?P<what>[^.;]{1,80}?)\s+(?:through|with)\s+(?:an?\s+)?"
    r"(?:(?:investment|contribution|funding)\s+of\s+)?(?:up\s+to\s+|about\s+|around\s+)?",
    re.I,
)
# "has committed up to $2.9 billion", "will contribute $1.37 billion", "pledged 500 million euros": money put in.
_PLEDGE = re.compile(
    r"\b(?P<verb>commit(?:s|ted|ting)?|contribut(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|allocat(?:e|es|ed|ing)|"
    r"earmark(?:s|ed|ing)?|offer(?:s|ed|ing)?|award(?:s|ed|ing)?)\s+(?:(?:up\s+to|about|around|approximately|some|"
    r"more\s+than|over|nearly|almost|an\s+additional|another|a\s+further)\s+)?(?=[$€£¥₹₩A-Z0-9])",
    re.I,
)
_PUBLIC_ONLY_VERBS = ("offer", "award")
_THE_GOVERNMENT = re.compile(r"\s*(?:[A-Z][\w ,]{0,30},\s*)?[Tt]he\s+government\b(?!\s+of\b)")
_IN_FORM = re.compile(r"\s+in\s+(subsid(?:y|ies)|grants?|loans?|incentives?)\b", re.I)
_SUPPORT_FORM = re.compile(r"^(?:subsid(?:y|ies)|grants?|incentives?|loans?)$", re.I)
_CONVERSION = re.compile(r"\s*\(\s*(?:approximately|about|around|some|roughly|or)?\s*")
_NOT_INVESTOR = re.compile(r"\b(?:investors?|shareholders?)\b", re.I)
_JOINT_ANAPHOR = re.compile(r"\b(?:two|both|three|companies|parties|partners|firms|pair|sides|venture|JV)\b", re.I)
_CAPITALISED = re.compile(r"^(?:the\s+)?(?P<name>(?:[A-Z][\w&’'-]*\s+){0,4}[A-Z][\w&’'-]*)")
_DESCRIPTOR = re.compile(r"^(?:(?!(?:and|or|with|to|for|from|by|at|on|as)\b)[a-z][\w’'-]*\s+|[A-Z]\.(?:[A-Z]\.)+\s+|"
                         r"(?:[A-Z][a-z]+(?:an|ese|ish|ian|i)|[A-Z]{2,4})\s+){0,4}")


def _investors(view: SentenceView, pos: int) -> list[str]:
    """Who invests, the subject of the verb at local offset ``pos``; [] for a joint subject that does not
    say how the money is split ("The two companies will invest", "GM and LG will invest")."""
    ref = subject_ref(view, pos)
    if ref is None:
        return _country_subject(view)
    if ref.anaphor and _JOINT_ANAPHOR.search(ref.text):
        return []
    chain = coordinated_before(view, ref)
    if len(chain) > 1:
        each = re.search(r"\beach\b", view.text[view.local(ref.end) : pos + 40])
        return [r.entity.display_name() for r in chain] if each else []
    return [ref.entity.display_name()]


def _country_subject(view: SentenceView) -> list[str]:
    """A country that opens the sentence as its subject ("Japan is ... with an investment of")."""
    first = view.first("place")
    if first is not None and view.local(first.start) == 0 and isinstance(first.value, Place) \
            and first.value.city is None and first.value.region is None and not view.orgs:
        return [first.text]
    return []


def _location(view: SentenceView, pos: int) -> Place | None:
    """A place named after the verb, or in an opening "In Japan, ..."."""
    for m in view.of("place"):
        local = view.local(m.start)
        opening = re.fullmatch(r"\s*In\s+", view.text[:local])
        if isinstance(m.value, Place) and (local >= pos or opening):
            return m.value
    return None


def _target(view: SentenceView, after_money: int) -> str | None:
    rest = view.text[after_money:]
    into = re.match(r"^\s*(?:\([^)]*\)\s*)?(?:in|into)\s+(?:the\s+)?", rest)
    org = first_after(view, view.start + after_money, within=into.end() + 2) if into else None
    if org is not None and into is not None and view.local(org.start) <= after_money + into.end() + 1:
        return org.entity.display_name()
    match = _TARGET.match(rest)
    return match.group("target") if match else None


def _money_frames(
    view: SentenceView, verb: int, money_from: int, investors: list[str], target_from: int | None = None
) -> list[Frame]:
    money = [m for m in view.of("money") if view.local(m.start) >= money_from and isinstance(m.value, Money)]
    if not investors or not money:
        return []
    first_end = view.local(money[0].end)
    follow = [money[0]] + [m for m in money[1:] if _CONVERSION.fullmatch(view.text[first_end : view.local(m.start)])]
    target = _target(view, view.local(follow[-1].end) if target_from is None else target_from)
    if target is not None and _KNOWN_PLANT.match(target):
        return []
    if target is not None and (_SUPPORT_FORM.match(target) or any(target.startswith(m.text) for m in view.of("place"))):
        target = None
    purpose = _PURPOSE.search(view.text[verb:])
    built = _BUILT.match(purpose.group("purpose").strip()) if purpose else None
    if target is None and built is not None:
        target = built.group("object")
    place = _location(view, verb) or next((place_of(name) for name in investors if place_of(name)), None)
    frames = []
    for investor in investors:
        frame = Frame("investment")
        frame.fill("investor", investor)
        frame.add_money([m.value for m in follow])
        frame.fill("target", target)
        frame.fill("purpose", purpose.group("purpose").strip() if purpose else None)
        frame.fill("location", place.to_json() if place else None)
        frame.cite(view)
        frames.append(frame)
    return frames


def _priced_investments(view: SentenceView) -> list[Frame]:
    """"Great Wall has completed its A$28-million equity investment in Pilbara Minerals"."""
    for m in view.of("money"):
        kind = _PRICED_INVESTMENT.match(view.text[view.local(m.end) :])
        if kind is not None:
            investors = _investors(view, view.local(m.start))
            return _money_frames(view, view.local(m.start), view.local(m.start), investors,
                                 view.local(m.end) + kind.start("into"))
    return []


def _subsidies(view: SentenceView, country: str | None) -> list[Frame]:
    """"The ministry would provide Honda and GS Yuasa with a subsidy of around 150 billion yen", "the
    Government of Quebec is providing a partially forgivable loan of $322 million": public money."""
    frames = []
    for support in _PROVIDE_SUPPORT.finditer(view.text):
        giver = subject_ref(view, support.start())
        first = first_after(view, view.start + support.start("to"), within=5) if support.group("to") else None
        money = [m for m in view.of("money") if 0 <= view.local(m.start) - support.end() <= 20]
        if giver is None or (support.group("to") and first is None) or not money:
            continue
        frame = Frame("investment")
        frame.fill("investor", giver.entity.display_name())
        if first is not None:
            frame.fill("target", " and ".join(r.entity.display_name() for r in coordinated(view, first)))
        frame.add_money([m.value for m in money[:1] if isinstance(m.value, Money)])
        frame.fill("purpose", support.group("form").lower())
        frame.cite(view)
        frames.append(frame)
    return frames or _support_received(view) or _support_through(view, country) or _pledges(view)


def _pledges(view: SentenceView) -> list[Frame]:
    """"The Quebec government has committed up to $2.9 billion", "Ford will contribute $500 million": the
    subject puts the money in; offers and awards count only from a public body."""
    frames: list[Frame] = []
    for pledge in _PLEDGE.finditer(view.text):
        if not any(0 <= view.local(m.start) - pledge.end() <= 3 for m in view.of("money")):
            continue
        giver = subject_ref(view, pledge.start())
        if giver is None:
            continue
        public = "government" in giver.entity.roles or "agency" in giver.entity.roles
        if pledge.group("verb").lower().startswith(_PUBLIC_ONLY_VERBS) and not public:
            continue
        frames += _money_frames(view, pledge.start(), pledge.end(), [giver.entity.display_name()])
    return frames


def _support_received(view: SentenceView) -> list[Frame]:
    """"Sila received a $100 million grant from the Department of Energy": the giver invests in the receiver."""
    frames = []
    for got in _RECEIVED_SUPPORT.finditer(view.text):
        giver = first_after(view, view.start + got.end(), within=5)
        receiver = subject_ref(view, got.start())
        money = [m for m in view.of("money") if got.start() < view.local(m.start) < got.start("form")]
        if giver is None or receiver is None or not money or giver.entity is receiver.entity:
            continue
        frames.append(_support_frame(view, giver.entity.display_name(), receiver.entity.display_name(),
                                     money[0].value, got.group("form").lower()))
    return frames


def _support_through(view: SentenceView, country: str | None) -> list[Frame]:
    """"The Government of Canada is supporting Umicore’s project through an investment of up to $551.3
    million": public money for the company named in what is supported; "The government is supporting this
    initiative with 55.5 billion yen in subsidies" is the government of the country the article's public
    money came from."""
    frames = []
    for support in _SUPPORTING.finditer(view.text):
        giver = subject_ref(view, support.start())
        receiver = first_after(view, view.start + support.start("what"), within=30)
        money = [m for m in view.of("money") if 0 <= view.local(m.start) - support.end() <= 3]
        state = giver.entity.display_name() if giver and "government" in giver.entity.roles else None
        if state is None and _THE_GOVERNMENT.match(view.text):
            state = country
        if state is None or not money:
            continue
        named = receiver is not None and view.local(receiver.end) <= support.end("what")
        target = receiver.entity.display_name() if receiver is not None and named else None
        form = _IN_FORM.match(view.text, view.local(money[0].end))
        frames.append(_support_frame(view, state, target, money[0].value, form.group(1) if form else "support"))
    return frames


def _support_frame(view: SentenceView, giver: str, target: str | None, money: object, form: str) -> Frame:
    frame = Frame("investment")
    frame.fill("investor", giver)
    frame.fill("target", target)
    frame.add_money([money] if isinstance(money, Money) else [])
    frame.fill("purpose", form)
    home = place_of(giver)  # "Japan": public money spent at home
    frame.fill("location", home.to_json() if home is not None and not (home.city or home.region) else None)
    frame.cite(view)
    return frame


def _invest_frames(view: SentenceView, last_investor: str | None, country: str | None = None) -> list[Frame]:
    passive = _PASSIVE.search(view.text)
    if passive:
        money = [m for m in view.of("money") if view.local(m.end) <= passive.start()]
        if money and last_investor:
            return _money_frames(view, passive.start(), view.local(money[0].start), [last_investor], passive.end())
        return []
    frames: list[Frame] = []
    for nominal in _NOMINAL.finditer(view.text):
        if not any(0 <= view.local(m.start) - nominal.end() <= 25 for m in view.of("money")):
            continue
        if nominal.group("verb").lower() in ("with", "through"):
            investors = _country_subject(view) or [r.entity.display_name() for r in view.orgs[:1]
                                                   if view.local(r.start) == 0]
        else:
            investors = _investors(view, nominal.start())
        frames += _money_frames(view, nominal.start(), nominal.end(), investors)
    if frames:
        return frames
    frames = _priced_investments(view) or _subsidies(view, country)
    if frames:
        return frames
    verb = _INVEST.search(view.text)
    if verb:
        return _money_frames(view, verb.start(), verb.end(), _investors(view, verb.start()))
    return []


def _stake_target(view: SentenceView, pos: int) -> tuple[str, int] | None:
    rest = view.text[pos:]
    lead = _DESCRIPTOR.match(rest)
    org = first_after(view, view.start + pos, within=(lead.end() if lead else 0) + 1)
    if org is not None:
        return org.entity.display_name(), view.local(org.end)
    named = _CAPITALISED.match(rest)
    return (named.group("name"), pos + named.end()) if named else None


def _stake_frame(investor: str, target: tuple[str, int], stake: str, view: SentenceView, prep: str = "in") -> Frame:
    frame = Frame("investment")
    frame.fill("investor", investor)
    size = _STAKE_VERB.sub("", " ".join(stake.split()))
    frame.fill("target", f"{size} {prep} {target[0]}" if "%" in size or "cent" in size else target[0])
    place = re.match(r"^\s*in\s+", view.text[target[1] :])
    located = place_after(view, view.start + target[1] + place.end(), within=0) if place else None
    frame.fill("location", located.to_json() if located else None)
    frame.fill("purpose", " ".join(stake.split()))
    price = _PRICE.match(view.text[target[1] :])
    paid = view.start + target[1] + price.end() if price else -1
    frame.add_money([m.value for m in view.of("money") if m.start == paid and isinstance(m.value, Money)])
    frame.fill("start", next((getattr(d, "iso", None) for d in view.values("date")), None))
    frame.cite(view)
    return frame


def _stake_frames(view: SentenceView) -> list[Frame]:
    frames: list[Frame] = []
    for stake in _STAKE.finditer(view.text):
        target = _stake_target(view, stake.end())
        coordinated = re.search(r"\band\s*$", view.text[: stake.start()])
        investors = [str(frames[-1].slots["investor"])] if coordinated and frames else \
            _investors(view, stake.start())
        for investor in investors:
            if target is not None and target[0] != investor:
                prep = "of" if stake.group(0).rstrip().endswith("of") else "in"
                frames.append(_stake_frame(investor, target, stake.group("stake"), view, prep))
    for sale in _SALE.finditer(view.text):
        target = _stake_target(view, sale.end())
        to = re.match(r"^\s*to\s+", view.text[target[1] :]) if target else None
        buyer = first_after(view, view.start + target[1] + to.end(), within=2) if target and to else None
        if target is not None and buyer is not None and buyer.entity.display_name() != target[0]:
            frames.append(_stake_frame(buyer.entity.display_name(), target, sale.group("stake") + " stake"
                                       if "stake" not in sale.group("stake") else sale.group("stake"), view))
    return frames


def _restated(fact: Fact, others: list[Fact]) -> bool:
    """The same investment stated again: with fewer figures (a headline's converted amount), or with the
    same figures and fewer slots (the headline of the story that tells it in full), or told twice alike."""
    mine = [fact.slots.get("value"), *fact.slots.get("value_alternatives", ())]
    for position, other in enumerate(others):
        theirs = [other.slots.get("value"), *other.slots.get("value_alternatives", ())]
        if other is fact or other.slots.get("investor") != fact.slots.get("investor") or None in mine:
            continue
        if all(m in theirs for m in mine) and len(theirs) > len(mine):
            return True
        fuller = len(other.slots) > len(fact.slots) or (
            len(other.slots) == len(fact.slots) and position < others.index(fact))
        if all(m in theirs for m in mine) and all(t in mine for t in theirs) and fuller:
            return True
    return False


_CUES = ("invest", "stake", "acqui", "capex", "subsid", "bought", "buy", "purchase", "loan", "grant", "contribut",
         "funding", "support", "commit", "pledg", "allocat", "earmark", "offer", "award")


def extract_investments(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    last_investor: str | None = None
    country: str | None = None  # a country the article names as investing ("Japan is ... with an investment of")
    for view in ctx.sentences:
        if not view.says(*_CUES) or _NOT_INVESTOR.search(view.text[:40]):
            continue
        for frame in _invest_frames(view, last_investor, country):
            facts.append(frame.to_fact(money_slot="value"))
            last_investor = str(frame.slots["investor"])
            public = place_of(last_investor)
            if public is not None and public.city is None and public.region is None:
                country = last_investor
        for frame in _stake_frames(view):
            facts.append(frame.to_fact(money_slot="value"))
    return [fact for fact in facts if not _restated(fact, facts)]
