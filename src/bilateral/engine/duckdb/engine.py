"""DuckDB, embedded: the snapshot's Parquet files read in place with `read_parquet`.

The engine holds a plain DuckDB connection: ibis is imported only when an ibis expression is
run (`execute`), not for the query layer's SQL (`execute_sql`), so a command whose SQL is
already compiled loads no ibis at all.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from bilateral.engine.duckdb.plans import PreparedPlans
from bilateral.engine.duckdb.scan import COPIED_ON_OPEN, COPY_AFTER_READS, IN_MEMORY, register_sql
from bilateral.store import Snapshot
from bilateral.store.layout import TableName

if TYPE_CHECKING:
    import ibis

THREADS = 2
SETTINGS = (
    "SET enable_progress_bar = false",
    "SET TimeZone = 'UTC'",  # as ibis's DuckDB backend sets them
    "SET python_enable_replacements = false",  # no Python variable is read as a table
    # A snapshot's Parquet files never change: their footers are parsed once, not per query.
    "SET parquet_metadata_cache = true",
    # The store's files are local and a pair's rows a few pages of each row group: read by the
    # threads that decode them, as the pages are needed, rather than every column chunk
    # prefetched by a pool of I/O threads (which cost a pair's products a tenth more CPU).
    "SET async_threads = 0",
    "SET disable_parquet_prefetching = true",
    # DuckDB plans a prepared statement again at every EXECUTE; on a pair's few thousand rows
    # these two passes cost more to plan than they save to run (products: 3 ms of 34).
    "SET disabled_optimizers = 'statistics_propagation,join_order'",
)


class DuckDBEngine:
    """A DuckDB connection with one view per store table (an `Engine`)."""

    dialect = "duckdb"

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.connection = duckdb.connect(config={"threads": THREADS})
        self.plans = PreparedPlans(self.connection)
        # tables read in place until they are read often enough to be worth a copy in memory
        self.to_copy: dict[TableName, re.Pattern[str]] = {
            name: re.compile(rf"\b{name}\b") for name in IN_MEMORY if name not in COPIED_ON_OPEN
        }
        self.reads: Counter[TableName] = Counter()
        for setting in SETTINGS:
            self._run(setting)
        try:
            for name, files in self.snapshot.files.items():
                self._run(register_sql(name, files))
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def _run(self, sql: str) -> None:
        self.connection.execute(sql).fetchall()

    def register(self, name: str, table: pa.Table) -> None:
        """Make `table` readable by queries under `name` (replacing any earlier one)."""
        self.plans.clear()  # a plan made before may read the table it replaces
        self.connection.register(name, table)

    def execute(self, expression: ibis.Table) -> pa.Table:
        """Run an expression and return its result as Arrow."""
        import ibis

        return self.execute_sql(str(ibis.to_sql(expression, dialect=self.dialect)))

    def execute_sql(self, sql: str) -> pa.Table:
        """Run SQL compiled for this engine's dialect and return its result as Arrow."""
        try:
            self._copy_when_read_often(sql)
            return self.plans.run(sql)
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def execute_rows(self, sql: str) -> list[dict[str, Any]]:
        """Run SQL compiled for this engine's dialect and return its rows as Python values."""
        try:
            self._copy_when_read_often(sql)
            return self.plans.rows(sql)
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def _copy_when_read_often(self, sql: str) -> None:
        """Copy a table read in place into memory once `sql` is its COPY_AFTER_READS-th read."""
        for name, mentioned in list(self.to_copy.items()):
            # the plain search first: the word search takes about 1 ms over a long statement
            if name in sql and mentioned.search(sql):
                self.reads[name] += 1
                if self.reads[name] >= COPY_AFTER_READS:
                    del self.to_copy[name]
                    self.plans.clear()  # plans made before read the view
                    self._run(f"DROP VIEW {name}")
                    self._run(register_sql(name, self.snapshot.files.get(name, []), in_memory=True))

    def close(self) -> None:
        """Release the connection."""
        self.plans.clear()
        self.connection.close()
