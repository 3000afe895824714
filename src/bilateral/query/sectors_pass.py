"""The sectors statement as one pass over the products rollup, for engines that share no scan.

`sectors_sql` chooses the pair's rows by semi-joins and, for CPA, reads the views with product
detail from the totals rollup: on Spark each is a scan (and a stage) of its own. Here the
products rollup is read once: its CPA divisions are the sectors, and its HS chapters of
6- or 8-digit rows name the views with product detail (every such row of the totals rollup
has its chapters beside it, summed from the same grouping at ingest). The choices of
`pair_rows` are windows (`query.windowed`) and one aggregate sums both parts: the rows come
out as `query.stacked` gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from bilateral.query.currency import converted
from bilateral.query.products import DETAIL_LEVELS
from bilateral.query.selection import Selection
from bilateral.query.stacked import spread
from bilateral.query.tables import table
from bilateral.query.totals import members_rank_of, sided_rows
from bilateral.query.windowed import window_chosen

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis

CHAPTERS: Final = "HS2"  # the products rollup's classification of HS chapters
ROW_COLUMNS: Final = (
    "source", "reporter", "partner", "flow", "year", "month", "product_level", "code", "value",
    "confidential_value", "currency", "flags", "vintage",
)  # fmt: skip
BY_MONTH: Final = (
    "source", "side", "flow", "year", "code", "month", "unconverted", "members", "value",
    "currency", "vintage", "synthetic", "file_dated",
)  # fmt: skip
VIEW: Final = ("source", "side", "flow", "year")


def one_pass_sectors(
    first: Selection,
    second: Selection,
    years: Sequence[int],
    classification: str,
    currency: str | None,
    *,
    detail_views: bool,
) -> ibis.Table:
    """Return `sectors_sql`'s rows (the same parts, columns and figures) from one scan of the
    products rollup, with one shuffle for the windows and the aggregate.

    With `detail_views` the views holding 6- or 8-digit product detail are a part of their
    own, counted from the chapter rows of those levels (`rows` counts chapter rows, not totals
    rows: only the views are read).
    """
    products = table("rollup_products")
    wanted = products.classification == classification
    if detail_views:
        chapters = (products.classification == CHAPTERS) & products.product_level.isin(
            list(DETAIL_LEVELS[6])
        )
        wanted = wanted | chapters
    sided = sided_rows(products.filter(wanted), first, second, years)
    rows = sided.select("side", *ROW_COLUMNS, part=ibis.literal("sectors"))
    if detail_views:
        # counted only: one level and annual, so the choices keep every row of a view
        detail = sided.classification != classification
        rows = sided.select(
            "side",
            *(name for name in ROW_COLUMNS if name not in ("month", "product_level", "code")),
            month=detail.ifelse(ibis.null("int8"), sided.month),
            product_level=detail.ifelse(ibis.literal("TOTAL"), sided.product_level),
            code=detail.ifelse(ibis.null("string"), sided.code),
            part=detail.ifelse(ibis.literal("detail_views"), ibis.literal("sectors")),
        )
    # Between two countries every row is a member's; the window over each view is kept all
    # the same: its shuffle (by view) also serves the level's window and the aggregate.
    members_rank = ibis.literal(0, "int8")
    if first.is_group or second.is_group:  # the views with detail keep every member
        members_rank = ibis.cases(
            (rows.part == "detail_views", ibis.literal(0, "int8")),
            (rows.side == "first", members_rank_of(first, second, rows)),
            else_=members_rank_of(second, first, rows),
        )
    chosen = window_chosen(
        rows, members_rank, ["part", *VIEW], ["reporter", "partner"], one_sort=True
    )
    chosen = converted(chosen, currency) if currency else chosen.mutate(unconverted=False)
    flags = chosen.flags.fill_null("")
    summed = chosen.group_by("part", *VIEW, "code", "month").aggregate(
        unconverted=chosen.unconverted.sum(),
        members=chosen.reporter.collect(),
        value=chosen.value.sum(),
        currency=chosen.currency.min(),
        vintage=chosen.vintage.max(),
        synthetic=flags.contains("synthetic").any(),
        file_dated=flags.contains("file_dated").any(),
        rows=chosen.count(),
    )
    if not detail_views:
        return summed.select(*BY_MONTH)
    return spread(summed, {"sectors": list(BY_MONTH), "detail_views": [*VIEW, "rows"]})
