"""The choices of `query.totals.pair_rows` made with windows over one pass of the rows.

`ranked_rows` semi-joins the rows to aggregates of themselves, which DuckDB runs from one
scan; Spark scans the table again for each aggregate. Here each choice is a window over the
rows read once: several results of one statement (told apart by a `part` column) share one
scan, one shuffle for the windows and one for the final aggregate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilateral.query.selection import Selection
from bilateral.query.totals import LEVEL_ORDER, members_rank_of

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis


def window_chosen(
    rows: ibis.Table,
    members_rank: ibis.IntegerValue | None,
    members_keys: Sequence[str],
    codes_keys: Sequence[str],
    *,
    one_sort: bool = False,
) -> ibis.Table:
    """Return the rows `ranked_rows` keeps, chosen by windows.

    With `one_sort` the members' window is ordered by the codes over its whole partition (the
    same figures), so its sort also serves the level's window: Spark sorts the rows once.

    Per `members_keys` the rows of the lowest `members_rank` are kept (None: every row, for a
    rank that is the same in each group); per `members_keys` and `codes_keys` (the pair of
    codes) the first product level present, annual rows over monthly ones. The members'
    window partitions by fewer columns and comes first, so the level's window needs no shuffle
    of its own; a rank depends on the codes only, so a pair of codes is kept or dropped whole
    and the order of the choices does not change what is kept.
    """
    level = rows.product_level.cases(*((name, i) for i, name in enumerate(LEVEL_ORDER)), else_=99)
    ranked = rows.mutate(level_rank=level, _annual=rows.month.isnull())
    if members_rank is not None:
        members = ibis.window(
            group_by=[ranked[name] for name in members_keys],
            order_by=[ranked[name].asc(nulls_first=True) for name in codes_keys]
            if one_sort
            else None,
            rows=(None, None) if one_sort else None,
        )
        ranked = ranked.mutate(_members_rank=members_rank)
        ranked = ranked.mutate(_fewest=ranked._members_rank.min().over(members))
        ranked = ranked.filter(ranked._members_rank == ranked._fewest).drop(
            "_members_rank", "_fewest"
        )
    codes = ibis.window(group_by=[ranked[name] for name in (*members_keys, *codes_keys)])
    ranked = ranked.mutate(
        _first_level=ranked.level_rank.min().over(codes),
        _any_annual=ranked._annual.any().over(codes),
    )
    kept = ranked.filter(
        (ranked.level_rank == ranked._first_level) & (ranked._annual == ranked._any_annual)
    )
    return kept.drop("_annual", "_first_level", "_any_annual")


def windowed_chosen_rows(
    pair: ibis.Table, first: Selection, second: Selection, keys: Sequence[str] = ()
) -> ibis.Table:
    """Return the rows `query.totals.chosen_rows` keeps (the same rules), chosen by windows.

    Between two countries every row is a member's; the members' window over each view is kept
    all the same: its shuffle (by view) also serves the level's window and any aggregate whose
    keys hold the view's, so a statement reads its rows once and shuffles them once.
    """
    members_rank: ibis.IntegerValue = ibis.literal(0, "int8")
    if first.is_group or second.is_group:
        members_rank = ibis.cases(
            (pair.side == "first", members_rank_of(first, second, pair)),
            else_=members_rank_of(second, first, pair),
        )
    view = ["source", "side", "flow", "year", *keys]
    return window_chosen(pair, members_rank, view, ["reporter", "partner"], one_sort=True)
