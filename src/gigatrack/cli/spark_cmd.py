"""``gigatrack spark``: the Spark job on a local (or given) master, from the command line."""

from __future__ import annotations

import datetime as dt
import sys

import click


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Output folder: Parquet tables articles/, facts/ and errors/ (replaced if present).")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[N] on this machine, or a cluster's URL.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--db", "db_path", default=None, metavar="FILE|URL",
              help="Also store every article in this gigatrack database (a postgresql:// URL on a cluster).")
def spark(paths: tuple[str, ...], out: str, master: str, published: dt.datetime | None, db_path: str | None) -> None:
    """Extract articles with Apache Spark: each input file (WARC, JSONL, .txt, .html) is a task on an executor,
    running the same extraction as `gigatrack extract`. Needs the spark extra and Java.

    Exits with status 1 when any input could not be read or extracted (see the errors table).
    """
    from gigatrack.spark.job import run, session

    try:
        import pyspark  # noqa: F401  (the job imports it lazily; fail early with a clear message)
    except ImportError as exc:
        raise click.ClickException("Spark needs pyspark: pip install 'gigatrack[spark]'") from exc
    active = session(master)
    try:
        summary = run(active, paths, out, published=published.date() if published else None, db=db_path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        active.stop()
    click.echo(f"{summary.articles} articles, {summary.facts} facts, {summary.errors} errors; "
               f"Parquet in {summary.out}")
    if summary.errors:
        sys.exit(1)
