"""The rollups of a set of flows, computed with DuckDB and written as Parquet parts."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa

from bilateral.errors import StoreError
from bilateral.store.layout import TableName
from bilateral.store.part_sql import canonical_select_sql
from bilateral.store.part_writer import PartWriter
from bilateral.store.parts import ROW_GROUP_ROWS, Part, list_parts
from bilateral.store.rollups import (
    detail_sql,
    flag_codes_sql,
    flagged_sql,
    links_sql,
    products_sql,
    totals_sql,
)
from bilateral.store.tables import SCHEMAS

ROLLUP_TABLES: Final[tuple[TableName, ...]] = ("rollup_totals", "rollup_products", "product_links")

Rollups = dict[TableName, pa.Table]


def rollup_queries(connection: duckdb.DuckDBPyConnection, relation: str) -> dict[TableName, str]:
    """Group the flows in `relation` once; return each rollup's SQL in its table's columns."""
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE rollup_detail AS {detail_sql(relation)}"
    ).fetchall()
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE flag_codes AS {flag_codes_sql('rollup_detail')}"
    ).fetchall()
    unknown = connection.execute(
        "SELECT flags FROM flag_codes WHERE len(unknown) > 0 LIMIT 1"
    ).fetchall()
    if unknown:
        raise StoreError(f"rows carry flags the store does not know: {unknown[0][0]!r}")
    connection.execute(
        "CREATE OR REPLACE TEMP VIEW rollup_flagged AS "
        + flagged_sql("rollup_detail", "flag_codes")
    ).fetchall()
    queries: dict[TableName, str] = {
        "rollup_totals": totals_sql("rollup_flagged"),
        "rollup_products": products_sql("rollup_flagged"),
        "product_links": links_sql(relation),
    }
    return {name: canonical_select_sql(name, sql) for name, sql in queries.items()}


def compute_rollups(connection: duckdb.DuckDBPyConnection, relation: str) -> Rollups:
    """Compute the rollups and product links of the flows in `relation` (a table or view)."""
    return {
        name: connection.sql(sql).to_arrow_table().cast(SCHEMAS[name])
        for name, sql in rollup_queries(connection, relation).items()
    }


def write_rollup_parts(
    connection: duckdb.DuckDBPyConnection, relation: str, folder: Path
) -> dict[TableName, list[Part]]:
    """Write the rollups of the flows in `relation` as parts under `folder/<table>`."""
    parts: dict[TableName, list[Part]] = {}
    for name, sql in rollup_queries(connection, relation).items():
        writer = PartWriter(folder / name, name)
        try:
            for batch in connection.sql(sql).to_arrow_reader(ROW_GROUP_ROWS):
                writer.write(batch)
        finally:
            writer.close()
        parts[name] = list_parts(folder / name)
    return parts
