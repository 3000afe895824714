"""Printing a pair's mirror statistics: gaps by year and direction, then by chapter."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.basis import WITHHELD_LABELS, months_label
from bilateral.render.common import (
    OutputFormat,
    emit_data,
    money,
    percent,
    show_other_notes,
    show_synthetic,
    sourced_document,
    unit_for,
)
from bilateral.render.layout import print_table
from bilateral.results import Mirror, MirrorRow


def mirror_document(mirror: Mirror) -> dict[str, Any]:
    """Return the mirror as the JSON document of `--format json`."""
    return {
        **sourced_document(
            mirror, reporter=mirror.reporter, partner=mirror.partner, years=list(mirror.years)
        ),
        "chapters": mirror.chapter_records(),
    }


def show_mirror(console: Console, mirror: Mirror, output: OutputFormat) -> None:
    """Print mirror statistics as a table per source and chapter tables, or as JSON / CSV.

    JSON holds the rows, the chapters, the notes and the provenance; CSV holds the rows only
    (one per source, year and direction).
    """
    document = mirror_document(mirror)
    if emit_data(console, output, mirror.records(), document):
        return
    show_synthetic(console, mirror.notes)
    for source in dict.fromkeys(row.source for row in mirror.rows):
        _show_rows(console, mirror, [row for row in mirror.rows if row.source == source])
    _show_chapters(console, mirror)
    show_other_notes(console, mirror.notes)


def _confidential(row: MirrorRow, value: float | None, divisor: float) -> str:
    return "n/m" if row.confidentiality == "not measurable" else money(value, divisor)


def _bases(rows: list[MirrorRow], divisor: float) -> str:
    """Say the imports' basis where the importer publishes both, and the like-basis gap."""
    lines = []
    for row in rows:
        if row.imports_other_value is None or row.import_valuation is None:
            continue
        other = "FOB" if row.import_valuation == "CIF" else "CIF"
        line = (
            f"{row.year} {row.direction}: imports valued {row.import_valuation}, "
            f"{other} {money(row.imports_other_value, divisor)}"
        )
        if row.gap_like_basis is not None:
            line += (
                f"; gap FOB against FOB {money(row.gap_like_basis, divisor)} "
                f"({percent(row.gap_share_like_basis)})"
            )
        lines.append(line)
    return "".join(f"\n{line}" for line in lines)


def _show_rows(console: Console, mirror: Mirror, rows: list[MirrorRow]) -> None:
    divisor, unit = unit_for([v for r in rows for v in (r.exports_reported, r.imports_reported)])
    table = Table(
        title=f"{mirror.reporter_name} – {mirror.partner_name}, mirror statistics",
        caption=f"{rows[0].source}, {rows[0].currency} {unit}; "
        + ("one reconciled figure per flow" if rows[0].reconciled else rows[0].expected_band)
        + (
            "; conf. n/m: not measurable in published totals or reconciled flows"
            if any(row.confidentiality == "not measurable" for row in rows)
            else ""
        )
        + _bases(rows, divisor),
    )
    headers = ("year", "direction", "exports", "imports", "gap", "gap %", "in band")
    extra = ("conf. exp.", "conf. imp.", "unalloc. exp.", "unalloc. imp.", "months")
    for header in (*headers, *extra):
        table.add_column(header, justify="left" if header == "direction" else "right")
    for row in rows:
        table.add_row(
            str(row.year),
            row.direction,
            money(row.exports_reported, divisor),
            money(row.imports_reported, divisor),
            money(row.gap, divisor),
            percent(row.gap_share),
            {True: "yes", False: "no", None: "–"}[row.within_band],
            _confidential(row, row.confidential_exporter, divisor),
            _confidential(row, row.confidential_importer, divisor),
            _share(row.unallocated_exporter),
            _share(row.unallocated_importer),
            f"{_months(row.months_exporter)}/{_months(row.months_importer)}",
        )
    print_table(console, table, key_columns=2)
    for row in rows:
        if row.gap_withheld is not None:
            reason = WITHHELD_LABELS[row.gap_withheld]
            console.print(f"gap {row.year} {row.direction} not computed: {reason}")
        elif row.months_exporter != row.months_importer and row.gap_comparison.months:
            months = months_label(row.gap_comparison.months)
            console.print(f"gap {row.year} {row.direction}: {months} of both declarations")


def _show_chapters(console: Console, mirror: Mirror) -> None:
    groups = dict.fromkeys((c.source, c.year, c.direction) for c in mirror.chapters)
    for source, year, direction in groups:
        key = (source, year, direction)
        lines = [c for c in mirror.chapters if (c.source, c.year, c.direction) == key]
        divisor, unit = unit_for([v for c in lines for v in (c.exports_reported, c.gap)])
        table = Table(
            title=f"{direction} {year}: gap by HS chapter",
            caption=f"{source}, {lines[0].currency} {unit}; largest gaps first",
        )
        for header in ("HS", "chapter", "exports", "imports", "gap"):
            table.add_column(header, justify="left" if header == "chapter" else "right")
        for line in lines:
            table.add_row(
                line.chapter,
                line.title,
                money(line.exports_reported, divisor),
                money(line.imports_reported, divisor),
                money(line.gap, divisor),
            )
        print_table(console, table)


def _share(value: float | None) -> str:
    if value is None:
        return "–"
    return "<0.05%" if 0 < abs(value) < 0.0005 else f"{value:.1%}"


def _months(value: int | None) -> str:
    return "–" if value is None else str(value)
