"""DuckDB, the embedded default engine: the snapshot's Parquet files read in place."""

from bilateral.engine.duckdb.engine import DuckDBEngine

__all__ = ["DuckDBEngine"]
