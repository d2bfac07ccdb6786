"""``gigatrack records``, ``record``, ``conflicts`` and ``entities``: the knowledge base, read and fixed."""

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
from gigatrack.cli.render import show_value
from gigatrack.model import FACT_SLOTS, FACT_TYPES
from gigatrack.resolve.records import STATUS_ORDER
from gigatrack.store import StoredRecord, StoreError

_FORMATS = click.Choice(["table", "json", "csv"])
_QUOTE_WIDTH = 100


def _records_filters(command: Any) -> Any:
    for option in reversed([
        click.option("--type", "record_type", type=click.Choice(FACT_TYPES), default=None,
                     help="Only records of this type."),
        click.option("--org", default=None,
                     help="Only records with this organisation as a party: an entity id or name, or any name an "
                          "article wrote for it, or their leading words."),
    ]):
        command = option(command)
    return command


@click.command()
@db_option
@_records_filters
@click.option("--country", default=None, help="Only records located in this country (ISO 3166 alpha-2), or "
                                               "policy targets of it.")
@click.option("--status", type=click.Choice(STATUS_ORDER), default=None, help="Only records whose current "
                                                                            "status is this.")
@click.option("--conflicted", is_flag=True, help="Only records whose sources disagree on some slot.")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="table: for reading; json: the records with every claim; csv: one row per record with "
                   "its current values.")
def records(db_path: str, record_type: str | None, org: str | None, country: str | None, status: str | None,
            conflicted: bool, fmt: str) -> None:
    """List the knowledge base's records: one per real-world deal, plant, partnership, investment, order or
    target, merged from every article that reports it."""
    with open_store(db_path, create=False) as store:
        found = store.records(type=record_type, org=org, country=country, status=status, conflicted=conflicted)
    _emit(found, fmt)


@click.command()
@db_option
@_records_filters
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
              help="table: each conflicting slot with each side's sources; json / csv as for `records`.")
def conflicts(db_path: str, record_type: str | None, org: str | None, fmt: str) -> None:
    """List the records whose sources disagree beyond tolerance, slot by slot, with each side's sources."""
    with open_store(db_path, create=False) as store:
        found = store.conflicts(type=record_type, org=org)
    if fmt != "table":
        _emit(found, fmt)
        return
    console = Console(highlight=False, markup=False)
    for record in found:
        console.print(Text(f"{record.id}  {record.type}: {record.label}", style="bold"))
        for slot in record.conflicts:
            console.print(f"  {slot}: current {show_value(record.current(slot))} ({record.reason(slot)})")
            for claim in record.claims(slot):
                mark = "=" if claim["agrees"] else "≠"
                console.print(f"    {mark} {show_value(claim['value'])}  {claim['published'] or '-'}  "
                              f"{claim['article_id']}  {_short(claim['quote'])}")
    console.print(f"{len(found)} conflicted record{'' if len(found) == 1 else 's'}")


@click.command()
@click.argument("record_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: for reading; json: the record with every claim.")
def record(record_id: str, db_path: str, fmt: str) -> None:
    """Show one record: its parties, each slot's current value and why, every claim with its source and
    quote, and the status timeline."""
    with open_store(db_path, create=False) as store:
        found = store.record(record_id)
        location = store.path
    if found is None:
        raise click.ClickException(f"no record {record_id!r} in {location} (see `gigatrack records`)")
    if fmt == "json":
        click.echo(json.dumps(found.to_record(), ensure_ascii=False, indent=2))
        return
    _print_record(Console(highlight=False, markup=False), found)


def _print_record(console: Console, found: StoredRecord) -> None:
    data = found.data
    console.print(Text(f"{found.type}: {found.label}", style="bold"))
    console.print(Text(f"id {found.id} · {len(data['articles'])} articles · {found.sources} independent "
                       f"sources · {data['first_published'] or '?'} to {data['last_published'] or '?'}", style="dim"))
    for role, entities in data["parties"].items():
        names = [e["name"] + (f" (as {', '.join(e['units'])})" if e["units"] else "") for e in entities]
        console.print(f"{role}: {' + '.join(names)}")
    for slot, summary in data["slots"].items():
        flag = Text(" CONFLICT", style="bold red") if summary["conflicted"] else Text("")
        console.print(Text.assemble(Text(f"\n{slot}: ", style="bold"), show_value(summary["current"]),
                                    Text(f"  ({summary['reason']})", style="dim"), flag))
        for claim in summary["claims"]:
            mark = "=" if claim["agrees"] else "≠"
            filing = " [filing]" if claim["filing"] else ""
            console.print(f"  {mark} {show_value(claim['value'])}  {claim['published'] or '-'}  "
                          f"{claim['article_id']}{filing}: {_short(claim['quote'])}")
    if data["timeline"]:
        console.print(Text("\nstatus timeline", style="bold"))
        for change in data["timeline"]:
            console.print(f"  {change['published'] or '-'}  {change['status']:<18} {change['article_id']}: "
                          f"{_short(change['quote'])}")


def _emit(found: Sequence[StoredRecord], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([r.to_record() for r in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(found)
    else:
        _print_table(found)


def _print_table(found: Sequence[StoredRecord]) -> None:
    table = Table(show_lines=True)
    for column in ("record", "type", "who", "status", "current values", "sources", "conflicts"):
        table.add_column(column, overflow="fold")
    for item in found:
        current = "; ".join(f"{slot}: {show_value(value)}" for slot, value in item.data["current"].items()
                            if slot not in ("jurisdiction", "year"))
        table.add_row(item.id, item.type, item.label, item.status or "-", current,
                      f"{item.sources} ({len(item.data['articles'])} articles)", ", ".join(item.conflicts) or "-")
    console = Console(highlight=False, markup=False)
    console.print(table)
    console.print(f"{len(found)} record{'' if len(found) == 1 else 's'}")


def _write_csv(found: Sequence[StoredRecord]) -> None:
    present = {r.type for r in found}
    slots = list(dict.fromkeys(s for t in FACT_TYPES if t in present for s in FACT_SLOTS[t]
                               if any(s in r.data["current"] for r in found)))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "type", "label", "status", "conflicts", "sources", "articles", *slots])
    for item in found:
        writer.writerow([item.id, item.type, item.label, item.status or "", " ".join(item.conflicts), item.sources,
                         " ".join(item.data["articles"]), *(_cell(item.current(s)) for s in slots)])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _short(quote: str) -> str:
    return quote if len(quote) <= _QUOTE_WIDTH else quote[:_QUOTE_WIDTH - 1] + "…"


@click.group(invoke_without_command=True)
@db_option
@click.option("--provisional", is_flag=True, help="Only provisional entities: organisations the registry lacks.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: for reading; json: a list of entities.")
@click.pass_context
def entities(ctx: click.Context, db_path: str, provisional: bool, fmt: str) -> None:
    """List the organisations that stored facts name, as canonical entities with the names articles wrote.

    Fix a wrong resolution with `gigatrack entities merge A B` or `gigatrack entities split NAME`; fixes are
    kept apart from the facts and survive re-extraction.
    """
    ctx.obj = db_path
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db_path, create=False) as store:
        found = store.entities(provisional=provisional)
    if fmt == "json":
        click.echo(json.dumps([{"id": e.id, "name": e.name, "country": e.country, "provisional": e.provisional,
                                "names": list(e.names), "facts": e.facts} for e in found], ensure_ascii=False,
                              indent=2))
        return
    table = Table()
    for column in ("entity", "name", "country", "written as", "facts"):
        table.add_column(column, overflow="fold")
    for entity in found:
        table.add_row(entity.id, entity.name, entity.country or "-", "; ".join(entity.names), str(entity.facts))
    console = Console(highlight=False, markup=False)
    console.print(table)
    console.print(f"{len(found)} entit{'y' if len(found) == 1 else 'ies'}")


@entities.command()
@click.argument("source")
@click.argument("into")
@click.pass_obj
def merge(db_path: str, source: str, into: str) -> None:
    """Merge entity SOURCE into entity INTO (each an entity id, its name, or a name an article wrote)."""
    with open_store(db_path, create=False) as store:
        try:
            old, new = store.merge_entities(source, into)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"merged {old} into {new}")


@entities.command()
@click.argument("name")
@click.pass_obj
def split(db_path: str, name: str) -> None:
    """Give the organisation name NAME (as articles write it) an entity of its own."""
    with open_store(db_path, create=False) as store:
        try:
            entity_id = store.split_name(name)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"split {name!r} off as {entity_id}")
