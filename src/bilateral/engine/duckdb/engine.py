"""DuckDB, embedded: the snapshot's Parquet files read in place with `read_parquet`."""

from __future__ import annotations

import duckdb
import ibis
import pyarrow as pa
from ibis.backends.duckdb import Backend as IbisDuckDB

from bilateral.engine.duckdb.scan import register_sql
from bilateral.store import Snapshot
from bilateral.store.layout import TableName


class DuckDBEngine:
    """An ibis DuckDB connection with one view per store table (an `Engine`)."""

    dialect = "duckdb"

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.connection: IbisDuckDB = ibis.duckdb.connect(threads=2)
        self._run("SET enable_progress_bar = false")
        try:
            for name, files in self.snapshot.files.items():
                self._run(register_sql(name, files))
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def _run(self, sql: str) -> None:
        self.connection.con.execute(sql).fetchall()

    def register(self, name: str, table: pa.Table) -> None:
        """Make `table` readable by queries under `name` (replacing any earlier one)."""
        self.connection.con.register(name, table)

    def table(self, name: TableName) -> ibis.Table:
        """Return the ibis table of one store table."""
        return self.connection.table(name)

    def execute(self, expression: ibis.Table) -> pa.Table:
        """Run an expression and return its result as Arrow."""
        return self.execute_sql(str(self.connection.compile(expression)))

    def execute_sql(self, sql: str) -> pa.Table:
        """Run SQL compiled for this engine's dialect and return its result as Arrow."""
        try:
            return self.connection.con.sql(sql).to_arrow_table()
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def close(self) -> None:
        """Release the connection."""
        self.connection.disconnect()
