"""The CN8 -> CPA 2.1 correspondence learnt from the Comext rows in the store, year by year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.query.compiled import compiled_sql
from bilateral.query.tables import table

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis


@compiled_sql
def cn_cpa_links_sql(year: int | None, *, dialect: str) -> str:
    """Return the SQL of each CN8 code's CPA codes in `year` (all years when None).

    `share` is the part of the CN8 code's value in the year that carried that CPA code: 1.0
    for a code with one CPA code, as nearly all are.
    """
    links = table("product_links")
    if year is not None:
        links = links.filter(links.year == year)
    summed = links.group_by(["year", "product", "product_cpa"]).aggregate(
        value=_.value.sum(), rows=_.rows.sum(), sources=_.source.nunique()
    )
    window = ibis.window(group_by=[summed.year, summed.product])
    shared = summed.mutate(share=summed.value / summed.value.sum().over(window))
    ordered = shared.rename(cn8="product", cpa="product_cpa").order_by(["year", "cn8", "cpa"])
    return str(ibis.to_sql(ordered, dialect=dialect))
