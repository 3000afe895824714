"""DuckDB, embedded: the snapshot's Parquet files read in place with `read_parquet`."""

from __future__ import annotations

import duckdb
import ibis
import pyarrow as pa
from ibis.backends.duckdb import Backend as IbisDuckDB

from bilateral.store import Snapshot
from bilateral.store.layout import TableName
from bilateral.store.tables import empty_scan_sql, parquet_scan_sql

_IN_MEMORY: tuple[TableName, ...] = ("rollup_totals", "rollup_products")


class DuckDBEngine:
    """An ibis DuckDB connection with one view per store table."""

    dialect = "duckdb"

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.connection: IbisDuckDB = ibis.duckdb.connect(threads=2)
        self._run("SET enable_progress_bar = false")
        try:
            self._register_tables()
        except (duckdb.Error, OSError, pa.ArrowException) as error:
            raise self.snapshot.damaged_file(error) or error from None

    def _register_tables(self) -> None:
        for name, files in self.snapshot.files.items():
            scan = parquet_scan_sql(name, files) if files else empty_scan_sql(name)
            # Rollups are small by design: hold them in memory, sorted so that a pair's rows sit
            # together and filters skip the rest; read the flows in place.
            if name in _IN_MEMORY:
                self._run(
                    f"CREATE OR REPLACE TABLE {name} AS "
                    f"SELECT * FROM ({scan}) ORDER BY reporter, partner, year"
                )
            else:
                self._run(f"CREATE OR REPLACE VIEW {name} AS {scan}")

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
