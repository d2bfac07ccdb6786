"""Facility rules on trade-press sentences: battery and materials plants, where, whose, how big, when."""

from __future__ import annotations

from typing import Any

import gigatrack

PUBLISHED = "2024-05-02"


def facilities(text: str) -> list[dict[str, Any]]:
    return [dict(f.slots) for f in gigatrack.extract_text(text, published=PUBLISHED) if f.type == "facility"]


def test_city_and_state_with_capacity_and_start_from_the_next_sentence() -> None:
    [plant] = facilities("BlueOval SK is building a battery plant in Glendale, Kentucky. The plant will have "
                         "an annual capacity of 43 GWh and is scheduled to start production in 2025.")
    assert plant["operator"] == "BlueOval SK"
    assert plant["location"] == {"city": "Glendale", "region": "Kentucky", "country": "US"}
    assert (plant["capacity_gwh_per_year"], plant["start"]) == (43, "2025")
    assert plant["status"] == "under_construction"


def test_tonnes_capacity_of_a_materials_plant_from_the_next_sentence() -> None:
    [plant] = facilities("EcoPro BM plans to build a cathode plant in Debrecen, Hungary. The plant will have "
                         "an annual capacity of 54,000 tonnes.")
    assert plant["operator"] == "EcoPro BM"
    assert (plant["location"]["city"], plant["location"]["country"]) == ("Debrecen", "HU")
    assert (plant["capacity_tonnes_per_year"], plant["product"]) == (54_000, "cathode")
    assert plant["status"] == "planned"
    assert "capacity_gwh_per_year" not in plant


def test_region_named_before_the_plant_noun() -> None:
    [plant] = facilities("LG Energy Solution will expand its Michigan facility to make cylindrical cells.")
    assert plant["operator"] == "LG Energy Solution"
    assert plant["location"] == {"city": None, "region": "Michigan", "country": "US"}
    assert plant["product"] == "cells"


def test_plants_in_two_places_are_two_facilities() -> None:
    first, second = facilities("Envision AESC operates battery plants in Tennessee and Sunderland, UK.")
    assert first["operator"] == second["operator"] == "Envision AESC"
    assert first["location"] == {"city": None, "region": "Tennessee", "country": "US"}
    assert (second["location"]["city"], second["location"]["country"]) == ("Sunderland", "GB")
    assert first["status"] == second["status"] == "operating"


def test_start_of_production_not_start_of_construction() -> None:
    [plant] = facilities("Samsung SDI said it broke ground on a battery cell plant in Kokomo, Indiana. "
                         "Construction began in February 2024 and production is expected to start in 2027.")
    assert plant["location"] == {"city": "Kokomo", "region": "Indiana", "country": "US"}
    assert (plant["start"], plant["status"]) == ("2027", "under_construction")


def test_operating_plant_with_its_past_start_and_capacity() -> None:
    [plant] = facilities("Panasonic Energy's battery plant in Sparks, Nevada, began production in 2017 and "
                         "has an annual capacity of 39 GWh.")
    assert plant["operator"] == "Panasonic Energy"
    assert plant["location"] == {"city": "Sparks", "region": "Nevada", "country": "US"}
    assert (plant["start"], plant["capacity_gwh_per_year"], plant["status"]) == ("2017", 39, "operating")


def test_investment_in_the_plant() -> None:
    [plant] = facilities("Samsung SDI will invest $3.5 billion in a battery plant in Kokomo, Indiana.")
    assert plant["operator"] == "Samsung SDI"
    assert plant["investment"] == {"amount": 3_500_000_000, "currency": "USD"}


def test_a_vehicle_assembly_plant_is_not_a_facility() -> None:
    assert facilities("Toyota Motor Corporation will build a vehicle assembly plant in Georgetown, Kentucky, "
                      "to make electric SUVs with LFP batteries.") == []


def test_a_dateline_is_not_where_the_plant_is() -> None:
    assert facilities("SEOUL -- Samsung SDI said it will build a new battery plant with an annual capacity "
                      "of 30 GWh.") == []
    [plant] = facilities("SEOUL -- SK On said it will build a battery plant in Bartow County, Georgia.")
    assert plant["operator"] == "SK On"
    assert (plant["location"]["region"], plant["location"]["country"]) == ("Georgia", "US")


def test_its_plant_belongs_to_the_supplier_not_the_customer() -> None:
    [plant] = facilities("Gotion High-Tech will supply Volkswagen Group with LFP batteries from its plant in "
                         "Göttingen, Germany.")
    assert plant["operator"] == "Gotion High-Tech"
    assert plant["location"] == {"city": "Göttingen", "region": None, "country": "DE"}


def test_where_the_company_spoke_is_not_where_its_plant_is() -> None:
    found = facilities("SK On said at a press conference in Seoul that its new battery plant would start "
                       "production in 2026.")
    assert [p["location"] for p in found if p["location"]["city"] == "Seoul"] == []


def test_a_town_named_with_its_state_before_the_plant_noun_keeps_the_town() -> None:
    [plant] = facilities("Tata Chemicals is zeroing in on Dholera in Gujarat to set up a lithium-ion cell plant "
                         "with a capacity of 10 GWh a year.")
    assert plant["location"] == {"city": "Dholera", "region": "Gujarat", "country": "IN"}
    assert plant["capacity_gwh_per_year"] == 10


def test_a_completed_plant_is_operating_but_a_completed_land_purchase_is_not() -> None:
    [done] = facilities("EcoPro BM has completed its cathode plant in Debrecen, Hungary, and begun commercial "
                        "production.")
    assert done["status"] == "operating"
    [bought] = facilities("EcoPro BM has completed the land purchase for a cathode plant in Debrecen, Hungary, "
                          "which it plans to build next year.")
    assert bought["status"] == "planned"


def test_the_plant_named_by_what_it_makes_sentences_later_adds_its_capacity() -> None:
    [plant] = facilities("EcoPro BM has completed its cathode plant in Debrecen, Hungary. The company held a "
                         "ceremony on Friday. Executives from client companies attended. The cathode plant has "
                         "an annual capacity of 54,000 tons.")
    assert plant["capacity_tonnes_per_year"] == 54_000


def test_a_later_mention_of_the_plant_brings_in_the_investment_but_not_state_funding() -> None:
    text = ("Panasonic Energy broke ground on a battery plant in De Soto, Kansas. The site covers 300 acres. "
            "It will employ 4,000 people. Construction crews arrived in November. Roads were widened. "
            "Local schools added courses. Suppliers are moving nearby. "
            "Panasonic Energy’s Kansas plant will make 2170 cells. "
            "The state is adding $100 million in federal funding for the plant. "
            "Panasonic is investing $4 billion into the plant.")
    [plant] = facilities(text)
    assert plant["investment"] == {"amount": 4_000_000_000, "currency": "USD"}


def test_a_price_written_before_the_plant_is_its_investment_but_a_deal_for_it_is_not() -> None:
    [plant] = facilities("SK Nexilis will begin operating its 900 billion won copper foil manufacturing facility "
                         "in Stalowa Wola, Poland, next year.")
    assert plant["investment"] == {"amount": 900_000_000_000, "currency": "KRW"}
    [other] = facilities("Hitachi Energy won a $30 million contract covering the plant substation at SK Nexilis’s "
                         "copper foil facility in Stalowa Wola, Poland.")
    assert "investment" not in other


def test_what_the_plant_is_called_decides_its_product_over_materials_named_later() -> None:
    [plant] = facilities("VKTR is looking for a partner to build a 15 gigawatt-hour battery plant in Indonesia. "
                         "The country holds the world's largest nickel reserves.")
    assert plant["product"] == "batteries"
    [packs] = facilities("Lion Electric will open an automated battery assembly plant in Saint-Jerome, Quebec.")
    assert packs["product"] == "packs"
    [made] = facilities("In 2021 VinES started building a factory in Ha Tinh for battery packs. "
                        "The cells inside them come from China.")
    assert made["product"] == "packs"


def test_a_government_that_signs_for_a_plant_is_not_its_operator() -> None:
    [plant] = facilities("Canada has signed an agreement with Volkswagen to build a battery cell plant in "
                         "St. Thomas, Ontario.")
    assert plant["operator"] == "Volkswagen"


def test_an_announced_plant_that_is_expected_to_start_later_is_planned() -> None:
    [plant] = facilities("CALB has announced an investment of 2 billion euros in a gigafactory in Sines, Portugal. "
                         "The factory is expected to start production in 2028.")
    assert plant["status"] == "planned"


def test_a_plant_credited_to_the_group_in_the_headline_is_its_subsidiarys_plant() -> None:
    text = ("Tata to build battery factory in Somerset\n\n"
            "Tata's battery subsidiary Agratas will build a battery cell factory in Somerset, England.")
    [plant] = facilities(text)
    assert plant["operator"] == "Agratas"


def test_an_automakers_factory_with_a_capacity_in_gwh_is_a_battery_plant() -> None:
    [plant] = facilities("Honda and GS Yuasa will build a new factory in Japan with a target capacity of at least "
                         "20 GWh, the report said.")
    assert (plant["location"]["country"], plant["capacity_gwh_per_year"]) == ("JP", 20)
    assert facilities("Honda will build a new factory in Mexico with room for 200,000 cars a year.") == []


def test_a_subsidy_for_the_plant_is_not_its_investment() -> None:
    text = ("Honda and GS Yuasa will build a new battery factory in Japan with a capacity of 20 GWh. The ministry "
            "would provide them with a subsidy of around 150 billion yen to build the plant.")
    [plant] = facilities(text)
    assert "investment" not in plant


def test_a_battery_plant_whose_sentences_say_it_makes_cells_makes_cells() -> None:
    text = ("Stellantis and Samsung SDI will construct a $2.5 billion lithium-ion battery production facility in "
            "Kokomo, Indiana. The facility will produce Samsung SDI's new battery cells and modules.")
    plants = facilities(text)
    assert [p["product"] for p in plants] == ["cells"]
    [cylinders] = facilities("Panasonic is building an EV battery factory in De Soto, Kansas. The factory will "
                             "produce cylindrical 2170 format batteries.")
    assert cylinders["product"] == "cells"


def test_plants_to_be_built_are_planned() -> None:
    [joint] = facilities("Hyundai and LG Energy Solution will jointly build a $1.1 billion battery plant in "
                         "Karawang, Indonesia.")
    assert joint["status"] == "planned"
    [headline] = facilities("Agratas to build battery factory in Somerset\n\nThe site covers 100 hectares.")
    assert headline["status"] == "planned"


def test_expansions_told_as_growth_to_a_figure() -> None:
    [plant] = facilities("CATL will build a battery pack plant in Rayong, Thailand. Initially, the factory will "
                         "have an annual capacity of 6 GWh, which can be expanded to 20 GWh if necessary.")
    assert plant["expansion"].startswith("expanded to 20 GWh")
    [grows] = facilities("Stellantis and Samsung SDI will build a battery plant in Kokomo, Indiana. The plant will "
                         "start with 23 GWh, then increasing to 33 GWh (and upping the investment to $3.1 billion) "
                         "over the next few years.")
    assert grows["expansion"] == ("increasing to 33 GWh (and upping the investment to $3.1 billion) over the next "
                                  "few years")


def test_the_battery_cell_factory_refers_back_to_the_plant() -> None:
    text = ("Agratas has chosen a site in Somerset, England for its battery cell plant. The government welcomed "
            "the news. The battery cell factory is expected to have an annual capacity of 40 GWh.")
    [plant] = facilities(text)
    assert plant["capacity_gwh_per_year"] == 40


def test_a_plant_told_in_the_passive_belongs_to_the_maker_the_article_is_about() -> None:
    text = ("SK Innovation to build third Hungarian battery plant\n\n"
            "SK Innovation has decided to invest USD 2.29 billion in a third European battery plant. "
            "SK Innovation made the decision at a board meeting on January 28. "
            "Thus, it will invest USD 1.1 billion in its Hungarian unit. "
            "The new manufacturing plant is planned to be constructed in Ivancsa in central Hungary, with a "
            "production capacity of 30 GWh per year.")
    plants = [p for p in facilities(text) if p["location"]["city"] == "Iváncsa"]
    assert [(p["operator"], p["capacity_gwh_per_year"]) for p in plants] == [("SK Innovation", 30)]


def test_a_plant_that_went_into_operation_at_a_company_is_that_companys() -> None:
    [plant] = facilities("The first large-scale production plant in Germany for cathode materials went into "
                         "operation at BASF in Schwarzheide on Thursday.")
    assert (plant["operator"], plant["product"], plant["status"]) == ("BASF", "cathode", "operating")
    assert plant["location"]["city"] == "Schwarzheide"


def test_an_unknown_company_named_for_a_battery_material_builds_materials_plants() -> None:
    [plant] = facilities("Donghwa Electrolyte is investing more than $70 million to build a production plant in "
                         "Clarksville, Tennessee.")
    assert plant["operator"] == "Donghwa Electrolyte"


def test_a_plant_named_after_its_town_when_only_the_country_follows() -> None:
    [plant] = facilities("Talga begins construction of its Vittangi graphite anode plant in Sweden.")
    assert plant["location"] == {"city": "Vittangi", "region": None, "country": "SE"}
    assert plant["status"] == "under_construction"
    [brand] = facilities("LG Energy Solution will expand its Ultium Cells plant in the US.")
    assert brand["location"] == {"city": None, "region": None, "country": "US"}


def test_a_plant_in_the_country_of_a_company_introduced_by_nationality() -> None:
    [plant] = facilities("Norwegian battery material specialist Vianode has opened a synthetic graphite anode plant "
                         "in the country.")
    assert (plant["location"]["country"], plant["status"]) == ("NO", "operating")


def test_a_plant_expected_to_be_operating_is_planned() -> None:
    [plant] = facilities("Enchem will build an electrolyte plant in Komarom, Hungary. The plant is expected to be "
                         "operating at the end of next year.")
    assert plant["status"] == "planned"


def test_construction_that_will_start_or_a_plant_once_built_is_not_yet_under_construction() -> None:
    [later] = facilities("Dongwha Electrolyte will build an electrolyte plant in Clarksville, Tennessee. The company "
                         "will start construction in the second quarter of this year.")
    assert later["status"] == "planned"
    [once] = facilities("Enchem plans to build an electrolyte plant in Komarom, Hungary. Once the plant is "
                        "constructed, capacity will rise.")
    assert once["status"] == "planned"


def test_operations_due_to_start_by_a_year_give_the_start_but_a_capacity_by_a_year_does_not() -> None:
    [plant] = facilities("SK Nexilis will build a copper foil plant in Kota Kinabalu, Sabah, Malaysia, with "
                         "commercial operations to kickstart by 2023.")
    assert plant["start"] == "2023"
    [target] = facilities("SK Nexilis will build a copper foil plant in Kota Kinabalu, Sabah, Malaysia, reaching "
                          "50,000 tonnes by 2025.")
    assert "start" not in target


def test_a_later_sentence_naming_the_state_the_plant_is_in_still_speaks_of_it() -> None:
    text = ("Agratas will set up a lithium-ion cell plant in Sanand, Gujarat. The investment tag for the project, "
            "for which an MoU has been signed with the Gujarat government, stands at Rs 13,000 crore.")
    [plant] = facilities(text)
    assert plant["investment"] == {"amount": 130_000_000_000, "currency": "INR"}


def test_the_company_building_a_plant_is_the_one_the_article_has_been_talking_about() -> None:
    text = ("The material will be shipped from EcoPro BM's Pohang campus to Samsung SDI's cell plants in Korea and "
            "Hungary. EcoPro BM's cathode plant in Pohang has been operating since 2022. The company plans to lift "
            "capacity there by 2027. The company is also building a cathode plant in Debrecen, Hungary, designed for "
            "54,000 tonnes a year.")
    debrecen = [p for p in facilities(text) if p["location"]["city"] == "Debrecen"]
    assert [(p["operator"], p["capacity_tonnes_per_year"]) for p in debrecen] == [("EcoPro BM", 54_000)]


def test_a_plant_that_will_be_built_in_a_town() -> None:
    plants = facilities("Samsung SDI said its new battery cell plant will be built in Kokomo, Indiana, next to a "
                        "Stellantis site in Michigan.")
    assert {"city": "Kokomo", "region": "Indiana", "country": "US"} in [p["location"] for p in plants]


def test_plants_of_unnamed_other_companies_are_not_the_articles_maker() -> None:
    text = ("Gotion High-Tech broke ground on a battery cell plant in Kenitra, Morocco. Gotion plans more sites. "
            "Gotion hired 500 workers. Several other battery and materials suppliers have announced projects in "
            "Morocco, including cathode and precursor plants near the port of Jorf Lasfar.")
    assert [p["location"]["city"] for p in facilities(text)] == ["Kenitra"]


def test_another_companys_plant_in_the_same_country_takes_nothing_from_its_sentence() -> None:
    text = ("EcoPro BM will ship cathode to Samsung SDI's cell plants in Korea and Hungary. EcoPro BM runs a "
            "cathode plant in Pohang. The company is also building a cathode plant in Debrecen, Hungary, designed "
            "for 54,000 tonnes a year.")
    sdi = [p for p in facilities(text) if p["operator"] == "Samsung SDI"]
    assert all("capacity_tonnes_per_year" not in p for p in sdi)


def test_a_plant_built_elsewhere_closes_the_earlier_plants_window() -> None:
    found = facilities("SK On announced plans to build a battery plant in Tennessee with Ford. Koc Holding is the "
                       "largest conglomerate in Turkey. The joint EV factory will be built near Ankara. The plant "
                       "will produce NCM batteries from 2025. The factory will have an annual capacity of 30 GWh.")
    [tennessee] = [p for p in found if p["location"].get("region") == "Tennessee"]
    assert "capacity_gwh_per_year" not in tennessee
    assert "chemistry" not in tennessee


def test_new_production_lines_are_the_plants_expansion() -> None:
    [plant] = facilities("LG Energy Solution will invest 4 trillion won in its Michigan facility to establish new "
                         "production lines for battery cells and modules exclusively for Toyota, with completion "
                         "slated for 2025.")
    assert plant["expansion"] == "new production lines for battery cells and modules exclusively for Toyota"


def test_a_tokyo_based_venture_keeps_its_plant_in_himeji() -> None:
    [plant] = facilities("Prime Planet Energy & Solutions will boost battery output at its plant in Japan. "
                         "The Tokyo-based joint venture will also set up a new line at its plant in Himeji, Hyogo "
                         "Prefecture, to produce prismatic lithium-ion cells.")
    assert plant["location"]["city"] == "Himeji"
    assert plant["expansion"] == "new line"


def test_a_region_named_like_its_city_and_a_capacity_that_may_come_later() -> None:
    [plant] = facilities("PowerCo has started construction on its second gigafactory in the Spanish region of "
                         "Valencia. The factory will be built in Sagunto, with a potential to expand to 60 GWh in "
                         "the future. The annual capacity of the gigafactory Valencia is initially 40 GWh.")
    assert plant["location"] == {"city": "Sagunto", "region": "Valencia Region", "country": "ES"}
    assert plant["capacity_gwh_per_year"] == 40


def test_a_battery_chemicals_plant_makes_what_its_capacity_says() -> None:
    [plant] = facilities("Finnish metals company Terrafame will establish a battery chemicals plant in Sotkamo, "
                         "Finland. The plant has an annual production capacity of 170,000 tons of nickel sulphate.")
    assert (plant["product"], plant["capacity_tonnes_per_year"]) == ("nickel", 170_000)


def test_a_place_inside_a_partners_name_does_not_unlink_the_plant() -> None:
    [plant] = facilities("Posco Future M is set to build a spherical graphite manufacturing facility in Saemangeum, "
                         "North Jeolla Province. The company signed an agreement with North Jeolla Province, Gunsan "
                         "City and the Korea Rural Community Corporation to invest 436.1 billion won in the new "
                         "facility.")
    assert plant["location"]["city"] == "Saemangeum"
    assert plant["investment"] == {"amount": 436_100_000_000, "currency": "KRW"}


def test_the_plant_a_sentence_names_by_its_town_gets_the_figure() -> None:
    found = facilities("Ford will invest $3.5 billion to build an LFP battery plant in Marshall, Michigan. "
                       "Executives spoke at length. Jobs were promised. Officials welcomed the news. Analysts were "
                       "cautious. Shares rose. Unions were pleased. Ford is also building two battery plants in "
                       "Kentucky with SK On. The Marshall plant will add about 35 gigawatt hours of annual battery "
                       "capacity.")
    by_place = {p["location"].get("city") or p["location"].get("region"): p for p in found}
    assert by_place["Marshall"]["capacity_gwh_per_year"] == 35
    assert "capacity_gwh_per_year" not in by_place["Kentucky"]


def test_another_companys_capacity_is_not_the_plants() -> None:
    [plant] = facilities("Enchem is preparing to build an electrolyte production plant in Komarom, Hungary. Once "
                         "Enchem’s second plant is in operation, SK Innovation’s production capacity in Europe will "
                         "be increased to 47.3GWh with its other two plants (7.5GWh and 9.8GWh).")
    assert "capacity_gwh_per_year" not in plant
    assert plant["status"] == "planned"


def test_a_plant_named_without_its_place_is_the_operators_one_plant() -> None:
    [plant] = facilities("Morrow Batteries has opened Europe’s first lithium iron phosphate gigafactory with an "
                         "annual production capacity of 1 GWh. The prime minister inaugurated the factory in Arendal, "
                         "Norway, two years after Morrow Batteries began construction works.")
    assert plant["location"]["city"] == "Arendal"
    assert (plant["capacity_gwh_per_year"], plant["chemistry"]) == (1, "LFP")


def test_two_plants_of_different_products_in_one_country_stay_two() -> None:
    found = facilities("LG Chem and Huayou will develop an LFP cathode material plant and a lithium conversion plant "
                       "in Morocco. The LFP cathode material plant will be built by LG Chem. It will have an annual "
                       "capacity of 50,000 metric tons.")
    assert sorted(p["product"] for p in found) == ["cathode", "lithium"]


def test_an_assembly_facility_is_not_the_cell_plant() -> None:
    found = facilities("CATL plans a battery cell plant in Thailand. The assembly facility will be located in the "
                       "Eastern Economic Corridor.")
    [cells] = [p for p in found if p["product"] == "cells"]
    assert cells["location"] == {"city": None, "region": None, "country": "TH"}
    assert cells["status"] == "planned"


def test_a_vehicle_assembly_plant_beside_a_battery_plant_is_no_facility() -> None:
    found = facilities("A third BlueOval SK battery plant is located within the BlueOval City campus in Stanton, "
                       "Tennessee, which will also house Ford's EV assembly plant.")
    assert [p["operator"] for p in found] == ["BlueOval SK"]


def test_an_ultimate_capacity_is_not_the_plants() -> None:
    [plant] = facilities("Nissan will build a gigafactory in Sunderland, England. The site has the potential to expand "
                         "to 25GWh annual output by 2030, Nissan said, and ultimately as much as 35GWh per year.")
    assert "capacity_gwh_per_year" not in plant


def test_a_batch_is_not_a_capacity_and_first_production_is_operating() -> None:
    [plant] = facilities("Tianqi Lithium Energy Australia announced the first production of battery-grade lithium "
                         "hydroxide from its plant in Kwinana, Western Australia. The plant met certification on 10 "
                         "tonnes of lithium hydroxide, produced over several days.")
    assert plant["status"] == "operating"
    assert "capacity_tonnes_per_year" not in plant
    [joint] = facilities("LG Chem and Huayou will set up a joint precursor facility in Saemangeum, Korea, that will "
                         "produce 50,000 tons of precursors starting in 2029.")
    assert joint["capacity_tonnes_per_year"] == 50_000


def test_a_counterfactual_plant_and_the_customers_factories_are_no_plants() -> None:
    found = facilities("Northvolt will build its battery plant in Heide, Germany. Without the aid, Northvolt would "
                       "establish the plant in the United States.")
    assert [p["location"]["country"] for p in found] == ["DE"]
    found = facilities("Toyota began production at its North Carolina battery plant. The plant is producing hybrid "
                       "batteries for factories in Kentucky.")
    assert [p["location"]["region"] for p in found] == ["North Carolina"]


def test_a_groundbreaking_ceremony_or_foundation_stone_laying_is_construction() -> None:
    [campus] = facilities("Farasis Energy held the groundbreaking ceremony for its new battery production campus in "
                          "Gemlik, Turkey.")
    assert campus["status"] == "under_construction"
    [packs] = facilities("Suzuki will build a battery pack plant in Gujarat, India. At the foundation stone laying "
                         "event the chairman said the battery plant will serve overseas markets.")
    assert packs["status"] == "under_construction"


def test_plants_planned_in_two_prefectures_are_two_plants() -> None:
    found = facilities("Toyota will invest 245 billion yen to enhance battery production capacity, with new plants "
                       "planned in Hyogo and Fukuoka prefectures.")
    assert sorted(p["location"]["region"] for p in found) == ["Fukuoka", "Hyogo"]


def test_a_plant_built_with_a_city_government_is_in_that_city() -> None:
    [plant] = facilities("Sunwoda plans to sign a contract with the Zhuhai Municipal People's Government to build a "
                         "30GWh power battery production base.")
    assert plant["location"]["city"] == "Zhuhai"
    assert plant["capacity_gwh_per_year"] == 30


def test_a_plant_to_the_south_of_a_town_and_not_outside_a_country() -> None:
    [plant] = facilities("CATL began construction of its first production facility outside of China, to the south "
                         "of Erfurt. Production will begin in 2022 with an annual capacity of 14 GWh.")
    assert plant["location"] == {"city": "Erfurt", "region": "Thuringia", "country": "DE"}
    assert (plant["capacity_gwh_per_year"], plant["status"]) == (14, "under_construction")


def test_a_government_does_not_operate_the_plant_it_funds() -> None:
    found = facilities("The Quebec government said it would contribute to Northvolt's project. The Quebec government "
                       "will build a 30 GWh battery plant in Saint-Basile-le-Grand, Quebec, the minister said.")
    assert all(p["operator"] != "Quebec government" for p in found)


def test_a_materials_makers_plant_is_not_a_battery_plant_by_default() -> None:
    [plant] = facilities("EcoPro BM will supply cathode materials to Samsung SDI. EcoPro BM said it plans to ship "
                         "the battery materials from its plant in Debrecen, Hungary, which is currently under "
                         "construction, starting in 2025.")
    assert (plant["product"], plant["start"]) == ("cathode", "2025")


def test_a_country_and_nothing_else_about_a_plant_is_no_facility() -> None:
    assert facilities("SK On will supply Slate with batteries. Slate truck batteries will be made at SK On's US "
                      "plant.") == []
