"""A bulk reader's fast path: the file's rows as one polars lazy query, checked as a whole.

A reader that offers one gives the same canonical rows as its exact batches (without the line
column), plus a column `_suspect` that is true on every row that might fail one of the
reader's checks or might be read otherwise by the exact reader. The query runs in polars'
streaming engine on every core. It is used only when no row is suspect and every line of
the file has the header's number of fields (`LineShape`); otherwise the file is read again
by the exact reader, which either names the line and field of the first problem or reads the
rows the fast path was unsure of. Either way the stored rows are the exact reader's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np

from bilateral.deferred import deferred

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

SUSPECT: Final = "_suspect"
_CHUNK: Final = 16 << 20


@dataclass(frozen=True)
class LazyRows:
    """The rows of `data_path` as a lazy query, and the number of fields of each line.

    Every row has the `year` given here (a row of another year is suspect), so that the rows
    stream into one part. `many_rows_per_rollup` says that the rows of one pair, flow, period
    and chapter are typically many (a monthly CN8 file), so that grouping them while the file
    streams in gives a table much smaller than the file; where each such group holds a few
    rows (HS6 years), the rollups are made by the pass over the written parts instead.
    """

    frame: pl.LazyFrame
    data_path: Path
    fields: int
    year: int
    many_rows_per_rollup: bool = False
    # Columns that hold one value on every row, and that value (left out of groupings).
    constants: Mapping[str, pl.Expr] = dataclasses.field(default_factory=dict)

    def flagged(self, flag: str) -> LazyRows:
        """Return the same rows with `flag` added to every row's flags."""
        flags = pl.col("flags")
        kind = self.frame.collect_schema()["flags"]
        if isinstance(kind, pl.Enum):  # flag sets by position: add the flag to each set
            sets = kind.categories.to_list()
            added = by_position(
                flags.to_physical().fill_null(len(sets)), [f"{s},{flag}" for s in sets] + [flag]
            )
            return dataclasses.replace(self, frame=self.frame.with_columns(flags=added))
        joined = (
            pl.when(flags.is_null() | (flags == ""))
            .then(pl.lit(flag))
            .otherwise(pl.concat_str([flags, pl.lit(flag)], separator=","))
        )
        return dataclasses.replace(self, frame=self.frame.with_columns(flags=joined))


def scan_text(
    data_path: Path,
    columns: Sequence[str],
    numbers: Sequence[str] = (),
    enums: Mapping[str, Sequence[str]] | None = None,
    *,
    quoted: bool = True,
    missing: Mapping[str, str] | None = None,
) -> pl.LazyFrame:
    """Scan a CSV file with a header, every column as text (or, for `numbers`, a float; for
    `enums`, an enum of the codes given).

    An empty field is "" (a missing number null), and so is a field missing from a short
    line; a field polars cannot parse as a number, a code that is not one of its enum's,
    or a line with more fields than the header fails the query. A field of a column in
    `missing` spelled as given there is null. With `quoted` False, a quote is an ordinary
    character: every separator separates fields, as `LineShape` counts them.
    """
    schema: dict[str, pl.DataType] = {
        name: pl.Float64() if name in numbers else pl.String() for name in columns
    }
    schema.update({name: pl.Enum(list(codes)) for name, codes in (enums or {}).items()})
    return pl.scan_csv(
        data_path,
        schema=schema,
        empty_string_is_null=False,
        raise_if_empty=False,
        quote_char='"' if quoted else None,
        null_values=dict(missing) if missing else None,
    )


def first_row(data_path: Path, columns: Sequence[str]) -> dict[str, str] | None:
    """Return the first data row of a CSV file by column, or None if it has none."""
    try:
        head = scan_text(data_path, columns).head(1).collect()
    except pl.exceptions.PolarsError:
        return None  # the exact reader names what is wrong
    return head.row(0, named=True) if head.height else None


def by_position(
    codes: pl.Expr, values: Sequence[str | int | None], kind: pl.DataType | None = None
) -> pl.Expr:
    """Map each code to `values[position]`, its position being an enum's physical code (or a
    number); null where the code is null.

    Text values give an enum of them (a compact key to group by; cast to text to store).
    """
    if kind is None:
        kind = pl.Enum(list(dict.fromkeys(str(value) for value in values if value is not None)))
    return pl.lit(pl.Series(list(values), dtype=kind)).gather(codes.to_physical())


def any_null(columns: Sequence[str]) -> pl.Expr:
    """Return where any of `columns` is null (a line the parser filled up)."""
    return pl.any_horizontal(pl.col(name).is_null() for name in columns)


def odd_number(number: pl.Expr) -> pl.Expr:
    """Return where a number is missing, not finite or negative (the readers refuse them)."""
    return number.is_null() | ~number.is_finite() | (number < 0)


@dataclass(frozen=True)
class LineShape:
    """How many line ends and field separators a file holds (outside nothing: bytes)."""

    line_ends: int
    separators: int
    ends_with_newline: bool

    @classmethod
    def of(cls, path: Path, separator: bytes = b",") -> LineShape:
        """Count the file's line ends and separators in one pass over its bytes."""
        line_ends = separators = 0
        last = b""
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                codes = np.frombuffer(chunk, np.uint8)
                line_ends += int(np.count_nonzero(codes == ord("\n")))
                separators += int(np.count_nonzero(codes == ord(separator)))
                last = chunk[-1:]
        return cls(line_ends, separators, last == b"\n")

    def holds(self, rows: int, fields: int) -> bool:
        """Say whether the file is a header and `rows` lines of `fields` fields, nothing else.

        A quoted separator or line end, a blank, short or long line all break the counts,
        unless errors even out: a short line and a quoted separator on another line do. A
        reader whose query reads quotes as ordinary characters (`scan_text(quoted=False)`)
        rules that out, as its query fails on any line with more fields than the header.
        """
        lines = rows + 1
        ends = lines if self.ends_with_newline else lines - 1
        return self.line_ends == ends and self.separators == lines * (fields - 1)
