"""Organisation mentions: registry names with possessives, suffixes and units; unknown names by pattern."""

from __future__ import annotations

import itertools

import pytest

from gigatrack.annotate.orgs import OrgValue, find_orgs
from gigatrack.annotate.registry import Registry
from gigatrack.model import Mention


def _orgs(text: str) -> list[Mention]:
    return find_orgs(text, Registry.default())


def _texts(text: str) -> list[str]:
    return [m.text for m in _orgs(text)]


def _by_text(text: str) -> dict[str, OrgValue]:
    return {m.text: m.value for m in _orgs(text)}


def test_known_orgs_get_registry_values_and_exact_spans() -> None:
    text = "LGES will ship pouch cells to General Motors from next year."
    mentions = _orgs(text)
    assert [(m.kind, m.text) for m in mentions] == [("org", "LGES"), ("org", "General Motors")]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    lges = mentions[0].value
    assert lges == OrgValue("LG Energy Solution", "lges", "KR", ("cell_maker",), True)


@pytest.mark.parametrize(
    ("text", "span", "org_id"),
    [
        ("Isuzu Motors’ latest electric truck uses Chinese cells.", "Isuzu Motors", "isuzu"),
        ("LGES's order book grew in the quarter.", "LGES", "lges"),
        ("The deal lifts LG Energy Solution’s US output.", "LG Energy Solution", "lges"),
        ("It signed with LG Energy Solution Ltd. on Monday.", "LG Energy Solution Ltd.", "lges"),
        (
            "Supply comes from Contemporary Amperex Technology Co., Limited and others.",
            "Contemporary Amperex Technology Co., Limited",
            "catl",
        ),
        (
            "The line belongs to LG Energy Solution Michigan Inc. now.",
            "LG Energy Solution Michigan Inc.",
            "lges-michigan",
        ),
        ("Cells will come from AESC US in Kentucky.", "AESC US", "aesc-us"),
        ("Output at Tesla Shanghai rose in May.", "Tesla Shanghai", "tesla"),
        ("A contract with Hanwha Q Cells USA Corp. was signed.", "Hanwha Q Cells USA Corp.", "qcells-usa"),
    ],
)
def test_possessives_legal_suffixes_and_local_units(text: str, span: str, org_id: str) -> None:
    by_text = _by_text(text)
    assert span in by_text
    assert by_text[span].org_id == org_id


def test_unit_keeps_the_surface_text_but_names_the_group() -> None:
    value = _by_text("Output at Tesla Shanghai rose in May.")["Tesla Shanghai"]
    assert value.name == "Tesla" and value.known


def test_longest_name_wins() -> None:
    found = _texts("Samsung SDI and Hyundai Motor Group signed an MoU.")
    assert found == ["Samsung SDI", "Hyundai Motor Group"]


def test_names_must_stand_as_whole_words() -> None:
    assert _texts("Fordham researchers tested Kiasu-style batteries at Teslaville.") == []


def test_case_sensitive_names_need_their_own_case_and_not_a_sentence_start() -> None:
    assert _texts("Total capacity will reach 40 GWh.") == []
    assert _texts("The ideal chemistry is LFP, said Total and Stellantis.") == ["Total", "Stellantis"]
    assert _texts("Analysts said it was an ideal site for Ideal to build cars.") == ["Ideal"]
    assert _texts("The gm of the plant spoke; GM did not.") == ["GM"]


def test_custom_registry_is_used() -> None:
    registry = Registry.from_entries(
        [{"id": "hanbit", "name": "Hanbit Energy", "aliases": ["Hanbit"], "country": "KR", "roles": ["jv"]}]
    )
    mentions = find_orgs("Hanbit's new plant will supply Volkswagen.", registry)
    assert [m.text for m in mentions] == ["Hanbit"]
    assert mentions[0].value.org_id == "hanbit"


@pytest.mark.parametrize(
    ("text", "name", "country", "roles"),
    [
        ("Electric buses from Minh Phat Motor will reach Hanoi in 2026.", "Minh Phat Motor", None, ()),
        ("The order went to Siam Voltaic Co., Ltd. last week.", "Siam Voltaic Co., Ltd.", None, ()),
        ("Thailand’s Chai Prakan will assemble the packs.", "Chai Prakan", "TH", ()),
        ("Chinese battery maker Hengrui Cell will open a plant.", "Hengrui Cell", "CN", ("cell_maker",)),
        ("South Korean cathode maker Daebong will supply it.", "Daebong", "KR", ("materials",)),
        ("The deal names the Indian company Kavach Energy as supplier.", "Kavach Energy", "IN", ()),
        ("Lumora, a Norwegian battery startup, raised money.", "Lumora", None, ()),
        ("The smelter will operate under PT Sinar Logam Sejahtera from next year.", "PT Sinar Logam Sejahtera",
         "ID", ()),
        ("Bolivia signed with Chinese consortium Andino Litio on Tuesday.", "Andino Litio", "CN", ()),
    ],
)
def test_unknown_orgs_by_pattern(text: str, name: str, country: str | None, roles: tuple[str, ...]) -> None:
    by_text = _by_text(text)
    assert name in by_text, by_text
    assert by_text[name] == OrgValue(name, None, country, roles, False)


def test_unknown_org_is_found_again_without_its_suffix() -> None:
    text = "Minh Phat Motor will build 300 buses. Minh Phat said the first will leave in June."
    mentions = _orgs(text)
    assert [m.text for m in mentions] == ["Minh Phat Motor", "Minh Phat"]
    assert mentions[1].value.name == "Minh Phat Motor"


@pytest.mark.parametrize(
    "text",
    [
        "The company said output would double.",
        "In January, the plant began trial runs.",
        "South Korea and Japan lead the market.",
        "Electric vehicles made up a fifth of sales.",
        "Meanwhile, Clean Energy demand grew across Europe.",
        "Separately, a company executive said the automaker was weighing options.",
        "Germany’s Saarland region hosts the site.",
        "Battery Energy Storage Systems are in demand.",
        "The firm will ship natural graphite Active Anode Material to its customers.",
        "Governor DeSantis and Senator McConnell praised the LiFePO4 cells.",
    ],
)
def test_non_organisations_are_not_orgs(text: str) -> None:
    assert _orgs(text) == []


def test_a_companys_possessive_does_not_introduce_a_name_as_the_countrys() -> None:
    texts = _texts("The deal continues PT Vale Indonesia’s Pomalaa Block ground-breaking of last year.")
    assert texts == ["PT Vale Indonesia"]


def test_headline_fragments_are_not_orgs() -> None:
    assert _texts("Vietnam’s Bus Exports Jump As Demand Grows\nThe market grew.") == []


def test_mentions_are_sorted_and_do_not_overlap() -> None:
    text = (
        "Vietnam’s Minh Phat Motor and LG Energy Solution signed an MoU, while Thailand’s Chai Prakan "
        "Co., Ltd. and Envision AESC talked to Toyota Motor North America and SK On."
    )
    mentions = _orgs(text)
    assert [m.text for m in mentions] == [
        "Minh Phat Motor",
        "LG Energy Solution",
        "Chai Prakan Co., Ltd.",
        "Envision AESC",
        "Toyota Motor North America",
        "SK On",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))



def test_a_known_company_named_again_without_its_industry_word_is_still_that_company() -> None:
    text = "LG Chem will buy lithium hydroxide from Nemaska Lithium. Nemaska said the plant is on schedule."
    found = [(m.text, m.value.name) for m in find_orgs(text, Registry.default())]
    assert ("Nemaska", "Nemaska Lithium") in found


def test_a_camel_case_name_is_a_company_even_at_the_start_of_a_sentence() -> None:
    assert _texts("TotalEnergies will build a plant. Total is a common word.") == ["TotalEnergies"]


def test_a_name_written_without_its_accents_is_still_known() -> None:
    assert _by_text("It bought the stake from Chile's Sociedad Quimica y Minera in 2018.")[
        "Sociedad Quimica y Minera"].org_id == "sqm"


def test_a_name_written_in_lower_case_is_found() -> None:
    mentions = _orgs("On July 31 ioneer announced a binding offtake agreement with Panasonic.")
    assert [(m.text, m.value.org_id) for m in mentions][:1] == [("ioneer", "ioneer")]
    assert _orgs("The pioneer spirit of the industry.") == []


def test_a_short_name_joined_to_a_company_is_a_company() -> None:
    texts = _texts("Gogoro was entering a joint venture with Yadea and DCJ to introduce its battery ecosystem.")
    assert texts == ["Gogoro", "Yadea", "DCJ"]
    assert "EV" not in _texts("Tesla and EV makers met in Berlin.")
    defined = _texts("Olectra Green Tech and Evey Trans Private Limited (EVEY) won. Olectra and EVEY will run it.")
    assert "EVEY" not in defined  # the text defines it: the long name's short form, read by the acronym finder
