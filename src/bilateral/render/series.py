"""Printing a pair's time series and year-to-date comparisons."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

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
from bilateral.results.series import Series


def series_document(series: Series) -> dict[str, Any]:
    """Return the series as the JSON document of `--format json`."""
    return {
        **sourced_document(
            series,
            reporter=series.reporter,
            partner=series.partner,
            frequency=series.frequency,
            flow=series.flow,
            years=list(series.years),
            ytd_through=series.ytd_through,
            rolling=series.rolling,
        ),
        "year_to_date": series.year_to_date_records(),
    }


def series_csv_records(series: Series) -> list[dict[str, Any]]:
    """Return the lines of `--format csv`: the year to date where there is one, else the series."""
    return series.year_to_date_records() if series.year_to_date else series.records()


def show_series(console: Console, series: Series, output: OutputFormat) -> None:
    """Print a series as a table per view and flow, then the year to date, or as JSON / CSV.

    CSV holds the year-to-date lines when there are any (a year to date was asked and the
    store has the months), the series otherwise; JSON holds both, with the notes.
    """
    if emit_data(console, output, series_csv_records(series), series_document(series)):
        return
    show_synthetic(console, series.notes)
    for source, view, flow in series.views():
        _show_points(console, series, source, view, flow)
    _show_year_to_date(console, series)
    show_other_notes(console, series.notes)


def _show_points(console: Console, series: Series, source: str, view: str, flow: str) -> None:
    points = [p for p in series.points if (p.source, p.view, p.flow) == (source, view, flow)]
    divisor, unit = unit_for([v for p in points for v in (p.value, p.rolling_12m)])
    direction = "to" if flow == "export" else "from"
    table = Table(
        title=f"{series.reporter_name} {flow}s {direction} {series.partner_name}, {view}",
        caption=f"{source}, {points[0].currency} {unit}, "
        f"{dated(points[0].vintage, series.provenance)}",
    )
    table.add_column("period")
    table.add_column("value", justify="right")
    short_months = series.frequency != "A" and any(point.partial for point in points)
    if series.frequency == "A":
        table.add_column("growth", justify="right")
        table.add_column("coverage")
    if short_months:
        table.add_column("coverage")
    if series.rolling:
        table.add_column("12 months", justify="right")
    for point in points:
        cells = [point.period, money(point.value, divisor)]
        if series.frequency == "A":
            coverage = "annual" if point.basis == "annual" else f"{point.months} months"
            cells += [percent(point.growth), coverage + (" (partial)" if point.partial else "")]
        if short_months:
            cells.append("fewer members (partial)" if point.partial else "")
        if series.rolling:
            cells.append(money(point.rolling_12m, divisor))
        table.add_row(*cells)
    print_table(console, table)


def _show_year_to_date(console: Console, series: Series) -> None:
    if not series.year_to_date:
        return
    divisor, unit = unit_for([line.value for line in series.year_to_date])
    first = series.year_to_date[0]
    table = Table(
        title=f"{series.reporter_name} – {series.partner_name}, year to date",
        caption=f"{first.currency} {unit}",
    )
    for header in ("period", "view", "flow", "value", "previous", "change", "months"):
        table.add_column(header, justify="right" if header in ("value", "previous") else "left")
    for line in series.year_to_date:
        table.add_row(
            line.period,
            f"{line.view} ({line.source})",
            line.flow,
            money(line.value, divisor),
            money(line.previous, divisor),
            percent(line.change),
            f"{line.months} of {line.through}" + ("" if line.complete else " (incomplete)"),
        )
    print_table(console, table)
