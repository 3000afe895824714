"""Clustering rows that come in another order: split by reporter, then each reporter sorted apart.

polars' streaming engine writes the rows into one file per partition and reporter, on every
core and in bounded memory (no global sort). One more polars query per partition then reads
each reporter's rows, sorts them by partner and product and sinks them, reporter after
reporter, into the partition's part, so that the part is in cluster order while memory holds
a few reporters at a time: a reporter with more than `SORT_ROWS` rows is read in ranges of
partners, each sorted apart. The part is then checked and rolled up as a published file's
part is (`pair_chunks.py`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Final

import polars as pl
import pyarrow.parquet as pq

from bilateral.errors import StoreError
from bilateral.store.part_constants import constant_columns_of
from bilateral.store.part_writer import partition_folder
from bilateral.store.parts import ROW_GROUP_ROWS, Part, list_parts, part_name
from bilateral.store.tables import PARTITIONS
from bilateral.store.text_note import text_schema_note

SORT_ROWS: Final = 1 << 21
# Each reporter's file holds its rows until a row group is full: small groups, little memory.
SPLIT_ROW_GROUP_ROWS: Final = 1 << 14
_SPLIT_KEY: Final = "reporter"
_ORDER: Final = ("partner", "product")
# One text key sorts as the pair (partner, product) does, and much faster (no code holds \0).
_ORDER_KEY: Final = pl.concat_str(
    pl.col("partner").fill_null(""), pl.lit("\x00"), pl.col("product").fill_null("")
)
_PARTITIONS: Final = PARTITIONS["flows"]


def by_reporter(folder: Path) -> pl.PartitionBy:
    """Return where a sink writes one file per reporter under `folder` (hive folders)."""
    return pl.PartitionBy(folder, key=_SPLIT_KEY, include_key=True, approximate_bytes_per_file=None)


def split_parts(flows: Path, split: Path) -> None:
    """Move the flow parts under `flows` to `split`, one file per partition and reporter."""
    parts = list_parts(flows)
    for folder, files in groupby(parts, key=lambda part: part.file.parent):
        relative = folder.relative_to(flows)
        scan = pl.scan_parquet([part.file for part in files], hive_partitioning=False)
        scan.sink_parquet(
            by_reporter(split / relative), row_group_size=SPLIT_ROW_GROUP_ROWS, mkdir=True
        )
    shutil.rmtree(flows)


def sort_split(split: Path, flows: Path) -> None:
    """Write the rows under `split` as parts under `flows`, one per partition, in cluster order.

    One polars query per partition reads its reporters in order, each sorted by partner and
    product (in ranges of partners if many), and sinks them into the part on every core.
    """
    expected = sum(part.rows for part in list_parts(split))
    for partition, buckets in _buckets(split):
        values: dict[str, object] = dict(partition)
        target = flows / partition_folder(_PARTITIONS, values)
        ranges = [ranges for bucket in buckets for ranges in _sorted_rows(bucket)]
        # polars feeds every sort of one query at once: a part holds about `SORT_ROWS` rows,
        # so that memory stays bounded; a pair's rows never span two parts.
        for group in _groups_of_rows(ranges):
            rows = pl.concat(group)
            rows.sink_parquet(
                target / part_name(),
                compression="zstd",
                row_group_size=ROW_GROUP_ROWS,
                mkdir=True,
                metadata=text_schema_note(rows.collect_schema()),
            )
    written = sum(part.rows for part in list_parts(flows))
    if written != expected:  # a partner no range held (a null one): never drop rows
        raise StoreError(f"clustering kept {written} of {expected} rows")


def _groups_of_rows(ranges: list[tuple[pl.LazyFrame, int]]) -> Iterator[list[pl.LazyFrame]]:
    """Yield consecutive sorted ranges in groups of at most about `SORT_ROWS` rows."""
    group: list[pl.LazyFrame] = []
    held = 0
    for frame, rows in ranges:
        if group and held + rows > SORT_ROWS:
            yield group
            group, held = [], 0
        group.append(frame)
        held += rows
    if group:
        yield group


def _buckets(split: Path) -> Iterator[tuple[dict[str, str | None], list[list[Part]]]]:
    """Yield each partition's values and its reporters' files, in reporter order."""
    folders: dict[Path, list[Part]] = {}
    for part in list_parts(split):
        folders.setdefault(part.file.parent, []).append(part)
    partitions: dict[Path, list[list[Part]]] = {}
    for folder, parts in folders.items():
        partitions.setdefault(folder.parent, []).append(parts)
    for folder in sorted(partitions):
        buckets = sorted(partitions[folder], key=lambda parts: _reporter(parts[0].file))
        values = buckets[0][0].partition_values
        yield {name: values.get(name) for name in _PARTITIONS}, buckets


def _reporter(file: Path) -> tuple[bool, str]:
    """Return the reporter of a file that holds one (from its statistics), nulls last."""
    metadata = pq.read_metadata(file)
    column = metadata.schema.names.index(_SPLIT_KEY)
    for group in range(metadata.num_row_groups):
        statistics = metadata.row_group(group).column(column).statistics
        if statistics is not None and statistics.has_min_max:
            return (False, str(statistics.min))
    return (True, "")


def _sorted_rows(bucket: list[Part]) -> list[tuple[pl.LazyFrame, int]]:
    """Return one reporter's rows sorted by partner and product, in ranges of partners if many,
    each with its number of rows.

    Columns of one value in every file are read from the statistics only, not sorted.
    """
    files = [part.file for part in bucket]
    schema = pl.read_parquet_schema(files[0])
    constant = {k: v for k, v in constant_columns_of(files).items() if k not in _ORDER}
    varying = [name for name in schema if name not in constant]
    constants = [pl.lit(value, schema[name]).alias(name) for name, value in constant.items()]
    scan = pl.scan_parquet(files, hive_partitioning=False).select(varying)
    total = sum(part.rows for part in bucket)
    if total <= SORT_ROWS:
        ranges = [(scan, total)]
    else:
        ranges = [
            (
                scan.filter(pl.col("partner").is_between(pl.lit(low), pl.lit(high), closed="both")),
                rows,
            )
            for low, high, rows in _partner_ranges(scan)
        ]
    return [
        (
            frame.sort(_ORDER_KEY, maintain_order=True)
            .with_columns(constants)
            .select(list(schema)),
            rows,
        )
        for frame, rows in ranges
    ]


def _partner_ranges(scan: pl.LazyFrame) -> Iterator[tuple[str, str, int]]:
    """Split the partners of `scan` into ranges of at most about `SORT_ROWS` rows each."""
    counts = scan.group_by("partner").len().drop_nulls().sort("partner").collect()
    ranges: list[list[str]] = []
    held: list[int] = []
    for partner, count in counts.iter_rows():
        if not ranges or held[-1] + count > SORT_ROWS:
            ranges.append([partner, partner])
            held.append(0)
        ranges[-1][1] = partner
        held[-1] += count
    yield from ((low, high, rows) for (low, high), rows in zip(ranges, held, strict=True))
