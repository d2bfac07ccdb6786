"""Entry point of the ``gigatrack`` command: the click group and its commands."""

from __future__ import annotations

import click

from gigatrack import __version__
from gigatrack.cli.extract_cmd import extract
from gigatrack.cli.ingest_cmds import ingest, reprocess
from gigatrack.cli.kb_cmds import conflicts, entities, record, records
from gigatrack.cli.spark_cmd import spark
from gigatrack.cli.store_cmds import facts, show
from gigatrack.cli.watch_cmd import watch

PROG_NAME = "gigatrack"
# Set on the group, inherited by every subcommand's context: `gigatrack extract -h` works too.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name=PROG_NAME)
def cli() -> None:
    """gigatrack: grounded facts about the battery and EV supply chain, from news.

    Every fact carries the verbatim sentence it came from. Try:

    \b
      gigatrack extract article.txt               print the facts of articles
      gigatrack ingest examples --db facts.db     store them in SQLite
      gigatrack facts --db facts.db --org CATL    list stored facts
      gigatrack show ARTICLE_ID --db facts.db     an article with its evidence
      gigatrack records --db facts.db --conflicted  deals merged across sources
      gigatrack record RECORD_ID --db facts.db    every source's claim, and why one is current

    Run `gigatrack COMMAND -h` for a command's options.
    """


cli.add_command(extract)
cli.add_command(ingest)
cli.add_command(facts)
cli.add_command(show)
cli.add_command(records)
cli.add_command(record)
cli.add_command(conflicts)
cli.add_command(entities)
cli.add_command(reprocess)
cli.add_command(spark)
cli.add_command(watch)


def main() -> None:
    cli(prog_name=PROG_NAME)


if __name__ == "__main__":
    main()
