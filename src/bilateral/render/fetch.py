"""Printing what a fetch downloaded and ingested."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.common import OutputFormat, emit_data
from bilateral.render.layout import print_table
from bilateral.results.fetch import FetchReport


def fetch_document(report: FetchReport) -> dict[str, Any]:
    """Return the `--format json` document of a fetch: its source, files and notes."""
    return {"source": report.source, "files": report.records(), "notes": list(report.notes)}


def show_fetch(console: Console, report: FetchReport, output: OutputFormat) -> None:
    """Print a line per fetched file, then the notes."""
    document = fetch_document(report)
    if emit_data(console, output, report.records(), document):
        return
    table = Table(title=f"fetch {report.source}")
    for header in ("file", "from", "bytes", "vintage", "store", "rows stored", "periods"):
        table.add_column(header)
    for f in report.files:
        table.add_row(
            f.path.rsplit("/", 1)[-1] or "– (no results)",
            "–" if not f.path else "cache" if f.from_cache else "download",
            f"{f.size:,}",
            f.vintage,
            f.status,
            "–" if f.ingest is None else f"{f.ingest.rows_stored:,}",
            "–" if f.ingest is None else f.ingest.periods,
        )
    print_table(console, table)
    console.print(
        f"{len(report.files)} files ({report.downloaded} downloaded), "
        f"{report.rows_stored:,} rows newly stored",
        highlight=False,
    )
    for note in report.notes:
        console.print(f"  [dim]{note}[/]", highlight=False)
