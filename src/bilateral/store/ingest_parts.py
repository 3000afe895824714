"""One streaming pass over a file: its rows sorted and written as the flows' Parquet parts.

DuckDB reads the source's Arrow batches as they are normalised, sorts them by year, reporter,
partner and product (spilling to the ingest's folder past its memory limit) and writes one part
per source and year; the rollups are then summed from those parts. Nothing is held whole in
memory and no copy of the file is staged. Lines that repeat a key are rare: only then is the
file read a second time, with its line numbers, to drop verbatim repeats or name the lines
that conflict.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from bilateral.errors import SourceFormatError
from bilateral.schema import FLOW_KEY
from bilateral.sources import VALUED_BATCH_SCHEMA, SourceRead, with_valuation
from bilateral.store.layout import TableName
from bilateral.store.parts import Part, copy_options, list_parts, scratch
from bilateral.store.rollup_parts import write_rollup_parts
from bilateral.store.staging import Period, staging
from bilateral.store.tables import PARTITIONS, canonical_select_sql, parquet_scan_sql

CLUSTER_ORDER = "year, reporter, partner, product"

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
    connection = scratch(folder)
    try:
        _copy_sorted(connection, _batches(read, on_batch), folder / "flows")
        _check_rows(read, folder / "flows")
        connection.execute(
            f"CREATE VIEW new_flows AS {parts_scan_sql(folder / 'flows')}"
        ).fetchall()
        duplicates = 0
        if _repeats_a_key(connection):
            duplicates = _restage_without_repeats(connection, folder, reopen)
        periods, vintage, rows = _describe(connection)
        parts: dict[TableName, list[Part]] = {"flows": list_parts(folder / "flows")}
        if rollups:
            parts.update(write_rollup_parts(connection, "new_flows", folder))
    finally:
        connection.close()
    return StagedFile(parts, rows, duplicates, periods, vintage)


def _batches(read: SourceRead, on_batch: Callable[[], None]) -> pa.RecordBatchReader:
    def batches() -> Iterator[pa.RecordBatch]:
        for batch in read.batches:
            yield with_valuation(batch)
            on_batch()

    return pa.RecordBatchReader.from_batches(VALUED_BATCH_SCHEMA, batches())


def _copy_sorted(
    connection: duckdb.DuckDBPyConnection, rows: pa.RecordBatchReader, target: Path
) -> None:
    """Sort `rows` and write them as partitioned parts under `target`.

    An error raised by the source while DuckDB pulls its batches is raised as it is (a
    `SourceFormatError` naming the line), not as DuckDB's wrapping of it.
    """
    failure: list[BaseException] = []

    def guarded() -> Iterator[pa.RecordBatch]:
        try:
            yield from rows
        except BaseException as exc:
            failure.append(exc)
            raise

    connection.register("incoming", pa.RecordBatchReader.from_batches(rows.schema, guarded()))
    sorted_rows = (
        canonical_select_sql("flows", "SELECT * FROM incoming") + f" ORDER BY {CLUSTER_ORDER}"
    )
    quoted = "'" + str(target).replace("'", "''") + "'"
    try:
        connection.execute(
            f"COPY ({sorted_rows}) TO {quoted} {copy_options(PARTITIONS['flows'])}"
        ).fetchall()
    except (duckdb.Error, pa.ArrowException) as exc:
        if failure:
            raise failure[0] from None
        raise exc
    finally:
        connection.unregister("incoming")
    if failure:
        raise failure[0]


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


def _repeats_a_key(connection: duckdb.DuckDBPyConnection) -> bool:
    key = ", ".join(FLOW_KEY)
    rows = connection.execute(
        f"SELECT count(*) - count(DISTINCT hash({key})) FROM new_flows"
    ).fetchall()
    return bool(rows and rows[0][0])


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
        _copy_sorted(connection, staged.sorted_rows(), folder / "flows")
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
