"""The knowledge base on both backends: several outlets' versions of one deal become one record that keeps
every claim, chooses a current value with its reason, flags conflicts and keeps the status timeline."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from gigatrack.ingest import read_articles
from gigatrack.model import Article, Document
from gigatrack.pipeline import process
from gigatrack.store import Store, StoredRecord, StoreError

STORIES = Path(__file__).parent / "fixtures" / "stories"
USD = "USD"


@cache
def story_docs() -> tuple[Document, ...]:
    articles = [a for a in read_articles([STORIES]) if isinstance(a, Article)]
    assert len(articles) == 13
    return tuple(process(a) for a in articles)


def ingest_all(store: Store, docs: tuple[Document, ...] | None = None) -> None:
    for doc in docs or story_docs():
        store.ingest(doc)


def one(store: Store, **filters: object) -> StoredRecord:
    found = store.records(**filters)  # type: ignore[arg-type]
    assert len(found) == 1, [r.label for r in found]
    return found[0]


@pytest.fixture
def store(db_url: str) -> Store:
    opened = Store.open(db_url)
    ingest_all(opened)
    return opened


def test_every_story_becomes_one_record(store: Store) -> None:
    labels = sorted((r.type, r.label) for r in store.records())
    assert labels == [
        ("facility", "LG Energy Solution"),  # the Holland pack plant named in one outlet
        ("facility", "SK On"),  # the Bécancour refinery of the MoU, in both of its articles
        ("facility", "StarPlus Energy"),
        ("partnership", "Norvale Lithum + SK On"),
        ("partnership", "Samsung SDI + Stellantis"),
        ("policy_target", "IN 2030 ev_share new car sales"),
        ("supply_agreement", "LG Energy Solution -> Isuzu Motors"),
    ]
    store.close()


def test_the_truck_deal_keeps_every_figure_and_prefers_the_filing(store: Store) -> None:
    deal = one(store, type="supply_agreement")
    assert deal.current("value") == {"amount": 748_000_000, "currency": USD}
    assert deal.reason("value") == "stated in an official filing"
    assert [(c["article_id"], c["value"]["amount"], c["agrees"]) for c in deal.claims("value")] == [
        ("batterywire", 763_000_000, True), ("truckelectric", 765_000_000, False),
        ("fleetnewsasia", 763_000_000, True), ("koreafilings", 748_000_000, True)]
    assert deal.conflicted and "value" in deal.conflicts
    assert (deal.current("start"), deal.current("end"), deal.status) == ("2027", "2030", "signed")
    assert deal.data["articles"] == ["batterywire", "truckelectric", "fleetnewsasia", "koreafilings"]
    # The wire copy on fleetnewsasia is the same source as batterywire: four articles, three sources.
    assert deal.sources == 3
    assert {c["source"] for c in deal.claims("value")} == {"batterywire", "truckelectric", "koreafilings"}
    supplier = deal.data["parties"]["supplier"]
    assert [(e["id"], e["units"]) for e in supplier] == [("lges", ["LG Energy Solution Michigan"])]
    assert all(c["quote"] for c in deal.claims("value"))
    store.close()


def test_the_plant_capacity_conflict_and_status_timeline(store: Store) -> None:
    plant = one(store, type="facility", org="StarPlus")
    assert plant.current("capacity_gwh_per_year") == 33
    assert plant.reason("capacity_gwh_per_year") == "most independent sources agree with it (3 independent sources)"
    assert plant.conflicts == ("capacity_gwh_per_year",)  # 34 is within 5 % of 33; 40 is not
    assert plant.current("start") == "2026-02"  # agrees with "2026": the same date, more precisely
    assert "start" not in plant.conflicts
    assert [(s["status"], s["published"]) for s in plant.data["timeline"]] == [
        ("planned", "2024-02-12"), ("planned", "2024-02-13"), ("under_construction", "2024-10-09"),
        ("operating", "2026-02-17")]
    assert plant.status == "operating"
    store.close()


def test_a_misspelt_unknown_company_is_one_provisional_entity(store: Store) -> None:
    mou = one(store, type="partnership", org="SK On")
    assert (mou.status, mou.current("kind"), mou.conflicted) == ("signed", "joint_venture", False)
    assert [s["status"] for s in mou.data["timeline"]] == ["mou", "signed"]
    norvale = [e for e in store.entities(provisional=True)]
    assert [(e.id, sorted(e.names), e.facts) for e in norvale] == [
        ("p:norvale-lithum", ["Norvale Lithium", "Norvale Lithum"], 2)]
    store.close()


def test_the_policy_target_conflict(store: Store) -> None:
    target = one(store, type="policy_target", country="IN")
    assert (target.current("target_value"), target.conflicts) == (30, ("target_value",))
    assert one(store, conflicted=True, type="policy_target").id == target.id
    assert sorted(r.type for r in store.conflicts()) == ["facility", "policy_target", "supply_agreement"]
    store.close()


def test_filters_find_records_by_entity_written_name_and_status(store: Store) -> None:
    assert {r.type for r in store.records(org="lges")} == {"facility", "supply_agreement"}
    assert {r.type for r in store.records(org="LG Energy Solution Michigan")} == {"facility", "supply_agreement"}
    assert [r.label for r in store.records(status="operating")] == ["StarPlus Energy"]
    assert store.records(org="Tesla") == []
    store.close()


def test_ingest_is_idempotent_and_a_changed_article_replaces_its_claims(store: Store) -> None:
    before = {r.id: r.data for r in store.records()}
    assert all(store.ingest(doc) == "unchanged" for doc in story_docs())
    assert {r.id: r.data for r in store.records()} == before
    filing = next(d for d in story_docs() if d.article.id == "koreafilings")
    changed = dataclasses.replace(filing.article, raw=filing.article.raw.replace("$748 million", "$790 million"))
    assert store.ingest(process(changed)) == "replaced"
    deal = one(store, type="supply_agreement")
    assert deal.current("value") == {"amount": 790_000_000, "currency": USD}
    assert len(deal.claims("value")) == 4
    store.close()


def test_analyst_split_and_merge_survive_reextraction(db_url: str) -> None:
    with Store.open(db_url) as store:
        ingest_all(store)
        deal_id = one(store, type="supply_agreement").id
        assert store.split_name("LG Energy Solution Michigan") == "p:lg-energy-solution-michigan"
        deals = store.records(type="supply_agreement")
        assert sorted(r.label for r in deals) == ["LG Energy Solution -> Isuzu Motors",
                                                  "LG Energy Solution Michigan -> Isuzu Motors"]
        assert store.merge_entities("Norvale Lithium", "SK On") == ("p:norvale-lithum", "sk-on")
        assert store.records(type="partnership", org="Norvale Lithum")[0].label == "SK On"
        ids = sorted(r.id for r in store.records())
    with Store.open(db_url, extractor_version="rules-next") as store:
        stale = list(store.stale_articles())
        assert len(stale) == 13
        for article in stale:
            assert store.ingest(process(article)) == "replaced"
        assert sorted(r.id for r in store.records()) == ids
        assert deal_id in ids
        assert len(store.records(type="supply_agreement")) == 2
        assert list(store.stale_articles()) == []


def test_merge_and_split_refuse_what_they_cannot_do(store: Store) -> None:
    with pytest.raises(StoreError, match="no entity 'Nobody Battery'"):
        store.merge_entities("Nobody Battery", "SK On")
    with pytest.raises(StoreError, match="already one entity"):
        store.merge_entities("LGES", "LG Energy Solution Michigan")
    store.merge_entities("Samsung SDI", "Stellantis")
    with pytest.raises(StoreError, match="already one entity"):
        store.merge_entities("Stellantis", "Samsung SDI")  # the name now resolves to Stellantis
    with pytest.raises(StoreError, match="split it off first"):
        store.merge_entities("stellantis", "samsung-sdi")
    with pytest.raises(StoreError, match="no stored fact names"):
        store.split_name("Nobody Battery")
    store.close()


def test_record_ids_do_not_depend_on_ingest_order(db_url: str, tmp_path: Path) -> None:
    """Except where a misspelt unknown company came first: its provisional entity takes that spelling."""
    with Store.open(db_url) as forward:
        ingest_all(forward)
        expected = {r.id: summary(r) for r in forward.records() if not provisional_party(r)}
    with Store.open(tmp_path / "backward.db") as backward:
        ingest_all(backward, tuple(reversed(story_docs())))
        got = {r.id: summary(r) for r in backward.records() if not provisional_party(r)}
    assert got == expected and len(got) == 6


def summary(record: StoredRecord) -> tuple[object, ...]:
    data = record.data
    return data["label"], data["current"], data["conflicts"], data["sources"], sorted(data["articles"])


def provisional_party(record: StoredRecord) -> bool:
    return any(e["provisional"] for entities in record.data["parties"].values() for e in entities)


def test_real_articles_merge_only_what_is_one_thing(shared_dir: Path, tmp_path: Path) -> None:
    """On the shared corpus: Vietnam's 2030 targets, reported by two articles, are one record each, and no record
    holds two facts of one article."""
    articles = [a for a in read_articles([shared_dir / "corpus"]) if isinstance(a, Article)]
    with Store.open(tmp_path / "real.db") as real:
        for article in articles:
            real.ingest(process(article))
        vietnam = {r.label: sorted(r.data["articles"]) for r in real.records(type="policy_target", country="VN")}
        both = ["c3-vietnam-green-transport-plan-2022", "seed-000"]
        assert vietnam["VN 2030 ev_share Urban vehicles"] == both
        assert vietnam["VN 2030 ev_share Urban taxis"] == both
        for record in real.records():
            assert len(record.data["facts"]) == len(record.data["articles"]), record.label
