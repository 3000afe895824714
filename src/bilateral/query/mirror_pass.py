"""The mirror statement as one pass over each rollup, for engines that share no scan.

`mirror_sql`'s three parts (totals, chapters, unallocated) read the totals rollup twice and
choose rows by semi-joins, each a scan of its own on Spark. Here every row of the totals
rollup is read once and tagged with each part it counts in (the pair's totals and either
territory's flows to every partner), the HS chapters of the products rollup are stacked
beside them, the choices of `pair_rows` are windows (`query.windowed`) and one aggregate
sums every part: the rows come out as `query.stacked` gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from bilateral.query.currency import converted
from bilateral.query.partner_kinds import CONFIDENTIAL_CODES, UNALLOCATED_CODES
from bilateral.query.selection import Selection, row_period, selection
from bilateral.query.stacked import spread
from bilateral.query.tables import table
from bilateral.query.totals import members_rank_of, sided_rows, with_reconciled_imports
from bilateral.query.windowed import window_chosen
from bilateral.reference import get

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

# Partners that hide the real one: not specified (GEONOM QU-QW, Comtrade's `_X` and regional
# "nes" codes, ...) or withheld for confidentiality (QX-QZ).
UNALLOCATED_PARTNERS: Final = tuple(sorted(UNALLOCATED_CODES | CONFIDENTIAL_CODES))
ROW_COLUMNS: Final = (
    "source", "reporter", "partner", "flow", "year", "month", "product_level", "code", "value",
    "confidential_value", "currency", "flags", "vintage",
)  # fmt: skip
# Tags of a totals row: the pair's totals, or the first's or second's flows to every partner.
PAIR, FIRST_TO_ALL, SECOND_TO_ALL = 0, 1, 2


def one_pass_mirror(
    first: Selection, second: Selection, years: tuple[int, ...], currency: str | None
) -> ibis.Table:
    """Return `mirror_sql`'s stacked rows (same parts, columns and figures) in one pass."""
    world = selection(get("WORLD"))
    rows = _totals_rows(first, second, world, years).union(
        _chapter_rows(first, second, years), distinct=False
    )
    grouped = first.is_group or second.is_group
    to_all = ibis.cases(
        (rows.side == "first", members_rank_of(first, world, rows)),
        else_=members_rank_of(second, world, rows),
    )
    pair = ibis.cases(
        (rows.side == "first", members_rank_of(first, second, rows)),
        else_=members_rank_of(second, first, rows),
    )
    members_rank = (rows.part == "unallocated").ifelse(
        to_all, pair if grouped else ibis.literal(0, "int8")
    )
    rows = rows.mutate(
        _members_key=(rows.part == "unallocated").ifelse(rows.partner, ibis.null("string"))
    )
    # Between two countries a rank is the same for every row of a part's group (the partner
    # is one of the keys of the flows to every partner): no window needed.
    chosen = window_chosen(
        rows,
        members_rank if grouped else None,
        ["part", "source", "side", "flow", "year", "_members_key"],
        ["reporter", "partner"],
    )
    chosen = chosen.filter((chosen.part != "unallocated") | (chosen.partner != world.code))
    chosen = chosen.mutate(raw_value=chosen.value)
    chosen = converted(chosen, currency) if currency else chosen.mutate(unconverted=False)
    return _summed(chosen, grouped)


def _totals_rows(
    first: Selection, second: Selection, world: Selection, years: Sequence[int]
) -> ibis.Table:
    """Return each totals row once per part and side it counts in (`part`, `side`)."""
    totals = table("rollup_totals")
    rows = totals.filter(totals.year.isin(list(years)))
    first_codes, second_codes = first.codes(), second.codes()
    if first_codes is not None and second_codes is not None:
        codes = sorted({*first_codes, *second_codes})
        rows = rows.filter(rows.reporter.isin(codes) | rows.partner.isin(codes))
    rows = with_reconciled_imports(rows)
    period = row_period(rows.year, rows.month)
    pair_side = ibis.cases(
        (first.matches(rows.reporter, period) & second.matches(rows.partner, period), "first"),
        (second.matches(rows.reporter, period) & first.matches(rows.partner, period), "second"),
        else_=ibis.null("string"),
    )
    to_all = world.matches(rows.partner, period)
    tags = [
        pair_side.notnull().ifelse(PAIR, ibis.null("int8")),
        (first.matches(rows.reporter, period) & to_all).ifelse(FIRST_TO_ALL, ibis.null("int8")),
        (second.matches(rows.reporter, period) & to_all).ifelse(SECOND_TO_ALL, ibis.null("int8")),
    ]
    rows = rows.mutate(_pair_side=pair_side, _tag=ibis.array(tags).unnest())
    rows = rows.filter(rows._tag.notnull())
    return rows.select(
        part=(rows._tag == PAIR).ifelse("totals", "unallocated"),
        side=ibis.cases(
            (rows._tag == PAIR, rows._pair_side),
            (rows._tag == FIRST_TO_ALL, "first"),
            else_="second",
        ),
        **{name: ibis.null("string") if name == "code" else rows[name] for name in ROW_COLUMNS},
    )


def _chapter_rows(first: Selection, second: Selection, years: Sequence[int]) -> ibis.Table:
    """Return the pair's rows of HS chapters, each with its `side`."""
    products = table("rollup_products")
    rows = sided_rows(products.filter(products.classification == "HS2"), first, second, years)
    return rows.select(
        part=ibis.literal("chapters"), side=rows.side, **{name: rows[name] for name in ROW_COLUMNS}
    )


def _summed(rows: ibis.Table, counted: bool) -> ibis.Table:
    """Sum every part in one aggregate and spread its columns as `query.stacked` does."""
    part = rows.part
    flags = rows.flags.fill_null("")
    summed = rows.group_by(
        part=part,
        source=rows.source,
        side=rows.side,
        flow=rows.flow,
        year=rows.year,
        month=(part == "totals").ifelse(rows.month, ibis.null("int8")),
        reporter=(part == "totals").ifelse(rows.reporter, ibis.null("string")),
        code=(part == "chapters").ifelse(rows.code, ibis.null("string")),
    ).aggregate(
        unconverted=rows.unconverted.sum(),
        value=rows.value.sum(),
        confidential_value=rows.confidential_value.sum(),
        currency=rows.currency.collect().mins(),
        vintage=rows.vintage.collect().maxs(),
        months=rows.month.collect().unique().length().fill_null(0),
        annual=rows.month.isnull().any(),
        synthetic=flags.contains("synthetic").any(),
        reconciled=flags.contains("reconciled").any(),
        file_dated=flags.contains("file_dated").any(),
        product_level=rows.product_level.min(),
        total=rows.raw_value.sum(),
        unallocated=rows.partner.isin(list(UNALLOCATED_PARTNERS)).ifelse(rows.raw_value, 0.0).sum(),
    )
    counts = {"reporters": ibis.literal(1, "int64"), "members": ibis.array([_.reporter])}
    summed = summed.mutate(**(counts if counted else {}))
    totals = [
        "source", "side", "flow", "year", "month", "reporter", "unconverted",
        *(("reporters", "members") if counted else ()),
        "value", "confidential_value", "currency", "vintage", "months", "annual", "synthetic",
        "reconciled", "file_dated", "product_level",
    ]  # fmt: skip
    return spread(
        summed,
        {
            "totals": totals,
            "chapters": ["source", "side", "flow", "year", "code", "unconverted", "value"],
            "unallocated": ["source", "flow", "year", "total", "unallocated", "side"],
        },
    )
