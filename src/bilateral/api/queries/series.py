"""The pair's annual or monthly series of each flow, in every view."""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.query.series import build_series, series_sql
from bilateral.query.series_notes import series_period, used_rows
from bilateral.results.series import Frequency, Series, SeriesFlow
from bilateral.sources import FORMATS


@dataclass(frozen=True)
class SeriesOptions:
    flow: SeriesFlow
    frequency: Frequency
    ytd_through: int | None
    rolling: bool


def series_figures(run: Run, options: SeriesOptions) -> Answer[Series]:
    """Read the pair's totals by period and build the asked flows' series."""
    first, second = run.territories
    # No years asked: the statement reads every year held, and the held years are its own.
    rows = run.converted(series_sql, *run.selections, run.years or None)
    if not run.years:
        run.years = tuple(sorted({int(row["year"]) for row in rows if row["kind"] == "year"}))
        if not run.years:
            raise run.no_data(None)
    result = build_series(
        rows,
        first,
        second,
        list(run.years),
        flow=options.flow,
        frequency=options.frequency,
        ytd_through=options.ytd_through,
        rolling=options.rolling,
        partial_product_sources=[f.name for f in FORMATS if not f.complete_products],
    )
    return Answer(
        result,
        rows=rows,
        cited=used_rows(rows, result),
        period=series_period(result),
        group_years=run.years,
        empty=not result.points and not result.year_to_date,
        years=run.years,
    )


# No `held_years`: the series' own statement finds the years held (one statement, not two).
SERIES: Query[SeriesOptions, Series] = Query("series", series_figures)
