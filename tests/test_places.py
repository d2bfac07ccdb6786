"""Place and nationality mentions from the gazetteer, with the ambiguity rule."""

import pytest

from gigatrack.annotate.places import find_places, place_of
from gigatrack.model import Place


def kinds_and_values(text: str) -> list[tuple[str, str, object]]:
    return [(m.kind, m.text, m.value) for m in find_places(text)]


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("South Korea", Place(None, None, "KR")),
        ("the U.S.", None),
        ("Viet Nam", Place(None, None, "VN")),
        ("Czechia", Place(None, None, "CZ")),
        ("European Union", Place(None, None, "EU")),
        ("Kentucky", Place(None, "Kentucky", "US")),
        ("Ha Tinh", Place(None, "Hà Tĩnh", "VN")),
        ("Cracow", Place("Kraków", "Lesser Poland", "PL")),
        ("Krakow", Place("Kraków", "Lesser Poland", "PL")),
        ("Hue", Place("Huế", "Thừa Thiên Huế", "VN")),
        ("Zhaoqing", Place("Zhaoqing", "Guangdong", "CN")),
        ("Atlantis", None),
    ],
)
def test_place_of_single_names(name: str, place: Place | None) -> None:
    assert place_of(name) == place


def test_countries_cities_and_nationalities_in_text() -> None:
    text = "Korean battery maker Daeyang will build a plant in Debrecen, Hungary, to serve the U.S. market."
    assert kinds_and_values(text) == [
        ("nationality", "Korean", "KR"),
        ("place", "Debrecen", Place("Debrecen", "Hajdú-Bihar", "HU")),
        ("place", "Hungary", Place(None, None, "HU")),
        ("place", "U.S.", Place(None, None, "US")),
    ]


def test_possessive_and_hyphenated_names_keep_the_bare_span() -> None:
    found = find_places("Vietnam's first US-based venture")
    assert [m.text for m in found] == ["Vietnam", "US"]


def test_ambiguous_city_needs_its_region() -> None:
    assert kinds_and_values("The plant in Commerce, Georgia, opened.")[0] == (
        "place", "Commerce", Place("Commerce", "Georgia", "US"))
    assert [m.text for m in find_places("The Commerce Department said so.")] == []
    assert [m.text for m in find_places("Warren Buffett bought shares.")] == []
    assert [m.value for m in find_places("Michigan's Holland plant")][1] == Place("Holland", "Michigan", "US")


def test_same_name_resolved_by_nearby_region() -> None:
    found = find_places("Its Glendale site near Elizabethtown, Kentucky")
    assert found[0].value == Place("Glendale", "Kentucky", "US")
    assert find_places("a depot in Glendale, Arizona")[0].value == Place("Glendale", "Arizona", "US")


def test_georgia_is_a_us_state_unless_the_country_is_meant() -> None:
    assert find_places("a battery plant in Georgia")[0].value == Place(None, "Georgia", "US")
    assert find_places("Tbilisi, the capital of Georgia")[0].value == Place(None, None, "GE")


def test_case_and_continents_and_currency_symbols() -> None:
    assert find_places("a chili sauce for us") == []
    assert find_places("sales in North America grew") == []
    assert find_places("valued at US$2 billion") == []


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Manaus", Place("Manaus", "Amazonas", "BR")),
        ("Xuzhou", Place("Xuzhou", "Jiangsu", "CN")),
        ("Chungju", Place("Chungju", "North Chungcheong Province", "KR")),
        ("Palwal", Place("Palwal", "Haryana", "IN")),
        ("Port Hedland", Place("Port Hedland", "Western Australia", "AU")),
        ("Ramos Arizpe", Place("Ramos Arizpe", "Coahuila", "MX")),
    ],
)
def test_grown_gazetteer(name: str, place: Place) -> None:
    assert place_of(name) == place


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Chonburi", Place("Chonburi", "Chonburi", "TH")),
        ("Rayong", Place("Rayong", "Rayong", "TH")),
        ("Shanghai", Place("Shanghai", "Shanghai", "CN")),
        ("Osaka", Place("Osaka", "Osaka", "JP")),
        ("Hamburg", Place("Hamburg", "Hamburg", "DE")),
    ],
)
def test_a_city_that_shares_its_province_name_is_a_city(name: str, place: Place) -> None:
    """A plant "in Chonburi" or "in Shanghai" is in the city; the province is named the same."""
    assert place_of(name) == place


def test_a_city_the_gazetteer_lacks_is_read_from_its_wording() -> None:
    text = "Voltra began work in the city of Qiandeng in the eastern province of Jiangsu."
    assert kinds_and_values(text) == [
        ("place", "Qiandeng", Place("Qiandeng", "Jiangsu", "CN")),
        ("place", "Jiangsu", Place(None, "Jiangsu", "CN")),
    ]
    assert find_places("the northern city of Bragança, Portugal")[0].value == Place("Bragança", None, "PT")
    assert find_places("a site in Yangzhong city, Jiangsu")[0].value == Place("Yangzhong", "Jiangsu", "CN")
    assert find_places("The mine is in Kachin state")[0].value == Place(None, "Kachin", None)


def test_counties_provinces_and_in_name_comma_country() -> None:
    assert kinds_and_values("Clay County, Georgia")[0] == (
        "place", "Clay County", Place("Clay County", "Georgia", "US"))
    assert find_places("Hanam Province, South Korea")[0].value == Place(None, "Hanam", "KR")
    assert find_places("Shiga Prefecture")[0].value == Place(None, "Shiga", "JP")
    assert find_places("a cathode plant in Pyeongchang, South Korea.")[0].value == Place("Pyeongchang", None, "KR")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("In March, China cut subsidies.", ["China"]),
        ("the Jewish state", []),
        ("at Voltra Battery Manufacturing, North Carolina", ["North Carolina"]),
        ("the North-Eastern State", []),
        ("BlueOval City", []),
        ("The city said so.", []),
    ],
)
def test_wording_alone_does_not_make_a_place(text: str, names: list[str]) -> None:
    assert [m.text for m in find_places(text)] == names


def test_san_antonio_in_chile_is_not_read_as_texas() -> None:
    found = find_places("Buses arrived from the port of San Antonio, 100 km from Santiago, Chile.")
    assert [m.text for m in found] == ["Santiago", "Chile"]
    assert find_places("a depot in San Antonio, Chile")[0].value == Place("San Antonio", None, "CL")


def test_a_town_that_names_a_site_is_a_place_and_a_newspaper_is_not() -> None:
    text = ("The plant, as The Detroit News reported, will be built on the Marshall Megasite and will be called "
            "BlueOval Battery Park Michigan.")
    assert [(m.text, m.value) for m in find_places(text)] == [
        ("Marshall", Place("Marshall", "Michigan", "US")),
        ("Michigan", Place(None, "Michigan", "US")),
    ]


def test_a_name_once_called_a_region_is_the_region_throughout() -> None:
    text = "The gigafactory in the region of Valencia will open in 2026. The gigafactory Valencia will employ 3,000."
    assert [m.value for m in find_places(text)] == [Place(None, "Valencia Region", "ES")] * 2
