"""Money mentions: "$763 million", "4 trillion won", "Rs 1,000 crore" -> Money(amount in units, ISO 4217).

A figure is money only when a currency symbol, code or word stands next to it. A range
("$1-2 billion", "4 to 5 trillion won") is one mention valued at its first figure.
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
)
# Words written after the figure ("730 billion yen", "2 billion euros").
_SUFFIX_CURRENCIES: dict[str, str] = {
    "won": "KRW", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR",
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "singapore dollars": "SGD",
    "hong kong dollars": "HKD", "taiwan dollars": "TWD", "new taiwan dollars": "TWD",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "rupees": "INR", "rupee": "INR",
    "baht": "THB", "dong": "VND", "rupiah": "IDR", "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN",
    "reais": "BRL", "forint": "HUF", "ringgit": "MYR", "swiss francs": "CHF",
}
# Suffix words that are also ordinary words or weights: money only with a multiplier ("1 trillion won").
_SUFFIX_NEEDS_MULTIPLIER = frozenset({"won", "pounds", "dong"})
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
# Prefixes and codes are case-sensitive ("try 5" is not Turkish lira); "W" only glued to digits.
_PREFIX = (
    rf"(?-i:(?<![A-Za-z$])(?:{_alternation(_SYMBOLS)})\s?"
    rf"|\b(?:{_alternation(_LETTERS)})\s?(?=\d)|\bW(?=\d))"
)
_SEP = r"\s*(?:-|–|to)\s*"
_MONEY = re.compile(
    rf"(?P<pre>{_PREFIX})(?P<n1>{_NUMBER})"
    rf"(?:\s?(?P<m1>{_MULT})|{_SEP}(?:{_PREFIX})?(?:{_NUMBER})\s?(?P<m2>{_MULT}))?"
    rf"|(?<![\w.,$])(?P<n3>{_NUMBER})"
    rf"(?:\s?(?P<m3>{_MULT})|{_SEP}(?:{_NUMBER})\s?(?P<m4>{_MULT}))?"
    rf"\s?(?:(?P<word>(?:{_alternation(list(_SUFFIX_CURRENCIES))})\b)"
    rf"|(?P<code>(?-i:\b(?:{_alternation(list(_CODES))})\b)))",
    re.I,
)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PREFIX_BY_KEY = {k.lower(): v for k, v in _PREFIX_CURRENCIES.items()} | {c.lower(): c for c in _CODES}


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


def find_money(text: str) -> list[Mention]:
    """Every amount of money in ``text``, in order, none overlapping."""
    out: list[Mention] = []
    for match in _MONEY.finditer(text):
        value = _value(match)
        if value is not None:
            out.append(Mention("money", match.start(), match.end(), match.group(), value))
    return out


def parse_money(s: str) -> Money | None:
    """The money that ``s`` states on its own ("US$762.4 million"), or None."""
    match = _MONEY.fullmatch(s.strip())
    return _value(match) if match else None
