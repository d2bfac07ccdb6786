"""The Spark job in local mode gives the same facts as ``gigatrack extract`` on the same input."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gigatrack.cli.main import cli
from gigatrack.store import Store

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "stories")]



def need(ready: bool, why: str) -> None:
    """Skip without Spark's needs here; on CI (where the test command installs them) fail instead."""
    if not ready:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {why} for the Spark tests (scripts/test.sh installs it)")
        pytest.skip(f"no {why}")


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    need(importlib.util.find_spec("pyspark") is not None, "pyspark (the spark extra)")
    need(shutil.which("java") is not None, "Java runtime")
    out = tmp_path_factory.mktemp("spark") / "out"
    bad = tmp_path_factory.mktemp("bad") / "empty.txt"
    bad.write_text("", encoding="utf-8")
    db = out.parent / "spark.db"
    result = CliRunner().invoke(cli, ["spark", *INPUTS, str(bad), "--out", str(out), "--master", "local[2]",
                                      "--db", str(db)])
    assert result.exit_code == 1, result.output  # the empty file is an error; the rest is extracted
    assert result.output.strip().endswith(f"26 articles, 58 facts, 1 errors; Parquet in {out}")
    yield out


def extract_jsonl() -> dict[str, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["extract", *INPUTS, "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0
    return {record["id"]: record["facts"] for record in map(json.loads, result.output.splitlines())}


def test_spark_gives_the_facts_of_gigatrack_extract(spark_out: Path) -> None:
    import pyarrow.parquet as pq

    facts = pq.read_table(spark_out / "facts").to_pylist()
    from_spark: dict[str, list[tuple[int, dict[str, object]]]] = {}
    for row in facts:
        fact = {"type": row["type"], **json.loads(row["slots"]), "evidence": row["evidence"],
                "spans": row["spans"]}
        from_spark.setdefault(row["article_id"], []).append((row["ord"], fact))
    expected = extract_jsonl()
    assert sorted(from_spark) == sorted(a for a, f in expected.items() if f)
    for article_id, found in from_spark.items():
        ordered = [fact for _, fact in sorted(found, key=lambda pair: pair[0])]
        wanted = [{k: v for k, v in f.items() if v is not None} for f in expected[article_id]]
        assert ordered == wanted, article_id


def test_spark_also_stores_every_article_in_the_database(spark_out: Path) -> None:
    with Store.open(spark_out.parent / "spark.db", create=False) as store:
        assert store.stats().articles == 26
        stored = {(f.article_id, f.type, f.evidence[0].quote) for f in store.facts()}
    expected = {(article_id, fact["type"], fact["evidence"][0])  # type: ignore[index]
                for article_id, facts in extract_jsonl().items() for fact in facts}
    assert stored == expected and len(stored) == 58


def test_spark_writes_articles_and_errors(spark_out: Path) -> None:
    import pyarrow.parquet as pq

    articles = pq.read_table(spark_out / "articles").to_pylist()
    assert len(articles) == 26
    assert {a["id"] for a in articles} == set(extract_jsonl())
    truck = next(a for a in articles if a["id"] == "batterywire")
    assert truck["url"].startswith("https://") and truck["published"] == "2025-03-04" and truck["facts"] == 1
    errors = pq.read_table(spark_out / "errors").to_pylist()
    assert [(Path(e["source"]).name, e["problem"]) for e in errors] == [("empty.txt", "empty file: no text")]
