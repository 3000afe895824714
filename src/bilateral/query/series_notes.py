"""Notes, provenance rows and period text of a pair's time series."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from bilateral.query.view_notes import mirror_view_notes
from bilateral.reference import Territory
from bilateral.results.notes import SYNTHETIC_NOTE, Note
from bilateral.results.series import Series, SeriesPoint, YearToDate
from bilateral.years import describe_years

MONTH_NAMES: Final = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)


def direction(side: str, flow: str) -> str:
    """Return a row's flow from the first territory's side: the mirror side declares the reverse.

    >>> direction("first", "export"), direction("second", "export")
    ('export', 'import')
    """
    if side == "first":
        return flow
    return "export" if flow == "import" else "import"


def month_span(first: int, last: int) -> str:
    """Return a run of months as text: `Jan-Sep`, or `Mar` for one month.

    >>> month_span(1, 9), month_span(3, 3)
    ('Jan-Sep', 'Mar')
    """
    if first == last:
        return MONTH_NAMES[first - 1]
    return f"{MONTH_NAMES[first - 1]}-{MONTH_NAMES[last - 1]}"


def series_notes(
    rows: Sequence[Mapping[str, Any]],
    points: Sequence[SeriesPoint],
    through_lines: Sequence[YearToDate],
    only_annual: Sequence[str],
    first: Territory,
    second: Territory,
    rolling: bool,
) -> list[str]:
    """Say what a reader must know: synthetic data, partial years, gaps, mirror valuation."""
    notes: list[str] = []
    if any(row["synthetic"] for row in rows):
        notes.append(SYNTHETIC_NOTE)
    partial = sorted(
        {(p.year, p.months, p.source, p.view) for p in points if p.partial and p.month is None}
    )
    short_months = sorted(
        {(p.source, p.view, p.period) for p in points if p.partial and p.month is not None}
    )
    for source, view in dict.fromkeys((s, v) for s, v, _ in short_months):
        periods = [period for s, v, period in short_months if (s, v) == (source, view)]
        notes.append(
            Note(
                f"{', '.join(periods)} of {source}, {view}: summed from fewer reporting members "
                "than the year's other months, so not whole months; rolling sums and years to "
                "date leave them out.",
                "partial_months",
                source=source,
                periods=periods,
            )
        )
    notes.extend(
        Note(
            f"{year} of {source}, {view}, sums {months} month{'s' if months > 1 else ''} only: "
            "not a full-year figure.",
            "partial_year",
            year=year,
            months=months,
            source=source,
        )
        for year, months, source, view in partial
    )
    notes.extend(only_annual)
    incomplete = sorted(
        {(y.year, y.period, y.months, y.through) for y in through_lines if not y.complete}
    )
    notes.extend(
        Note(
            f"{period}: only {months} of the {through} months are held; no change computed.",
            "year_to_date_incomplete",
            period=period,
            months=months,
            through=through,
        )
        for year, period, months, through in incomplete
    )
    if rolling:
        notes.append(
            Note(
                "12-month rolling sums are given only where all 12 months up to the month are "
                "held.",
                "rolling",
            )
        )
    mirrored = [p.mirror for p in points] + [y.mirror for y in through_lines]
    notes.extend(mirror_view_notes(mirrored, first, second))
    return notes


def used_rows(rows: Sequence[Mapping[str, Any]], series: Series) -> list[Mapping[str, Any]]:
    """Return the executed totals that the series' figures were computed from (for provenance)."""
    shown = {(p.source, p.reported_by, p.flow) for p in series.points}
    shown |= {(y.source, y.reported_by, y.flow) for y in series.year_to_date}
    codes = {"first": series.reporter, "second": series.partner}
    kinds = {"year" if series.frequency == "A" else "month"}
    if series.ytd_through is not None:
        kinds.add("month")
    earlier = series.rolling or series.ytd_through is not None or series.frequency == "A"
    first_year = min(series.years) - (1 if earlier else 0)
    return [
        row
        for row in rows
        if row["kind"] in kinds
        and int(row["year"]) >= first_year
        and (
            row["source"],
            codes[row["side"]],
            direction(row["side"], row["flow"]),
        )
        in shown
    ]


def series_period(series: Series) -> str:
    """Return the period a series covers as text: `2021-2023` or `2022-01 to 2023-09`."""
    if series.frequency == "M" and series.points:
        periods = sorted(p.period for p in series.points)
        first, last = periods[0], periods[-1]
        if series.ytd_through is None:
            return Note(f"{first} to {last}", "period_range", first=first, last=last)
        text = f"{first} to {last}"
    else:
        text = describe_years(list(series.years))
    if series.ytd_through is not None:
        text += f", {month_span(1, series.ytd_through)} year to date"
    return text
