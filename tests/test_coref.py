"""Coreference as the facts show it: "the company", "the Japanese automaker", "It", "the two parties"."""

from __future__ import annotations

from typing import Any

import gigatrack
from gigatrack.annotate import annotate
from gigatrack.extract.context import build_context
from gigatrack.extract.coref import resolve_anaphora

PUBLISHED = "2024-05-02"


def facts_of(kind: str, text: str) -> list[dict[str, Any]]:
    return [dict(f.slots) for f in gigatrack.extract_text(text, published=PUBLISHED) if f.type == kind]


def test_the_company_is_the_organisation_named_before() -> None:
    text = ("Panasonic Energy said on Tuesday it had won a new customer. The company will supply Mazda Motor "
            "with cylindrical cells from 2027.")
    [deal] = facts_of("supply_agreement", text)
    assert (deal["supplier"], deal["customer"], deal["start"]) == ("Panasonic Energy", "Mazda Motor", "2027")


def test_the_company_as_subject_is_the_subject_before_not_its_partner() -> None:
    text = ("Panasonic Energy has signed a deal with Mazda Motor. The company will supply Mazda Motor with "
            "cylindrical cells from 2027.")
    [deal] = facts_of("supply_agreement", text)
    assert (deal["supplier"], deal["customer"]) == ("Panasonic Energy", "Mazda Motor")


def test_the_japanese_automaker_fits_the_japanese_one_of_two_automakers() -> None:
    text = ("Honda Motor and Volkswagen Group both reported weaker sales in China. The Japanese automaker "
            "will source LFP cells from CATL.")
    [deal] = facts_of("supply_agreement", text)
    assert (deal["supplier"], deal["customer"], deal["chemistry"]) == ("CATL", "Honda Motor", "LFP")


def test_the_korean_battery_maker_fits_the_korean_one_of_two_cell_makers() -> None:
    text = ("Panasonic Energy and SK On are both expanding in the United States. The Korean battery maker "
            "will build a cell plant in Bartow County, Georgia.")
    [plant] = facts_of("facility", text)
    assert plant["operator"] == "SK On"
    assert (plant["location"]["region"], plant["location"]["country"]) == ("Georgia", "US")


def test_it_at_sentence_start_is_the_previous_subject() -> None:
    text = ("Samsung SDI reported record quarterly profit. It will supply BMW Group with prismatic cells "
            "from 2026.")
    [deal] = facts_of("supply_agreement", text)
    assert (deal["supplier"], deal["customer"]) == ("Samsung SDI", "BMW Group")
    assert deal["form_factor"] == "prismatic"
    text = ("Gotion High-Tech said on Monday that first-quarter profit rose. It will build a battery plant "
            "in Manteno, Illinois.")
    [plant] = facts_of("facility", text)
    assert plant["operator"] == "Gotion High-Tech"
    assert plant["location"] == {"city": "Manteno", "region": "Illinois", "country": "US"}


def test_the_two_parties_are_the_pair_named_before() -> None:
    [mou] = facts_of("partnership", "Hyundai Motor Company and SK On met in Seoul. The two parties signed a "
                     "memorandum of understanding to explore battery production in the United States.")
    assert set(mou["parties"]) == {"Hyundai Motor Company", "SK On"}
    assert mou["kind"] == "mou"
    [licence] = facts_of("partnership", "CATL and Ford Motor Company have long worked together. The two "
                         "companies signed a licensing agreement for LFP battery technology.")
    assert set(licence["parties"]) == {"CATL", "Ford Motor Company"}
    assert licence["kind"] == "licensing"


def test_a_chain_of_descriptions_stays_with_one_company() -> None:
    text = ("SK On said sales fell. The Korean battery maker will build a cell plant in Bartow County, "
            "Georgia. The company will supply Ford Motor Company with pouch cells from the plant.")
    [plant] = facts_of("facility", text)
    [deal] = facts_of("supply_agreement", text)
    assert plant["operator"] == deal["supplier"] == "SK On"
    assert (deal["customer"], deal["form_factor"]) == ("Ford Motor Company", "pouch")


def test_a_description_set_beside_a_name_is_that_organisation() -> None:
    text = ("SK On will form a joint venture with Ford Motor and Koc, the largest conglomerate in Turkey, to "
            "produce battery cells.")
    ctx = build_context(text, annotate(text), None)
    resolve_anaphora(ctx)
    described = [r.entity.name for r in ctx.sentences[0].orgs if r.text == "the largest conglomerate"]
    assert described == ["Koç Holding"]


def test_a_description_after_is_describes_the_subject() -> None:
    text = ("SK On will form a joint venture with Ford Motor and Koc to produce battery cells in Turkey. "
            "SK On said the plant would open in 2025. "
            "Koc Holding is the largest conglomerate in Turkey, with about 100 subsidiaries.")
    ctx = build_context(text, annotate(text), None)
    resolve_anaphora(ctx)
    described = [r.entity.name for r in ctx.sentences[2].orgs if r.text == "the largest conglomerate"]
    assert described == ["Koç Holding"]


def test_the_government_is_the_government_the_article_named() -> None:
    text = ("The Tamil Nadu government signed an MoU with Ola Electric. The government will give the plant land.")
    ctx = build_context(text, annotate(text), None)
    resolve_anaphora(ctx)
    assert [r.entity.name for r in ctx.sentences[1].orgs if r.anaphor] == ["Tamil Nadu government"]
