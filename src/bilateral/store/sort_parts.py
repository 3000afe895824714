"""Sorting a file's flow parts into cluster order, a range of reporters at a time.

Each partition's rows are split into ranges of reporters of about `BUCKET_ROWS` rows (from
the counts by reporter), and each range is sorted by reporter, partner and product in memory
and written as its own part. The parts of a partition hold disjoint reporters, each in order,
so every pair's rows come together; memory holds one range whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

import polars as pl

from bilateral.schema import CLUSTER_COLUMNS
from bilateral.store.parts import ROW_GROUP_ROWS, list_parts, part_name

BUCKET_ROWS: Final = 1 << 20


def sort_by_pairs(flows: Path) -> None:
    """Rewrite each partition's parts under `flows` as parts in cluster order."""
    for partition in sorted({part.file.parent for part in list_parts(flows)}):
        files = sorted(partition.glob("*.parquet"))
        scan = pl.scan_parquet(files)
        counts = scan.group_by("reporter").len().sort("reporter").collect()
        for low, high in _ranges(counts):
            scan.filter(pl.col("reporter").is_between(pl.lit(low), pl.lit(high))).sort(
                list(CLUSTER_COLUMNS)
            ).sink_parquet(
                partition / part_name(), compression="zstd", row_group_size=ROW_GROUP_ROWS
            )
        for file in files:
            file.unlink()


def _ranges(counts: pl.DataFrame) -> Iterator[tuple[str, str]]:
    """Yield (first, last) reporters of consecutive ranges of about `BUCKET_ROWS` rows."""
    first: str | None = None
    last = ""
    rows = 0
    for last, count in counts.iter_rows():
        first = last if first is None else first
        rows += count
        if rows >= BUCKET_ROWS:
            yield first, last
            first, rows = None, 0
    if first is not None:
        yield first, last
