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
from bilateral.query.products import OTHER_CODE, Depth, pair_products
from bilateral.query.selection import Selection
from bilateral.schema import Flow

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

VIEW: Final = ("source", "side")
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
_CITED: Final = ("currency", "vintage", "file_dated")  # a line's rows by each of these
_LINE_ONLY: Final = ("before", "code", "rank", "confidential", "reporters", *_CITED)
_PART: Final = {  # the columns of each code's rows before they are summed (`_parts`)
    **{name: COLUMNS[name] for name in ("kind", *VIEW, "year", "key", "member", "month")},
    **{name: COLUMNS[name] for name in ("value", "scheme", "synthetic", "unconverted")},
    **{name: COLUMNS.get(name, "string") for name in _LINE_ONLY},  # `code`: not returned
}
_COMMON: Final = ("kind", *VIEW, "year", "key", "value")  # every kind of row has them
_CELL_ONLY: Final = ("member", "month", "synthetic", "unconverted")
_CELL: Final = {  # a code's value in a year, reporting member and month (`held`)
    "kind": "string",
    "year": "int64",
    "member": "string",
    "month": "int64",
    "value": "float64",
    "synthetic": "boolean",
    "unconverted": "int64",
}


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
    """Return the SQL of the pair's product lines by view and year (see the module).

    The pair's rows are summed by code, the codes ranked, then each code's line, cells and
    change summed by one aggregate. On an engine that inlines common tables (Spark) one chain
    reads the pair's rows once: each code carries its rows' values, members and months as a
    list, unnested into its line, its cells and its change. DuckDB keeps a common table once
    computed: its cells are the pair's rows joined to their code's line, which costs it less
    than building and unnesting the lists.
    """
    years = sorted({year - 1, year, *(() if compare_year is None else (compare_year,))})
    in_lists = dialect != "duckdb"
    pair = _flagged(
        pair_products(
            first, second, years, depth, flow, currency, by_view=in_lists, flow_of_side=not in_lists
        )
    )
    group = first.is_group or second.is_group
    keyed = _keyed(_coded(pair, year, compare_year, group, with_cells=in_lists), top)
    if in_lists:
        parts = _parts(keyed, year, compare_year)
    else:
        parts = _parts_apart(pair, keyed, year, compare_year)
    summed = parts.group_by(["kind", *VIEW, "year", "key", "member", "month", *_CITED]).aggregate(
        value=_.value.sum(),
        before=_.before.sum(),
        codes=_.code.count(),
        codes_before=_.before.count(),
        rank=_.rank.min(),
        # the greatest of a list, not of the strings: Spark aggregates by hash, not by sorting
        scheme=_.scheme.collect().maxs() if in_lists else _.scheme.max(),
        confidential=_.confidential.sum(),
        reporters=_.reporters.max(),
        synthetic=_.synthetic.any(),
        unconverted=_.unconverted.sum(),
    )
    line = summed.kind == "line"
    summed = summed.mutate(
        codes=line.ifelse(summed.codes, ibis.null("int64")),
        codes_before=line.ifelse(summed.codes_before, ibis.null("int64")),
    )
    if compare_year is not None:
        summed = _listed_changes(summed, top)
    return str(ibis.to_sql(_common_columns(summed), dialect=dialect))


def _flagged(pair: ibis.Table) -> ibis.Table:
    """Return the pair's rows (`pair_products`) in the columns summed, with the flags read:
    `synthetic` and `file_dated` (an engine that keeps the rows as a common table keeps no
    more)."""
    columns = (
        *VIEW, "code", "year", "reporter", "month", "value", "confidential_value",
        "unconverted", "product_scheme", "currency", "vintage",
    )  # fmt: skip
    if "flags" not in pair.columns:  # read already (`pair_products`, `by_view`)
        return pair.select(*columns, "synthetic", "file_dated")
    flags = pair.flags.fill_null("")
    return pair.select(
        *columns,
        synthetic=flags.contains("synthetic"),
        file_dated=flags.contains("file_dated"),
    )


def _coded(
    pair: ibis.Table, year: int, compare_year: int | None, group: bool, *, with_cells: bool = True
) -> ibis.Table:
    """Return one row per code of each view, from the pair's rows (`_flagged`): its value
    in `year` (`now`; null if not traded then), the year before (`before`) and `compare_year`
    (`then`), and in `year` its scheme, currency, vintage, file dating, confidential value and,
    where a group is of the pair, how many members it sums (`reporters`; 1 otherwise, unused);
    `cells` (if `with_cells`) lists its rows' values by year, reporting member and month (a
    `held` each)."""
    now, before = pair.year == year, pair.year == year - 1
    columns = {
        "kind": ibis.literal("held"),
        "year": pair.year,
        "member": pair.reporter,
        "month": pair.month,
        "value": pair.value,
        "synthetic": pair.synthetic,
        "unconverted": pair.unconverted,
    }
    cell = ibis.struct({name: columns[name].cast(dtype) for name, dtype in _CELL.items()})
    sums = {
        "now": _.value.sum(where=now),
        "before": _.value.sum(where=before),
        "scheme": _.product_scheme.max(where=now),
        "currency": _.currency.min(where=now),
        "vintage": _.vintage.max(where=now),
        "file_dated": _.file_dated.any(where=now),
        "confidential": _.confidential_value.sum(where=now),
        "reporters": _.reporter.nunique(where=now) if group else ibis.literal(1),
    }
    if with_cells:
        sums["cells"] = cell.collect()
    if compare_year is not None:
        then = pair.year == compare_year
        sums |= {"then": _.value.sum(where=then), "scheme_then": _.product_scheme.max(where=then)}
    return pair.group_by(list((*VIEW, "code"))).aggregate(**sums)


def _keyed(coded: ibis.Table, top: int | None) -> ibis.Table:
    """Return every code with, for those traded in the year (`traded`), the line each belongs
    to (`key`: the code, or `other` past the `top` named codes) and its rank among the named
    codes (null if none); codes not traded in the year have no line (`key` null)."""
    traded = coded.now.notnull()
    hidden = coded.code.contains("X")
    # Ranked by view only, the named codes traded first: their order is their rank, and the
    # rows stay partitioned by view for the aggregate after (no second shuffle on Spark).
    order = ibis.row_number().over(
        group_by=[coded.source, coded.side],
        order_by=[~traded | hidden, ibis.desc(coded.now), coded.code],
    )
    ranked = coded.mutate(traded=traded, hidden=hidden, order=order)
    key = ranked.code
    if top is not None:
        key = ibis.cases((ranked.hidden | (ranked.order < top), ranked.code), else_=OTHER_CODE)
    named = ranked.traded & ~ranked.hidden & (key != OTHER_CODE)
    return ranked.mutate(
        key=ranked.traded.ifelse(key, ibis.null("string")),
        rank=named.ifelse(ranked.order + 1, ibis.null("int64")),
    )


def _parts(keyed: ibis.Table, year: int, compare_year: int | None) -> ibis.Table:
    """Return each code unnested into the rows it adds to: its line (`line`, if traded in the
    year), each of its cells (`held`, by its line's key) and, with a compare year, its change
    (`change`, a named code traded in one of the two years only); columns a kind has not are
    null."""
    kinds = ["line", *(() if compare_year is None else ("change",))]
    no_cell = {name: ibis.null(dtype) for name, dtype in _CELL.items()}
    marks = ibis.array([ibis.struct({**no_cell, "kind": ibis.literal(k)}) for k in kinds])
    rows = keyed.mutate(part=marks.concat(keyed.cells).unnest())
    cell = rows.part
    kind, held = cell.kind, cell.kind == "held"
    line = kind == "line"
    keep = held | (line & rows.traded)
    columns: dict[str, Any] = {
        "year": held.ifelse(cell.year, year),
        "key": rows.key,
        "member": cell.member,
        "month": cell.month,
        "value": held.ifelse(cell.value, rows.now),
        "scheme": line.ifelse(rows.scheme, ibis.null("string")),
        "synthetic": cell.synthetic,
        "unconverted": cell.unconverted,
        **{
            name: line.ifelse(rows[name], ibis.null(keyed[name].type().copy(nullable=True)))
            for name in _LINE_ONLY
        },
    }
    if compare_year is not None:
        now = rows.now.notnull() & (rows.now != 0)
        then = rows.then.notnull() & (rows.then != 0)
        appeared = now & ~then
        change = kind == "change"
        keep |= change & ~rows.hidden & (appeared | (then & ~now))
        columns |= {
            "year": change.ifelse(appeared.ifelse(year, compare_year), columns["year"]),
            "key": change.ifelse(rows.code, rows.key),
            "value": change.ifelse(appeared.ifelse(rows.now, rows.then), columns["value"]),
            "scheme": change.ifelse(
                appeared.ifelse(rows.scheme, rows.scheme_then), columns["scheme"]
            ),
        }
    return rows.filter(keep).select(*VIEW, kind=kind, **columns)


def _parts_apart(
    pair: ibis.Table, keyed: ibis.Table, year: int, compare_year: int | None
) -> ibis.Table:
    """Return the rows of `_parts` made apart: each traded code's line and, with a compare
    year, its change from the ranked codes, and the cells from the pair's rows joined to
    their code's line."""
    lines = keyed.filter(keyed.traded)
    lines = lines.mutate(kind=ibis.literal("line"), year=ibis.literal(year), value=lines.now)
    keys = keyed.select(*VIEW, "code", "key")
    joined = pair.join(keys, [pair[name].identical_to(keys[name]) for name in (*VIEW, "code")])
    cells = joined.mutate(kind=ibis.literal("held"), member=joined.reporter)
    parts = [_part_columns(lines, (*_LINE_ONLY, "scheme")), _part_columns(cells, _CELL_ONLY)]
    if compare_year is not None:
        parts.append(_part_columns(_changes(keyed, year, compare_year), ("scheme",)))
    return ibis.union(*parts)


def _part_columns(rows: ibis.Table, own: tuple[str, ...]) -> ibis.Table:
    """Return `rows` in the columns of `_parts`: those common to every kind and the kind's
    `own`, the others null."""
    return rows.select(
        **{
            name: rows[name].cast(dtype) if name in _COMMON or name in own else ibis.null(dtype)
            for name, dtype in _PART.items()
        }
    )


def _changes(keyed: ibis.Table, year: int, compare_year: int) -> ibis.Table:
    """Return each named code traded in `year` or in `compare_year` only (`change`), with its
    value and scheme in the year it was traded."""

    def traded(value: ibis.NumericColumn) -> ibis.BooleanColumn:
        return value.notnull() & (value != 0)

    changed = keyed.filter(~keyed.hidden & (traded(keyed.now) != traded(keyed.then)))
    appeared = traded(changed.now)
    return changed.select(
        *VIEW,
        kind=ibis.literal("change"),
        year=appeared.ifelse(year, compare_year).cast("int64"),
        key=changed.code,
        value=appeared.ifelse(changed.now, changed.then),
        scheme=appeared.ifelse(changed.scheme, changed.scheme_then),
    )


def _listed_changes(summed: ibis.Table, top: int | None) -> ibis.Table:
    """Return `summed` with each change ranked in its view and year, the largest first, with
    how many there are (`codes`) and their value (`total`), past the `top` dropped."""
    change = summed.kind == "change"
    view = [summed.kind, summed.source, summed.side, summed.year]
    listed = summed.mutate(
        order=ibis.row_number().over(group_by=view, order_by=[ibis.desc(summed.value), summed.key]),
        count=summed.key.count().over(group_by=view),
        total=summed.value.sum().over(group_by=view),
    )
    listed = listed.mutate(
        rank=change.ifelse(listed.order, listed.rank),
        codes=change.ifelse(listed["count"], listed.codes),
        total=change.ifelse(listed.total, ibis.null("float64")),
    )
    if top is not None:
        listed = listed.filter(~change | (listed.order < top))
    return listed.drop("order", "count")


def _common_columns(rows: ibis.Table) -> ibis.Table:
    """Return `rows` with every column of COLUMNS, in its order and type (null where the kind
    has none)."""
    names = set(rows.columns)
    return rows.select(
        **{
            name: rows[name].cast(dtype) if name in names else ibis.null(dtype)
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
