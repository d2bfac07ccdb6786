"""Investment rules on trade-press sentences: investor, money, target, purpose, stakes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gigatrack.annotate import annotate
from gigatrack.extract.rules import RuleExtractor

PUBLISHED = dt.date(2024, 5, 2)


def investments(text: str) -> list[dict[str, Any]]:
    facts = RuleExtractor().extract(text, annotate(text, PUBLISHED), PUBLISHED)
    return [dict(f.slots) for f in facts if f.type == "investment"]


def test_announced_investment_to_build_a_plant() -> None:
    [fact] = investments("CATL announced an investment of 7.6 billion euros to build a new battery plant in "
                         "Debrecen, Hungary.")
    assert fact["investor"] == "CATL"
    assert fact["value"] == {"amount": 7_600_000_000, "currency": "EUR"}
    assert fact["purpose"].startswith("build a new battery plant")
    assert fact["target"].startswith("a new battery plant")
    assert fact["location"]["city"] == "Debrecen"


def test_investor_is_the_subject_not_the_org_in_an_appositive() -> None:
    [fact] = investments("Svolt, a spinoff of Great Wall Motors, is investing 2 billion euros in Germany to build a "
                         "cell plant.")
    assert fact["investor"] == "Svolt"
    assert fact["location"]["country"] == "DE"


def test_passive_investment_reuses_the_article_investor() -> None:
    first, second = investments("Toyota will invest 500 billion yen in battery production. In Japan, about 300 "
                                "billion yen will be newly invested in the Himeji Plant.")
    assert first["target"] == "battery production"
    assert second["investor"] == "Toyota"
    assert second["value"] == {"amount": 300_000_000_000, "currency": "JPY"}
    assert "Himeji Plant" in second["target"]


def test_each_invested_gives_one_fact_per_investor() -> None:
    facts = investments("XPeng and Nio each invested 300 million yuan in the round.")
    assert [f["investor"] for f in facts] == ["XPeng", "Nio"]


def test_stakes_with_a_coordinated_second_verb() -> None:
    first, second = investments("LG Chem last year bought a 2.5 percent stake in Ganfeng Lithium, and acquired a "
                                "10 percent stake in U.S. firm Enevate.")
    assert (first["investor"], first["target"], first["start"]) == (
        "LG Chem", "a 2.5 percent stake in Ganfeng Lithium", "2023")
    assert (second["investor"], second["target"]) == ("LG Chem", "a 10 percent stake in Enevate")
    assert second["purpose"] == "acquired a 10 percent stake"


def test_share_of_a_named_project_with_its_location() -> None:
    [fact] = investments("POSCO acquired 40% of the Kwinana Nickel Project in Australia in 2022.")
    assert (fact["target"], fact["purpose"], fact["start"]) == ("40% of Kwinana Nickel Project", "acquired 40%", "2022")
    assert fact["location"]["country"] == "AU"


def test_no_investment_for_a_plant_already_presented_a_joint_subject_or_shareholders() -> None:
    assert investments("Panasonic is investing $4 billion into the plant, the company said.") == []
    assert investments("The two companies will collectively invest about $3 billion to construct a new plant.") == []
    assert investments("Toyota said shareholders invested $2 billion in the company.") == []


def test_a_joint_venture_spending_on_its_plants_is_not_an_investment_fact() -> None:
    text = ("LG Energy Solution and Honda formed a joint venture in Ohio. The joint venture has committed to "
            "invest $4.4 billion in the battery plant.")
    assert investments(text) == []


def test_a_stake_bought_for_a_price_and_stakes_named_as_nouns() -> None:
    [bought] = investments("In 2023, Stellantis announced the acquisition of a 20% share in Chinese EV startup "
                           "Leapmotor for €1.5 billion (1.58 billion USD).")
    assert (bought["investor"], bought["target"]) == ("Stellantis", "a 20% share in Leapmotor")
    assert bought["value"] == {"amount": 1_500_000_000, "currency": "EUR"}
    [agreed] = investments("SoftBank signed an agreement to acquire a stake of up to 9.9% in Nemaska Lithium.")
    assert (agreed["investor"], agreed["target"]) == ("SoftBank", "a stake of up to 9.9% in Nemaska Lithium")
    assert agreed["purpose"] == "acquire a stake of up to 9.9%"


def test_an_investment_named_by_its_price() -> None:
    [stake] = investments("Great Wall Motor has completed its A$28-million equity investment in Pilbara Minerals.")
    assert (stake["investor"], stake["target"]) == ("Great Wall Motor", "Pilbara Minerals")
    assert stake["value"] == {"amount": 28_000_000, "currency": "AUD"}


def test_a_ministry_providing_companies_with_a_subsidy() -> None:
    [aid] = investments("Japan's Ministry of Economy, Trade and Industry would provide Honda and GS Yuasa with a "
                        "subsidy of around 150 billion yen.")
    assert (aid["investor"], aid["target"], aid["purpose"]) == (
        "Ministry of Economy, Trade and Industry", "Honda and GS Yuasa", "subsidy")
    assert aid["value"] == {"amount": 150_000_000_000, "currency": "JPY"}


def test_governments_providing_a_contribution_and_a_loan() -> None:
    found = investments("The Government of Canada is providing a conditional contribution of $322 million through "
                        "the Strategic Innovation Fund, and the Government of Quebec is providing a partially "
                        "forgivable loan of $300 million.")
    assert {(i["investor"], i["purpose"], i["value"]["amount"]) for i in found} == {
        ("Government of Canada", "contribution", 322_000_000), ("Government of Quebec", "loan", 300_000_000)}


def test_a_board_approved_investment_without_an_article() -> None:
    [approved] = investments("LG Chem's board of directors today approved investment of $571 million in LG Chem "
                             "Wroclaw Energy to fund the expansion.")
    assert (approved["investor"], approved["value"]["amount"]) == ("LG Chem", 571_000_000)


def test_the_target_stops_before_a_verb() -> None:
    [fact] = investments("LG Chem's decision to invest $3.2 billion in Clarksville is a testament to the state's "
                         "workforce, the governor said.")
    assert fact["investor"] == "LG Chem"
    assert "target" not in fact
    assert fact["location"]["city"] == "Clarksville"


def test_an_investment_told_in_the_headline_and_the_body_is_one() -> None:
    found = investments("Tesla investing $3.6 billion more in Nevada.\n\nTesla will invest an additional $3.6 "
                        "billion in Nevada to build two new factories.")
    assert len(found) == 1
    assert found[0]["value"] == {"amount": 3_600_000_000, "currency": "USD"}


def test_public_money_received_or_given_in_support() -> None:
    [grant] = investments("Sila Nanotechnologies received a $100 million grant from the Department of Energy to "
                          "fund its Moses Lake facility.")
    assert (grant["investor"], grant["target"], grant["purpose"]) == ("Department of Energy", "Sila Nanotechnologies",
                                                                       "grant")
    [support] = investments("The Government of Canada is supporting Umicore’s project through an investment of up "
                            "to $551.3 million.")
    assert (support["investor"], support["target"]) == ("Government of Canada", "Umicore")
    assert support["value"]["amount"] == 551_300_000


def test_the_government_of_the_country_the_article_names_as_investing() -> None:
    found = investments("Japan is intensifying its efforts to bolster battery production with an investment of $2.4 "
                        "billion in subsidies. Nissan is focusing on lithium-iron-phosphate batteries. The government "
                        "is supporting this initiative with 55.5 billion yen in subsidies.")
    assert [(f["investor"], f["value"]["amount"]) for f in found] == [("Japan", 2_400_000_000),
                                                                      ("Japan", 55_500_000_000)]
    assert found[1]["purpose"] == "subsidies"
    assert found[1]["location"] == {"city": None, "region": None, "country": "JP"}


def test_a_place_is_not_an_investments_target() -> None:
    [fact] = investments("Since then, Tesla has invested $6.2 billion in Nevada and built a 5.4 million square foot "
                         "Gigafactory.")
    assert "target" not in fact
    assert fact["location"]["region"] == "Nevada"


def test_the_target_stops_before_and_a_verb() -> None:
    # "the factory": the plant's own investment, which the facility carries
    assert investments("Eve Energy will invest 1 billion euros in the factory and create 900 jobs.") == []


def test_an_aside_after_the_verb_does_not_hide_the_target() -> None:
    [fact] = investments("AESC will invest 2 billion euros to build, from 2022, a production site for battery cells "
                         "on land adjacent to the Renault factory in Douai, France.")
    assert fact["target"] == "a production site for battery cells"


def test_public_money_committed_or_contributed() -> None:
    [quebec] = investments("The Quebec government has committed up to $2.9 billion to secure the deal with "
                           "Northvolt, including construction help and production incentives.")
    assert quebec["investor"] == "Quebec government"
    assert quebec["value"] == {"amount": 2_900_000_000, "currency": "USD"}  # "$" alone, nothing says Canada
    [hungary] = investments("The Hungarian government is supporting the construction with 14 billion forints, "
                            "the equivalent of about 38 million euros.")
    assert (hungary["investor"], hungary["value"]) == ("Hungarian government",
                                                       {"amount": 14_000_000_000, "currency": "HUF"})


def test_offers_count_only_from_public_bodies() -> None:
    assert investments("Tesla offered $2.6 billion for SolarCity in a deal that worried analysts.") == []
    [award] = investments("The Department of Energy awarded $100 million to Sila for its Moses Lake plant.")
    assert (award["investor"], award["value"]) == ("Department of Energy", {"amount": 100_000_000, "currency": "USD"})
