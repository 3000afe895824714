"""Yearly totals of a pair, in both directions, from the rollups or from the flows."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
from ibis import _

# A source may hold a pair at several product levels; the first present is the one summed.
LEVEL_ORDER = ("TOTAL", "CN8", "HS6", "HS4", "HS2")


def product_level(flows: ibis.Table) -> ibis.Value:
    """Return the product level of each flow row (TOTAL, CN8, HS6, HS4, HS2)."""
    scheme = flows.product_scheme
    return ibis.cases(
        (scheme == "TOTAL", "TOTAL"),
        (scheme.startswith("CN"), "CN8"),
        else_=scheme,
    )


def totals_from_flows(flows: ibis.Table) -> ibis.Table:
    """Aggregate flows into the shape of the totals rollup (for `as_of` queries)."""
    confidential = flows.flags.fill_null("").contains("confidential")
    return (
        flows.mutate(product_level=product_level(flows))
        .group_by(["source", "reporter", "partner", "flow", "year", "month", "product_level"])
        .aggregate(
            value=_.value.sum(),
            confidential_value=confidential.ifelse(flows.value, 0.0).sum(),
            currency=_.currency.min(),
            flags=_.flags.fill_null("").group_concat(","),
            vintage=_.vintage.max(),
        )
    )


def pair_year_totals(
    totals: ibis.Table,
    first: Sequence[str],
    second: Sequence[str],
    years: Sequence[int],
) -> ibis.Table:
    """Sum each source's flows between two territories by reporting side, flow and year.

    `side` is "first" for rows the first territory reports and "second" for the partner's.
    Per source, side, flow and year only one product level is summed (the first of
    LEVEL_ORDER present) and annual rows win over monthly ones, so nothing is counted twice.
    """
    side = ibis.cases(
        (totals.reporter.isin(first) & totals.partner.isin(second), "first"),
        (totals.reporter.isin(second) & totals.partner.isin(first), "second"),
        else_=ibis.null(),
    )
    rank = totals.product_level.cases(
        *((level, i) for i, level in enumerate(LEVEL_ORDER)), else_=99
    )
    pair = totals.filter(totals.year.isin(list(years))).mutate(side=side, level_rank=rank)
    pair = pair.filter(pair.side.notnull())
    group = ["source", "side", "flow", "year"]
    window = ibis.window(group_by=[pair[name] for name in group])
    pair = pair.mutate(
        best_rank=pair.level_rank.min().over(window),
        has_annual=pair.month.isnull().any().over(window),
    )
    pair = pair.filter(
        (pair.level_rank == pair.best_rank) & (pair.month.isnull() | ~pair.has_annual)
    )
    return pair.group_by(group).aggregate(
        value=_.value.sum(),
        confidential_value=_.confidential_value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        months=_.month.nunique(),
        annual=_.month.isnull().any(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        product_level=_.product_level.min(),
    )
