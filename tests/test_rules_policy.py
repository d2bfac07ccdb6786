"""Policy target rules on trade-press sentences: EV shares, stock, phase-outs, charging points."""

from __future__ import annotations

from typing import Any

import gigatrack

PUBLISHED = "2024-05-02"


def targets(text: str) -> list[dict[str, Any]]:
    facts = gigatrack.extract_text(text, published=PUBLISHED)
    return [dict(f.slots) for f in facts if f.type == "policy_target"]


def test_ev_share_of_new_car_sales_with_its_year() -> None:
    text = "Vietnam's government aims for 80% of new cars sold in the country to be electric by 2030."
    [target] = targets(text)
    assert (target["jurisdiction"], target["year"], target["segment"]) == ("VN", 2030, "new cars")
    assert (target["metric"], target["target_value"]) == ("ev_share", 80)


def test_coordinated_segments_are_two_targets() -> None:
    text = "The government of Thailand wants 100% of urban buses and taxis to be electric by 2030."
    first, second = targets(text)
    assert first["segment"] == "urban buses"
    assert second["segment"].endswith("taxis")
    for target in (first, second):
        assert (target["jurisdiction"], target["year"], target["metric"]) == ("TH", 2030, "ev_share")
        assert target["target_value"] == 100


def test_ban_on_the_sale_of_combustion_cars_from_a_year() -> None:
    [target] = targets("The UK government will ban the sale of new petrol and diesel cars from 2035.")
    assert (target["jurisdiction"], target["year"], target["metric"]) == ("GB", 2035, "ice_phaseout")
    assert target["segment"] == "new petrol and diesel cars"
    assert "target_value" not in target


def test_passive_phase_out_by_a_year() -> None:
    [target] = targets("Under the roadmap, sales of new petrol and diesel cars in France will be "
                       "discontinued by 2040.")
    assert (target["jurisdiction"], target["year"], target["metric"]) == ("FR", 2040, "ice_phaseout")
    assert target["segment"] == "new petrol and diesel cars"


def test_stock_of_electric_cars_on_the_road() -> None:
    text = "The government of Indonesia aims to have 2 million electric cars on the roads by 2030."
    [target] = targets(text)
    assert (target["jurisdiction"], target["year"], target["segment"]) == ("ID", 2030, "electric cars")
    assert (target["metric"], target["target_value"]) == ("ev_stock", 2_000_000)


def test_charging_points() -> None:
    [target] = targets("Germany's government wants 1 million public charging points installed by 2030.")
    assert (target["jurisdiction"], target["year"]) == ("DE", 2030)
    assert (target["metric"], target["target_value"]) == ("charging_points", 1_000_000)


def test_jurisdiction_from_the_country_the_article_is_about() -> None:
    [target] = targets("Thailand is the largest car producer in Southeast Asia. The government wants 30% of "
                       "vehicle production to be electric by 2030.")
    assert (target["jurisdiction"], target["year"], target["segment"]) == ("TH", 2030, "vehicle production")
    assert (target["metric"], target["target_value"]) == ("ev_share", 30)


def test_jurisdiction_from_a_national_government_named_by_its_adjective() -> None:
    [share] = targets("The Indian government wants electric vehicles to make up 30% of new cars sold in the "
                      "country by 2030.")
    assert (share["jurisdiction"], share["year"], share["segment"]) == ("IN", 2030, "new cars")
    [stock] = targets("The Indonesian government targets 2 million electric cars on the roads by 2030.")
    assert (stock["jurisdiction"], stock["metric"], stock["target_value"]) == ("ID", "ev_stock", 2_000_000)


def test_a_later_phase_out_sentence_keeps_the_country() -> None:
    share, ban = targets("Vietnam's government aims for 80% of new cars sold in the country to be electric "
                         "by 2030. The country also plans to ban the sale of new petrol cars from 2040.")
    assert (share["metric"], ban["metric"]) == ("ev_share", "ice_phaseout")
    assert (ban["jurisdiction"], ban["year"], ban["segment"]) == ("VN", 2040, "new petrol cars")


def test_a_company_target_is_no_policy() -> None:
    assert targets("Volvo Cars aims for 50% of its sales to be electric by 2025.") == []


def test_a_transport_co2_cut_and_a_no_longer_phase_out() -> None:
    text = (
        "São Paulo's climate law requires the city to cut fossil CO2 emissions of the bus fleet by 50% by 2028. "
        "By 2038, São Paulo should no longer have buses with an internal combustion engine."
    )
    targets = {(f.get("metric"), f.get("year")): f for f in gigatrack.extract_text(text, published="2022-06-01")
               if f.type == "policy_target"}
    cut = targets[("co2_reduction", 2028)]
    assert (cut.get("jurisdiction"), cut.get("target_value")) == ("BR", 50.0)
    assert "bus fleet" in cut.get("segment")
    phase_out = targets[("ice_phaseout", 2038)]
    assert "internal combustion engine" in phase_out.get("segment")


def test_shares_of_two_and_four_wheelers_in_one_mandate() -> None:
    text = ("The Delhi government issued a draft policy. Aggregators would have to ensure that 50 percent of all "
            "new two-wheelers and 25 percent of all new four-wheelers are electric by March 2023.")
    found = {(t["segment"], t["target_value"], t["year"]) for t in targets(text)}
    assert found == {("new two-wheelers", 50, 2023), ("new four-wheelers", 25, 2023)}


def test_a_binding_share_without_a_deadline_has_no_year() -> None:
    text = ("The Delhi government released its EV policy. The policy also aims to register a minimum of 50% of "
            "all new stage carriage buses as e-buses.")
    [target] = targets(text)
    assert (target["segment"], target["target_value"], target["year"]) == ("new stage carriage buses", 50, None)
    assert targets("The Delhi government released its EV policy. About 50% of all new stage carriage buses "
                   "are old.") == []


def test_road_transport_as_the_segment_of_a_share() -> None:
    [target] = targets("Vietnam's government decision sets a target by 2050, in which 100% of road transport "
                       "should be electric.")
    assert (target["segment"], target["target_value"], target["year"]) == ("road transport", 100, 2050)


def test_a_headline_figure_told_again_in_the_body_is_one_target() -> None:
    text = ("German government aims for at least 15 mln EVs by 2030\n\n"
            "Germany aims to have at least 15 million electric cars on the roads by 2030. The coalition would keep "
            "the government's goal of 1 million charging spots by 2030.")
    found = {(t["metric"], t["target_value"], t["segment"]) for t in targets(text)}
    assert found == {("ev_stock", 15e6, "electric cars"), ("charging_points", 1e6, "charging spots")}


def test_a_company_goal_told_with_it_is_not_a_government_target() -> None:
    assert targets("Volvo Cars will build a battery plant in Gothenburg with Northvolt. The Swedish automaker has "
                   "big plans. It aims to sell 50% pure electric cars by 2025.") == []
    [target] = targets("Sweden passed a climate law. It aims to have 50% electric cars in new sales by 2025.")
    assert (target["jurisdiction"], target["target_value"]) == ("SE", 50)


def test_vehicles_a_plant_could_supply_are_not_a_target() -> None:
    text = ("The plant in Clarksville, Tennessee is expected to produce 120,000 tons of cathode material annually "
            "by 2027, which is enough to power batteries in 1.2 million electric vehicles, state officials said.")
    assert targets(text) == []


def test_a_ban_starting_in_a_year_is_due_that_year_not_at_a_later_pledge() -> None:
    [ban] = targets("Chile will ban sales of most internal combustion vehicles starting in 2035 as part of its "
                    "pledge to reach carbon neutrality by 2050.")
    assert (ban["metric"], ban["year"]) == ("ice_phaseout", 2035)


def test_an_estimate_of_sales_is_not_a_target() -> None:
    text = ("Malaysia's ministry said 15% of that is between 75,000 to 90,000 units, the estimated new car sales "
            "figure just for electric vehicles by 2030.")
    assert [t for t in targets(text) if t["metric"] == "ev_sales"] == []
    [goal] = targets("Malaysia's government targets sales of 75,000 electric vehicles by 2030, analysts said.")
    assert (goal["metric"], goal["target_value"]) == ("ev_sales", 75_000)


def test_chargers_are_charging_points_and_a_reported_ban_keeps_only_what_is_banned() -> None:
    [chargers] = targets("Qatar's government plans to install 30 electric chargers by 2021.")
    assert chargers["metric"] == "charging_points"
    [ban] = targets("In July, Prime Minister Pham Minh Chinh announced that all gasoline-powered motorcycles will be "
                    "banned from central Hanoi by 2026.")
    assert (ban["segment"], ban["year"]) == ("all gasoline-powered motorcycles", 2026)


def test_a_dateline_day_is_not_a_target_year() -> None:
    assert targets("Published 2024-05-02 South Africa will soon get a fleet of 120 electric buses.") == []
    assert targets("South Africa will soon get a fleet of 120 electric buses, the company said on 2024-05-02.") == []
    [target] = targets("South Africa will have 120 electric buses on its roads by 2026, the transport ministry said.")
    assert (target["jurisdiction"], target["year"], target["target_value"]) == ("ZA", 2026, 120)


def test_a_countrys_goal_for_battery_making_capacity() -> None:
    [target] = targets("Indonesia aims to produce EV batteries with a total capacity of 140 GWh per year by 2030.")
    assert (target["jurisdiction"], target["year"], target["target_value"]) == ("ID", 2030, 140)
    assert target["segment"] == "battery production capacity"
    [undated] = targets("NEW DELHI: The Cabinet announced the scheme to achieve a total manufacturing capacity of "
                        "50 GWh within the country.")
    assert (undated["jurisdiction"], undated["year"], undated["segment"]) == ("IN", None, "manufacturing capacity")


def test_a_plants_or_companys_capacity_goal_is_not_a_government_target() -> None:
    assert targets("The facility in Spain aims to reach a production capacity of up to 50 GWh by 2030.") == []
    assert targets("CATL aims to reach a battery production capacity of 500 GWh by 2030 in China.") == []


def test_a_count_so_far_is_not_a_target_and_deploying_is_stock() -> None:
    [target] = targets("Colombia aims to deploy 600,000 EVs across all modes of transportation by 2030, up from the "
                       "6,000 electric cars sold in 2023.")
    assert (target["year"], target["target_value"], target["metric"]) == (2030, 600_000, "ev_stock")


def test_partners_capacity_goal_is_not_a_government_target() -> None:
    assert targets("The joint venture will be based in Germany. By the end of the decade, the partners aim to "
                   "produce battery cathode material for 160 GWh cell capacity per year.") == []


def test_all_electric_fleets_charging_points_and_two_countries() -> None:
    [fleet] = targets("Sri Lanka announced plans to replace all state-owned vehicles with electric or hybrid models "
                      "by 2025.")
    assert (fleet["jurisdiction"], fleet["segment"], fleet["target_value"]) == ("LK", "state-owned vehicles", 100)
    [sales] = targets("India wants to make new sales all-electric by 2030.")
    assert (sales["segment"], sales["metric"], sales["year"]) == ("new sales", "ev_share", 2030)
    [points] = targets("Singapore will expand public charging infrastructure to 28,000 points by 2030.")
    assert (points["metric"], points["target_value"]) == ("charging_points", 28_000)
    both = targets("Britain and France have said they want to end the sale of diesel and petrol cars by 2040.")
    assert sorted(t["jurisdiction"] for t in both) == ["FR", "GB"]


def test_a_phase_out_segment_without_its_clauses() -> None:
    [fleet] = targets("Sri Lanka's government will phase out in the next eight years its fleet of diesel and petrol "
                      "vehicles including buses by 2025.")
    assert fleet["segment"] == "fleet of diesel and petrol vehicles including buses"
    [city] = targets("Singapore aims to phase out internal combustion engine vehicles and have all vehicles run on "
                     "cleaner energy by 2040.")
    assert city["segment"] == "internal combustion engine vehicles"


def test_ceasing_registrations_and_no_longer_buying_are_phase_outs() -> None:
    [hk] = targets("The key measures include ceasing the new registration of fuel-propelled private cars in 2035 or "
                   "earlier, the Hong Kong government said.")
    assert (hk["jurisdiction"], hk["year"], hk["metric"]) == ("HK", 2035, "ice_phaseout")
    [il] = targets("Israelis will no longer be able to buy petrol or diesel-powered cars from 2030, Israel's energy "
                   "minister said.")
    assert (il["jurisdiction"], il["year"], il["metric"]) == ("IL", 2030, "ice_phaseout")
    assert targets("Israel's energy ministry predicts there will be close to 177,000 EVs on the road by 2025.") == []


def test_what_is_raised_to_a_share_is_the_segment() -> None:
    [target] = targets("The factory would help meet the Thai government’s policy to increase domestic EV production "
                       "to 30% of total vehicles made by 2030.")
    assert (target["jurisdiction"], target["segment"], target["target_value"]) == ("TH", "domestic EV production", 30)
