"""Parquet parts: written by DuckDB outside the table folders, then moved in and committed.

An ingest writes its parts in its own folder under `_staging`, holding that folder's lock while
it works; a folder whose lock is free belongs to a process that died and is removed by the
next writer. Parts enter a table folder only under the store's write lock, by a rename, and
become part of the table with one Delta commit of their add actions.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import unquote

import duckdb
import pyarrow.parquet as pq
from deltalake.transaction import AddAction, RemoveAction
from filelock import FileLock, Timeout

from bilateral.store.layout import staging_path

ROW_GROUP_ROWS: Final = 1 << 17
MEMORY_LIMIT: Final = "512MB"
_NUMERIC_STATS: Final = ("month", "value", "quantity_kg", "rows")
_REMOVAL_TRIES: Final = 30  # 3 s at most


@dataclass(frozen=True)
class Part:
    """One Parquet file to add to a table: where it is, where it goes, and what it holds."""

    file: Path
    relative: str  # path inside the table folder, as on disk (partition folders escaped)
    partition_values: dict[str, str | None]
    rows: int

    def add_action(self, size: int) -> AddAction:
        """Return the Delta add action of this part once it is `size` bytes in the table."""
        return AddAction(
            self.relative,
            size,
            self.partition_values,
            int(time.time() * 1000),
            True,
            file_stats(self.file),
        )


def remove_action(
    relative: str, size: int, partition_values: dict[str, str | None]
) -> RemoveAction:
    """Return the Delta remove action of a file of the table (path as on disk)."""
    return RemoveAction(relative, True, int(time.time() * 1000), size, partition_values)


def file_stats(path: Path) -> str:
    """Return the Delta stats of a Parquet file: its row count, and bounds of numeric columns."""
    metadata = pq.read_metadata(path)
    stats: dict[str, object] = {"numRecords": metadata.num_rows}
    minimum: dict[str, object] = {}
    maximum: dict[str, object] = {}
    for index in range(metadata.num_columns):
        name = metadata.schema.column(index).name
        if name not in _NUMERIC_STATS or metadata.num_row_groups == 0:
            continue
        groups = [
            metadata.row_group(g).column(index).statistics for g in range(metadata.num_row_groups)
        ]
        if any(s is None or not s.has_min_max for s in groups):
            continue
        minimum[name] = min(s.min for s in groups if s is not None)
        maximum[name] = max(s.max for s in groups if s is not None)
    if minimum:
        stats["minValues"] = minimum
        stats["maxValues"] = maximum
    return json.dumps(stats)


def list_parts(folder: Path) -> list[Part]:
    """Return the Parquet parts DuckDB wrote in `folder`, with hive partition folders."""
    parts: list[Part] = []
    for file in sorted(folder.rglob("*.parquet")):
        relative = file.relative_to(folder).as_posix()
        values = {
            key: None if value == "NULL" else unquote(value)
            for key, value in (piece.split("=", 1) for piece in relative.split("/")[:-1])
        }
        parts.append(Part(file, relative, values, pq.read_metadata(file).num_rows))
    return parts


def move_into(parts: Sequence[Part], table: Path) -> list[AddAction]:
    """Move `parts` into the table folder `table` (renames); return their add actions."""
    actions = []
    for part in parts:
        target = table / part.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        part.file.replace(target)
        moved = Part(target, part.relative, part.partition_values, part.rows)
        actions.append(moved.add_action(target.stat().st_size))
    return actions


def copy_options(partition_by: Sequence[str]) -> str:
    """Return the options of a DuckDB `COPY ... TO` that writes the store's Parquet parts."""
    partitions = f", PARTITION_BY ({', '.join(partition_by)})" if partition_by else ""
    return (
        f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_ROWS}"
        f"{partitions}, FILENAME_PATTERN 'part-{{uuid}}')"
    )


def part_name() -> str:
    """Return a new part file name, unique in every table folder."""
    return f"part-{uuid.uuid4()}.parquet"


def scratch(folder: Path, *, ordered: bool = True) -> duckdb.DuckDBPyConnection:
    """Return an in-memory DuckDB that spills into `folder`, quiet, within the memory limit.

    `ordered` runs one thread, so that an ORDER BY holds inside each partition file (several
    threads interleave their sorted runs when they write partitions).
    """
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": MEMORY_LIMIT,
        "temp_directory": str(folder / "spill"),
        "preserve_insertion_order": ordered,
    }
    if ordered:
        config["threads"] = 1
    connection = duckdb.connect(config=config)
    connection.execute("SET enable_progress_bar = false").fetchall()
    return connection


@contextlib.contextmanager
def parts_folder(root: Path) -> Iterator[Path]:
    """Give one ingest its own folder under `_staging`, locked while it works, then remove it."""
    staging = staging_path(root)
    staging.mkdir(parents=True, exist_ok=True)
    ident = uuid.uuid4().hex
    lock = FileLock(str(staging / f"{ident}.lock"), is_singleton=False)
    lock.acquire()
    folder = staging / ident
    folder.mkdir()
    try:
        yield folder
    except BaseException:
        _remove_after_stop(folder)
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        lock.release()
        (staging / f"{ident}.lock").unlink(missing_ok=True)


def _remove_after_stop(folder: Path) -> None:
    """Remove the folder of an ingest that stopped, and see that it stays removed.

    An interrupted polars or DuckDB query returns to Python while its worker threads may
    still be finishing the files they were writing, which brings the folder back.
    """
    for _ in range(_REMOVAL_TRIES):
        shutil.rmtree(folder, ignore_errors=True)
        time.sleep(0.1)
        if not folder.exists():
            return


def remove_abandoned_parts(root: Path) -> list[str]:
    """Remove the `_staging` folders of processes that died; return their names.

    A folder is abandoned when its lock can be taken (the kernel released it with its holder)
    or when it has no lock file (left by an earlier version of bilateral).
    """
    staging = staging_path(root)
    if not staging.is_dir():
        return []
    removed: list[str] = []
    for entry in sorted(staging.iterdir()):
        if entry.suffix == ".lock":
            continue
        lock_file = staging / f"{entry.name}.lock"
        lock = FileLock(str(lock_file), is_singleton=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # an ingest still writing its parts
        try:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry.name)
        finally:
            lock.release()
            lock_file.unlink(missing_ok=True)
    for lock_file in staging.glob("*.lock"):
        if not (staging / lock_file.stem).exists():
            with contextlib.suppress(Timeout), FileLock(str(lock_file), timeout=0):
                lock_file.unlink(missing_ok=True)
    return removed
