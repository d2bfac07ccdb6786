"""Partnership rules on trade-press sentences: joint ventures, MoUs, collaborations and licences."""

from __future__ import annotations

from typing import Any

import gigatrack

PUBLISHED = "2024-05-02"


def partnerships(text: str) -> list[dict[str, Any]]:
    facts = gigatrack.extract_text(text, published=PUBLISHED)
    return [dict(f.slots) for f in facts if f.type == "partnership"]


def test_joint_venture_between_two_parties() -> None:
    [jv] = partnerships("Ultium Cells is a joint venture between General Motors and LG Energy Solution.")
    assert set(jv["parties"]) == {"General Motors", "LG Energy Solution"}
    assert jv["kind"] == "joint_venture"


def test_two_parties_formed_a_joint_venture_with_purpose_and_place() -> None:
    text = "Stellantis and Samsung SDI formed a joint venture to build battery plants in Indiana."
    [jv] = partnerships(text)
    assert set(jv["parties"]) == {"Stellantis", "Samsung SDI"}
    assert jv["kind"] == "joint_venture"
    assert jv["purpose"] == "build battery plants in Indiana"
    assert jv["location"] == {"city": None, "region": "Indiana", "country": "US"}


def test_memorandum_of_understanding_with_a_partner() -> None:
    [mou] = partnerships("Honda Motor signed a memorandum of understanding with LG Energy Solution to "
                         "explore battery production in North America.")
    assert set(mou["parties"]) == {"Honda Motor", "LG Energy Solution"}
    assert mou["kind"] == "mou"
    assert mou["purpose"] == "explore battery production in North America"


def test_working_with_is_a_collaboration() -> None:
    [work] = partnerships("Volkswagen Group is working with Gotion High-Tech to develop LFP cells for "
                          "entry-level models.")
    assert set(work["parties"]) == {"Volkswagen Group", "Gotion High-Tech"}
    assert (work["kind"], work["purpose"]) == ("collaboration", "develop LFP cells for entry-level models")


def test_licensing_agreement_for_a_technology() -> None:
    [licence] = partnerships("CATL and Ford Motor Company have signed a licensing agreement for LFP battery "
                             "technology.")
    assert set(licence["parties"]) == {"CATL", "Ford Motor Company"}
    assert (licence["kind"], licence["status"]) == ("licensing", "signed")


def test_licensing_a_technology_from_a_partner() -> None:
    [licence] = partnerships("Ford Motor Company will license LFP battery technology from CATL for a new "
                             "battery plant.")
    assert set(licence["parties"]) == {"Ford Motor Company", "CATL"}
    assert licence["kind"] == "licensing"


def test_the_two_set_up_resolves_to_both_parties_with_the_start_year() -> None:
    text = ("Toyota and Panasonic have long worked together on batteries. In 2020, the two set up a joint "
            "venture to make prismatic cells.")
    [jv] = partnerships(text)
    assert set(jv["parties"]) == {"Toyota", "Panasonic"}
    assert (jv["kind"], jv["start"]) == ("joint_venture", "2020")
    assert jv["purpose"] == "make prismatic cells"


def test_the_two_companies_set_up_a_named_joint_venture() -> None:
    text = ("Toyota and Panasonic have long worked together on batteries. In 2020, the two companies set up "
            "Prime Planet Energy & Solutions, a joint venture for prismatic cells.")
    [jv] = partnerships(text)
    assert set(jv["parties"]) == {"Toyota", "Panasonic"}
    assert (jv["kind"], jv["start"]) == ("joint_venture", "2020")


def test_a_parent_working_with_its_own_unit_is_no_partnership() -> None:
    assert partnerships("LG Chem is working with LG Energy Solution to develop cathode materials for "
                        "cylindrical cells.") == []
    assert partnerships("Hyundai Motor Group is collaborating with Hyundai Mobis on battery systems.") == []


def test_evidence_quotes_the_cleaned_text_at_its_offsets() -> None:
    text = "Stellantis and Samsung SDI formed a joint venture to build battery plants in Indiana."
    doc = gigatrack.process_text(text, published=PUBLISHED)
    [fact] = [f for f in doc.facts if f.type == "partnership"]
    [evidence] = fact.evidence
    assert doc.cleaned.text[evidence.start : evidence.end] == evidence.quote
    assert evidence.quote.startswith("Stellantis and Samsung SDI formed a joint venture")


def test_everyday_ways_of_saying_two_companies_work_together() -> None:
    [also] = partnerships("Panasonic is also working with Mazda Motor to develop cylindrical lithium-ion batteries.")
    assert set(also["parties"]) == {"Panasonic", "Mazda Motor"}
    assert also["purpose"] == "develop cylindrical lithium-ion batteries"
    [partnering] = partnerships("Toyota is also partnering with Idemitsu Kosan in solid-state batteries.")
    assert set(partnering["parties"]) == {"Toyota", "Idemitsu Kosan"}
    [together] = partnerships("Toyota and Sumitomo Metal Mining have agreed to work together to mass produce "
                              "cathode materials.")
    assert set(together["parties"]) == {"Toyota", "Sumitomo Metal Mining"}
    assert together["purpose"] == "mass produce cathode materials"


def test_three_companies_signed_a_deal_on_raw_materials_but_a_deal_to_secure_lithium_is_supply() -> None:
    [deal] = partnerships("Volkswagen, Huayou Cobalt and Tsingshan Group signed a deal focused on nickel and "
                          "cobalt raw material production in Indonesia.")
    assert set(deal["parties"]) == {"Volkswagen", "Huayou Cobalt", "Tsingshan Group"}
    assert deal["location"] == {"city": None, "region": None, "country": "ID"}
    assert partnerships("LG Chem signed a deal with Tianqi Lithium to secure lithium hydroxide.") == []


def test_joint_venture_between_partners_introduced_at_length() -> None:
    [jv] = partnerships("TLEA is a joint venture between one of the world's top producers of lithium chemicals "
                        "for batteries, Tianqi Lithium Corporation (51%), and Australian miner IGO Limited (49%).")
    assert set(jv["parties"]) == {"Tianqi Lithium", "IGO"}


def test_a_country_that_signs_stands_for_its_government() -> None:
    [mou] = partnerships("Morocco has signed a memorandum of understanding (MoU) with China's Gotion High-Tech "
                         "for a battery complex.")
    assert set(mou["parties"]) == {"Morocco", "Gotion High-Tech"}
    assert partnerships("Morocco exports phosphate to Gotion High-Tech.") == []


def test_two_companies_sign_an_agreement_to_build_a_plant_together() -> None:
    [deal] = partnerships("Samsung SDI and General Motors signed an agreement to build a battery plant in Indiana.")
    assert set(deal["parties"]) == {"Samsung SDI", "General Motors"}
    assert deal["purpose"] == "build a battery plant in Indiana"
    assert partnerships("Samsung SDI signed an agreement to build a battery plant in Indiana.") == []


def test_a_ticker_after_a_name_does_not_break_the_list_of_partners() -> None:
    [jv] = partnerships("Battery maker Samsung SDI and American automaker General Motors (NYSE:GM) finalize an "
                        "agreement to build a joint electric vehicle battery manufacturing facility in Indiana.")
    assert set(jv["parties"]) == {"Samsung SDI", "General Motors"}


def test_a_joint_venture_without_a_stated_purpose_is_for_the_plant_it_builds() -> None:
    text = ("Samsung SDI and General Motors formed a joint venture last year. The partners will build a "
            "$3.5 billion, 30 GWh battery cell plant in New Carlisle, Indiana.")
    [jv] = partnerships(text)
    assert jv["purpose"] == "battery cell plant in New Carlisle"
    unrelated = ("Samsung SDI and General Motors formed a joint venture last year. Analysts expect demand to "
                 "grow. Prices fell. Margins shrank. Hyundai Motor will open a battery plant in Georgia.")
    [other] = partnerships(unrelated)
    assert "purpose" not in other


def test_a_purpose_keeps_a_short_parenthesis() -> None:
    [mou] = partnerships("Stellantis signed an MoU with CATL to construct a lithium iron phosphate (LFP) battery "
                         "plant in Zaragoza.")
    assert mou["purpose"] == "construct a lithium iron phosphate (LFP) battery plant in Zaragoza"


def test_building_a_plant_with_a_named_partner_is_a_collaboration() -> None:
    [deal] = partnerships("The mining company SQM plans to build a cathode facility in Chile with the battery maker "
                          "LG Energy Solution.")
    assert set(deal["parties"]) == {"SQM", "LG Energy Solution"}
    assert deal["purpose"] == "cathode facility in Chile"
    assert partnerships("LG Energy Solution will build a battery plant with an annual capacity of 40 GWh.") == []


def test_a_party_is_named_as_the_company_not_its_legal_form_or_a_local_unit() -> None:
    text = ("Stellantis N.V. and Samsung SDI formed a joint venture to build a battery plant in Kokomo, Indiana. "
            "Stellantis North America COO Mark Stewart spoke at the event. Stellantis will buy the cells.")
    [jv] = partnerships(text)
    assert set(jv["parties"]) == {"Stellantis", "Samsung SDI"}


def test_a_purpose_keeps_a_decimal_amount() -> None:
    [jv] = partnerships("Stellantis and Samsung SDI formed a joint venture to construct a $2.5 billion battery "
                        "plant in Kokomo, Indiana.")
    assert jv["purpose"] == "construct a $2.5 billion battery plant in Kokomo"


def test_two_companies_announce_an_agreement_with_a_third() -> None:
    [deal] = partnerships("PT Vale Indonesia and China's Zhejiang Huayou Cobalt announced an agreement with Ford "
                          "Motor, creating a three-party collaboration on nickel in Indonesia.")
    assert set(deal["parties"]) == {"PT Vale Indonesia", "Zhejiang Huayou Cobalt", "Ford Motor"}


def test_an_mou_with_two_partners_keeps_the_signer() -> None:
    text = ("SK On said on Monday that it signed a memorandum of understanding (MOU) with Ford and Koc to form a "
            "joint venture to produce EV battery cells.")
    [jv] = partnerships(text)
    assert set(jv["parties"]) == {"SK On", "Ford", "Koc"}
    assert supplies_in(text) == []


def test_an_agreement_to_boost_something_together() -> None:
    [deal] = partnerships("Einride and Scania signed an agreement to boost freight electrification.")
    assert set(deal["parties"]) == {"Einride", "Scania"}


def supplies_in(text: str) -> list[dict[str, Any]]:
    facts = gigatrack.extract_text(text, published=PUBLISHED)
    return [dict(f.slots) for f in facts if f.type == "supply_agreement"]


def test_a_plant_built_with_a_capacity_is_not_built_with_a_partner() -> None:
    assert partnerships("Panasonic will build a new factory in Japan with a capacity of 20 GWh to supply Toyota.") \
        == []


def test_a_joint_venture_works_where_its_plant_is() -> None:
    text = ("Hyundai and LG Energy Solution formed a joint venture in Indonesia. The partners will build a battery "
            "cell plant in Karawang, West Java.")
    [jv] = partnerships(text)
    assert jv["location"] == {"city": "Karawang", "region": "West Java", "country": "ID"}


def test_more_ways_to_say_two_companies_work_together() -> None:
    [team] = partnerships("Lake Resources is teaming up with California-based Lilac Solutions to jointly develop "
                          "the Kachi lithium project in Argentina.")
    assert set(team["parties"]) == {"Lake Resources", "Lilac Solutions"}
    [consortium] = partnerships("The facility will be built by a consortium formed by the Ford Motor Company and "
                                "South Korea's EcoPro BM and SK On.")
    assert set(consortium["parties"]) == {"Ford Motor Company", "EcoPro BM", "SK On"}
    assert consortium["kind"] == "joint_venture"
    [licence] = partnerships("Ford is doing so with Contemporary Amperex Technology Co. Ltd., or CATL, under a "
                             "licensing agreement with the China-based company.")
    assert (set(licence["parties"]), licence["kind"]) == ({"Ford", "Contemporary Amperex Technology"}, "licensing")


def test_two_companies_that_will_build_a_plant_are_partners_but_one_is_not() -> None:
    [joint] = partnerships("Hyundai and LG Energy Solution say they will build a $4.3 billion electric battery plant "
                           "in Georgia.")
    assert set(joint["parties"]) == {"Hyundai", "LG Energy Solution"}
    assert joint["purpose"] == "electric battery plant in Georgia"
    assert partnerships("LG Energy Solution will build a $4.3 billion battery plant in Georgia to supply Hyundai.") \
        == []


def test_a_collaboration_the_next_sentence_calls_a_joint_venture_is_one() -> None:
    text = ("Hyundai and LG Energy Solution will jointly build a $1.1 billion battery plant in Indonesia. The 50-50 "
            "joint venture will break ground this year.")
    [jv] = partnerships(text)
    assert jv["kind"] == "joint_venture"


def test_the_price_of_the_plant_two_partners_build_is_the_partnerships_value() -> None:
    [jv] = partnerships("Hyundai and LG Energy Solution will jointly build a $1.1 billion battery plant in "
                        "Indonesia.")
    assert jv["value"] == {"amount": 1_100_000_000, "currency": "USD"}


def test_partners_that_finalize_an_agreement_have_signed() -> None:
    [jv] = partnerships("Samsung SDI and General Motors finalize an agreement to build a battery plant in Indiana.")
    assert jv["status"] == "signed"


def test_a_group_is_not_its_joint_venture_that_bears_its_name() -> None:
    found = partnerships("SK On signed a memorandum of understanding with Ford and Koc to form a joint venture "
                         "to produce battery cells. Koc established the joint venture Ford Otosan with Ford in 1959.")
    assert ["SK On", "Ford", "Koc"] in [p["parties"] for p in found]


def test_a_memorandum_to_form_a_joint_venture_is_an_mou() -> None:
    [mou] = partnerships("SK On said it signed a memorandum of understanding with Ford and Koc to form a joint "
                         "venture to produce battery cells in Turkey.")
    assert (mou["kind"], mou["status"]) == ("mou", "mou")


def test_a_bare_group_name_is_the_unit_the_article_names_most() -> None:
    found = partnerships("SK On announced plans to create a joint venture plant in Tennessee with Ford. SK "
                         "Innovation said the split-off will grow. SK On said the plant will open in 2025. SK On "
                         "expects more orders. Ford's chief raised expectations for a joint venture in Europe by "
                         "saying the battery venture with SK will go beyond North America.")
    assert [p["parties"] for p in found] == [["SK On", "Ford"]]


def test_a_partnership_the_two_companies_later_call_the_joint_venture_is_one() -> None:
    [jv] = partnerships("Honda and battery maker GS Yuasa will invest more than 400 billion yen in a partnership to "
                        "produce batteries for electric vehicles. The two companies will build a new factory in "
                        "Japan, adding that the joint venture will play a central role in battery development.")
    assert (jv["parties"], jv["kind"]) == (["Honda", "GS Yuasa"], "joint_venture")


def test_the_topic_worked_on_is_the_purpose_and_since_is_the_start() -> None:
    [mobis] = partnerships("Hyundai Mobis has been collaborating with CATL in cell to pack technology since 2021.")
    assert (mobis["purpose"], mobis["start"]) == ("cell to pack technology", "2021")
    [trucks] = partnerships("Isuzu and LG Energy Solution signed a supply deal. The two parties have also agreed to "
                            "jointly work on the electrification push for the latter's truck models.")
    assert trucks["purpose"].startswith("the electrification push")


def test_a_place_is_not_the_topic() -> None:
    [plant] = partnerships("GM is working with Samsung SDI in the U.S. on a new battery plant.")
    assert "purpose" not in plant or "U" not in plant["purpose"]


def test_a_partnership_told_as_news_is_announced() -> None:
    [hub] = partnerships("The carmaker Nissan said it would partner with Envision AESC to invest in new production "
                         "facilities.")
    assert hub["status"] == "announced"
    [background] = partnerships("BlueOval SK, a joint venture between SK On and Ford, runs two plants.")
    assert "status" not in background


def test_rights_to_use_a_companys_technology_is_a_licence() -> None:
    [licence] = partnerships("Exide has a partnership with SVOLT Energy Technology, which develops lithium-ion "
                             "batteries. Exide has secured the rights to use SVOLT’s technology, which it intends to "
                             "use in India.")
    assert (licence["parties"], licence["kind"]) == (["Exide", "SVOLT Energy Technology"], "licensing")
    assert licence["purpose"] == "rights to use SVOLT’s technology"


def test_when_a_partnership_began() -> None:
    [aesc] = partnerships("AESC began operations as a Japanese-based joint venture between NEC and Nissan in 2007.")
    assert aesc["start"] == "2007"
    assert aesc["location"] == {"city": None, "region": None, "country": "JP"}
    found = partnerships("Magenta Mobility and Euler Motor on Thursday said they were extending their four-year-old "
                         "partnership.")
    assert [p["start"] for p in found] == ["2020"]
    [venture] = partnerships("SK On and Ford formed a joint venture called BlueOval SK. Established in July 2022, the "
                             "equally owned joint venture has committed to invest $11.4 billion.")
    assert venture["start"] == "2022-07"


def test_a_future_verb_elsewhere_does_not_announce_a_described_partnership() -> None:
    [venture] = partnerships("CATL will invest a similar amount to upgrade a plant in Yibin and expand a joint "
                             "venture factory in Ningde with automaker China FAW Group.")
    assert "status" not in venture


def test_an_agreement_for_one_party_to_build_is_a_partnership() -> None:
    [deal] = partnerships("Umicore and BASF signed an agreement for BASF to build a precursor plant in Finland.")
    assert deal["parties"] == ["Umicore", "BASF"]


def test_a_deal_with_a_partner_to_build_a_plant() -> None:
    [deal] = partnerships("Hailiang signed a deal with Tanger Tech to build a copper factory for a total cost of $450 "
                          "million over 30 hectares.")
    assert deal["parties"] == ["Hailiang", "Tanger Tech"]
    assert deal["purpose"] == "build a copper factory"


def test_an_agreement_to_co_develop_a_supply_chain_is_no_supply_deal() -> None:
    text = ("Toyota Motor has signed an agreement with Idemitsu Kosan to co-develop mass production technologies "
            "for solid electrolytes and establish a supply chain for all-solid-state batteries.")
    facts = gigatrack.extract_text(text, published=PUBLISHED)
    assert [f.type for f in facts] == ["partnership"]


def test_a_joint_venture_factory_in_a_town_and_will_build_are_purposes() -> None:
    [faw] = partnerships("CATL will expand a joint venture factory in Ningde, Fujian Province with automaker China "
                         "FAW Group.")
    assert faw["purpose"] == "factory in Ningde"
    [subaru] = partnerships("Panasonic Energy, in collaboration with Subaru, will build a plant in Gunma Prefecture.")
    assert subaru["purpose"].startswith("build a plant in Gunma")


def test_a_partnership_to_bring_technology_to_a_country_works_there_and_formed_is_signed() -> None:
    [hero] = partnerships("Gogoro said it was entering a partnership deal with Hero MotoCorp to introduce its "
                          "battery-swapping technology to India.")
    assert hero["location"] == {"city": None, "region": None, "country": "IN"}
    [jv] = partnerships("CNGR and Al Mada have formed a joint venture to operate the project.")
    assert jv["status"] == "signed"
