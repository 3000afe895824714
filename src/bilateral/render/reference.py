"""Printing reference tables, imports and territories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from rich.console import Console
from rich.table import Table

from bilateral.reference.catalogue import ImportedTable, ImportReport
from bilateral.reference.lookup import TerritoryCard
from bilateral.reference.registry import ReferenceTable
from bilateral.render.common import OutputFormat, emit_data
from bilateral.render.layout import print_table


def show_reference_tables(
    console: Console, tables: Sequence[ReferenceTable], output: OutputFormat
) -> None:
    """Print every reference table with its status, edition, rows and provenance."""
    records = [asdict(table) for table in tables]
    if emit_data(console, output, records):
        return
    listing = Table(title="reference tables", caption="provenance: --format json")
    for header in ("name", "status", "edition", "rows", "publisher", "source"):
        listing.add_column(
            header,
            justify="right" if header == "rows" else "left",
            no_wrap=header in ("name", "status", "rows"),
        )
    for t in tables:
        style = "dim" if t.status == "not loaded" else ""
        listing.add_row(
            t.name,
            t.status,
            t.edition,
            "" if t.rows is None else f"{t.rows:,}",
            t.publisher,
            t.source or t.url,
            style=style,
        )
    print_table(console, listing, split=False)


def show_reference_loaded(
    console: Console, loaded: Sequence[ImportedTable], output: OutputFormat
) -> None:
    """Print the tables just loaded, with edition, rows and checksum."""
    records = [asdict(entry) for entry in loaded]
    if emit_data(console, output, records):
        return
    for e in loaded:
        console.print(
            f"[bold]{e.name}[/]: {e.rows:,} rows, edition {e.edition}, from {e.file} "
            f"({e.bytes:,} bytes, sha256 {e.sha256[:12]}...)",
            highlight=False,
        )


def show_reference_import(console: Console, report: ImportReport, output: OutputFormat) -> None:
    """Print what an import loaded, and the files it passed over and why."""
    imported = [asdict(entry) for entry in report.imported]
    document = {
        "imported": imported,
        "superseded": [str(path) for path in report.superseded],
        "skipped": [str(path) for path in report.skipped],
    }
    if emit_data(console, output, imported, document):
        return
    show_reference_loaded(console, report.imported, output)
    for path in report.superseded:
        console.print(f"  [dim]{path.name}: an older edition of a table loaded above[/]")
    if report.skipped:
        names = ", ".join(path.name for path in report.skipped)
        console.print(
            f"[dim]{len(report.skipped)} other files are not reference tables: {names}[/]",
            highlight=False,
        )
    if not report.imported:
        console.print("no reference file found; `bilateral reference list` names the tables")


def show_territory(console: Console, card: TerritoryCard, output: OutputFormat) -> None:
    """Print one territory: kind, codes in each system, members, regions below, history."""
    t = card.territory
    record = {
        "code": t.code,
        "name": t.name,
        "kind": t.kind,
        "country": t.country,
        "level": t.level,
        "parts": list(t.parts),
        "year": card.year,
        "codes": dict(card.codes),
        "members": list(card.members),
        "membership": card.membership,
        "regions": [region.code for region in card.regions],
        "history": list(card.history),
    }
    if emit_data(console, output, [record], record):
        return
    where = f", in {t.country}" if t.country else ""
    level = f", NUTS level {t.level}" if t.level else ""
    console.print(f"[bold]{t.name}[/] ({t.code}): {t.kind}{level}{where}", highlight=False)
    if t.parts != (t.code,):
        console.print(f"  sums the rows of: {', '.join(t.parts)}", highlight=False)
    if card.codes:
        codes = ", ".join(f"{system} {code}" for system, code in card.codes.items())
        console.print(f"  codes: {codes}", highlight=False)
    if card.membership:
        console.print(f"  {card.membership}", highlight=False)
    if card.members:
        console.print(f"  members: {' '.join(card.members)}", highlight=False)
    if card.regions:
        regions = ", ".join(f"{r.code} {r.name}" for r in card.regions)
        console.print(f"  regions: {regions}", highlight=False)
    for change in card.history:
        console.print(f"  {change}", highlight=False)
