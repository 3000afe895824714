"""DuckDB, embedded: the snapshot's Parquet files read in place with `read_parquet`."""

from __future__ import annotations

import ibis
import pyarrow as pa
from ibis.backends.duckdb import Backend as IbisDuckDB

from bilateral.store import Snapshot
from bilateral.store.layout import TableName
from bilateral.store.tables import parquet_scan_sql


class DuckDBEngine:
    """An ibis DuckDB connection with one view per store table."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.connection: IbisDuckDB = ibis.duckdb.connect(threads=2, enable_progress_bar=False)
        for name in snapshot.files:
            self._register(name)

    def _register(self, name: TableName) -> None:
        files = self.snapshot.files[name]
        if not files:
            schema = self.snapshot.schemas[name]
            self.connection.create_table(name, obj=schema.empty_table(), overwrite=True)
            return
        self.connection.raw_sql(f"CREATE OR REPLACE VIEW {name} AS {parquet_scan_sql(name, files)}")

    def table(self, name: TableName) -> ibis.Table:
        """Return the ibis table of one store table."""
        return self.connection.table(name)

    def execute(self, expression: ibis.Table) -> pa.Table:
        """Run an expression and return its result as Arrow."""
        return self.connection.to_pyarrow(expression)

    def close(self) -> None:
        """Release the connection."""
        self.connection.disconnect()
