"""Order rules on trade-press sentences: who buys how many of what from whom."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gigatrack.annotate import annotate
from gigatrack.extract.rules import RuleExtractor

PUBLISHED = dt.date(2024, 5, 2)


def orders(text: str) -> list[dict[str, Any]]:
    facts = RuleExtractor().extract(text, annotate(text, PUBLISHED), PUBLISHED)
    return [dict(f.slots) for f in facts if f.type == "order"]


def test_seller_bags_an_order_from_a_transport_corporation_priced_in_a_later_sentence() -> None:
    text = ("Olectra Greentech has bagged an order for 150 electric buses from the Gujarat State Road Transport "
            "Corporation. The order is valued at Rs 220 crore.")
    [order] = orders(text)
    assert order["seller"] == "Olectra Greentech"
    assert order["buyer"].startswith("Gujarat State Road Transport")
    assert (order["item"], order["quantity"], order["period"]) == ("electric buses", 150.0, "total")
    assert order["value"] == {"amount": 2_200_000_000, "currency": "INR"}
    assert order["region"] == "Gujarat"


def test_tender_awarded_by_names_the_buyer_in_the_next_sentence() -> None:
    [order] = orders("Volvo Trucks said it had won a contract for 60 FH Electric trucks. "
                     "The contract was awarded by DHL Supply Chain.")
    assert (order["seller"], order["buyer"]) == ("Volvo Trucks", "DHL")
    assert order["item"] == "FH Electric trucks"


def test_public_operator_in_lower_case_buys_from_a_maker() -> None:
    [order] = orders("The Lisbon public transport operator has signed a contract for the purchase of "
                     "40 (forty) Urbino 12 electric buses from Solaris.")
    assert order["buyer"] == "Lisbon public transport operator"
    assert order["seller"] == "Solaris"
    assert (order["item"], order["quantity"], order["region"]) == ("Urbino 12 electric buses", 40.0, "Lisbon")


def test_delivery_to_a_city_with_a_start_date() -> None:
    [order] = orders("BYD will deliver 120 electric buses to the city of Bogotá, starting in March 2025.")
    assert (order["buyer"], order["seller"]) == ("city of Bogotá", "BYD")
    assert order["start"] == "2025-03"


def test_delivery_of_at_least_n_items_with_an_option_clause_before_the_buyer() -> None:
    [order] = orders("Volvo Trucks will supply at least 40 FH Electric trucks, with an additional 10 trucks as "
                     "an option, to DHL Supply Chain for its Nordic network.")
    assert (order["seller"], order["buyer"]) == ("Volvo Trucks", "DHL")
    assert (order["item"], order["quantity"]) == ("FH Electric trucks", 40.0)


def test_an_order_from_a_customer_makes_the_customer_the_buyer() -> None:
    [order] = orders("Volvo Trucks says an order for 100 electric trucks - from shipping firm DFDS - is its "
                     "largest yet.")
    assert (order["buyer"], order["seller"]) == ("DFDS", "Volvo Trucks")


def test_passive_purchase_and_yearly_period() -> None:
    assert orders("Tesla said 75 trucks were ordered by Walmart last month.")[0]["buyer"] == "Walmart"
    [yearly] = orders("Cho Thavee plans to purchase 2,000 buses per year.")
    assert (yearly["quantity"], yearly["period"]) == (2000.0, "year")


def test_the_latter_and_such_vehicles_resolve_to_the_earlier_order() -> None:
    first, second = orders("Magenta Mobility and Euler Motors said Magenta will procure an additional 1,000 "
                           "cargo three-wheelers of the latter. Earlier deliveries of 300 such vehicles to Magenta "
                           "went well.")
    item = "cargo three-wheelers"
    assert (first["buyer"], first["seller"], first["item"]) == ("Magenta Mobility", "Euler Motors", item)
    assert (second["quantity"], second["item"], second["seller"]) == (300.0, item, "Euler Motors")


def test_unit_price_is_not_the_order_value() -> None:
    [order] = orders("Walmart ordered 30 trucks that start at 180,000 dollars each.")
    assert order["item"] == "trucks"
    assert "value" not in order


def test_no_order_without_a_buyer_or_an_order_verb() -> None:
    assert orders("Tesla reported record deliveries of 400,000 cars in the quarter.") == []
    assert orders("Solaris said the fleet of 300 buses in Warsaw now includes 80 electric buses.") == []
    assert orders("Walmart and DHL order a total of 90 electric trucks.") == []


def test_buyer_named_before_the_count_and_seller_after_with() -> None:
    [won] = orders("Olectra Greentech has won an order from the Gujarat State Road Transport Corporation for "
                   "500 electric buses worth Rs 700 crore.")
    assert won["buyer"].startswith("Gujarat State Road Transport")
    assert won["value"] == {"amount": 7_000_000_000, "currency": "INR"}
    [placed] = orders("Bengaluru Metropolitan Transport Corporation (BMTC) placed an order for 300 electric buses "
                      "a year with Tata Motors.")
    assert placed["buyer"].startswith("Bengaluru Metropolitan Transport")
    assert (placed["seller"], placed["period"]) == ("Tata Motors", "year")


def test_a_headline_and_the_body_stating_one_order_give_one_fact() -> None:
    facts = orders("Olectra wins order for 400 electric buses from Gujarat transport corporation\n\n"
                   "Olectra Greentech has won an order from the Gujarat State Road Transport Corporation for "
                   "400 electric buses.")
    assert len(facts) == 1
    assert facts[0]["buyer"].startswith("Gujarat State Road Transport")


def test_buyer_is_the_subject_described_by_an_appositive_naming_another_body() -> None:
    [order] = orders("Convergence Energy Services Limited (CESL), a state-run company under the Ministry of Power, "
                     "opened its tender for 5,000 electric buses on Friday.")
    assert order["buyer"].startswith("Convergence Energy Services")
    assert "seller" not in order


def test_the_company_that_placed_the_order_is_the_buyer_and_the_from_party_sells() -> None:
    [order] = orders("Amazon has placed an order for 200 battery-electric trucks from Mercedes-Benz Trucks.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("Amazon", "Mercedes-Benz Trucks", 200.0)


def test_provide_to_a_buyer_and_an_order_named_by_its_buyer() -> None:
    [provided] = orders("Scania will provide 110 electric trucks to Einride, which runs electric fleets in Europe.")
    assert (provided["buyer"], provided["seller"], provided["quantity"]) == ("Einride", "Scania", 110)
    [named] = orders("This adds to a previous Maersk order of 126 Volvo VNR electric vehicles for use in the U.S.")
    assert (named["buyer"], named["item"], named["quantity"]) == ("Maersk", "Volvo VNR electric vehicles", 126)


def test_a_contract_between_a_bus_maker_and_an_operator_for_the_delivery_of_buses() -> None:
    [order] = orders("Solaris Bus & Coach and MZA Warszawa have signed a contract for the delivery of 12 electric "
                     "buses.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("MZA Warszawa", "Solaris Bus & Coach", 12)
    assert orders("Solaris Bus & Coach and Volvo Buses have signed a contract for the delivery of 12 electric "
                  "buses.") == []


def test_a_delivery_that_is_part_of_a_larger_order_counts_the_whole_order() -> None:
    [order] = orders("Tata Motors delivers 35 electric buses to Brihanmumbai Electric Supply and Transport. This is "
                     "a part of the larger order of 340 e-buses.")
    assert order["quantity"] == 340


def test_an_agreement_with_a_maker_to_purchase_vehicles() -> None:
    [order] = orders("The Saudi government also has an agreement with Lucid to purchase up to 100,000 vehicles from "
                     "the company over a 10-year period.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("Saudi government", "Lucid", 100_000)


def test_buses_a_transport_company_acquired() -> None:
    [order] = orders("TransJakarta, the public transportation company of Jakarta, said it acquired 100 "
                     "battery-powered buses in 2023.")
    assert (order["item"], order["quantity"]) == ("battery-powered buses", 100)


def test_a_transit_authority_that_will_receive_buses_spelled_out() -> None:
    [order] = orders("Proterra won new orders. Its new customers include Dallas Area Rapid Transit, which will "
                     "receive seven buses and two chargers.")
    assert (order["buyer"], order["item"], order["quantity"]) == ("Dallas Area Rapid Transit", "buses", 7)


def test_where_the_ordered_vehicles_will_run() -> None:
    [order] = orders("Shipping giant Maersk ordered 25 Volvo FH electric trucks for its operations in Germany.")
    assert order["region"] == "Germany"


def test_an_agreement_with_a_buyer_to_deliver_vehicles_is_an_order_not_a_partnership() -> None:
    text = "Tata Motors has signed an agreement with BluSmart Electric Mobility to deliver 10,000 Xpres-T EVs."
    [order] = orders(text)
    assert (order["buyer"], order["seller"], order["quantity"]) == ("BluSmart", "Tata Motors", 10_000)
    facts = RuleExtractor().extract(text, annotate(text, PUBLISHED), PUBLISHED)
    assert [f for f in facts if f.type == "partnership"] == []


def test_the_maker_named_in_the_ordered_item_is_the_seller() -> None:
    [order] = orders("Shipping giant Maersk ordered 25 Volvo FH electric trucks for its operations in Germany.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("Maersk", "Volvo", 25)


def test_a_rental_fleet_announcing_an_order_of_cars() -> None:
    [order] = orders("Hertz on Monday announced an order of 100,000 Tesla Inc cars, taking a step toward "
                     "changing its fleet to electric vehicles.")
    assert (order["buyer"], order["seller"], order["item"], order["quantity"]) == (
        "Hertz", "Tesla", "Tesla cars", 100_000)
    assert all(o["buyer"] != "Solaris" for o in orders("Solaris announced an order of 50 buses from MPK Poznan."))


def test_two_orders_told_in_one_breath() -> None:
    found = orders("Tata Motors has received orders for 1,500 electric buses from Delhi Transport Corporation (DTC) "
                   "and 1,180 electric buses from West Bengal Transport Corporation (WBTC) in the last month.")
    assert [(o["buyer"], o["seller"], o["quantity"]) for o in found] == [
        ("Delhi Transport", "Tata Motors", 1500), ("West Bengal Transport", "Tata Motors", 1180)]


def test_a_framework_contract_with_a_bus_maker_is_an_order() -> None:
    [order] = orders("Deutsche Bahn has signed a framework contract with Ebusco for up to 800 electric buses.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("Deutsche Bahn", "Ebusco", 800)


def test_each_customer_which_will_receive_buses_is_an_order_of_the_articles_maker() -> None:
    found = orders("Proterra won federal grants for 28 buses. Three new customers include Dallas Area Rapid Transit, "
                   "which will receive seven buses and two chargers; Duluth Transit Authority, which will receive six "
                   "buses and one charger.")
    assert [(o["buyer"], o["seller"], o["quantity"]) for o in found] == [
        ("Dallas Area Rapid Transit", "Proterra", 7), ("Duluth Transit Authority", "Proterra", 6)]


def test_the_maker_an_order_is_placed_with_later_in_the_sentence_is_the_seller() -> None:
    [order] = orders("Amazon has placed its largest-ever order of more than 200 battery-electric heavy goods vehicles "
                     "and has selected the Mercedes-Benz eActros 600 from Mercedes-Benz Trucks.")
    assert (order["buyer"], order["seller"], order["quantity"]) == ("Amazon", "Mercedes-Benz Trucks", 200)


def test_a_company_named_in_full_is_not_its_unit() -> None:
    found = orders("Tata Motors to supply 25,000 EV taxis to Uber. The cars will come from Tata Passenger Electric "
                   "Mobility, the EV unit of Tata Motors.")
    assert [(o["buyer"], o["seller"], o["quantity"]) for o in found] == [("Uber", "Tata Motors", 25_000)]


def test_the_one_vehicle_maker_of_the_story_sells_what_its_customers_order() -> None:
    found = orders("Tesla Semi orders increase to 140 units. Sysco, a global food delivery company, ordered no less "
                   "than 50 trucks that start at 150,000 dollars each.")
    assert [(o["buyer"], o["seller"], o["quantity"]) for o in found] == [("Sysco", "Tesla", 50)]


def test_a_maker_selling_counted_vehicles_to_a_buyer_is_an_order() -> None:
    [order] = orders("Volvo's trucks unit is selling 1,000 electric vehicles to Swiss buildings materials giant "
                     "Holcim.")
    assert (order["buyer"], order["seller"], order["item"], order["quantity"]) == (
        "Holcim", "Volvo", "electric vehicles", 1000.0)


def test_sales_without_a_buyer_are_not_orders() -> None:
    assert orders("BYD sold 3 million electric vehicles last year, more than any other carmaker.") == []
