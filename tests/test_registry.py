"""The organisation registry: bundled data, validation and name lookup."""

from __future__ import annotations

from typing import Any

import pytest

from gigatrack.annotate.registry import ROLES, Organisation, Registry, RegistryError, normalise_name


def _entry(org_id: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": org_id, "name": name, "country": "KR", "roles": ["cell_maker"], **extra}


def test_bundled_registry_is_large_and_consistent() -> None:
    registry = Registry.default()
    assert len(registry) >= 400
    assert Registry.default() is registry
    for org in registry:
        assert set(org.roles) <= ROLES
        if org.parent is not None:
            assert registry.parent_of(org) is registry.get(org.parent)


def test_bundled_registry_knows_the_industry() -> None:
    registry = Registry.default()
    assert registry.get("lges").name == "LG Energy Solution"
    assert registry.lookup("LGES") is registry.get("lges")
    assert registry.lookup("Contemporary Amperex Technology Co., Limited") is registry.get("catl")
    assert registry.lookup("Isuzu Motors Ltd.") is registry.get("isuzu")
    ultium = registry.get("ultium")
    assert "jv" in ultium.roles and ultium.country == "US"


def test_normalise_name_drops_case_punctuation_accents_and_legal_forms() -> None:
    assert normalise_name("LG Energy Solution Ltd.") == "lg energy solution"
    assert normalise_name("Vale S.A.") == normalise_name("VALE")
    assert normalise_name("Leclanché SA") == "leclanche"
    assert normalise_name("Hyundai Motor Company") == normalise_name("Hyundai Motor Co.")
    assert normalise_name("LGES’s") == "lges"
    assert normalise_name("L&F Co., Ltd.") == "l and f"
    assert normalise_name("The Lion Electric Company") == "lion electric"


def test_lookup_matches_any_alias_and_misses_unknown_names() -> None:
    registry = Registry.from_entries(
        [
            _entry("hanbit", "Hanbit Energy", aliases=["Hanbit", "한빛에너지"]),
            _entry("hanbit-us", "Hanbit Energy America", parent="hanbit", country="US"),
        ]
    )
    assert registry.lookup("HANBIT ENERGY Co., Ltd.") is registry.get("hanbit")
    assert registry.lookup("한빛에너지") is registry.get("hanbit")
    assert registry.lookup("Hanbit Materials") is None
    assert registry.lookup("Inc.") is None
    assert registry.parent_of(registry.get("hanbit-us")) is registry.get("hanbit")
    assert registry.parent_of(registry.get("hanbit")) is None
    assert [org.id for org in registry] == ["hanbit", "hanbit-us"]
    assert "hanbit" in registry and "nobody" not in registry


def test_get_of_unknown_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        Registry.from_entries([_entry("hanbit", "Hanbit Energy")]).get("nobody")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_entry("a", "Alpha Cells"), _entry("a", "Beta Cells")], "duplicate organisation id 'a'"),
        (
            [_entry("a", "Alpha Cells", aliases=["ACX"]), _entry("b", "Beta Cells", aliases=["acx"])],
            "already claimed by 'a'",
        ),
        ([_entry("a", "Alpha Cells"), _entry("b", "Alpha Cells Inc.")], "already claimed by 'a'"),
        ([_entry("a", "Alpha Cells", parent="ghost")], "unknown parent 'ghost'"),
        ([_entry("a", "Alpha Cells", country="KOR")], "not an ISO 3166 alpha-2 code"),
        ([_entry("a", "Alpha Cells", country="XX")], "not an ISO 3166 alpha-2 code"),
        ([_entry("a", "Alpha Cells", roles=["wizard"])], "unknown role"),
        ([_entry("a", "Alpha Cells", roles=[])], "non-empty list"),
        ([_entry("a", "")], "non-empty strings"),
        ([_entry("a", "Alpha Cells", aliases="ACX")], "list of non-empty strings"),
        ([_entry("a", "Alpha Cells", ticker="ACX")], "unknown field"),
    ],
)
def test_invalid_entries_are_rejected_with_a_clear_error(entries: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        Registry.from_entries(entries)


def test_from_toml_reads_organisation_tables() -> None:
    registry = Registry.from_toml(
        """
        [[organisation]]
        id = "hanbit"
        name = "Hanbit Energy"
        aliases = ["Hanbit"]
        country = "KR"
        roles = ["cell_maker"]
        case_sensitive = true
        """
    )
    assert registry.get("hanbit") == Organisation(
        "hanbit", "Hanbit Energy", ("Hanbit",), None, "KR", ("cell_maker",), case_sensitive=True
    )


def test_from_toml_rejects_broken_toml() -> None:
    with pytest.raises(RegistryError, match="not valid TOML"):
        Registry.from_toml("[[organisation]\nid = ")
