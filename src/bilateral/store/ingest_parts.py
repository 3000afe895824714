"""One streaming pass over a file: its rows written as the flows' Parquet parts and rolled up.

A bulk reader's polars query (`sources/lazy.py`) is sunk into one part per source and year by
polars' streaming engine, which in the same pass groups the rows for the rollups
(`stream_rollups.py`); a file the query cannot vouch for, and every other format, is read
by the exact reader, whose Arrow batches pyarrow writes in the file's order. Published files
come in the store's cluster order (each pair's rows together), which is checked on the parts.
A file in another order (its first rows tell, or the check) is split into buckets of reporters
instead, and each bucket sorted by one more polars query into the parts (`reporter_split.py`).
One more pass over the parts, in chunks of whole pairs (`pair_chunks.py`), looks for repeated
keys; the rollups of the fast path's rows come from a grouping streamed beside the write or,
for a file in another order, from one streaming query a sorted part; the pass finds the
periods and vintages and writes the rollups of the exact reader's rows. Nothing is held
whole in memory and no copy of the file is staged. Lines that repeat a key are rare: only
then is the file read a second time, with its line numbers, to drop verbatim repeats or name
the lines that conflict.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from bilateral.errors import SourceFormatError
from bilateral.sources import SourceRead, with_valuation
from bilateral.store.layout import TableName
from bilateral.store.lazy_parts import head_in_cluster_order, write_lazy_parts
from bilateral.store.pair_chunks import frame_chunks, pair_chunks, pass_over_chunks
from bilateral.store.part_sql import parquet_scan_sql
from bilateral.store.part_writer import PartWriter
from bilateral.store.parts import Part, list_parts, scratch
from bilateral.store.reporter_split import sorted_parts, split_parts
from bilateral.store.rollup_parts import write_rollup_parts
from bilateral.store.staging import Period, staging
from bilateral.store.stream_rollups import (
    StreamedRollups,
    grouped_sorted,
    write_streamed_rollups,
)

PAIR_COLUMNS = ("year", "reporter", "partner")

Reopen = Callable[[], AbstractContextManager[SourceRead]]


@dataclass(frozen=True)
class StagedFile:
    """The parts of one file, ready to commit, and what they hold."""

    parts: dict[TableName, list[Part]]
    rows: int
    duplicates: int
    periods: list[Period]
    vintage: str


def stage_file(
    read: SourceRead, folder: Path, on_batch: Callable[[], None], reopen: Reopen, rollups: bool
) -> StagedFile:
    """Write the file's flows (and, with `rollups`, their rollups) as parts under `folder`."""
    flows, split = folder / "flows", folder / "split"
    clustered, streamed, fast = _write_flows(read, folder, on_batch, rollups)
    _check_rows(read, flows if clustered else split)
    rolled: dict[TableName, list[Part]] = {}
    roll = folder if rollups and streamed is None else None
    if not clustered:
        # The sorted parts are checked and grouped (or rolled up) as they are written, from
        # the rows still in memory.
        lazy = read.lazy if fast else None
        if roll is not None and lazy is not None and lazy.many_rows_per_rollup:
            streamed, found = grouped_sorted(sorted_parts(split, flows), lazy.constants)
        else:
            sorted_chunks = (
                chunk
                for part in sorted_parts(split, flows)
                for chunk in frame_chunks(part.rows, part.partition, keys_only=roll is None)
            )
            found, rolled = pass_over_chunks(sorted_chunks, roll)
    elif streamed is not None:  # the grouping holds whatever the order of the rows
        found = streamed.described(list_parts(flows))
    else:
        chunks = pair_chunks(list_parts(flows), keys_only=roll is None)
        found, rolled = pass_over_chunks(chunks, roll)
    shutil.rmtree(split, ignore_errors=True)
    if not found.repeats:
        if streamed is not None and rollups:
            rolled = write_streamed_rollups(streamed, list_parts(flows), folder)
        parts = {"flows": list_parts(flows), **rolled}
        return StagedFile(parts, found.rows, 0, found.period_list(), found.vintage())
    # Sums need no order: let every core group them.
    connection = scratch(folder, ordered=False)
    try:
        duplicates, parts = _without_repeats(connection, folder, reopen, rollups)
        periods, vintage, rows = _describe(connection)
    finally:
        connection.close()
    return StagedFile(parts, rows, duplicates, periods, vintage)


def _write_flows(
    read: SourceRead, folder: Path, on_batch: Callable[[], None], rollups: bool
) -> tuple[bool, StreamedRollups | None, bool]:
    """Write the file's rows as parts under `folder / 'flows'` when they come in cluster order
    (return True), else split into buckets of reporters under `folder / 'split'` (return
    False); with `rollups`, return the groupings for them if the same pass made them; and
    whether the fast path (the reader's polars query) wrote the rows."""
    flows, split = folder / "flows", folder / "split"
    streamed: StreamedRollups | None = None
    if head_in_cluster_order(read):
        if (written := write_lazy_parts(read, flows, rollups=rollups)) is not None:
            on_batch()
            streamed = written.rollups
            clustered = pairs_come_together(flows)
        else:
            order = ClusterOrder()
            _write_parts(_batches(read, on_batch, order), flows)
            pa.default_memory_pool().release_unused()  # the read's buffers
            clustered = order.holds
        if not clustered and list_parts(flows):
            split_parts(flows, split)
        return clustered, streamed, written is not None
    # Split by reporter, the sink holds a file open per reporter: grouping beside it would
    # take more memory than grouping the sorted parts does (`stage_file`).
    if write_lazy_parts(read, split, split=True) is not None:
        on_batch()
        return False, None, True
    order = ClusterOrder()
    _write_parts(_batches(read, on_batch, order), flows)
    pa.default_memory_pool().release_unused()
    if order.holds or not list_parts(flows):
        return True, None, False
    split_parts(flows, split)
    return False, None, False


class ClusterOrder:
    """Whether the rows of each pair (year, reporter, partner) seen so far come together.

    That is the order pair queries need (a pair's rows in few row groups), and the order every
    published file has, whichever order its codes sort in.
    """

    def __init__(self) -> None:
        self.holds = True
        self._seen: set[str] = set()
        self._current: str | None = None

    def observe(self, batch: pa.RecordBatch) -> None:
        """Look at one more batch (vectorised runs; it stops once the order failed)."""
        if not self.holds or batch.num_rows == 0:
            return
        frame = pl.from_arrow(batch.select(list(PAIR_COLUMNS)))
        assert isinstance(frame, pl.DataFrame)
        keys = frame.select(
            pl.concat_str(
                [pl.col(name).cast(pl.String).fill_null("") for name in PAIR_COLUMNS],
                separator="\x00",
            )
        ).to_series()
        for key in keys.rle().struct.field("value").to_list():
            if key == self._current:
                continue
            if key in self._seen:
                self.holds = False
                return
            self._seen.add(key)
            self._current = key


def pairs_come_together(folder: Path) -> bool:
    """Say whether each part under `folder` holds each pair's rows together (cluster order).

    Each partition has one part here: its rows are in cluster order when the runs of
    (reporter, partner) are as many as its distinct pairs.
    """
    return all(_pairs_are_runs(part.file) for part in list_parts(folder))


def _pairs_are_runs(file: Path) -> bool:
    """Say whether each pair's rows in `file` come together; stop at the first that comes back."""
    pair = pl.struct("reporter", "partner")
    seen: set[tuple[str, str]] = set()
    last: tuple[str, str] | None = None
    scan = pl.scan_parquet(file).select(pair.rle().struct.field("value").alias("pair"))
    for batch in scan.collect_batches(chunk_size=1 << 20):
        runs = batch["pair"]
        if runs.n_unique() < runs.len():
            return False  # a pair comes back within the batch (a shuffled file, at once)
        values = [(value["reporter"], value["partner"]) for value in runs.to_list()]
        if not values:
            continue
        fresh = values[1:] if values[0] == last else values
        if not seen.isdisjoint(fresh):
            return False
        seen.update(fresh)
        last = values[-1]
    return True


def _write_parts(batches: Iterable[pa.RecordBatch], target: Path) -> None:
    """Write `batches` as partitioned parts under `target`, in their order."""
    writer = PartWriter(target)
    try:
        for batch in batches:
            writer.write(batch)
    finally:
        writer.close()


def _batches(
    read: SourceRead, on_batch: Callable[[], None], order: ClusterOrder
) -> Iterator[pa.RecordBatch]:
    for batch in read.batches:
        order.observe(batch)
        yield with_valuation(batch)
        on_batch()


def parts_scan_sql(folder: Path) -> str:
    """Return the scan of the flow parts under `folder`, in the flows' canonical columns."""
    files = [str(part.file) for part in list_parts(folder)]
    if not files:
        return "SELECT * FROM (" + parquet_scan_sql("flows", []) + ") WHERE false"
    return parquet_scan_sql("flows", files)


def _check_rows(read: SourceRead, folder: Path) -> None:
    if read.stats.rows_read == 0:
        raise SourceFormatError(
            read.path, "the file has a header but no data rows", line=2, expected="data rows"
        )
    if not list_parts(folder):
        raise SourceFormatError(
            read.path,
            "no row of the file holds a figure (" + "; ".join(read.stats.quarantine_notes) + ")",
            expected="at least one row with a value",
        )


def _without_repeats(
    connection: duckdb.DuckDBPyConnection, folder: Path, reopen: Reopen, rollups: bool
) -> tuple[int, dict[TableName, list[Part]]]:
    """Restage the file without its verbatim repeats; return how many, and the parts."""
    connection.execute(f"CREATE VIEW new_flows AS {parts_scan_sql(folder / 'flows')}").fetchall()
    duplicates = _restage_without_repeats(connection, folder, reopen)
    parts: dict[TableName, list[Part]] = {"flows": list_parts(folder / "flows")}
    if rollups:
        parts.update(write_rollup_parts(connection, "new_flows", folder))
    return duplicates, parts


def _restage_without_repeats(
    connection: duckdb.DuckDBPyConnection, folder: Path, reopen: Reopen
) -> int:
    """Read the file again with its line numbers: drop verbatim repeats, refuse conflicts."""
    with reopen() as again, staging(folder / "lines", again) as staged:
        staged.load(lambda: None)
        dropped = staged.remove_exact_duplicates()
        staged.reject_conflicting_keys()
        connection.execute("DROP VIEW new_flows").fetchall()
        shutil.rmtree(folder / "flows")
        _write_parts(staged.sorted_rows(), folder / "flows")
    connection.execute(f"CREATE VIEW new_flows AS {parts_scan_sql(folder / 'flows')}").fetchall()
    return dropped


def _describe(connection: duckdb.DuckDBPyConnection) -> tuple[list[Period], str, int]:
    periods = [
        Period(int(year), None if month is None else int(month))
        for year, month in connection.execute(
            "SELECT DISTINCT year, month FROM new_flows ORDER BY year, month NULLS FIRST"
        ).fetchall()
    ]
    [(low, high, rows)] = connection.execute(
        "SELECT min(vintage), max(vintage), count(*) FROM new_flows"
    ).fetchall()
    vintage = "" if low is None else low if low == high else f"{low}..{high}"
    return periods, vintage, int(rows)
