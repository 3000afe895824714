"""Rendering results for the terminal: rich tables, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, Literal

from rich.console import Console
from rich.table import Table

from bilateral.reference.catalogue import ImportedTable, ImportReport
from bilateral.reference.lookup import TerritoryCard
from bilateral.reference.registry import ReferenceTable
from bilateral.results import History, IngestReport, Profile, Sectors, StoreInfo

OutputFormat = Literal["table", "json", "csv"]


def records_csv(records: Sequence[dict[str, Any]]) -> str:
    """Return records as CSV text with a header."""
    if not records:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def records_json(payload: Any) -> str:
    """Return a payload as indented JSON (NaN written as null)."""
    return json.dumps(_clean(payload), indent=2, ensure_ascii=False)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def unit_for(values: Sequence[float | None]) -> tuple[float, str]:
    """Choose the unit that keeps a column of amounts short: billions, millions or thousands."""
    largest = max((abs(v) for v in values if v is not None), default=0.0)
    for divisor, name in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands")):
        if largest >= divisor:
            return divisor, name
    return 1.0, "units"


def emit_data(
    console: Console, output: OutputFormat, records: list[dict[str, Any]], document: Any = None
) -> bool:
    """Print `document` (or the records) as JSON, or the records as CSV; False for tables."""
    if output == "json":
        console.print_json(records_json(records if document is None else document))
        return True
    if output == "csv":
        console.out(records_csv(records), end="", highlight=False)
        return True
    return False


def money(value: float | None, divisor: float = 1e6) -> str:
    """Format an amount in the chosen unit with two decimals: 18.03."""
    return "–" if value is None else f"{value / divisor:,.2f}"


def percent(value: float | None) -> str:
    """Format a ratio as a signed percentage: +22.0%."""
    return "–" if value is None else f"{value * 100:+.1f}%"


def show_profile(console: Console, profile: Profile, output: OutputFormat) -> None:
    """Print a profile as a table per view, or as JSON / CSV."""
    document = {
        "reporter": profile.reporter,
        "partner": profile.partner,
        "years": list(profile.years),
        "as_of": profile.as_of,
        "notes": list(profile.notes),
        "rows": profile.records(),
    }
    if emit_data(console, output, profile.records(), document):
        return
    _show_synthetic(console, profile.notes)
    for view in profile.views():
        rows = [row for row in profile.rows if row.view == view]
        first = rows[0]
        divisor, unit = unit_for([v for r in rows for v in (r.exports, r.imports, r.total)])
        table = Table(
            title=f"{profile.reporter_name} – {profile.partner_name}, {view}",
            caption=f"{first.source}, {first.currency} {unit}, vintage {first.vintage}",
        )
        for header in (
            "year",
            "exports",
            "imports",
            "total",
            "balance",
            "exp. %",
            "imp. %",
            "conf.",
            "coverage",
        ):
            table.add_column(header, justify="left" if header == "coverage" else "right")
        for row in rows:
            table.add_row(
                str(row.year),
                money(row.exports, divisor),
                money(row.imports, divisor),
                money(row.total, divisor),
                money(row.balance, divisor),
                percent(row.exports_growth),
                percent(row.imports_growth),
                "–" if row.confidential_share is None else f"{row.confidential_share:.1%}",
                row.coverage,
            )
        console.print(table)
    _show_other_notes(console, profile.notes)


def show_sectors(console: Console, sectors: Sectors, output: OutputFormat) -> None:
    """Print a pair's sectors as a table per view and flow, or as JSON / CSV."""
    document = {
        "reporter": sectors.reporter,
        "partner": sectors.partner,
        "year": sectors.year,
        "scheme": sectors.scheme,
        "notes": list(sectors.notes),
        "rows": sectors.records(),
    }
    if emit_data(console, output, sectors.records(), document):
        return
    _show_synthetic(console, sectors.notes)
    groups = dict.fromkeys((row.view, row.flow) for row in sectors.rows)
    for view, flow in groups:
        rows = [row for row in sectors.rows if (row.view, row.flow) == (view, flow)]
        divisor, unit = unit_for([row.value for row in rows])
        direction = "to" if flow == "export" else "from"
        table = Table(
            title=f"{sectors.reporter_name} {flow}s {direction} {sectors.partner_name}, "
            f"{sectors.year}, {view}",
            caption=f"{rows[0].source}, {rows[0].currency} {unit}, vintage {rows[0].vintage}",
        )
        for header in ("rank", sectors.scheme.upper(), "sector", "value", "share", "growth"):
            table.add_column(header, justify="left" if header == "sector" else "right")
        for row in rows:
            table.add_row(
                "" if row.rank is None else str(row.rank),
                row.code,
                row.title,
                money(row.value, divisor),
                "–" if row.share is None else f"{row.share:.1%}",
                percent(row.growth),
            )
        console.print(table)
    _show_other_notes(console, sectors.notes)


def _show_synthetic(console: Console, notes: Sequence[str]) -> None:
    for note in notes:
        if note.startswith("SYNTHETIC"):
            console.print(f"[bold yellow]{note}[/]")


def _show_other_notes(console: Console, notes: Sequence[str]) -> None:
    for note in notes:
        if not note.startswith("SYNTHETIC"):
            console.print(f"[dim]note: {note}[/]", highlight=False)


def show_ingest(console: Console, reports: Sequence[IngestReport], output: OutputFormat) -> None:
    """Print what each ingest did, a line per file with its notes below."""
    records = [record for report in reports for record in report.records()]
    if emit_data(console, output, records):
        return
    for r in reports:
        what = {
            "added": f"added {r.rows_stored:,} rows",
            "revised": f"revised: {r.rows_stored:,} rows replace {r.rows_replaced:,}",
            "unchanged": "unchanged",
        }[r.status]
        console.print(
            f"[bold]{r.file}[/]: {what} ({r.source}, periods {r.periods}, vintage {r.vintage}); "
            f"store version {r.flows_version}, {r.seconds:.2f} s",
            highlight=False,
        )
        if r.rows_quarantined:
            console.print(f"  {r.rows_quarantined:,} rows quarantined", highlight=False)
        for note in r.notes:
            console.print(f"  [dim]{note}[/]", highlight=False)


def show_info(console: Console, info: StoreInfo, output: OutputFormat) -> None:
    """Print the store's contents by source."""
    document = {
        "location": info.location,
        "flows_version": info.flows_version,
        "size_bytes": info.size_bytes,
        "files_ingested": info.files_ingested,
        "sources": info.records(),
    }
    if emit_data(console, output, info.records(), document):
        return
    console.print(
        f"store {info.location}: version {info.flows_version}, "
        f"{info.files_ingested} files ingested, {info.size_bytes / 1e6:,.1f} MB"
    )
    table = Table()
    for header in ("source", "rows", "years", "reporters", "vintages"):
        table.add_column(header)
    for s in info.sources:
        table.add_row(s.source, f"{s.rows:,}", s.years, str(s.reporters), s.vintages)
    console.print(table)


def show_history(console: Console, history: History, output: OutputFormat) -> None:
    """Print the ingests, oldest first."""
    if emit_data(console, output, history.records()):
        return
    table = Table(title="store history (use a version with --as-of)")
    for header in (
        "version",
        "at",
        "file",
        "source",
        "status",
        "rows",
        "replaced",
        "periods",
        "vintage",
    ):
        table.add_column(header)
    for e in history.entries:
        table.add_row(
            str(e.flows_version),
            e.started_at,
            e.file_name,
            e.source,
            e.status,
            f"{e.rows_stored:,}",
            f"{e.rows_replaced:,}",
            e.periods,
            e.vintage,
        )
    console.print(table)


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
    console.print(listing)


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
