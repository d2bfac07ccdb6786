"""Extraction on several cores gives what one core gives, in input order, with errors passed through."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from gigatrack.cli.main import cli
from gigatrack.ingest import ReadError, read_articles
from gigatrack.model import Article, Document
from gigatrack.workers import MIN_PARALLEL_ARTICLES, Failed, process_stream

STORIES = Path(__file__).parent / "fixtures" / "stories"


def many_articles() -> list[Article | ReadError]:
    stories = [a for a in read_articles([STORIES]) if isinstance(a, Article)]
    copies: list[Article | ReadError] = [dataclasses.replace(a, id=f"{a.id}-{n}") for n in range(3) for a in stories]
    copies.insert(5, ReadError("broken.txt", "empty file: no text"))
    return copies


def test_two_workers_give_what_one_gives_in_input_order() -> None:
    items = many_articles()
    assert len(items) > MIN_PARALLEL_ARTICLES
    one = list(process_stream(items, jobs=1))
    two = list(process_stream(items, jobs=2))
    assert [type(o).__name__ for o in two] == [type(o).__name__ for o in one]
    assert two[5] == ReadError("broken.txt", "empty file: no text")
    docs_one = [o.to_record() for o in one if isinstance(o, Document)]
    docs_two = [o.to_record() for o in two if isinstance(o, Document)]
    assert docs_two == docs_one and len(docs_one) == 39


def test_an_extraction_error_is_an_outcome_not_an_exception() -> None:
    bad = Article("bad", "LG Energy Solution will supply cells to Ford.", kind="html", source="bad.html")
    outcomes = list(process_stream([bad], jobs=1, backend="no-such-backend"))
    assert len(outcomes) == 1 and isinstance(outcomes[0], Failed)
    assert str(outcomes[0]).startswith("bad.html: extraction failed: ValueError: unknown extraction backend")


def test_cli_extract_with_jobs_matches_one_job(tmp_path: Path) -> None:
    for n in range(3):
        for source in STORIES.rglob("*"):
            if source.suffix in (".txt", ".json") and source.name != "EXPECTED.md":
                (tmp_path / f"{n}-{source.name}").write_bytes(source.read_bytes())
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    two = runner.invoke(cli, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert two.output == one.output
    assert len([json.loads(line) for line in one.output.splitlines()]) == 39
