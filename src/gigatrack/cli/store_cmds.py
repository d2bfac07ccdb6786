"""``gigatrack facts`` and ``show``: read the stored facts and articles back."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gigatrack.cli.options import db_option, open_store
from gigatrack.cli.render import detail_summary, key_summary
from gigatrack.model import FACT_SLOTS, FACT_TYPES
from gigatrack.store import StoredFact

_QUOTE_WIDTH = 120
_EVIDENCE_STYLES = ("black on yellow", "black on cyan", "black on green", "black on magenta",
                    "black on bright_red")


@click.command()
@db_option
@click.option("--type", "fact_type", type=click.Choice(FACT_TYPES), default=None,
              help="Only facts of this type.")
@click.option("--org", default=None,
              help="Only facts naming this organisation (any party slot; case-insensitive, whole name or "
                   "its leading words).")
@click.option("--country", default=None,
              help="Only facts located in this country (ISO 3166 alpha-2), or policy targets of it.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True,
              help="table: for reading; json: a list of fact records; csv: one row per fact.")
def facts(db_path: str, fact_type: str | None, org: str | None, country: str | None, fmt: str) -> None:
    """List the stored facts, optionally filtered by type, organisation and country."""
    with open_store(db_path, create=False) as store:
        found = store.facts(type=fact_type, org=org, country=country)
    if fmt == "json":
        click.echo(json.dumps([fact.to_record() for fact in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(found)
    else:
        _print_table(found)


@click.command()
@click.argument("article_id")
@db_option
def show(article_id: str, db_path: str) -> None:
    """Show one stored article: its cleaned text with each fact's evidence highlighted, then its facts."""
    with open_store(db_path, create=False) as store:
        article = store.article(article_id)
    if article is None:
        raise click.ClickException(f"no article {article_id!r} in {store.path}")
    console = Console(highlight=False, markup=False)
    console.print(Text(article.title or article.id, style="bold"))
    for label, value in (("id", article.id), ("url", article.url), ("published", article.published)):
        console.print(Text(f"{label}: {value or '-'}", style="dim"))
    console.print()
    text = Text(article.text)
    for number, fact in enumerate(article.facts):
        for evidence in fact.evidence:
            text.stylize(_EVIDENCE_STYLES[number % len(_EVIDENCE_STYLES)], evidence.start, evidence.end)
    console.print(text)
    console.print()
    console.print(Text(f"{len(article.facts)} fact{'' if len(article.facts) == 1 else 's'}", style="bold"))
    for number, fact in enumerate(article.facts):
        console.print(Text.assemble((f"[{number + 1}]", _EVIDENCE_STYLES[number % len(_EVIDENCE_STYLES)]),
                                    f" {fact.type}: {key_summary(fact.type, fact.slots)}"))
        details = detail_summary(fact.type, fact.slots)
        if details:
            console.print(Text(f"    {details}"))


def _print_table(found: Sequence[StoredFact]) -> None:
    table = Table(show_lines=True)
    for column in ("type", "who / where", "figures", "article", "evidence"):
        table.add_column(column, overflow="fold")
    for fact in found:
        quote = fact.evidence[0].quote
        shortened = quote if len(quote) <= _QUOTE_WIDTH else quote[:_QUOTE_WIDTH - 1] + "…"
        table.add_row(fact.type, key_summary(fact.type, fact.slots), detail_summary(fact.type, fact.slots),
                      fact.article_id, shortened)
    console = Console(highlight=False, markup=False)
    console.print(table)
    console.print(f"{len(found)} fact{'' if len(found) == 1 else 's'}")


def _write_csv(found: Sequence[StoredFact]) -> None:
    columns = _slot_columns(found)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "article_id", "type", *columns, "evidence"])
    for fact in found:
        writer.writerow([fact.id, fact.article_id, fact.type, *(_cell(fact.slots.get(c)) for c in columns),
                         " | ".join(e.quote for e in fact.evidence)])


def _slot_columns(found: Sequence[StoredFact]) -> list[str]:
    """The slots of every fact type present, in schema order, then any slot the schema does not know."""
    present = {fact.type for fact in found}
    columns = list(dict.fromkeys(slot for t in FACT_TYPES if t in present for slot in FACT_SLOTS[t]))
    extra = sorted({slot for fact in found for slot in fact.slots} - set(columns))
    return columns + extra


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
