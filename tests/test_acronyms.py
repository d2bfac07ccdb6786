"""Short forms an article defines: "Assam State Transport Corporation (ASTC)", then "ASTC"."""

from __future__ import annotations

from gigatrack.annotate import annotate


def _orgs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value.name) for m in annotate(text) if m.kind == "org"]


def test_a_short_form_defined_after_a_known_name_is_that_organisation_later() -> None:
    text = ("Assam State Transport Corporation (ASTC) placed an order with Olectra. ASTC will run the buses "
            "in Guwahati.")
    assert _orgs(text).count(("ASTC", "Assam State Transport Corporation")) == 2


def test_an_unknown_organisation_introduced_with_its_short_form() -> None:
    text = "Kenya Bus Services (KBS) ordered 25 electric buses. KBS runs 400 buses in Nairobi."
    assert ("Kenya Bus Services", "Kenya Bus Services") in _orgs(text)
    assert _orgs(text).count(("KBS", "Kenya Bus Services")) == 2


def test_laws_programmes_technologies_and_tickers_are_not_organisations() -> None:
    text = ("The Inflation Reduction Act (IRA) pays for Battery Energy Storage Systems (BESS). "
            "Ideanomics (IDEX) shares rose. The IRA credit helps BESS makers.")
    names = [name for name, _ in _orgs(text)]
    assert not {"IRA", "BESS", "IDEX", "Inflation Reduction Act"} & set(names)
