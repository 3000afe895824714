"""The pair's trade indicators in a year, one set per source."""

from __future__ import annotations

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.query.coverage import MIN_WORLD_REPORTERS
from bilateral.query.pair_indicators import (
    completeness_by_source,
    compute_indicators,
    indicator_inputs_sql,
    partner_values_sql,
    partners_by_flow,
    slices_by_source,
    total_inputs_sql,
    world_inputs_sql,
)
from bilateral.query.selection import selection
from bilateral.reference import get
from bilateral.results.indicators import IndicatorRow, Indicators
from bilateral.results.notes import Note

WORLD_NOTE = Note(
    "The store's world is the sum of every reporter it holds; indicators that need it "
    f"(intensity, RCA) are withheld unless it holds {MIN_WORLD_REPORTERS} reporters or "
    "more, and those that need the partner's imports from all partners unless they are "
    "its own declarations.",
    "world_reporters",
    minimum=MIN_WORLD_REPORTERS,
)


def indicator_figures(run: Run, year: int) -> Answer[Indicators]:
    """Read the pair's and the world's chapter values and compute each source's indicators."""
    first, second = run.territories
    world = selection(get("WORLD"))
    inputs = run.read(indicator_inputs_sql, *run.selections, world, year)
    inputs += run.read_snapshot_wide(world_inputs_sql, world, year)
    partner_rows = run.read(partner_values_sql, run.selections[0], world, year)
    by_source = slices_by_source(inputs)
    pair_sources = sorted(s for s, slices in by_source.items() if ("pair", "export") in
                          slices or ("pair", "import") in slices)  # fmt: skip
    # Sources with no chapters for the pair but its published totals (Comtrade TOTAL files).
    totals = [
        r
        for r in run.read(total_inputs_sql, *run.selections, world, year)
        if r["source"] not in pair_sources
    ]
    by_total = slices_by_source(totals)
    total_sources = sorted(s for s, slices in by_total.items() if ("pair", "export") in
                           slices or ("pair", "import") in slices)  # fmt: skip
    complete = completeness_by_source(inputs + totals)
    rows = tuple(
        IndicatorRow(source, name, value, basis, withheld)
        for source in pair_sources
        for name, value, basis, withheld in compute_indicators(
            by_source[source], partners_by_flow(partner_rows, source, first), complete[source]
        )
    ) + tuple(
        IndicatorRow(source, name, value, basis, withheld)
        for source in total_sources
        for name, value, basis, withheld in compute_indicators(
            by_total[source],
            partners_by_flow(partner_rows, source, first),
            complete[source],
            chapter_detail=False,
        )
    )
    pair_sources = sorted({*pair_sources, *total_sources})
    synthetic = any(r["synthetic"] for r in inputs + totals if r["source"] in pair_sources)
    result = Indicators(
        first.code, first.name, second.code, second.name, year, rows, (), synthetic=synthetic
    )
    return Answer(
        result,
        cited=[{"source": s, "vintage": None, "currency": None} for s in pair_sources],
        period=str(year),
        notes=[WORLD_NOTE],
        empty=not pair_sources,
        years=[year],
    )


INDICATORS: Query[int, Indicators] = Query("indicators", indicator_figures)
