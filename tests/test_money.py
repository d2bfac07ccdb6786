"""Money mentions: currencies, multipliers, ranges and bare numbers."""

import pytest

from gigatrack.annotate.money import find_money, parse_money
from gigatrack.model import Money


@pytest.mark.parametrize(
    ("phrase", "amount", "currency"),
    [
        ("$763 million", 763e6, "USD"),
        ("US$762.4 million", 762.4e6, "USD"),
        ("USD 1.2bn", 1.2e9, "USD"),
        ("KRW1 trillion", 1e12, "KRW"),
        ("4 trillion won", 4e12, "KRW"),
        ("W1.2 trillion", 1.2e12, "KRW"),
        ("€2 billion", 2e9, "EUR"),
        ("EUR 500m", 500e6, "EUR"),
        ("£1bn", 1e9, "GBP"),
        ("¥730 billion", 730e9, "JPY"),
        ("730 billion yen", 730e9, "JPY"),
        ("RMB 12 billion", 12e9, "CNY"),
        ("12 billion yuan", 12e9, "CNY"),
        ("Rs 1,000 crore", 1e10, "INR"),
        ("₹2,000 crore", 2e10, "INR"),
        ("Rs 50 lakh", 5e6, "INR"),
        ("C$300 million", 300e6, "CAD"),
        ("AU$1.5bn", 1.5e9, "AUD"),
        ("HK$5 billion", 5e9, "HKD"),
        ("NT$66 billion", 66e9, "TWD"),
        ("R$2 billion", 2e9, "BRL"),
        ("3 billion zlotys", 3e9, "PLN"),
        ("20 billion baht", 20e9, "THB"),
        ("5 trillion rupiah", 5e12, "IDR"),
        ("100 billion dong", 100e9, "VND"),
        ("$1-2 billion", 1e9, "USD"),
        ("4 to 5 trillion won", 4e12, "KRW"),
    ],
)
def test_parse_money_normalises_amount_and_currency(phrase: str, amount: float, currency: str) -> None:
    assert parse_money(phrase) == Money(amount, currency)


def test_find_money_gives_each_figure_with_its_span() -> None:
    text = "Voltra will invest 1.6 trillion won ($1.2 billion) in its new cathode plant."
    found = find_money(text)
    assert [m.value for m in found] == [Money(1.6e12, "KRW"), Money(1.2e9, "USD")]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert found[1].text == "$1.2 billion"


def test_bare_numbers_and_ordinary_words_are_not_money() -> None:
    text = "The plant won 3 awards, employs 2,000 people and will make 30 GWh by 2030."
    assert find_money(text) == []
    assert parse_money("2,000 units") is None


def test_dot_as_thousands_separator_without_multiplier() -> None:
    assert parse_money("USD23.280") == Money(23280, "USD")
