"""Battery terms: chemistries, form factors and products."""

import pytest

from gigatrack.annotate.terms import find_terms


def values(text: str, kind: str) -> list[object]:
    return [m.value for m in find_terms(text) if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "chemistry"),
    [
        ("ternary cells", "NCM"),
        ("nickel-cobalt-manganese cathodes", "NCM"),
        ("NCM811", "NCM"),
        ("NMC 622 packs", "NCM"),
        ("high-nickel NCM", "NCM"),
        ("high-nickel manganese cobalt batteries", "NCM"),
        ("lithium iron phosphate", "LFP"),
        ("LiFePO4 cells", "LFP"),
        ("iron-phosphate packs", "LFP"),
        ("LMFP", "LMFP"),
        ("lithium manganese iron phosphate", "LMFP"),
        ("lithium-manganese-rich cathode", "LMR"),
        ("sodium-ion cells", "sodium_ion"),
        ("Na-ion", "sodium_ion"),
        ("all-solid-state batteries", "solid_state"),
        ("NCMA", "NCMA"),
        ("NCA cathode", "NCA"),
    ],
)
def test_chemistry(text: str, chemistry: str) -> None:
    assert values(text, "chemistry") == [chemistry]


@pytest.mark.parametrize(
    ("text", "form_factor"),
    [
        ("46-series cylindrical cells", ("cylindrical", "46-series")),
        ("4680 cells", ("cylindrical", "4680")),
        ("4680-type cells", ("cylindrical", "4680")),
        ("46xx cells", ("cylindrical", "46xx")),
        ("2170 cells", ("cylindrical", "2170")),
        ("18650 cells", ("cylindrical", "18650")),
        ("pouch-type cells", ("pouch", None)),
        ("prismatic cells", ("prismatic", None)),
        ("Blade battery packs", ("blade", None)),
    ],
)
def test_form_factor(text: str, form_factor: tuple[str, str | None]) -> None:
    assert values(text, "form_factor") == [form_factor]


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("battery cells and modules", ["cells", "modules"]),
        ("battery packs", ["packs"]),
        ("cathode materials, CAM and pCAM", ["cathode", "cathode", "precursor"]),
        ("anode material and spherical graphite", ["anode", "graphite"]),
        ("lithium hydroxide and lithium carbonate", ["lithium", "lithium"]),
        ("nickel sulphate and copper foil", ["nickel", "copper_foil"]),
        ("separators and electrolyte", ["separator", "electrolyte"]),
        ("lithium-ion batteries", ["batteries"]),
        ("high-nickel manganese cobalt (MMC) batteries", ["batteries"]),
    ],
)
def test_products(text: str, products: list[str]) -> None:
    assert values(text, "product") == products


def test_terms_do_not_fire_on_look_alikes() -> None:
    assert find_terms("fuel cells, a cam shaft and a turbine blade") == []
    assert values("nickel-cobalt-manganese", "product") == []


def test_capitals_and_text_whose_lower_case_changes_length() -> None:
    # "İ" lower-cases to two characters, so the finder cannot scan a lower-cased copy of this text.
    for prefix in ("", "İzmit: "):
        found = find_terms(prefix + "GRAPHITE anodes and LFP Battery Cells")
        assert [(m.kind, m.value) for m in found] == [
            ("product", "graphite"), ("product", "anode"), ("chemistry", "LFP"), ("product", "cells")]
        assert found[-1].text == "Battery Cells"
