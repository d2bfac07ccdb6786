"""Supply agreement rules on trade-press sentences: who supplies whom with what, how much, from when."""

from __future__ import annotations

from typing import Any

import gigatrack

PUBLISHED = "2024-05-02"


def supplies(text: str, published: str = PUBLISHED) -> list[dict[str, Any]]:
    doc = gigatrack.process_text(text, published=published)
    return [dict(f.slots) for f in doc.facts if f.type == "supply_agreement"]


def test_supply_verb_with_form_factor_size_gwh_volume_and_a_year_range() -> None:
    [deal] = supplies("EVE Energy will supply BMW Group with 4695 cylindrical cells totalling 20 GWh a year "
                      "between 2026 and 2030.")
    assert (deal["supplier"], deal["customer"]) == ("EVE Energy", "BMW Group")
    assert (deal["product"], deal["form_factor"]) == ("cells", "cylindrical")
    assert (deal["form_factor_size"], deal["volume_gwh"]) == ("4695", 20)
    assert (deal["start"], deal["end"], deal["duration_years"]) == ("2026", "2030", 4)


def test_sourcing_verb_makes_the_source_the_supplier() -> None:
    [deal] = supplies("Tesla will procure LFP cells from CATL for its Megapack energy storage systems.")
    assert (deal["supplier"], deal["customer"]) == ("CATL", "Tesla")
    assert (deal["product"], deal["chemistry"]) == ("cells", "LFP")


def test_application_from_ev_batteries() -> None:
    [deal] = supplies("Gotion High-Tech will supply EV batteries to Volkswagen Group.")
    assert (deal["supplier"], deal["customer"]) == ("Gotion High-Tech", "Volkswagen Group")
    assert deal["application"] == "EV"


def test_application_from_what_the_customer_uses_the_goods_for() -> None:
    [deal] = supplies("Tesla will procure LFP cells from CATL for its Megapack energy storage systems.")
    assert deal["application"] == "Megapack energy storage systems"


def test_passive_supplied_by_names_the_supplier() -> None:
    [deal] = supplies("Mazda Motor said the cylindrical cells for its new electric SUV will be supplied by "
                      "Panasonic Energy.")
    assert (deal["supplier"], deal["customer"]) == ("Panasonic Energy", "Mazda Motor")
    assert (deal["product"], deal["form_factor"]) == ("cells", "cylindrical")


def test_deal_noun_makes_the_upstream_party_the_supplier() -> None:
    [deal] = supplies("Ford Motor Company signed a supply agreement with EcoPro BM for cathode materials.")
    assert (deal["supplier"], deal["customer"]) == ("EcoPro BM", "Ford Motor Company")
    assert (deal["product"], deal["status"]) == ("cathode", "signed")


def test_undisclosed_customer_leaves_the_customer_out() -> None:
    [deal] = supplies("Samsung SDI will supply 46-series cylindrical cells to an undisclosed automaker.")
    assert deal["supplier"] == "Samsung SDI"
    assert "customer" not in deal
    assert (deal["form_factor"], deal["form_factor_size"]) == ("cylindrical", "46-series")


def test_undisclosed_customer_as_the_object_of_the_supply_verb() -> None:
    [deal] = supplies("Samsung SDI will supply an undisclosed customer with 46-series cylindrical cells.")
    assert deal["supplier"] == "Samsung SDI"
    assert "customer" not in deal


def test_tonnes_volume_of_a_material_over_a_number_of_years() -> None:
    [deal] = supplies("Albemarle will supply Ford Motor Company with 100,000 tonnes of battery-grade lithium "
                      "hydroxide over five years.")
    assert (deal["supplier"], deal["customer"]) == ("Albemarle", "Ford Motor Company")
    assert (deal["product"], deal["volume_tonnes"], deal["duration_years"]) == ("lithium", 100_000, 5)


def test_value_in_a_later_sentence_with_its_conversion_as_an_alternative() -> None:
    [deal] = supplies("L&F signed a deal to supply high-nickel NCM cathode materials to LG Energy Solution. "
                      "The contract is worth 3.8 trillion won ($2.9 billion).")
    assert (deal["supplier"], deal["customer"]) == ("L&F", "LG Energy Solution")
    assert (deal["product"], deal["chemistry"], deal["status"]) == ("cathode", "NCM", "signed")
    won = {"amount": 3_800_000_000_000, "currency": "KRW"}
    assert deal["value"] == won
    assert deal["value_alternatives"] == [won, {"amount": 2_900_000_000, "currency": "USD"}]


def test_starting_next_year_resolves_against_the_publication_date() -> None:
    text = "SK On will supply Hyundai Motor Company with pouch cells starting next year."
    [deal] = supplies(text, published="2024-05-02")
    assert (deal["supplier"], deal["customer"]) == ("SK On", "Hyundai Motor Company")
    assert (deal["form_factor"], deal["start"]) == ("pouch", "2025")
    assert supplies(text, published="2025-11-20")[0]["start"] == "2026"


def test_production_site_from_its_plant_in() -> None:
    [deal] = supplies("Gotion High-Tech will supply Volkswagen Group with LFP batteries from its plant in "
                      "Göttingen, Germany.")
    assert deal["production_site"] == {"city": "Göttingen", "region": None, "country": "DE"}


def test_production_site_at_another_makers_plant_named_in_a_later_sentence() -> None:
    [deal] = supplies("Samsung SDI will supply Hyundai Motor with prismatic batteries from 2026 to 2032. "
                      "Production will take place at Samsung SDI’s battery cell factory in Göd, Hungary, with "
                      "deliveries to Hyundai Motor’s European plants.")
    assert deal["production_site"] == {"city": "Göd", "region": "Pest County", "country": "HU"}


def test_production_site_at_an_unnamed_plant_of_a_country() -> None:
    [deal] = supplies("LG Energy Solution will supply Proterra with cylindrical cells produced at an LG Energy "
                      "Solution battery cell manufacturing plant in the U.S.")
    assert deal["production_site"] == {"city": None, "region": None, "country": "US"}


def test_production_site_where_the_goods_are_produced() -> None:
    [deal] = supplies("LG Energy Solution will supply General Motors with prismatic LFP cells produced at "
                      "its plant in Lansing, Michigan.")
    assert (deal["supplier"], deal["customer"]) == ("LG Energy Solution", "General Motors")
    assert (deal["form_factor"], deal["chemistry"]) == ("prismatic", "LFP")
    assert deal["production_site"] == {"city": "Lansing", "region": "Michigan", "country": "US"}


def test_statuses_mou_rumored_and_terminated() -> None:
    [mou] = supplies("CATL signed a memorandum of understanding to supply LFP battery cells to Tesla.")
    assert (mou["supplier"], mou["customer"], mou["status"]) == ("CATL", "Tesla", "mou")
    [rumored] = supplies("Rivian Automotive is reportedly in talks to source cylindrical cells from "
                         "Samsung SDI.")
    assert (rumored["supplier"], rumored["customer"]) == ("Samsung SDI", "Rivian Automotive")
    assert rumored["status"] == "rumored"
    [ended] = supplies("Northvolt has terminated its supply contract with Volvo Cars for battery cells.")
    assert (ended["supplier"], ended["customer"]) == ("Northvolt", "Volvo Cars")
    assert ended["status"] == "terminated"


def test_a_terminated_contract_with_no_customer_named() -> None:
    [deal] = supplies("Umicore has terminated a long-term supply contract for cathode materials.")
    assert (deal["supplier"], deal["product"], deal["status"]) == ("Umicore", "cathode", "terminated")
    assert "customer" not in deal


def test_evidence_quotes_the_cleaned_text_at_its_offsets() -> None:
    text = "Panasonic Energy will supply Mazda Motor with cylindrical lithium-ion battery cells from 2027."
    doc = gigatrack.process_text(text, published=PUBLISHED)
    [fact] = [f for f in doc.facts if f.type == "supply_agreement"]
    assert fact.slots["start"] == "2027"
    for evidence in fact.evidence:
        assert doc.cleaned.text[evidence.start : evidence.end] == evidence.quote
    assert "will supply Mazda Motor" in fact.evidence[0].quote


def test_supply_inside_an_organisation_name_is_no_supply_verb() -> None:
    text = ("LG Energy Solution hired engineers from Automotive Energy Supply Corporation, the Nissan Motor "
            "battery affiliate, in 2019.")
    assert supplies(text) == []


def test_an_analyst_quote_is_no_supply_deal() -> None:
    text = ('"CATL could easily supply Ford Motor Company with LFP cells," said Lee Min-ho, an analyst at '
            "Hanwha Securities.")
    assert supplies(text) == []


def test_an_automaker_supplying_vehicles_to_another_automaker_is_no_battery_supply() -> None:
    text = "General Motors will supply Honda Motor with two electric SUVs powered by its Ultium batteries."
    assert supplies(text) == []


def test_a_joint_development_mou_is_no_supply_deal() -> None:
    text = ("Samsung SDI and Hyundai Motor Company signed a memorandum of understanding to jointly develop "
            "solid-state batteries.")
    assert supplies(text) == []
    kinds = [f.slots.get("kind") for f in gigatrack.extract_text(text, published=PUBLISHED)
             if f.type == "partnership"]
    assert kinds == ["mou"]


def test_the_production_site_is_the_suppliers_one_plant_named_in_the_article() -> None:
    deal = "Samsung SDI will supply prismatic battery cells to BMW from 2026."
    plant = " Samsung SDI is building a battery cell plant in Goed, Hungary."
    [supply] = supplies(deal + plant)
    assert supply["production_site"] == {"city": "Goed", "region": None, "country": "HU"}
    two_plants = plant + " Samsung SDI also runs a battery plant in Seremban, Malaysia."
    [unsure] = supplies(deal + two_plants)
    assert "production_site" not in unsure
    [other_kind] = supplies(deal + " Samsung SDI is building a cathode plant in Goed, Hungary.")
    assert "production_site" not in other_kind


def test_a_plant_that_will_supply_a_customer_is_its_operators_deal() -> None:
    text = ("Verkor will build its first gigafactory in Dunkirk, France. A new Gigafactory at Dunkirk will supply "
            "Renault Group with 12 GWh of batteries a year.")
    [deal] = supplies(text)
    assert (deal["supplier"], deal["customer"], deal["volume_gwh"]) == ("Verkor", "Renault Group", 12)
    assert supplies("Renault Group said a new plant will supply batteries from 2025.") == []


def test_a_cell_makers_lithium_offtake_does_not_make_it_the_supplier() -> None:
    assert supplies("LG Energy Solution signed its second offtake agreement for 50,000 tonnes of battery-grade "
                    "lithium hydroxide.") == []
    [cathode] = supplies("EcoPro BM has signed a long-term supply contract for cathode materials.")
    assert (cathode["supplier"], cathode.get("customer")) == ("EcoPro BM", None)


def test_a_local_unit_with_the_group_word_is_named_as_the_company() -> None:
    [deal] = supplies("BMW Group Korea said BMW will buy battery cells from Samsung SDI from 2026.")
    assert deal["customer"] == "BMW"


def test_a_plant_that_will_start_and_supply_a_customers_plant() -> None:
    text = ("Enchem will build an electrolyte plant in Komarom, Hungary. The Hungarian plant is expected to be in "
            "operating at the end of next year and supply electrolytes to SK Innovation's plant in Hungary.")
    [deal] = supplies(text)
    assert (deal["supplier"], deal["customer"], deal["product"]) == ("Enchem", "SK Innovation", "electrolyte")


def test_a_brand_like_name_is_a_company() -> None:
    [deal] = supplies("CATL will supply 60 GWh sodium ion batteries to HyperStrong within three years.")
    assert (deal["customer"], deal["volume_gwh"], deal["chemistry"]) == ("HyperStrong", 60, "sodium_ion")


def test_a_list_of_clients_is_not_a_set_of_supply_deals() -> None:
    assert supplies("CATL supplies batteries to brands including BMW, Hyundai, Honda, Mercedes-Benz and Tesla.") == []
    assert len(supplies("CATL will supply batteries to BMW, Hyundai and Honda from 2026.")) == 3


def test_an_agreement_to_build_a_plant_is_not_a_supply_deal() -> None:
    assert supplies("GEM, a Chinese battery-metal producer, and Vale Indonesia signed an agreement to build a "
                    "$1.42 billion nickel plant in the Southeast Asian nation.") == []


def test_a_stake_bought_from_a_miner_is_not_a_supply() -> None:
    text = ("Ganfeng Lithium is one of the biggest lithium producers. It bought a 37.5% stake in the "
            "Cauchari-Olaroz lithium project from Chile's Sociedad Quimica y Minera in 2018.")
    assert supplies(text) == []


def test_an_ending_that_may_come_is_neither_the_status_nor_the_start() -> None:
    [deal] = supplies("Syrah Resources said it had executed an offtake agreement with Tesla to supply natural "
                      "graphite anode material. The agreement may also be terminated if production has not started "
                      "by May 31, 2024.")
    assert (deal["supplier"], deal["customer"], deal["status"]) == ("Syrah Resources", "Tesla", "signed")
    assert "start" not in deal


def test_what_the_batteries_are_for_is_the_application() -> None:
    [nissan] = supplies("Nissan Motor plans to procure batteries for electric vehicles sold in the U.S. from SK On "
                        "from around 2028 onwards.")
    assert nissan["application"] == "electric vehicles sold in the U.S."
    [cathode] = supplies("EcoPro BM said it has forged a deal with Samsung SDI to supply cathode materials for "
                         "electric vehicle batteries.")
    assert cathode["application"] == "electric vehicle batteries"
    [isuzu] = supplies("LG Energy Solution signed a deal with Isuzu Motors for the supply of batteries for its "
                       "electric vehicles.")
    assert "application" not in isuzu  # which vehicles the article tells later, if at all


def test_a_binding_offtake_agreement_is_signed() -> None:
    [deal] = supplies("On July 21 ioneer announced a binding offtake agreement to supply 7,000 tons per annum of "
                      "lithium carbonate to Ford Motor Company for five years.")
    assert (deal["supplier"], deal["customer"], deal["status"]) == ("ioneer", "Ford Motor Company", "signed")
    assert deal["volume_tonnes"] == 7000


def test_a_priced_deal_between_a_battery_maker_and_a_carmaker_is_a_supply() -> None:
    text = ("The agreement marks another milestone for SK On, coming just weeks after the battery maker signed a 15 "
            "trillion won deal with Japanese carmaker Nissan Motor Co.")
    [deal] = supplies(text)
    assert (deal["supplier"], deal["customer"]) == ("SK On", "Nissan Motor")
    assert deal["value"] == {"amount": 15_000_000_000_000, "currency": "KRW"}
    assert supplies("LG Energy Solution and Honda signed a 5.1 trillion-won deal for a joint venture.") == []


def test_from_a_company_this_year_is_no_start() -> None:
    text = ("EcoPro BM will supply Samsung SDI with 90,000 tonnes of cathode for four years. The contract is the "
            "cathode maker's second large order from the Samsung group this year.")
    [deal] = supplies(text, published="2024-11-05")
    assert "start" not in deal


def test_an_agreement_signed_between_a_cell_maker_and_its_customer() -> None:
    [deal] = supplies("The 60 GWh agreement signed between CATL and HyperStrong covers sodium-ion batteries for "
                      "energy storage systems.")
    assert (deal["supplier"], deal["customer"], deal["volume_gwh"]) == ("CATL", "HyperStrong", 60)


def test_the_suppliers_capacity_is_not_the_deals_volume() -> None:
    [deal] = supplies("LG Chem has signed a five-year deal for the supply of lithium hydroxide from Nemaska Lithium. "
                      "Nemaska said the deal means it has commitments for more than 90% of its anticipated 33,000 "
                      "tonnes per year lithium carbonate equivalent (LCE) capacity.")
    assert "volume_tonnes" not in deal


def test_two_buyers_joined_before_the_verb_each_buy() -> None:
    found = supplies("U.S. auto giant General Motors Co. and Japan’s Panasonic Holdings Corp. will buy electric "
                     "vehicle battery materials from Nouveau Monde Graphite Inc.")
    assert sorted((d["supplier"], d["customer"]) for d in found) == [
        ("Nouveau Monde Graphite", "General Motors"), ("Nouveau Monde Graphite", "Panasonic Holdings")]


def test_the_deals_own_sentence_names_the_application_first() -> None:
    [deal] = supplies("Chery Automobile will install CATL’s newly developed sodium batteries in its vehicles. The "
                      "two will also develop a battery brand which will be used in models such as the iCAR 03.")
    assert deal["application"] == "vehicles"


def test_the_estimated_supply_sentence_gives_the_volume() -> None:
    [deal] = supplies("Samsung SDI will supply batteries for Hyundai Motor's electric vehicles from 2026 to 2032. The "
                      "estimated battery supply during these seven years is approximately 35 to 40 gigawatt-hours.")
    assert deal["volume_gwh"] == 35
