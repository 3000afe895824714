"""Yearly totals of a pair, in both directions, from the rollups or from the flows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilateral.query.currency import converted
from bilateral.query.selection import Selection, row_period

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

# Sources whose rows may be reconciled: one row for both the exporter's and the importer's view.
RECONCILED_SOURCES = ("baci",)
# A source may hold a pair at several product levels; the first present is the one summed.
LEVEL_ORDER = ("TOTAL", "CN8", "HS6", "HS4", "HS2")
# A product scheme that names its HS revision: HS1992 ... HS2022.
HS_REVISION_PATTERN = r"^HS[0-9]{4}$"


def product_level(flows: ibis.Table) -> ibis.Value:
    """Return the product level of each flow row (TOTAL, CN8, HS6, HS4, HS2).

    A scheme naming an HS revision (`HS1992`, `HS2022`) is a 6-digit subheading of it.
    """
    scheme = flows.product_scheme
    return ibis.cases(
        (scheme == "TOTAL", "TOTAL"),
        (scheme.startswith("CN"), "CN8"),
        (scheme.re_search(HS_REVISION_PATTERN), "HS6"),
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


def pair_rows(
    rows: ibis.Table,
    first: Selection,
    second: Selection,
    years: Sequence[int],
    keys: Sequence[str] = (),
) -> ibis.Table:
    """Return the rows between two territories that are summed, each with its `side`.

    `side` is "first" for rows the first territory reports and "second" for the partner's.
    Per source, side, flow, year (and `keys`) and pair of codes only one product level is kept
    (the first of LEVEL_ORDER present) and annual rows win over monthly ones; per source, side,
    flow and year a group's published aggregate rows win over its members' rows, so nothing is
    counted twice.
    """
    return chosen_rows(sided_rows(rows, first, second, years), first, second, keys)


def chosen_rows(
    pair: ibis.Table, first: Selection, second: Selection, keys: Sequence[str] = ()
) -> ibis.Table:
    """Return the rows of `sided_rows` that are summed, by the rules of `pair_rows`."""
    members_rank = None
    if first.is_group or second.is_group:
        members_rank = ibis.cases(
            (pair.side == "first", members_rank_of(first, second, pair)),
            else_=members_rank_of(second, first, pair),
        )
    return ranked_rows(pair, members_rank, keys)


def ranked_rows(
    pair: ibis.Table, members_rank: ibis.IntegerValue | None, keys: Sequence[str] = ()
) -> ibis.Table:
    """Return the rows of `pair` kept by the rules of `pair_rows`: per source, side, flow,
    year (and `keys`) the lowest `members_rank` (None: every row is a member's), and per pair
    of codes the first product level present, annual rows over monthly ones.

    Each choice is an aggregate of the rows (one row per group: the level and period, or
    the members, kept) that the rows are semi-joined to, which costs engines less than a
    window over every row.
    """
    rank = pair.product_level.cases(*((level, i) for i, level in enumerate(LEVEL_ORDER)), else_=99)
    group = ["source", "side", "flow", "year", *keys]
    # Each reporter-partner pair of codes chooses its own level and annual or monthly rows, so
    # a group member with monthly files only still counts beside one with an annual file: the
    # annual rows where the pair of codes has any, else its monthly ones.
    codes = list(dict.fromkeys([*group, "reporter", "partner"]))
    chosen = {"level_rank": rank, "_annual": pair.month.isnull()}
    if members_rank is not None:
        chosen["_members_rank"] = members_rank
    ranked = pair.mutate(**chosen)
    levels = ranked.group_by(codes).aggregate(
        level_rank=_.level_rank.min(), _annual=_._annual.any()
    )
    kept = _semi_joined(ranked, levels, codes)
    if members_rank is not None:
        members = ranked.group_by(group).aggregate(_members_rank=_._members_rank.min())
        kept = _semi_joined(kept, members, group)
    return kept.drop(*(name for name in chosen if name != "level_rank"))


def _semi_joined(rows: ibis.Table, chosen: ibis.Table, keys: Sequence[str]) -> ibis.Table:
    """Return the rows of `rows` that match a row of `chosen` on every column of `chosen`,
    `keys` compared as a window groups them (nulls alike)."""
    predicates = [
        rows[name].identical_to(chosen[name]) if name in keys else rows[name] == chosen[name]
        for name in chosen.columns
    ]
    return rows.semi_join(chosen, predicates)


def sided_rows(
    rows: ibis.Table, first: Selection, second: Selection, years: Sequence[int] | None
) -> ibis.Table:
    """Return every row between two territories in `years` (None: every year), each with its
    `side`, before `pair_rows` chooses among levels, periods and members (which keeps every
    view)."""
    chosen = rows if years is None else rows.filter(rows.year.isin(list(years)))
    # The cut on codes is symmetric in reporter and partner, so it holds for reconciled copies.
    chosen = with_reconciled_imports(_code_prefiltered(chosen, first, second))
    period = row_period(chosen.year, chosen.month)
    side = ibis.cases(
        (first.matches(chosen.reporter, period) & second.matches(chosen.partner, period), "first"),
        (second.matches(chosen.reporter, period) & first.matches(chosen.partner, period), "second"),
        else_=ibis.null(),
    )
    sided = chosen.mutate(side=side)
    return sided.filter(sided.side.notnull())


def with_reconciled_imports(rows: ibis.Table) -> ibis.Table:
    """Add each reconciled export as the partner's import (BACI stores one row for both).

    A reconciled row is one figure for both declarations: i's export to j is j's import from
    i, with the same value; the copy keeps the `reconciled` flag so results can say so. The
    copies are made from the rows read (each reconciled row unnested twice), not by reading
    the table again.
    """
    # Only BACI publishes reconciled flows; testing the source first keeps the test cheap.
    reconciled = (
        rows.source.isin(list(RECONCILED_SOURCES))
        & (rows.flow == "export")
        & rows.flags.fill_null("").contains("reconciled")
    )
    copies = ibis.ifelse(reconciled, ibis.literal([False, True]), ibis.literal([False]))
    doubled = rows.mutate(_copy=copies.unnest())
    swapped = doubled.mutate(
        reporter=doubled._copy.ifelse(doubled.partner, doubled.reporter),
        partner=doubled._copy.ifelse(doubled.reporter, doubled.partner),
        flow=doubled._copy.ifelse(doubled.flow.replace("export", "import"), doubled.flow).cast(
            rows.flow.type()
        ),
    )
    return swapped.drop("_copy")


def _code_prefiltered(rows: ibis.Table, first: Selection, second: Selection) -> ibis.Table:
    """Return the rows whose codes the pair can carry, cut with plain filters scans apply.

    Where both territories have a finite list of codes, both directions are one filter of one
    scan (reporter in one list and partner in the other, or the reverse). Rows a territory's
    own rules leave out are dropped later (`side`).
    """
    first_codes, second_codes = first.codes(), second.codes()
    if first_codes is not None and second_codes is not None:
        forward = _codes_filter(rows, first_codes, second_codes)
        backward = _codes_filter(rows, second_codes, first_codes)
        return rows.filter(forward | backward)
    finite = first_codes if first_codes is not None else second_codes
    if finite is None:
        return rows
    return rows.filter(rows.reporter.isin(list(finite)) | rows.partner.isin(list(finite)))


def _codes_filter(
    rows: ibis.Table, reporters: Sequence[str], partners: Sequence[str]
) -> ibis.BooleanValue:
    return rows.reporter.isin(sorted(reporters)) & rows.partner.isin(sorted(partners))


def members_rank_of(reporting: Selection, other: Selection, rows: ibis.Table) -> ibis.IntegerValue:
    """Return 0 for rows that are both sides' published aggregates, up to 3 for members' rows."""
    reporter_member = (~reporting.is_aggregate(rows.reporter)).cast("int8") * 2
    partner_member = (~other.is_aggregate(rows.partner)).cast("int8")
    return reporter_member + partner_member


def pair_year_totals(
    totals: ibis.Table,
    first: Selection,
    second: Selection,
    years: Sequence[int],
    currency: str | None = None,
    *,
    by_month: bool = False,
) -> ibis.Table:
    """Sum each source's flows between two territories by reporting side, flow and year.

    With `currency`, each row is converted at its period's average rate before the sum. With
    `by_month`, the sums are also by month (null for annual rows) and reporting code, the
    coverage from which changes between years are aligned (`query.coverage.year_rows`).
    Where a group is one of the pair, `reporters` counts and `members` lists the reporting
    codes summed; `months` is the fewest months any reporting member covers.
    """
    pair = pair_rows(totals, first, second, years)
    return summed_pair_totals(pair, first, second, currency, by_month=by_month)


def summed_pair_totals(
    pair: ibis.Table,
    first: Selection,
    second: Selection,
    currency: str | None = None,
    *,
    by_month: bool = False,
) -> ibis.Table:
    """Return `pair_year_totals`'s sums of the rows `pair_rows` (or a like choice) kept."""
    pair = converted(pair, currency) if currency else pair.mutate(unconverted=False)
    group = ["source", "side", "flow", "year", *(("month", "reporter") if by_month else ())]
    # Each reporting member's sums first: a group's `months` is the fewest any member covers,
    # so 9 members with December and 18 without are never a whole year.
    # Strings' least and greatest are taken from lists and months are counted from a list,
    # not by a distinct count: Spark then aggregates by hash, not by sorting every row.
    members = pair.group_by([*dict.fromkeys([*group, "reporter"])]).aggregate(
        unconverted=_.unconverted.sum(),
        value=_.value.sum(),
        confidential_value=_.confidential_value.sum(),
        currency=_.currency.collect().mins(),
        vintage=_.vintage.collect().maxs(),
        months=_.month.collect().unique().length().fill_null(0),
        annual=_.month.isnull().any(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        reconciled=_.flags.fill_null("").contains("reconciled").any(),
        file_dated=_.flags.fill_null("").contains("file_dated").any(),
        product_level=_.product_level.min(),
    )
    counted = (
        # one row per reporting member here: counted and listed without a distinct aggregate
        {"reporters": _.reporter.count(), "members": _.reporter.collect()}
        if first.is_group or second.is_group
        else {}
    )
    return members.group_by(group).aggregate(
        unconverted=_.unconverted.sum(),
        **counted,
        value=_.value.sum(),
        confidential_value=_.confidential_value.sum(),
        currency=_.currency.collect().mins(),
        vintage=_.vintage.collect().maxs(),
        months=_.months.min(),
        annual=_.annual.any(),
        synthetic=_.synthetic.any(),
        reconciled=_.reconciled.any(),
        file_dated=_.file_dated.any(),
        product_level=_.product_level.min(),
    )
