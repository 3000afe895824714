"""Printing a pair's products and the products that appeared or vanished."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.basis import comparison_label
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
from bilateral.results.products import Products


def products_document(products: Products) -> dict[str, Any]:
    """Return the products as the JSON document of `--format json`."""
    return {
        **sourced_document(
            products,
            reporter=products.reporter,
            partner=products.partner,
            year=products.year,
            depth=products.depth,
            flow=products.flow,
            compare_year=products.compare_year,
        ),
        "changes": products.change_records(),
    }


def products_csv_records(products: Products) -> list[dict[str, Any]]:
    """Return the lines of `--format csv`: the products, or the changes with a comparison year."""
    return products.records() if products.compare_year is None else products.change_records()


def show_products(console: Console, products: Products, output: OutputFormat) -> None:
    """Print a pair's products as a table per view, then the changes; or as JSON / CSV.

    CSV holds the product lines, or the changes when a comparison year was given.
    """
    if emit_data(console, output, products_csv_records(products), products_document(products)):
        return
    show_synthetic(console, products.notes)
    direction = "to" if products.flow == "export" else "from"
    for view in dict.fromkeys(row.view for row in products.rows):
        rows = [row for row in products.rows if row.view == view]
        divisor, unit = unit_for([row.value for row in rows])
        table = Table(
            title=f"{products.reporter_name} {products.flow}s {direction} "
            f"{products.partner_name}, {products.year}, {products.depth} digits, {view}",
            caption=f"{rows[0].source}, {rows[0].currency} {unit}, "
            f"{dated(rows[0].vintage, products.provenance)}",
        )
        for header in ("rank", "code", "product", "value", "share", "growth"):
            table.add_column(header, justify="left" if header == "product" else "right")
        for row in rows:
            table.add_row(
                "" if row.rank is None else str(row.rank),
                row.code,
                row.description,
                money(row.value, divisor),
                "–" if row.share is None else f"{row.share:.1%}",
                percent(row.growth),
            )
        print_table(console, table, key_columns=2)
        labels = dict.fromkeys(
            label
            for row in rows
            if row.growth is not None or row.comparison.withheld not in (None, "no_base")
            if (label := comparison_label(row.comparison, products.year, products.year - 1))
        )
        for label in labels:
            console.print(f"growth: {label}")
    for kind in ("appeared", "vanished"):
        changes = [change for change in products.changes if change.change == kind]
        if not changes:
            continue
        divisor, unit = unit_for([change.value for change in changes])
        table = Table(
            title=f"Products that {kind} between {products.compare_year} and {products.year}",
            caption=f"{changes[0].currency} {unit}; value in the year traded",
        )
        for header in ("view", "code", "product", "year", "value"):
            table.add_column(header, justify="left" if header in ("view", "product") else "right")
        for change in changes:
            table.add_row(
                change.view,
                change.code,
                change.description,
                str(change.year),
                money(change.value, divisor),
            )
        print_table(console, table, key_columns=2)
    show_other_notes(console, products.notes)
