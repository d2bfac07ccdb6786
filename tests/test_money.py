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


@pytest.mark.parametrize(
    ("phrase", "amount", "currency"),
    [
        ("15 million reals", 15e6, "BRL"),
        ("5.1 trillion-won", 5.1e12, "KRW"),
        ("$2.9-billion", 2.9e9, "USD"),
        ("($2.9bn)", 2.9e9, "USD"),
        ("Won1.99bn", 1.99e9, "KRW"),
        ("Won642m", 642e6, "KRW"),
        ("$4.5 and $4.7 billion", 4.5e9, "USD"),
    ],
)
def test_multipliers_after_hyphens_ranges_and_glued_won(phrase: str, amount: float, currency: str) -> None:
    assert [m.value for m in find_money(phrase)] == [Money(amount, currency)]


def test_full_amounts_in_a_sentence_with_a_converted_figure() -> None:
    text = "Voltra booked 2.9 trillion won ($2.2 billion) and US$2.7 million more; it won 3 bids."
    assert [m.value for m in find_money(text)] == [Money(2.9e12, "KRW"), Money(2.2e9, "USD"), Money(2.7e6, "USD")]


def test_exchange_rate_notes_are_not_money() -> None:
    text = "The plant costs 10 billion yuan ($1.40 billion). ($1=7.1664 Chinese yuan renminbi)"
    assert [m.text for m in find_money(text)] == ["10 billion yuan", "$1.40 billion"]
    assert find_money("(1 USD = 7.2 yuan)") == []


def test_a_bare_dollar_is_the_local_dollar_in_a_canadian_or_australian_story() -> None:
    from gigatrack.annotate import annotate

    def currencies(text: str) -> list[str]:
        return [m.value.currency for m in annotate(text) if m.kind == "money"]

    assert currencies("EcoPro will build a plant in Bécancour, Quebec. Ottawa gives $322 million.") == ["CAD"]
    assert currencies("Queensland will spend $570 million on batteries in Brisbane, Australia.") == ["AUD"]
    assert currencies("Bécancour, Quebec gets US$1 billion, and Toronto $5 million.") == ["USD", "USD"]
    assert currencies("Ford will invest $3.5 billion in Marshall, Michigan.") == ["USD"]


@pytest.mark.parametrize(("phrase", "amount", "currency"), [
    ("14 billion forints", 14e9, "HUF"),
    ("5 billion Swedish kronor", 5e9, "SEK"),
    ("30 billion Turkish lira", 30e9, "TRY"),
    ("TRY 30 billion", 30e9, "TRY"),
    ("25 million shekels", 25e6, "ILS"),
    ("2 billion rand", 2e9, "ZAR"),
    ("300 million Egyptian pounds", 300e6, "EGP"),
    ("PHP 21.67 billion", 21.67e9, "PHP"),
])
def test_more_currencies(phrase: str, amount: float, currency: str) -> None:
    assert parse_money(phrase) == Money(amount, currency)


def test_currency_words_that_are_ordinary_words_need_a_multiplier() -> None:
    assert find_money("the Rand Corporation said 5 people") == []
    assert find_money("100 pounds of lithium") == []
