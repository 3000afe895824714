"""Several results of one question in one statement: their rows stacked, each with its part.

An engine runs each statement as a job of its own (Spark plans, schedules and collects each
one; a local session leaves a core idle while a small stage finishes), so results read
together are asked together: the parts are one union, every row names its `part`, and a
part's columns are named after it (null in the other parts' rows). `split_parts` gives each
part its own rows back, with its own columns under their own names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis

PART: Final = "part"
SEPARATOR: Final = "__"  # a part's column `value` is `totals__value` in the stacked table


def stacked(parts: Mapping[str, ibis.Table]) -> ibis.Table:
    """Return the rows of every table in `parts` in one table, each with its `part` name and
    its columns named `{part}__{column}` (null in the other parts' rows)."""
    columns = [
        (name, column, kind)
        for name, table in parts.items()
        for column, kind in table.schema().items()
    ]
    aligned = [
        table.select(
            ibis.literal(name).name(PART),
            *(
                (table[column] if part == name else ibis.null(kind)).name(
                    f"{part}{SEPARATOR}{column}"
                )
                for part, column, kind in columns
            ),
        )
        for name, table in parts.items()
    ]
    first, *rest = aligned
    return first.union(*rest, distinct=False) if rest else first


def spread(rows: ibis.Table, parts: Mapping[str, Sequence[str]]) -> ibis.Table:
    """Return `rows`, whose column `part` names each row's part, as `stacked` gives them: each
    part's `columns` named `{part}__{column}`, null in the other parts' rows.

    One statement can then sum several parts in one aggregate (read once) and still give
    `split_parts` the rows of `stacked`.
    """
    return rows.select(
        rows[PART],
        *(
            (rows[PART] == part)
            .ifelse(rows[column], ibis.null(rows[column].type()))
            .name(f"{part}{SEPARATOR}{column}")
            for part, columns in parts.items()
            for column in columns
        ),
    )


def split_parts(
    rows: Iterable[Mapping[str, Any]], names: Sequence[str]
) -> list[list[dict[str, Any]]]:
    """Return the rows of each part in `names` (in that order) of `stacked` rows, each with the
    part's own columns under their own names.

    >>> rows = [{"part": "a", "a__x": 1, "b__x": None}, {"part": "b", "a__x": None, "b__x": 2}]
    >>> split_parts(rows, ["a", "b"])
    [[{'x': 1}], [{'x': 2}]]
    """
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for row in rows:
        part = str(row[PART])
        prefix = f"{part}{SEPARATOR}"
        out[part].append(
            {key[len(prefix) :]: value for key, value in row.items() if key.startswith(prefix)}
        )
    return [out[name] for name in names]
