"""Printing ingests, the store's contents and its history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.common import SYNTHETIC_NOTE, OutputFormat, emit_data, show_synthetic
from bilateral.render.layout import print_table
from bilateral.results import History, IngestReport, StoreInfo
from bilateral.results.store_check import StoreCheck, VacuumReport


def show_ingest(console: Console, reports: Sequence[IngestReport], output: OutputFormat) -> None:
    """Print what each ingest did, a line per file with its notes below."""
    records = [record for report in reports for record in report.records()]
    if emit_data(console, output, records):
        return
    for r in reports:
        what = {
            "added": f"added {r.rows_stored:,} rows",
            "revised": (
                f"revised: {r.rows_replaced:,} rows replaced, {r.rows_added:,} added, "
                f"{r.rows_removed:,} removed, {r.rows_unchanged:,} unchanged"
            ),
            "unchanged": "unchanged",
        }[r.status]
        dated = "file date" if r.vintage_kind == "file_date" else "vintage"
        console.print(
            f"[bold]{r.file}[/]: {what} ({r.source}, periods {r.periods}, {dated} {r.vintage}); "
            f"store version {r.flows_version}, {r.seconds:.2f} s",
            highlight=False,
        )
        if r.rows_quarantined:
            console.print(f"  {r.rows_quarantined:,} rows quarantined", highlight=False)
        for note in r.notes:
            console.print(f"  [dim]{note}[/]", highlight=False)


def info_document(info: StoreInfo) -> dict[str, Any]:
    """Return the store's contents as the JSON document of `--format json`."""
    return {
        "location": info.location,
        "flows_version": info.flows_version,
        "size_bytes": info.size_bytes,
        "files_ingested": info.files_ingested,
        "sources": info.records(),
    }


def show_info(console: Console, info: StoreInfo, output: OutputFormat) -> None:
    """Print the store's contents by source."""
    document = info_document(info)
    if emit_data(console, output, info.records(), document):
        return
    if any(source.synthetic for source in info.sources):
        show_synthetic(console, [SYNTHETIC_NOTE])
    console.print(
        f"store {info.location}: version {info.flows_version}, "
        f"{info.files_ingested} files ingested, {info.size_bytes / 1e6:,.1f} MB"
    )
    table = Table()
    for header in ("source", "rows", "years", "reporters", "vintages"):
        table.add_column(header)
    for s in info.sources:
        table.add_row(s.source, f"{s.rows:,}", s.years, str(s.reporters), s.vintages)
    print_table(console, table)


def show_history(console: Console, history: History, output: OutputFormat) -> None:
    """Print the ingests, oldest first."""
    if emit_data(console, output, history.records()):
        return
    if any(entry.synthetic for entry in history.entries):
        show_synthetic(console, [SYNTHETIC_NOTE])
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
    print_table(console, table)


_PROBLEM_LABELS = {
    "log-missing": "Delta log missing",
    "log-damaged": "Delta log damaged",
    "unpublished-commits": "commits never published",
    "file-missing": "data file missing",
    "file-size": "data file of the wrong size",
    "file-unreadable": "data file unreadable",
    "row-count": "data file with the wrong row count",
    "orphan-file": "file no version uses",
    "staging-leftover": "leftover of an ingest that died",
    "interrupted-write": "interrupted write",
    "rollup-mismatch": "rollup differs from the flows",
}


def show_store_check(console: Console, check: StoreCheck, output: OutputFormat) -> None:
    """Print what `store check` verified and found (and what a repair did)."""
    document = {
        "location": check.location,
        "ok": check.ok,
        "tables": check.tables,
        "files_checked": check.files_checked,
        "rows_checked": check.rows_checked,
        "findings": check.records(),
        "repaired": list(check.repaired),
    }
    if emit_data(console, output, check.records(), document):
        return
    for line in check.repaired:
        console.print(f"repaired: {line}", highlight=False)
    state = "consistent" if check.ok else f"{len(check.findings)} problem(s) found"
    console.print(
        f"store {check.location}: {state} ({check.tables} tables, {check.files_checked:,} "
        f"files, {check.rows_checked:,} rows checked)",
        highlight=False,
    )
    for finding in check.findings:
        where = f"\n    {finding.file}" if finding.file else ""
        console.print(
            f"  [bold]{finding.table}[/]: {_PROBLEM_LABELS[finding.problem]}: {finding.detail}"
            f"{where}\n    repair: {finding.repair}",
            highlight=False,
        )


def show_vacuum(console: Console, report: VacuumReport, output: OutputFormat) -> None:
    """Print what `store vacuum` removed."""
    if emit_data(console, output, report.records()):
        return
    kept = (
        "every version stays readable"
        if report.unreadable_before is None
        else f"flows versions before {report.unreadable_before} can no longer be read"
    )
    console.print(
        f"store {report.location}: removed {report.files_removed} files "
        f"({report.bytes_freed / 1e6:,.1f} MB); {kept}",
        highlight=False,
    )
