"""The pair's top products in a year at 2, 4, 6 or 8 digits, in every view."""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.errors import NoDataError
from bilateral.query.product_titles import ProductTitles
from bilateral.query.products import Depth, build_products
from bilateral.query.products_ranked import cited_rows, line_rows, ranked_products_sql
from bilateral.results.products import Products
from bilateral.schema import Flow


@dataclass(frozen=True)
class ProductsOptions:
    year: int
    depth: Depth
    flow: Flow
    top: int | None
    compare_year: int | None


def products_figures(run: Run, options: ProductsOptions) -> Answer[Products]:
    """Read the pair's ranked products in the year, the year before and the compared year."""
    first, second = run.territories
    year, compare_year = options.year, options.compare_year
    rows = run.converted(
        ranked_products_sql,
        *run.selections,
        year,
        options.depth,
        options.flow,
        options.top,
        compare_year,
    )
    titles = ProductTitles(run.reference.catalogue)
    result = build_products(
        rows, first, second, year, options.depth, options.flow, titles, compare_year
    )
    return Answer(
        result,
        rows=line_rows(rows),
        cited=cited_rows(rows, year),
        period=str(year),
        group_years=[year],
        empty=not result.rows,
    )


def _no_products(run: Run, options: ProductsOptions) -> NoDataError:
    return run.no_data([options.year], need="detail")


PRODUCTS: Query[ProductsOptions, Products] = Query(
    "products", products_figures, no_data=_no_products
)
