"""Quantity mentions: energy in GWh, mass in tonnes, counts with their item, percentages."""

import pytest

from gigatrack.annotate.quantities import Quantity, find_quantities


def only(text: str) -> tuple[str, Quantity]:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0].kind, found[0].value


@pytest.mark.parametrize(
    ("text", "amount", "per"),
    [
        ("a 20GWh line", 20, None),
        ("20 gigawatt-hours of cells a year", 20, "year"),
        ("a 40-gigawatt-hour factory", 40, None),
        ("500 MWh of storage", 0.5, None),
        ("1.2 TWh by the end of the decade", 1200, None),
        ("an annual capacity of 30GWh", 30, "year"),
        ("10-15 GWh per annum", 10, "year"),
        ("up to 40 GWh", 40, None),
    ],
)
def test_energy_in_gwh(text: str, amount: float, per: str | None) -> None:
    kind, value = only(text)
    assert kind == "energy"
    assert value == Quantity(amount, "GWh", per)


@pytest.mark.parametrize(
    ("text", "amount", "per"),
    [
        ("108,000 tons a year of cathode", 108_000, "year"),
        ("20,000 metric tons of lithium hydroxide", 20_000, None),
        ("a 30,000-tonne refinery", 30_000, None),
        ("30kt of graphite annually", 30_000, "year"),
        ("1 million tonnes of ore", 1e6, None),
    ],
)
def test_mass_in_tonnes(text: str, amount: float, per: str | None) -> None:
    kind, value = only(text)
    assert kind == "mass"
    assert value == Quantity(amount, "t", per)


@pytest.mark.parametrize(
    ("text", "amount", "item", "per"),
    [
        ("Metrobus will buy 3,000 buses per year.", 3000, "buses", "year"),
        ("an order for 1,000 electric buses", 1000, "electric buses", None),
        ("it delivered 100 e-buses", 100, "e-buses", None),
        ("sales of two million EVs", 2e6, "EVs", None),
        ("up to 5,000 vehicles every month", 5000, "vehicles", "month"),
        ("at least 15 mln EVs by 2030", 15e6, "EVs", None),
        ("1 million charging spots", 1e6, "charging spots", None),
    ],
)
def test_counts_keep_the_counted_item(text: str, amount: float, item: str, per: str | None) -> None:
    kind, value = only(text)
    assert kind == "count"
    assert value == Quantity(amount, "unit", per, item)


@pytest.mark.parametrize("text", ["In 2030 vehicles will be greener.", "the Model 3 cars", "Class 8 trucks",
                                  "4680 cells", "$5 million vehicles"])
def test_years_models_and_money_are_not_counts(text: str) -> None:
    assert [m for m in find_quantities(text) if m.kind == "count"] == []


@pytest.mark.parametrize("text", ["100%", "50 percent", "30 per cent"])
def test_percentages(text: str) -> None:
    assert only(text) == ("percent", Quantity(float(text.split("%")[0].split()[0]), "%"))


def test_vehicle_class_in_tonnes_is_not_a_mass() -> None:
    assert find_quantities("the 1-ton EV truck segment") == []


@pytest.mark.parametrize("prefix", ["", "İzmir depot: "])
def test_spelled_out_numbers_in_any_case(prefix: str) -> None:
    # "İ" lower-cases to two characters: the finder then scans the text as it stands.
    found = find_quantities(prefix + "Twenty electric buses and FIVE vans")
    assert [(m.text, m.value) for m in found] == [
        ("Twenty electric buses", Quantity(20, "unit", None, "electric buses")),
        ("FIVE vans", Quantity(5, "unit", None, "vans")),
    ]


def test_hyphenated_charging_points_are_counted() -> None:
    [count] = find_quantities("The ministry plans 12,000 fast-charging points by 2030.")
    assert (count.kind, count.value.amount, count.value.item) == ("count", 12000.0, "fast-charging points")


def test_a_misspelt_gigawatt_hour_is_still_energy() -> None:
    [energy] = find_quantities("an initial goal of 9 gigwatt-hours per year")
    assert (energy.kind, energy.value.amount, energy.value.per) == ("energy", 9.0, "year")


def test_a_yearly_gigawatt_output_is_energy_but_a_power_rating_is_not() -> None:
    [energy] = find_quantities("a base with a total production capacity of 23GW per year for LFP batteries")
    assert (energy.kind, energy.value.amount, energy.value.per) == ("energy", 23.0, "year")
    assert find_quantities("a 230kW electric motor and a 2 GW solar farm") == []
