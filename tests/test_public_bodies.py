"""Governments, councils and ministries are found as organisations, with their country."""

from __future__ import annotations

from gigatrack.annotate.public_bodies import find_public_bodies


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.value.country) for m in find_public_bodies(text)]


def test_provincial_and_municipal_governments() -> None:
    text = (
        "Ganfeng and the Jiangxi Provincial Government signed a framework agreement, while "
        "the Hefei Municipal People's Government backs the new base."
    )
    assert _found(text) == [
        ("Jiangxi Provincial Government", "CN"),
        ("Hefei Municipal People's Government", "CN"),
    ]


def test_state_of_national_governments_and_ministries() -> None:
    text = (
        "The State of Georgia and the Japanese government will fund the work, the Ministry of Economy, "
        "Trade and Industry said."
    )
    assert _found(text) == [
        ("State of Georgia", "US"),
        ("Japanese government", "JP"),
        ("Ministry of Economy, Trade and Industry", None),
    ]


def test_a_bare_government_is_not_a_named_body() -> None:
    assert _found("The government said the local government would decide. This Government agrees.") == []


def test_a_government_of_a_city_in_lower_case() -> None:
    assert _found("EVE signed an investment framework agreement with the government of Jianyang.") == [
        ("government of Jianyang", "CN")
    ]


def test_universities_and_institutes_are_research_bodies() -> None:
    found = find_public_bodies("SQM is working with Chile's Catholic University of the North. The Korea Institute "
                               "of Science and Technology helped.")
    assert [(m.text, m.value.roles) for m in found] == [
        ("Catholic University of the North", ("agency",)),
        ("Korea Institute of Science and Technology", ("agency",)),
    ]


def test_a_country_that_signs_is_a_party() -> None:
    assert _found("Morocco has signed an MoU with Gotion. Morocco exports phosphate.") == [("Morocco", "MA")]


def test_public_transport_operators() -> None:
    found = [m.text for m in find_public_bodies(
        "Duluth Transit Authority and Dallas Area Rapid Transit ordered buses, as did the Transit Authority of "
        "River City.")]
    assert found == ["Duluth Transit Authority", "Dallas Area Rapid Transit", "Transit Authority of River City"]


def test_a_prefectural_government_and_a_government_department() -> None:
    text = "The plant gets a subsidy from the Ibaraki prefectural government and a grant from the Department of Energy."
    assert _found(text) == [("Ibaraki prefectural government", "JP"), ("Department of Energy", None)]
