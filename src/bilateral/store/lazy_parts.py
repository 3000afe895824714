"""Writing a file's flow parts through its reader's polars query (the fast path of an ingest).

The query is sunk into one Parquet part per partition by polars' streaming engine (or, for a
file in another order than the cluster order, one file per partition and bucket of reporters),
while the same scan counts the rows and the suspect ones and, when asked, groups the rows for
the rollups (`stream_rollups.py`). When any row is suspect, the query fails to parse a line,
or a line has another number of fields than the header, the parts are removed and the caller
reads the file with the exact reader instead (see `sources/lazy.py`).
"""

from __future__ import annotations

import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import polars as pl
import pyarrow.parquet as pq

from bilateral.schema import FLOW_COLUMNS, VALUATION_COLUMNS
from bilateral.sources import SourceRead
from bilateral.sources.lazy import SUSPECT, LineShape
from bilateral.store.part_writer import partition_folder
from bilateral.store.parts import ROW_GROUP_ROWS, part_name
from bilateral.store.reporter_split import (
    SPLIT_COMPRESSION,
    SPLIT_ROW_GROUP_ROWS,
    by_reporter,
    split_rows,
)
from bilateral.store.stream_rollups import StreamedRollups, detail_query
from bilateral.store.tables import PARTITIONS
from bilateral.store.text_note import text_schema_note

_PARTITIONS = PARTITIONS["flows"]
HEAD_ROWS: Final = 1 << 16


@dataclass(frozen=True)
class LazyWrite:
    """What the fast path wrote: the row count, and the rollups' grouping if asked for."""

    rows: int
    rollups: StreamedRollups | None


def write_lazy_parts(
    read: SourceRead, target: Path, *, split: bool = False, rollups: bool = False
) -> LazyWrite | None:
    """Write the flows of `read` as parts under `target`; return the row count.

    With `split`, each partition holds one folder per bucket of reporters (`reporter_split.py`);
    with
    `rollups`, the same pass groups the rows for the rollups where the reader says that pays
    (`LazyRows.many_rows_per_rollup`). None means the exact reader must
    read the file (its parts are then removed). A suspect row is written with a null value,
    which no row may have: the parts' statistics tell.
    """
    lazy = read.lazy
    if lazy is None:
        return None
    marked = {
        **{name: pl.lit(None, pl.Float64) for name in VALUATION_COLUMNS},
        "value": pl.when(pl.col(SUSPECT)).then(None).otherwise(pl.col("value")),
    }
    group = rollups and lazy.many_rows_per_rollup
    # polars may still open a sink's file after `collect_all` has raised: the sink writes into
    # a folder of its own, moved to `target` only once it is complete, so that a late file
    # lands in a folder nothing reads rather than among the exact reader's parts.
    private = target.with_name(f"{target.name}.lazy-{uuid.uuid4().hex}")
    with ThreadPoolExecutor(max_workers=1) as pool:
        shape = pool.submit(LineShape.of, lazy.data_path)
        partition = {"source": read.source, "year": lazy.year}
        folder = private / partition_folder(_PARTITIONS, partition)
        columns = [name for name in FLOW_COLUMNS if name not in _PARTITIONS]
        rows = lazy.frame.with_columns(**marked)
        stored = rows.select(columns)
        # Enums are written as they are, noted as text (`text_note.py`); the split files keep
        # them as enums, which their sort gathers as numbers, and leave out the file's text
        # columns of one value (`reporter_split.py`).
        if split:
            stored, metadata = split_rows(stored, lazy.constants)
        else:
            metadata = text_schema_note(stored.collect_schema())
        sink = stored.sink_parquet(
            by_reporter(folder) if split else folder / part_name(),
            compression=SPLIT_COMPRESSION if split else "zstd",
            row_group_size=SPLIT_ROW_GROUP_ROWS if split else ROW_GROUP_ROWS,
            mkdir=True,
            metadata=metadata,
            lazy=True,
        )
        try:
            # One scan of the file feeds the sink and the grouping (not more: see
            # `stream_rollups.py`).
            _, *grouping = pl.collect_all(
                [sink, *([detail_query(rows, lazy.constants)] if group else [])],
                engine="streaming",
            )
        except pl.exceptions.PolarsError:
            shutil.rmtree(private, ignore_errors=True)
            return None  # a line polars cannot parse: the exact reader names it
        count, suspect = _counts(private)
        if suspect or count == 0 or not shape.result().holds(count, lazy.fields):
            shutil.rmtree(private, ignore_errors=True)
            return None
    private.rename(target)
    read.stats.rows_read = count
    read.stats.bytes_read = read.stats.bytes_total or lazy.data_path.stat().st_size
    streamed = StreamedRollups.of(grouping[0], lazy.constants) if grouping else None
    return LazyWrite(count, streamed)


def head_in_cluster_order(read: SourceRead) -> bool:
    """Say whether the first rows of the fast path's query come in cluster order.

    Published files do, and are written as they come (then checked whole); a file whose
    head is in another order is split into buckets of reporters as it is written, to be sorted.
    """
    if read.lazy is None:
        return True
    try:
        head = read.lazy.frame.select("reporter", "partner").head(HEAD_ROWS).collect()
    except pl.exceptions.PolarsError:
        return True  # the write fails the same way, and the exact reader names the line
    runs = head.select(pl.struct("reporter", "partner").rle().struct.field("value")).to_series()
    return runs.n_unique() == runs.len()


def _counts(target: Path) -> tuple[int, int]:
    """Return the rows of the parts under `target`, and how many have a null value."""
    rows = nulls = 0
    for file in target.rglob("*.parquet"):
        metadata = pq.read_metadata(file)
        rows += metadata.num_rows
        column = metadata.schema.names.index("value")
        for group in range(metadata.num_row_groups):
            statistics = metadata.row_group(group).column(column).statistics
            nulls += statistics.null_count if statistics is not None else 1
    return rows, nulls
