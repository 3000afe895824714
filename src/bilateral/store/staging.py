"""A file's rows staged in a scratch DuckDB database, checked before anything is committed."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bilateral.errors import DuplicateRowError
from bilateral.schema import FLOW_COLUMNS, FLOW_KEY
from bilateral.sources import LINE_COLUMN, VALUED_BATCH_SCHEMA, SourceRead, with_valuation

MEMORY_LIMIT = "512MB"
_CLUSTER_ORDER = "reporter, partner, product"


@dataclass(frozen=True)
class Period:
    """A (year, month) the staged rows cover; month None is the annual figure."""

    year: int
    month: int | None


class Staging:
    """The staged rows of one ingest."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, read: SourceRead) -> None:
        self.connection = connection
        self.read = read
        self._keys_unique = False

    def _first(self, sql: str) -> tuple[Any, ...] | None:
        rows = self.connection.execute(sql).fetchall()
        return rows[0] if rows else None

    def load(self, on_batch: Callable[[], None]) -> int:
        """Stream the source's batches into the staging table; return the row count."""
        failure: list[BaseException] = []

        def batches() -> Iterator[pa.RecordBatch]:
            try:
                for batch in self.read.batches:
                    yield with_valuation(batch)
                    on_batch()
            except BaseException as exc:
                failure.append(exc)
                raise

        reader = pa.RecordBatchReader.from_batches(VALUED_BATCH_SCHEMA, batches())
        self.connection.register("incoming", reader)
        try:
            self.connection.execute("CREATE TABLE staged AS SELECT * FROM incoming").fetchall()
        except (duckdb.Error, pa.ArrowException) as exc:
            if failure:
                raise failure[0] from None
            raise exc
        if failure:
            raise failure[0]
        count = self._first("SELECT count(*) FROM staged")
        return int(count[0]) if count else 0

    def remove_exact_duplicates(self) -> int:
        """Drop lines repeated verbatim, keeping the first; return how many were dropped."""
        columns = ", ".join(FLOW_COLUMNS)
        key = ", ".join(FLOW_KEY)
        # Distinct keys equal to rows means no line repeats another: the usual, cheap case.
        distinct = self._first(f"SELECT count(DISTINCT hash({key})), count(*) FROM staged")
        if distinct is None or distinct[0] == distinct[1]:
            self._keys_unique = True
            return 0
        before = int(distinct[1])
        self.connection.execute(
            f"""CREATE OR REPLACE TABLE staged AS SELECT * FROM staged
                QUALIFY row_number() OVER (PARTITION BY {columns} ORDER BY {LINE_COLUMN}) = 1"""
        ).fetchall()
        after = self._first("SELECT count(*) FROM staged")
        return before - (int(after[0]) if after else 0)

    def reject_conflicting_keys(self) -> None:
        """Raise `DuplicateRowError` when two lines give different figures for one key."""
        if self._keys_unique:
            return
        key = ", ".join(FLOW_KEY)
        distinct = self._first(f"SELECT count(DISTINCT hash({key})), count(*) FROM staged")
        if distinct is None or distinct[0] == distinct[1]:
            return
        row = self._first(
            f"""SELECT list_sort(list({LINE_COLUMN})) AS lines FROM staged
                GROUP BY {key} HAVING count(*) > 1 ORDER BY min({LINE_COLUMN}) LIMIT 1"""
        )
        if row is None:
            return
        lines = row[0]
        raise DuplicateRowError(
            self.read.path,
            f"lines {lines[0]} and {lines[1]} give different figures for the same "
            "reporter, partner, product, flow and period",
            line=lines[1],
            expected="one line per reporter, partner, product, flow, procedure and period",
        )

    def periods(self) -> list[Period]:
        """Return the periods the staged rows cover."""
        rows = self.connection.execute(
            "SELECT DISTINCT year, month FROM staged ORDER BY year, month NULLS FIRST"
        ).fetchall()
        return [Period(int(year), None if month is None else int(month)) for year, month in rows]

    def vintages(self) -> str:
        """Return the vintage, or the range of vintages, of the staged rows."""
        row = self._first("SELECT min(vintage), max(vintage) FROM staged")
        if row is None or row[0] is None:
            return ""
        return row[0] if row[0] == row[1] else f"{row[0]}..{row[1]}"

    def sorted_rows(self) -> pa.RecordBatchReader:
        """Return the staged rows in canonical columns, clustered for pair queries."""
        columns = ", ".join(FLOW_COLUMNS)
        relation = self.connection.sql(
            f"SELECT {columns} FROM staged ORDER BY year, {_CLUSTER_ORDER}"
        )
        return relation.to_arrow_reader(1 << 17)


@contextlib.contextmanager
def staging(folder: Path, read: SourceRead) -> Iterator[Staging]:
    """Open a scratch database in `folder` for one ingest and delete it afterwards.

    The database is a file, so that staged rows are stored compressed and a large file does
    not need its size in memory.
    """
    scratch = folder / uuid.uuid4().hex
    scratch.mkdir(parents=True)
    spill = scratch / "spill"
    connection = duckdb.connect(
        str(scratch / "staged.duckdb"),
        config={
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": str(spill),
            "preserve_insertion_order": False,
        },
    )
    connection.execute("SET enable_progress_bar = false").fetchall()
    try:
        yield Staging(connection, read)
    finally:
        connection.close()
        shutil.rmtree(scratch, ignore_errors=True)
