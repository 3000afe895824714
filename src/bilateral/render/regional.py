"""Printing a region's trade beside its country's."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.common import (
    OutputFormat,
    emit_data,
    money,
    show_other_notes,
    show_synthetic,
    sourced_document,
    unit_for,
)
from bilateral.render.layout import print_table
from bilateral.results.regional import RegionShare


def region_share_document(result: RegionShare) -> dict[str, Any]:
    """Return the region share as the JSON document of `--format json`."""
    return sourced_document(
        result, region=result.region, country=result.country, partner=result.partner
    )


def show_region_share(console: Console, result: RegionShare, output: OutputFormat) -> None:
    """Print the region's and the country's trade with the partner, and the region's shares."""
    document = region_share_document(result)
    if emit_data(console, output, result.records(), document):
        return
    show_synthetic(console, result.notes)
    values = [v for r in result.rows for v in (r.region_exports, r.country_exports)]
    divisor, unit = unit_for(values)
    table = Table(
        title=f"{result.region_name} and {result.country_name}: trade with {result.partner_name}",
        caption=f"{result.rows[0].currency} {unit}" if result.rows else None,
    )
    for header in ("year", "region exp.", "country exp.", "share", "region imp.",
                   "country imp.", "share", "sources"):  # fmt: skip
        table.add_column(header, justify="left" if header == "sources" else "right")
    for r in result.rows:
        table.add_row(
            str(r.year),
            money(r.region_exports, divisor),
            money(r.country_exports, divisor),
            "–" if r.exports_share is None else f"{r.exports_share:.1%}",
            money(r.region_imports, divisor),
            money(r.country_imports, divisor),
            "–" if r.imports_share is None else f"{r.imports_share:.1%}",
            f"{r.regional_source} / {r.national_source}",
        )
    print_table(console, table)
    show_other_notes(console, result.notes)
