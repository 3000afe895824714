"""DuckDB, the embedded default engine: the snapshot's Parquet files read in place."""

from bilateral.engine.contract import EngineFactory
from bilateral.engine.duckdb.engine import DuckDBEngine

open_engine: EngineFactory = DuckDBEngine  # the engine keeps the contract (checked by mypy)

__all__ = ["DuckDBEngine", "open_engine"]
