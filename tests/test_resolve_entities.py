"""Organisation names to canonical entities: registry, local units, fuzzy matches, provisional entities,
and an analyst's merges and splits."""

from __future__ import annotations

import pytest

from gigatrack.annotate.registry import Registry
from gigatrack.resolve import Entity, EntityResolver, provisional_id
from gigatrack.resolve.entities import FUZZY_THRESHOLD


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver(Registry.default())


@pytest.mark.parametrize(("name", "entity", "method"), [
    ("LG Energy Solution", "lges", "registry"),
    ("LGES", "lges", "registry"),
    ("LG Energy Solution Ltd.", "lges", "registry"),
    ("Isuzu Motors Limited", "isuzu", "registry"),
    ("Volvo Cars", "volvo-cars", "registry"),
    ("LG Chem", "lg-chem", "registry"),  # a registry company is its own entity, even with a parent
])
def test_registry_names_resolve_to_their_organisation(resolver: EntityResolver, name: str, entity: str,
                                                      method: str) -> None:
    found = resolver.resolve(name)
    assert (found.entity.id, found.unit, found.method) == (entity, None, method)
    assert not found.entity.provisional


@pytest.mark.parametrize(("name", "entity"), [
    ("LG Energy Solution Michigan", "lges"),  # a registry organisation that is a local unit of its parent
    ("SK Battery America", "sk-on"),
    ("Samsung SDI America", "samsung-sdi"),  # the registry's name, then places and unit words
    ("CATL (Hungary)", "catl"),
    ("BYD Europe", "byd"),
])
def test_local_units_resolve_to_their_company_and_keep_the_unit(resolver: EntityResolver, name: str,
                                                                entity: str) -> None:
    found = resolver.resolve(name)
    assert (found.entity.id, found.method) == (entity, "unit")
    assert found.unit is not None and found.unit.startswith(name.split()[0])


def test_a_company_name_with_more_than_unit_words_is_not_a_unit(resolver: EntityResolver) -> None:
    assert resolver.resolve("Northvolt Ett").entity.id == provisional_id("Northvolt Ett")
    assert resolver.resolve("Samsung Heavy Industries").entity.id != "samsung-sdi"


def test_fuzzy_matches_need_the_threshold(resolver: EntityResolver) -> None:
    typo = resolver.resolve("Samsung SDl")
    assert (typo.entity.id, typo.method) == ("samsung-sdi", "fuzzy")
    assert resolver.resolve("Panasonic Enrgy").entity.id == "panasonic-energy"
    # Names of different companies that look alike stay apart.
    assert resolver.resolve("Hyundai Mobis Energy").entity.id != "hyundai"
    assert resolver.resolve("Prologis").entity.id == provisional_id("Prologis")
    assert FUZZY_THRESHOLD >= 90


def test_short_names_are_never_matched_fuzzily(resolver: EntityResolver) -> None:
    assert resolver.resolve("Kiaa").method == "provisional"


def test_unknown_names_become_provisional_entities_keyed_by_their_normalised_name(
        resolver: EntityResolver) -> None:
    first, second = resolver.resolve("Norvale Lithium Corp."), resolver.resolve("Norvale Lithium")
    assert first.entity.id == second.entity.id == "p:norvale-lithium"
    assert first.entity.provisional and first.method == "provisional"


def test_earlier_provisional_entities_catch_misspellings() -> None:
    known = Entity("p:norvale-lithium", "Norvale Lithium")
    resolver = EntityResolver(Registry.default(), provisional={known.id: known})
    typo = resolver.resolve("Norvale Lithum")
    assert (typo.entity, typo.method) == (known, "fuzzy")


def test_merges_are_followed_and_keep_the_written_name_as_the_unit() -> None:
    resolver = EntityResolver(Registry.default(), merges={"p:norvale-lithium": "sk-on"})
    merged = resolver.resolve("Norvale Lithium")
    assert (merged.entity.id, merged.unit, merged.method) == ("sk-on", "Norvale Lithium", "provisional+merged")


def test_merge_cycles_stop(resolver: EntityResolver) -> None:
    cyclic = EntityResolver(Registry.default(),
                            merges={"p:alpha-cells": "p:beta-cells", "p:beta-cells": "p:alpha-cells"})
    assert cyclic.resolve("Alpha Cells").entity.id == "p:beta-cells"


def test_a_split_name_gets_its_own_entity_before_any_other_rule() -> None:
    resolver = EntityResolver(Registry.default(), splits=frozenset({"lg energy solution michigan"}))
    split = resolver.resolve("LG Energy Solution Michigan")
    assert (split.entity.id, split.method) == ("p:lg-energy-solution-michigan", "split")
    assert resolver.resolve("LG Energy Solution").entity.id == "lges"


def test_an_empty_name_is_an_error(resolver: EntityResolver) -> None:
    with pytest.raises(ValueError, match="empty organisation name"):
        resolver.resolve(" -- ")
