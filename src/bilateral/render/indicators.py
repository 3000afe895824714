"""Printing a pair's trade indicators."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.basis import WITHHELD_LABELS
from bilateral.render.common import (
    SYNTHETIC_NOTE,
    OutputFormat,
    emit_data,
    show_synthetic,
    sourced_document,
)
from bilateral.render.layout import print_table
from bilateral.results.indicators import Indicators


def indicators_document(result: Indicators) -> dict[str, Any]:
    """Return the indicators as the JSON document of `--format json`."""
    return sourced_document(
        result,
        reporter=result.reporter,
        partner=result.partner,
        year=result.year,
        synthetic=result.synthetic,
    )


def show_indicators(console: Console, result: Indicators, output: OutputFormat) -> None:
    """Print each source's indicators with the figures they were computed on."""
    document = indicators_document(result)
    if emit_data(console, output, result.records(), document):
        return
    if result.synthetic:
        show_synthetic(console, [SYNTHETIC_NOTE])
    for source in dict.fromkeys(row.source for row in result.rows):
        table = Table(
            title=f"{result.reporter_name} – {result.partner_name}, {result.year}", caption=source
        )
        for header in ("indicator", "value", "computed on"):
            table.add_column(header, justify="right" if header == "value" else "left")
        for row in (r for r in result.rows if r.source == source):
            value = "–" if row.value is None else f"{row.value:,.3f}"
            basis = row.basis
            if row.withheld is not None:
                basis += f" (not computed: {WITHHELD_LABELS[row.withheld]})"
            table.add_row(row.name, value, basis)
        print_table(console, table)
    for note in result.notes:
        console.print(f"[dim]note: {note}[/]", highlight=False)
