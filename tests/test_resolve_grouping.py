"""Which facts are about the same thing: groups by key entities, records by distinguishing details."""

from __future__ import annotations

from gigatrack.resolve import cluster, group_of
from gigatrack.resolve.grouping import record_id, vehicle_class

IDS = {"LG Energy Solution": "lges", "LGES": "lges", "Isuzu Motors": "isuzu", "Samsung SDI": "samsung-sdi",
       "Stellantis": "stellantis"}


def place(city: str | None, country: str = "US") -> dict[str, str | None]:
    return {"city": city, "region": None, "country": country}


def test_supply_deals_group_by_supplier_and_customer_entities() -> None:
    a = group_of("f1", "supply_agreement", {"supplier": "LGES", "customer": "Isuzu Motors", "product": "packs"}, IDS)
    b = group_of("f2", "supply_agreement", {"supplier": "LG Energy Solution", "customer": "Isuzu Motors",
                                            "product": "cells"}, IDS)
    assert a.group == b.group == "supply_agreement|lges|isuzu"
    assert a.details == b.details == ("battery",)  # cells and packs are one family


def test_partnership_parties_are_order_free() -> None:
    a = group_of("f1", "partnership", {"parties": ["Samsung SDI", "Stellantis"]}, IDS)
    b = group_of("f2", "partnership", {"parties": ["Stellantis", "Samsung SDI"]}, IDS)
    assert a.group == b.group == "partnership|samsung-sdi+stellantis"


def test_a_fact_without_its_key_organisations_stands_alone() -> None:
    grouped = group_of("f9", "supply_agreement", {"supplier": "LGES", "customer": None}, IDS)
    assert grouped.group == "supply_agreement|fact:f9"


def test_policy_targets_group_by_jurisdiction_year_metric_and_vehicle_class() -> None:
    cars = group_of("f1", "policy_target", {"jurisdiction": "IN", "year": 2030, "metric": "ev_share",
                                            "segment": "new car sales"}, {})
    buses = group_of("f2", "policy_target", {"jurisdiction": "IN", "year": 2030, "metric": "ev_share",
                                             "segment": "urban buses"}, {})
    assert cars.group == "policy_target|IN|2030|ev_share|car" and buses.group.endswith("|bus")
    assert vehicle_class("electric two-wheelers") == "two_wheeler" and vehicle_class(None) == "all"


def test_plants_in_different_towns_are_different_records_and_a_townless_report_joins_the_only_one() -> None:
    group = "facility|lges|US"
    one_town = cluster(group, [("f1", "a1", ("michigan", "holland", None)), ("f2", "a2", (None, None, None))])
    assert list(one_town.values()) == [["f1", "f2"]]
    two_towns = cluster(group, [("f1", "a1", ("michigan", "holland", None)),
                                ("f3", "a3", ("michigan", "lansing", None)), ("f2", "a2", (None, None, None))])
    assert sorted(two_towns.values()) == [["f1"], ["f2"], ["f3"]]  # which plant f2 means is unknown
    regions = cluster(group, [("f1", "a1", ("michigan", None, None)), ("f2", "a2", ("arizona", None, None))])
    assert sorted(regions.values()) == [["f1"], ["f2"]]


def test_two_facts_of_one_article_are_two_records() -> None:
    group = "investment|toyota|JP"
    records = cluster(group, [("f1", "a1", ()), ("f2", "a1", ())])
    assert records == {record_id(group, ()): ["f1"], record_id(group, ("f2",)): ["f2"]}
    # A report from another article fits both, so which one it speaks of is unknown: it stays apart.
    assert sorted(cluster(group, [("f1", "a1", ()), ("f2", "a1", ()), ("f3", "a2", ())]).values()) == [
        ["f1"], ["f2"], ["f3"]]
    # With one record to join, it joins.
    assert list(cluster(group, [("f1", "a1", ()), ("f3", "a2", ())]).values()) == [["f1", "f3"]]


def test_record_ids_do_not_depend_on_the_order_facts_arrive_in() -> None:
    members = [("f1", "a1", ("indiana", "kokomo", "battery")), ("f2", "a2", (None, None, "battery")),
               ("f3", "a3", ("indiana", "kokomo", None))]
    forward = cluster("facility|starplus|US", members)
    backward = cluster("facility|starplus|US", list(reversed(members)))
    assert forward == backward == {
        record_id("facility|starplus|US", ("indiana", "kokomo", "battery")): ["f1", "f3", "f2"]}
