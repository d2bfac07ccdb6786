"""``gigatrack extract``: read articles, print their facts (JSONL in the schema's shape, or a table)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator

import click

from gigatrack.cli.options import jobs_option
from gigatrack.cli.progress import Tracker, tracking
from gigatrack.cli.render import detail_summary, key_summary
from gigatrack.extract import BACKENDS, DEFAULT_BACKEND, get_extractor
from gigatrack.ingest import ReadError, count_articles, read_articles
from gigatrack.model import Document
from gigatrack.workers import Failed, process_stream


def _documents(paths: tuple[str, ...], published: dt.date | None, backend: str, jobs: int,
               failures: list[str], tracker: Tracker) -> Iterator[Document]:
    for outcome in process_stream(read_articles(paths, published=published), jobs, backend):
        if isinstance(outcome, ReadError | Failed):
            failures.append(str(outcome))
            click.echo(str(outcome), err=True)
            tracker.advance(failed=True)
            continue
        tracker.advance()
        yield outcome


def _table(docs: Iterator[Document]) -> None:
    from rich.console import Console  # rich is only needed for the table
    from rich.table import Table

    console = Console(markup=False)
    table = Table(title="Facts", show_lines=True)
    for column in ("article", "type", "who / where", "figures", "evidence"):
        table.add_column(column, overflow="fold")
    count = 0
    for doc in docs:
        for fact in doc.facts:
            count += 1
            slots = dict(fact.slots)
            quote = fact.evidence[0].quote
            table.add_row(doc.article.id, fact.type, key_summary(fact.type, slots),
                          detail_summary(fact.type, slots), quote if len(quote) < 160 else quote[:157] + "…")
    console.print(table)
    console.print(f"{count} fact" if count == 1 else f"{count} facts")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="jsonl: one article record per line, in the facts schema's shape; table: for reading.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for articles that carry none; relative dates resolve against it.")
@click.option("--with-text", is_flag=True, help="jsonl: add each article's cleaned text as \"text\".")
@click.option("--backend", type=click.Choice(sorted(BACKENDS)), default=DEFAULT_BACKEND, show_default=True,
              help="Extraction backend.")
@jobs_option
def extract(paths: tuple[str, ...], fmt: str, published: dt.datetime | None, with_text: bool,
            backend: str, jobs: int) -> None:
    """Extract facts from articles: .txt, .html, .html.gz and .jsonl files, or folders of them."""
    failures: list[str] = []
    get_extractor(backend)  # an unknown backend fails here, before any worker starts
    with tracking("extracting", show=sys.stderr.isatty() and fmt == "jsonl") as tracker:
        tracker.set_total(count_articles(paths))
        docs = _documents(paths, published.date() if published else None, backend, jobs, failures, tracker)
        if fmt == "jsonl":
            out = sys.stdout
            for doc in docs:
                out.write(json.dumps(doc.to_record(with_text=with_text), ensure_ascii=False) + "\n")
        else:
            _table(docs)
    if failures:
        click.echo(f"{len(failures)} input(s) failed", err=True)
        sys.exit(1)
