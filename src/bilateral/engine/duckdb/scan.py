"""The DuckDB statements that register a store snapshot's tables under their names."""

from __future__ import annotations

from typing import Final

from bilateral.store.layout import TableName
from bilateral.store.part_sql import SQL_TYPES, parquet_scan_sql
from bilateral.store.tables import SCHEMAS

# Rollups are small by design: held in memory, sorted so that a pair's rows sit together and
# filters skip the rest; the flows are read in place. The totals are copied when the engine
# opens; the products rollup (chapters and divisions, far more rows) is read in place until
# queries have read it `COPY_AFTER_READS` times, so a one-query command never pays the copy.
IN_MEMORY: Final[tuple[TableName, ...]] = ("rollup_totals", "rollup_products")
COPIED_ON_OPEN: Final[tuple[TableName, ...]] = ("rollup_totals",)
COPY_AFTER_READS: Final = 8


def register_sql(name: TableName, files: list[str], *, in_memory: bool | None = None) -> str:
    """Return the statement that makes `name` a view (or in-memory table) of its files.

    `in_memory`: copy the rows into memory (None: if the table is copied when an engine opens).
    """
    scan = parquet_scan_sql(name, files) if files else empty_scan_sql(name)
    if name in COPIED_ON_OPEN if in_memory is None else in_memory:
        return (
            f"CREATE OR REPLACE TABLE {name} AS "
            f"SELECT * FROM ({scan}) ORDER BY reporter, partner, year"
        )
    return f"CREATE OR REPLACE VIEW {name} AS {scan}"


def empty_scan_sql(name: TableName) -> str:
    """Return a query of no rows with the table's canonical columns and types.

    >>> empty_scan_sql("events")[:60]
    'SELECT CAST(NULL AS VARCHAR) AS "event_key", CAST(NULL AS DA'
    """
    columns = ", ".join(
        f'CAST(NULL AS {SQL_TYPES[str(field.type)]}) AS "{field.name}"' for field in SCHEMAS[name]
    )
    return f"SELECT {columns} WHERE false"
