"""A pair's products ranked in SQL: each view's lines of a year, and what they need to grow.

Only what the answer shows travels back, as rows of three kinds (`kind`), each of one view
(source, side):

- `line`: each top product of the asked year (`rank` from 1), the `other` line summing the
  rest (`key` "other") and each confidential code (`39XXXXXX`), with its `value` in the year
  and in the year before (`before`), how many codes it sums (`codes`) and how many of them
  the year before holds (`codes_before`: a line is compared only when it holds every one);
  by each `currency`, `vintage` and file dating of its codes (one, nearly always), with its
  `confidential` value and `reporters` (the most members any code sums where a group
  reports), from which the view's total and its provenance are made;
- `held`: the value a reporting `member` holds in a `month` (null: an annual declaration) of
  a `year`, by the line of its codes (`key`; null for codes not traded in the asked year):
  the view's coverage, and each line's month values for growth on common months;
- with a compare year, `change`: a named code traded in this `year` (the asked or the
  compared one) but not in the other, the largest first (`rank` from 0), with `codes` and
  `total`, how many such codes there are and their value.

Rows of one kind leave the other kinds' columns null: one statement, with no join to put
them side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from bilateral.query.compiled import compiled_sql
from bilateral.query.products import OTHER_CODE, Depth, monthly_products
from bilateral.query.selection import Selection
from bilateral.schema import Flow

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

VIEW: Final = ("source", "side")
VIEW_YEAR: Final = ("source", "side", "year")
COLUMNS: Final = {
    "kind": "string",
    "source": "string",
    "side": "string",
    "year": "int64",
    "key": "string",
    "rank": "int64",
    "value": "float64",
    "codes": "int64",
    "scheme": "string",
    "member": "string",
    "month": "int64",
    "currency": "string",
    "vintage": "string",
    "file_dated": "boolean",
    "synthetic": "boolean",
    "confidential": "float64",
    "unconverted": "int64",
    "reporters": "int64",
    "total": "float64",
    "before": "float64",
    "codes_before": "int64",
}  # the columns of every kind of row


@compiled_sql
def ranked_products_sql(
    first: Selection,
    second: Selection,
    year: int,
    depth: Depth,
    flow: Flow,
    top: int | None,
    compare_year: int | None = None,
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the pair's product lines by view and year (see the module)."""
    years = sorted({year - 1, year, *(() if compare_year is None else (compare_year,))})
    monthly = monthly_products(first, second, years, depth, flow, currency)
    coded = _coded(monthly, year, compare_year, first.is_group or second.is_group)
    keyed = _keyed(coded, top)
    lines = keyed.group_by([*VIEW, "key", "currency", "vintage", "file_dated"]).aggregate(
        value=_.now.sum(),
        before=_.before.sum(),
        codes=_.code.count(),
        codes_before=_.before.count(),
        rank=_.rank.min(),
        scheme=_.scheme.max(),
        confidential=_.confidential.sum(),
        reporters=_.reporters.max(),
    )
    keys = keyed.select(*VIEW, "code", "key")
    held = (
        monthly.left_join(keys, [*VIEW, "code"])
        .group_by([*VIEW_YEAR, "key", "reporter", "month"])
        .aggregate(
            value=_.value.sum(), synthetic=_.synthetic.any(), unconverted=_.unconverted.sum()
        )
        .rename(member="reporter")
    )
    kinds = {"line": lines.mutate(year=ibis.literal(year)), "held": held}
    if compare_year is not None:
        kinds["change"] = _changes(coded, year, compare_year, top)
    tables = [_common_columns(kind, rows) for kind, rows in kinds.items()]
    return str(ibis.to_sql(ibis.union(*tables), dialect=dialect))


def _coded(monthly: ibis.Table, year: int, compare_year: int | None, group: bool) -> ibis.Table:
    """Return one row per code of each view: its value in `year` (`now`; null if not traded
    then), the year before (`before`) and `compare_year` (`then`), and in `year` its scheme,
    currency, vintage, file dating, confidential value and, where a group is of the pair, how
    many members it sums (`reporters`; 1 otherwise, unused)."""
    now, before = monthly.year == year, monthly.year == year - 1
    sums = {
        "now": _.value.sum(where=now),
        "before": _.value.sum(where=before),
        "scheme": _.scheme.max(where=now),
        "currency": _.currency.min(where=now),
        "vintage": _.vintage.max(where=now),
        "file_dated": _.file_dated.any(where=now),
        "confidential": _.confidential.sum(where=now),
        "reporters": _.reporter.nunique(where=now) if group else ibis.literal(1),
    }
    if compare_year is not None:
        then = monthly.year == compare_year
        sums |= {"then": _.value.sum(where=then), "scheme_then": _.scheme.max(where=then)}
    return monthly.group_by(list((*VIEW, "code"))).aggregate(**sums)


def _keyed(coded: ibis.Table, top: int | None) -> ibis.Table:
    """Return the codes traded in the year with the line each belongs to (`key`: the code, or
    `other` past the `top` named codes) and its rank among the named codes (null if none)."""
    traded = coded.filter(coded.now.notnull())
    hidden = traded.code.contains("X")
    order = ibis.row_number().over(
        group_by=[traded.source, traded.side, hidden],
        order_by=[ibis.desc(traded.now), traded.code],
    )
    ranked = traded.mutate(hidden=hidden, order=order)
    key = ranked.code
    if top is not None:
        key = ibis.cases((ranked.hidden | (ranked.order < top), ranked.code), else_=OTHER_CODE)
    named = ~ranked.hidden & (key != OTHER_CODE)
    return ranked.mutate(key=key, rank=named.ifelse(ranked.order + 1, ibis.null("int64")))


def _changes(coded: ibis.Table, year: int, compare_year: int, top: int | None) -> ibis.Table:
    """Return the named codes traded in one of `year` and `compare_year` only, by view and
    year, the largest first."""
    named = coded.filter(~coded.code.contains("X"))
    now = named.now.notnull() & (named.now != 0)
    then = named.then.notnull() & (named.then != 0)
    appeared = now & ~then
    alone = named.filter(appeared | (then & ~now)).select(
        *VIEW,
        key=_.code,
        year=appeared.ifelse(year, compare_year),
        value=appeared.ifelse(named.now, named.then),
        scheme=appeared.ifelse(named.scheme, named.scheme_then),
    )
    view = [alone[name] for name in VIEW_YEAR]
    listed = alone.mutate(
        rank=ibis.row_number().over(group_by=view, order_by=[ibis.desc(alone.value), alone.key]),
        codes=alone.key.count().over(group_by=view),
        total=alone.value.sum().over(group_by=view),
    )
    if top is not None:
        listed = listed.filter(listed.rank < top)
    return listed


def _common_columns(kind: str, rows: ibis.Table) -> ibis.Table:
    """Return `rows` with every column of COLUMNS (null where the kind has none)."""
    names = set(rows.columns)
    return rows.select(
        **{
            name: (
                ibis.literal(kind, type=dtype)
                if name == "kind"
                else rows[name].cast(dtype)
                if name in names
                else ibis.null(dtype)
            )
            for name, dtype in COLUMNS.items()
        }
    )


def cited_rows(rows: Sequence[Mapping[str, Any]], year: int) -> list[Mapping[str, Any]]:
    """Return the rows a provenance cites: each currency, vintage and file dating of the
    codes of `year`."""
    return [row for row in line_rows(rows) if row["year"] == year]


def line_rows(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Return the rows of kind `line`: each line of the year by currency and vintage, with
    the most members any of its codes sums (`reporters`)."""
    return [row for row in rows if row["kind"] == "line"]
