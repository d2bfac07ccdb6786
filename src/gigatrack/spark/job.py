"""The Spark job: read -> clean -> annotate -> extract over input files partitioned across executors.

Each input file (a WARC, a JSONL feed, a folder's .txt or .html article) is one task; an executor reads it
with ``gigatrack.ingest.read_articles`` and extracts every article with ``gigatrack.pipeline.process``, the
same functions as ``gigatrack extract``, so both give the same facts. The job writes three Parquet tables
under the output folder: ``articles`` (id, url, title, published, source, text, facts), ``facts`` (article_id,
ord, type, slots as JSON, evidence quotes and their spans) and ``errors`` (source, problem). With a database
URL it also stores every article in that gigatrack database (PostgreSQL for a cluster), each in its own
transaction, as ``gigatrack ingest`` does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gigatrack.ingest import ReadError, read_articles
from gigatrack.ingest.files import _file_kind, _walk
from gigatrack.model import Document
from gigatrack.pipeline import process

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ARTICLE_SCHEMA = ("id STRING, url STRING, title STRING, published STRING, source STRING, text STRING, "
                  "facts INT")
FACT_SCHEMA = ("article_id STRING, ord INT, type STRING, slots STRING, evidence ARRAY<STRING>, "
               "spans ARRAY<ARRAY<INT>>")
ERROR_SCHEMA = "source STRING, problem STRING"


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What one run wrote: articles, facts and per-item errors, and where."""

    articles: int
    facts: int
    errors: int
    out: str


def input_files(paths: Iterable[str]) -> list[str]:
    """Every article file under ``paths`` (folders walked as ``gigatrack extract`` walks them), sorted; paths
    that are neither files nor folders are kept so that their error is reported by the task that reads them."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(str(p) for p in _walk(path) if _file_kind(p) is not None)
        else:
            found.append(str(path))
    return sorted(dict.fromkeys(found))


def extract_file(path: str, published: str | None) -> Iterator[Document | ReadError]:
    """The Documents (and ReadErrors) of one input file: the unit of work of a task."""
    default = dt.date.fromisoformat(published) if published else None
    for item in read_articles([path], published=default):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield process(item)
        except Exception as exc:  # one article's failure never stops the task
            yield ReadError(item.source or item.id, f"extraction failed: {type(exc).__name__}: {exc}")


def rows_of(outcome: Document | ReadError) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """("article" | "fact" | "error", row) for one outcome, in the column order of the schemas."""
    if isinstance(outcome, ReadError):
        yield "error", (outcome.source, outcome.problem)
        return
    article = outcome.article
    yield "article", (article.id, article.url, outcome.title,
                      article.published.isoformat() if article.published else None, article.source,
                      outcome.cleaned.text, len(outcome.facts))
    for order, fact in enumerate(outcome.facts):
        yield "fact", (article.id, order, fact.type, json.dumps(dict(fact.slots), ensure_ascii=False),
                       [e.quote for e in fact.evidence], [[e.start, e.end] for e in fact.evidence])


def _of_kind(kind: str) -> Callable[[tuple[str, tuple[Any, ...]]], bool]:
    return lambda row: row[0] == kind


def _row(row: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    return row[1]


def session(master: str = "local[*]", app: str = "gigatrack") -> SparkSession:
    """A Spark session whose Python workers run this interpreter (so they import this gigatrack): sets
    ``PYSPARK_PYTHON`` for this process when it is unset, which is where pyspark looks for it."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (SparkSession.builder.master(master).appName(app)
            .config("spark.ui.enabled", "false")
            .getOrCreate())


def store_partition(db: str, outcomes: Iterable[Document | ReadError]) -> None:
    """Store the Documents of one partition in the gigatrack database at ``db`` (one transaction each)."""
    from gigatrack.store import Store

    with Store.open(db) as store:
        for outcome in outcomes:
            if isinstance(outcome, Document):
                store.ingest(outcome)


def run(spark: SparkSession, inputs: Iterable[str], out: str, *, published: dt.date | None = None,
        db: str | None = None) -> JobSummary:
    """Extract every article under ``inputs`` on the cluster; write Parquet under ``out`` (and store in ``db``)."""
    files = input_files(inputs)
    if not files:
        raise ValueError("no input files")
    if db is not None:
        from gigatrack.store import Store

        Store.open(db).close()  # create and migrate it once, here, before the executors write to it
    day = published.isoformat() if published else None
    outcomes = spark.sparkContext.parallelize(files, len(files)).flatMap(
        lambda path: extract_file(path, day)).persist()
    rows = outcomes.flatMap(rows_of).persist()
    counts: dict[str, int] = {}
    for kind, schema in (("article", ARTICLE_SCHEMA), ("fact", FACT_SCHEMA), ("error", ERROR_SCHEMA)):
        selected = rows.filter(_of_kind(kind)).map(_row)
        frame = spark.createDataFrame(selected, schema)
        frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{kind}s")
        counts[kind] = spark.read.parquet(f"{out.rstrip('/')}/{kind}s").count()
    if db is not None:
        outcomes.foreachPartition(lambda partition: store_partition(db, partition))
    outcomes.unpersist()
    rows.unpersist()
    return JobSummary(counts["article"], counts["fact"], counts["error"], out)
