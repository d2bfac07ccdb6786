"""Money mentions: "$763 million", "4 trillion won", "Rs 1,000 crore" -> Money(amount in units, ISO 4217).

A figure is money only when a currency symbol, code or word stands next to it. A range
("$1-2 billion", "4 to 5 trillion won", "$4.5 and $4.7 billion") is one mention valued at its
first figure, with the multiplier stated after the last. A figure next to "=" is an exchange
rate ("$1=7.17 yuan"), not money. Every mention holds a digit, so the finder tries its pattern
only at each number and at the few characters before it where a currency symbol or code starts.
"""

from __future__ import annotations

import re

from gigatrack.model import Mention, Money

# Symbols and codes written before the figure ("US$762.4 million", "KRW1 trillion", "Rs 50 lakh").
_PREFIX_CURRENCIES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "S$": "SGD", "HK$": "HKD", "NT$": "TWD", "R$": "BRL", "NZ$": "NZD", "MX$": "MXN",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "W": "KRW", "Rs": "INR", "Rs.": "INR",
    "Rp": "IDR", "RMB": "CNY",
}
_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "CAD", "AUD", "SGD", "HKD", "TWD", "BRL", "PLN", "THB",
    "IDR", "VND", "CHF", "SEK", "NOK", "DKK", "MXN", "CLP", "ARS", "ZAR", "MAD", "HUF", "CZK", "MYR", "NZD",
    "TRY", "ILS", "PHP", "SAR", "AED", "NGN", "KES", "EGP", "PKR", "RON", "BGN",
)
# Words written after the figure ("730 billion yen", "2 billion euros").
_SUFFIX_CURRENCIES: dict[str, str] = {
    "won": "KRW", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR",
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "singapore dollars": "SGD",
    "hong kong dollars": "HKD", "taiwan dollars": "TWD", "new taiwan dollars": "TWD",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "rupees": "INR", "rupee": "INR",
    "baht": "THB", "dong": "VND", "rupiah": "IDR", "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN",
    "reais": "BRL", "reals": "BRL", "brazilian reais": "BRL", "brazilian reals": "BRL",
    "forint": "HUF", "forints": "HUF", "ringgit": "MYR", "swiss francs": "CHF",
    "kronor": "SEK", "krona": "SEK", "swedish kronor": "SEK", "swedish crowns": "SEK",
    "norwegian kroner": "NOK", "norwegian krone": "NOK", "norwegian crowns": "NOK",
    "danish kroner": "DKK", "danish krone": "DKK", "danish crowns": "DKK",
    "czech crowns": "CZK", "koruna": "CZK", "korunas": "CZK",
    "lira": "TRY", "liras": "TRY", "turkish lira": "TRY", "shekels": "ILS", "new shekels": "ILS",
    "rand": "ZAR", "naira": "NGN", "riyals": "SAR", "saudi riyals": "SAR", "lei": "RON",
    "mexican pesos": "MXN", "chilean pesos": "CLP", "argentine pesos": "ARS", "philippine pesos": "PHP",
    "pakistani rupees": "PKR", "new zealand dollars": "NZD", "egyptian pounds": "EGP",
    "kenyan shillings": "KES",
}
# Suffix words that are also ordinary words or weights: money only with a multiplier ("1 trillion won").
_SUFFIX_NEEDS_MULTIPLIER = frozenset({"won", "pounds", "dong", "rand", "lei"})
_MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12, "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "lakh": 1e5, "lakhs": 1e5,
}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = rf"(?:{_alternation(list(_MULTIPLIERS))})\b"
_SYMBOLS = [k for k in _PREFIX_CURRENCIES if not k.isalnum()]
_LETTERS = [k for k in _PREFIX_CURRENCIES if k.isalnum() and k != "W"] + list(_CODES)
# Prefixes and codes are case-sensitive ("try 5" is not Turkish lira); "W" and "Won" only glued to digits.
_PREFIX = (
    rf"(?-i:(?<![A-Za-z$])(?:{_alternation(_SYMBOLS)})\s?"
    rf"|\b(?:{_alternation(_LETTERS)})\s?(?=\d)|\bW(?:on)?(?=\d))"
)
_SEP = r"\s*(?:-|–|to|and)\s*"
_MONEY = re.compile(
    rf"(?P<pre>{_PREFIX})(?P<n1>{_NUMBER})"
    rf"(?:[\s-]?(?P<m1>{_MULT})|{_SEP}(?:{_PREFIX})?(?:{_NUMBER})\s?(?P<m2>{_MULT}))?"
    rf"|(?<![\w.,$])(?P<n3>{_NUMBER})"
    rf"(?:[\s-]?(?P<m3>{_MULT})|{_SEP}(?:{_NUMBER})\s?(?P<m4>{_MULT}))?"
    rf"[\s-]?(?:(?P<word>(?:{_alternation(list(_SUFFIX_CURRENCIES))})\b)"
    rf"|(?P<code>(?-i:\b(?:{_alternation(list(_CODES))})\b)))",
    re.I,
)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PREFIX_BY_KEY = (
    {k.lower(): v for k, v in _PREFIX_CURRENCIES.items()} | {c.lower(): c for c in _CODES} | {"won": "KRW"}
)
_NUMBER_RUN = re.compile(r"\d[\d,.]*")
_PREFIX_FIRST_CHARS = frozenset(k[0] for k in [*_PREFIX_CURRENCIES, *_CODES])
_PREFIX_REACH = 6  # the most characters a prefix and its space take before the figure ("U.S.$ 5")
_EQUALS_AFTER = re.compile(r"\s*=")
_EQUALS_BEFORE = re.compile(r"=\s*$")


def _amount(digits: str, multiplier: str | None) -> float:
    """A figure times its multiplier; "23.280" without a multiplier uses the dot as a thousands separator."""
    if multiplier is None:
        separator = "." if _DOT_THOUSANDS.fullmatch(digits) else ","
        return float(digits.replace(separator, ""))
    return round(float(digits.replace(",", "")) * _MULTIPLIERS[multiplier.lower()], 2)


def _value(match: re.Match[str]) -> Money | None:
    if match.group("pre") is not None:
        multiplier = match.group("m1") or match.group("m2")
        currency = _PREFIX_BY_KEY[match.group("pre").strip().lower()]
        return Money(_amount(match.group("n1"), multiplier), currency)
    multiplier = match.group("m3") or match.group("m4")
    word = match.group("word")
    if word is None:
        return Money(_amount(match.group("n3"), multiplier), match.group("code"))
    word = " ".join(word.lower().split())
    if word in _SUFFIX_NEEDS_MULTIPLIER and multiplier is None:
        return None
    return Money(_amount(match.group("n3"), multiplier), _SUFFIX_CURRENCIES[word])


def _match_at_number(text: str, figure: int) -> re.Match[str] | None:
    """The money match that holds the figure starting at ``figure``, opening at a prefix or at the figure."""
    for start in range(max(0, figure - _PREFIX_REACH), figure + 1):
        if start == figure or text[start] in _PREFIX_FIRST_CHARS:
            match = _MONEY.match(text, start)
            if match is not None and match.end() > figure:
                return match
    return None


def _is_exchange_rate(text: str, match: re.Match[str]) -> bool:
    """ "($1=7.17 yuan)": a figure with "=" beside it is a rate, not an amount."""
    before = _EQUALS_BEFORE.search(text, max(0, match.start() - 3), match.start())
    return bool(before or _EQUALS_AFTER.match(text, match.end()))


def find_money(text: str) -> list[Mention]:
    """Every amount of money in ``text``, in order, none overlapping."""
    out: list[Mention] = []
    done = 0
    for number in _NUMBER_RUN.finditer(text):
        if number.start() < done:
            continue
        match = _match_at_number(text, number.start())
        if match is None or match.start() < done:
            continue
        done = match.end()
        value = _value(match)
        if value is not None and not _is_exchange_rate(text, match):
            out.append(Mention("money", match.start(), match.end(), match.group(), value))
    return out


def parse_money(s: str) -> Money | None:
    """The money that ``s`` states on its own ("US$762.4 million"), or None."""
    match = _MONEY.fullmatch(s.strip())
    return _value(match) if match else None


# Countries whose press writes its own dollar as a bare "$".
_LOCAL_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}


def localise_dollars(money: list[Mention], countries: list[str]) -> list[Mention]:
    """A bare "$" is the local dollar in an article about Canada, Australia, New Zealand, Singapore or
    Hong Kong (the country most of its places are in) that never writes "US$"; else the US dollar."""
    counts: dict[str, int] = {}
    for country in countries:
        counts[country] = counts.get(country, 0) + 1
    home = max(counts, key=lambda c: counts[c]) if counts else None
    local = _LOCAL_DOLLARS.get(home or "")
    if local is None or any(m.text.startswith(("US$", "U.S.$")) for m in money):
        return money
    return [
        Mention(m.kind, m.start, m.end, m.text, Money(m.value.amount, local))
        if m.text.startswith("$") and isinstance(m.value, Money) and m.value.currency == "USD" else m
        for m in money
    ]
