"""Entry point of the ``gigatrack`` command: the click group and its commands."""

from __future__ import annotations

import click

from gigatrack import __version__
from gigatrack.cli.extract_cmd import extract
from gigatrack.cli.store_cmds import facts, ingest, show


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gigatrack")
def cli() -> None:
    """gigatrack: grounded facts about the battery and EV supply chain, from news."""


cli.add_command(extract)
cli.add_command(ingest)
cli.add_command(facts)
cli.add_command(show)


def main() -> None:
    cli()
