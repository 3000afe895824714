"""One pass over flow parts in cluster order, in chunks that hold each pair's rows whole.

A key repeats only within its pair, and every rollup row but the product links sums rows of
one pair: so each chunk is checked for repeated keys and rolled up on its own, and its rollup
rows are final. Memory holds one chunk (about a million rows) whatever the file's size. The
product links, which sum over pairs, are summed again at the end (one row per product).
"""

from __future__ import annotations

import shutil
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import polars as pl
import polars.selectors as cs
import pyarrow as pa
import pyarrow.parquet as pq

from bilateral.schema import FLOW_KEY, VALUATION_COLUMNS
from bilateral.store.layout import TableName
from bilateral.store.part_constants import constant_columns_of
from bilateral.store.part_writer import PartWriter
from bilateral.store.parts import ROW_GROUP_ROWS, Part, list_parts
from bilateral.store.rollup_frames import (
    PAIR_ID,
    chunk_rollups,
    constant_columns,
    sum_links,
    with_pair_ids,
)
from bilateral.store.rollup_parts import ROLLUP_TABLES
from bilateral.store.staging import Period
from bilateral.store.tables import PARTITIONS, SCHEMAS

CHUNK_ROWS: Final = 1 << 18
# Codes of many values that the pass and the rollups take as enums (compared, hashed and
# gathered as numbers, written as dictionaries) rather than cast to text row by row.
ENUM_CODES: Final = ("reporter", "partner", "product")
_PAIR: Final = ("reporter", "partner")
_KEY_COLUMNS: Final = (*FLOW_KEY, "vintage")
_LINKS: Final = "product_links"
# The rollups' columns of many values, and the counts of rows (small numbers, which a
# dictionary encodes in half the time and size of plain values); the others (flow, period,
# level, flags ...) hold one or a few in a chunk, which a dictionary costs more to encode
# than it saves.
_DICTIONARY: Final[dict[TableName, tuple[str, ...]]] = {
    "rollup_totals": ("reporter", "partner", "rows"),
    "rollup_products": ("reporter", "partner", "code", "rows"),
}


@dataclass
class ChunkedPass:
    """What one pass over the parts found: rows, periods, vintages, whether a key repeats."""

    rows: int = 0
    repeats: bool = False
    periods: set[tuple[int, int | None]] = field(default_factory=set)
    vintages: set[str] = field(default_factory=set)

    def period_list(self) -> list[Period]:
        """Return the periods in order, the year's total (month None) first."""
        ordered = sorted(self.periods, key=lambda p: (p[0], -1 if p[1] is None else p[1]))
        return [Period(year, month) for year, month in ordered]

    def vintage(self) -> str:
        """Return the vintage, or the range `low..high` of several."""
        if not self.vintages:
            return ""
        low, high = min(self.vintages), max(self.vintages)
        return low if low == high else f"{low}..{high}"


def pass_over_chunks(
    chunks: Iterator[pl.DataFrame], rollups_to: Path | None
) -> tuple[ChunkedPass, dict[TableName, list[Part]]]:
    """Check and describe flows given in chunks of whole pairs; write their rollups under
    `rollups_to`.

    Stops at the first chunk where a key repeats (`repeats`): nothing is rolled up then.
    """
    found = ChunkedPass()
    links: list[pl.DataFrame] = []
    # One file per table and partition, appended chunk by chunk (queries read few files).
    writers: dict[TableName, PartWriter] = {}
    if rollups_to is not None:
        writers = {
            name: PartWriter(rollups_to / name, name, _DICTIONARY.get(name))
            for name in ROLLUP_TABLES
        }
    # A chunk's rollups are written while the next chunk is rolled up (pyarrow lets go of
    # the interpreter while it encodes), one chunk behind at most.
    pool = ThreadPoolExecutor(max_workers=1)
    written: Future[None] | None = None
    try:
        for rows in chunks:
            chunk = with_pair_ids(rows)
            constant = constant_columns(chunk)
            if _repeats(chunk, constant):
                found.repeats = True
                break
            _describe(chunk, found, constant)
            if writers:
                rollups = chunk_rollups(chunk, constant)
                if written is not None:
                    written.result()
                written = pool.submit(_write_rollups, writers, rollups)
                links.append(rollups[_LINKS])
        if written is not None:
            written.result()
        if writers and links and not found.repeats:
            _write(writers[_LINKS], sum_links(links))
    finally:
        pool.shutdown(wait=True)
        if isinstance(chunks, Generator):
            chunks.close()
        for writer in writers.values():
            writer.close()
    if rollups_to is None:
        return found, {}
    if found.repeats:
        for name in ROLLUP_TABLES:
            shutil.rmtree(rollups_to / name, ignore_errors=True)
        return found, {}
    return found, {name: list_parts(rollups_to / name) for name in ROLLUP_TABLES}


def _write_rollups(
    writers: dict[TableName, PartWriter], rollups: dict[TableName, pl.DataFrame]
) -> None:
    for name in ROLLUP_TABLES:
        if name != _LINKS:
            _write(writers[name], rollups[name])


def _write(writer: PartWriter, frame: pl.DataFrame) -> None:
    for batch in frame.to_arrow().to_batches(ROW_GROUP_ROWS):
        writer.write(batch)


def pair_chunks(parts: Sequence[Part], *, keys_only: bool = False) -> Iterator[pl.DataFrame]:
    """Yield the rows of `parts` (each in cluster order) in chunks of whole pairs; with
    `keys_only`, only the columns that the check for repeated keys and `ChunkedPass` read."""
    for part in parts:
        # Read slice by slice (a polars stream of batches would run ahead of a slow consumer).
        scan = pl.scan_parquet(part.file).drop(VALUATION_COLUMNS, strict=False)
        schema = scan.collect_schema()
        if keys_only:
            scan = scan.select(name for name in schema if name in _KEY_COLUMNS)
            schema = scan.collect_schema()
        # Columns of one value are put back as constants, not read row by row.
        constants = {
            **{
                name: pl.lit(value, _as_text(schema[name]))
                for name, value in constant_columns_of([part.file]).items()
                if name in schema and name not in _PAIR
            },
            **partition_columns(part.partition_values),
        }
        scan = scan.select(name for name in schema if name not in constants)
        scan = scan.with_columns(cs.enum().cast(pl.String))
        order = [*schema, *PARTITIONS["flows"]]
        slices = (
            scan.slice(offset, CHUNK_ROWS).collect().with_columns(**constants)
            for offset in range(0, pq.read_metadata(part.file).num_rows, CHUNK_ROWS)
        )
        yield from _in_whole_pairs(slices, order)


def frame_chunks(
    rows: pl.DataFrame, partition: dict[str, str | None], *, keys_only: bool = False
) -> Iterator[pl.DataFrame]:
    """Yield the rows of one part held in memory (`rows`, in cluster order, as written) as
    `pair_chunks` yields them when it reads the part back (the same columns and types, but
    the codes of `ENUM_CODES` left as the enums they are), in chunks of whole pairs of about
    `CHUNK_ROWS` rows: slices, not copies, of the rows."""
    rows = rows.drop(VALUATION_COLUMNS, strict=False)
    if keys_only:
        rows = rows.select(name for name in rows.columns if name in _KEY_COLUMNS)
    rows = rows.rechunk()  # one buffer per column, as `_in_whole_pairs` makes its chunks
    # An enum of one value and no null is put back as a constant, not cast row by row.
    constants = {
        **{
            name: pl.lit(kind.categories[0], pl.String)
            for name, kind in rows.schema.items()
            if isinstance(kind, pl.Enum)
            and kind.categories.len() == 1
            and rows[name].null_count() == 0
            and name not in _PAIR
        },
        **partition_columns(partition),
    }
    order = [*rows.columns, *PARTITIONS["flows"]]
    as_text = cs.enum() - cs.by_name(ENUM_CODES, require_all=False)
    for offset, length in pair_seams(rows):
        chunk = rows.slice(offset, length).drop(*constants, strict=False)
        yield chunk.with_columns(as_text.cast(pl.String), **constants).select(order)


def pair_seams(rows: pl.DataFrame) -> Iterator[tuple[int, int]]:
    """Yield the offset and length of each chunk of `rows`: whole pairs, each chunk ending at
    the first end of a pair at least `CHUNK_ROWS` rows after its start."""
    runs = rows.select(pl.struct(*_PAIR).rle().struct.field("len")).to_series()
    ends = runs.cast(pl.Int64).cum_sum().to_numpy()
    start = 0
    while start < rows.height:
        end = int(ends[min(int(np.searchsorted(ends, start + CHUNK_ROWS)), len(ends) - 1)])
        yield start, end - start
        start = end


def _in_whole_pairs(slices: Iterator[pl.DataFrame], order: list[str]) -> Iterator[pl.DataFrame]:
    """Yield the rows of `slices` (one part's, in cluster order) in chunks of whole pairs, in
    the columns of `order` that they hold."""
    carry: pl.DataFrame | None = None
    for slice_ in slices:
        rows = slice_.select(name for name in order if name in slice_)
        if carry is not None:
            rows = pl.concat([carry, rows])
        # One buffer per column: polars sums a group spanning two buffers in two parts, so
        # the rollups' last bits would depend on where a chunk begins.
        rows = rows.rechunk()
        if rows.height == 0:
            continue
        tail = _last_pair_rows(rows)
        carry = rows.tail(tail)
        if tail < rows.height:
            yield rows.head(rows.height - tail)
    if carry is not None and carry.height:
        yield carry


def _last_pair_rows(rows: pl.DataFrame) -> int:
    """Return how many rows at the end of `rows` hold its last pair: looked for in the last
    few thousand rows (a pair rarely holds more), in more only if they are all that pair's."""
    size = 1 << 12
    while True:
        end = rows.tail(size)
        other = pl.any_horizontal(pl.col(name).ne_missing(pl.col(name).last()) for name in _PAIR)
        last_other = end.select(other.arg_true().max()).item()
        if last_other is not None:
            return end.height - int(last_other) - 1
        if end.height == rows.height:
            return rows.height
        size *= 8


def _as_text(kind: pl.DataType) -> pl.DataType:
    """Return the type a column is rolled up as: an enum (a constant of the file) as text."""
    return pl.String() if isinstance(kind, pl.Enum) else kind


def partition_columns(values: dict[str, str | None]) -> dict[str, pl.Expr]:
    """Return the flows' partition columns of a part, from its folders' `values`."""
    schema = SCHEMAS["flows"]
    columns = {}
    for name in PARTITIONS["flows"]:
        value = values.get(name)
        kind = pl.Int16 if schema.field(name).type == pa.int16() else pl.String
        columns[name] = pl.lit(None if value is None else value).cast(kind)
    return columns


def _repeats(chunk: pl.DataFrame, constant: dict[str, object]) -> bool:
    """Say whether two rows of `chunk` might share a key (equal hashes; checked exactly after).

    Columns of one value in the chunk are left out of the hash, a pair by its number.
    """
    key = [PAIR_ID, *(k for k in FLOW_KEY if k not in (*constant, "reporter", "partner"))]
    if len(key) == 2 and chunk[key[1]].null_count() == 0:
        # Sorted within each pair (an HS6 year, as published): no two rows can share a key.
        within, new_pair = pl.col(key[1]), pl.col(PAIR_ID) != pl.col(PAIR_ID).shift()
        if chunk.select((new_pair | (within > within.shift())).fill_null(True).all()).item():
            return False
    hashes = chunk.select(pl.struct(*key).hash().n_unique()).item()
    return bool(hashes < chunk.height)


def _describe(chunk: pl.DataFrame, found: ChunkedPass, constant: dict[str, object]) -> None:
    """Add the chunk's rows, periods and vintages to `found`; the columns of one value
    (`constant`, as `constant_columns` finds them) are taken from it, not read again."""
    found.rows += chunk.height

    def values(name: str) -> list[Any]:
        return [constant[name]] if name in constant else chunk[name].unique().to_list()

    [year] = values("year")  # one part is one year
    found.periods.update((year, month) for month in values("month"))
    found.vintages.update(values("vintage"))
