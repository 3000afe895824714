"""Printing a reporter's partners."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.basis import PARTNER_KIND_LABELS, WITHHELD_LABELS, comparison_label
from bilateral.render.common import (
    OutputFormat,
    dated,
    emit_data,
    money,
    percent,
    show_other_notes,
    show_synthetic,
    sourced_document,
    unit_for,
)
from bilateral.render.layout import print_table
from bilateral.results.partners import PartnerRow, Partners


def partners_document(partners: Partners) -> dict[str, Any]:
    """Return the partners as the JSON document of `--format json`."""
    return sourced_document(
        partners,
        reporter=partners.reporter,
        year=partners.year,
        flow=partners.flow,
        partner=partners.partner,
    )


def show_partners(console: Console, partners: Partners, output: OutputFormat) -> None:
    """Print a reporter's partners as a table per source, or as JSON / CSV."""
    document = partners_document(partners)
    if emit_data(console, output, partners.records(), document):
        return
    show_synthetic(console, partners.notes)
    for source in dict.fromkeys(row.source for row in partners.rows):
        rows = [row for row in partners.rows if row.source == source]
        divisor, unit = unit_for([row.value for row in rows])
        direction = "to" if partners.flow == "export" else "from"
        table = Table(
            title=f"{partners.reporter_name}: {partners.flow}s {direction} its partners, "
            f"{partners.year}",
            caption=f"{source}, {rows[0].currency} {unit}, "
            f"{dated(rows[0].vintage, partners.provenance)}",
        )
        for header in ("rank", "change", "code", "partner", "value", "share", "growth"):
            table.add_column(header, justify="left" if header == "partner" else "right")
        apart = next((row for row in rows if row.line == "apart"), None)
        for row in rows:
            style = "bold" if row.code == partners.partner else None
            if row is apart or (row.line == "group" and row.code == "EU27_2020"):
                table.add_section()
            table.add_row(
                "" if row.rank is None else str(row.rank),
                _rank_change(row),
                row.code,
                _name(row),
                money(row.value, divisor),
                "–" if row.share is None else f"{row.share:.1%}",
                percent(row.growth),
                style=style,
            )
        print_table(console, table, key_columns=3)
        labels = dict.fromkeys(
            label
            for row in rows
            if row.growth is not None or row.comparison.withheld not in (None, "no_base")
            if (label := comparison_label(row.comparison, partners.year, partners.year - 1))
        )
        for label in labels:
            console.print(f"growth: {label}")
        ranked = [row for row in rows if row.line == "partner"]
        if ranked and ranked[0].withheld is not None:
            console.print(f"rank and share: not computed: {WITHHELD_LABELS[ranked[0].withheld]}")
        elif ranked and (
            label := comparison_label(ranked[0].rank_comparison, partners.year, partners.year - 1)
        ):
            console.print(f"rank change: {label}")
    show_other_notes(console, partners.notes)


def _name(row: PartnerRow) -> str:
    if row.basis == "published":
        return f"{row.name} (published)"
    if row.line == "apart":
        return f"{row.name} ({PARTNER_KIND_LABELS[row.partner_kind]}, not ranked)"
    return row.name


def _rank_change(row: PartnerRow) -> str:
    if row.rank is None:
        return ""
    if row.rank_change is None:
        # "new" only where ranks were compared and the partner had none the year before.
        return "–" if row.rank_comparison.withheld is not None else "new"
    return "=" if row.rank_change == 0 else f"{row.rank_change:+d}"
