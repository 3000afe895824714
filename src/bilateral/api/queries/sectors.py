"""The pair's trade in a year by sector (CPA, HS chapters or finer, SITC, BEC), in every view."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.api.queries.titles import sector_title
from bilateral.errors import NoDataError
from bilateral.query.coverage import coded_year_rows, held_figures
from bilateral.query.product_titles import ProductTitles
from bilateral.query.products import products_sql, with_holdings
from bilateral.query.sectors import (
    CPA_PARTS,
    DETAIL_DEPTH,
    REGROUPED,
    Scheme,
    build_sectors,
    code_schemes,
    cpa_placed_rows,
    detail_sector_rows,
    regrouped_rows,
    sectors_sql,
)
from bilateral.query.stacked import split_parts
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.sectors import Language
from bilateral.results import Sectors
from bilateral.schema import Flow


@dataclass(frozen=True)
class SectorsOptions:
    year: int
    scheme: Scheme
    top: int | None
    language: Language
    span: int | None
    flow: Flow | None


def sectors_figures(run: Run, options: SectorsOptions) -> Answer[Sectors]:
    """Read the pair's sectors (rollups, or product detail regrouped) and rank them."""
    first, second = run.territories
    year, scheme = options.year, options.scheme
    titles: ProductTitles | None = None
    regroup_notes: list[str] = []
    if scheme in DETAIL_DEPTH:
        rows, titles, regroup_notes = _detail_rows(run, options)
    else:
        read = run.read(
            sectors_sql, *run.selections, year, scheme, span=options.span, currency=run.target
        )
        read, held = split_parts(read, CPA_PARTS) if scheme == "cpa" else (read, [])
        rows = coded_year_rows(run.checked(read))
        if scheme == "cpa":  # views without CPA links placed through their HS codes
            placed, regroup_notes = cpa_placed_rows(
                lambda sql: run.checked(run.engine.execute_sql(sql).to_pylist()),
                (run.selections[0], run.selections[1]),
                (year - 1, year, year - (options.span or 1)),
                rows,
                held,
                dialect=run.engine.dialect,
                currency=run.target,
            )
            rows.extend(placed)
    title = _title(titles, options, run.reference.catalogue)
    result = build_sectors(rows, first, second, year, scheme, title, options.top, options.span)
    notes = [*(titles.notes if titles is not None else ()), *regroup_notes]  # titles as used
    if options.flow is not None:  # the first territory's flow, in every view
        kept = tuple(row for row in result.rows if row.flow == options.flow)
        result = dataclasses.replace(result, rows=kept)
    return Answer(
        result,
        rows=rows,
        cited=[row for row in rows if row["year"] == year],
        period=str(year),
        notes=notes,
        group_years=[year],
        empty=not result.rows,
        years=[year],
    )


def _detail_rows(
    run: Run, options: SectorsOptions
) -> tuple[list[dict[str, Any]], ProductTitles | None, list[str]]:
    """Return the sector rows made of product detail, their product titles (none when they
    are regrouped into sections) and the notes on the regrouping."""
    year, scheme = options.year, options.scheme
    years = tuple(sorted({year - 1, year, year - (options.span or 1)}))
    depth = DETAIL_DEPTH[scheme]
    by_flow = {
        flow: with_holdings(
            run.read(products_sql, *run.selections, years, depth, flow, currency=run.target)
        )
        for flow in ("export", "import")
    }
    rows = run.checked(detail_sector_rows(by_flow))
    catalogue = run.reference.catalogue
    titles: ProductTitles | None = ProductTitles(catalogue, code_schemes(rows, year))
    regroup_notes: list[str] = []
    if scheme in REGROUPED:
        rows, regroup_notes = regrouped_rows(rows, scheme, catalogue)
        titles = None
    held_figures(rows)
    return rows, titles, regroup_notes


def _title(
    titles: ProductTitles | None, options: SectorsOptions, catalogue: Catalogue
) -> Callable[[str], str]:
    if titles is None:
        return sector_title(options.scheme, options.language, catalogue)
    return lambda code: titles(code, options.year)


def _no_sectors(run: Run, options: SectorsOptions) -> NoDataError:
    return run.no_data([options.year], need="detail")


SECTORS: Query[SectorsOptions, Sectors] = Query("sectors", sectors_figures, no_data=_no_sectors)
