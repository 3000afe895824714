"""Committing staged rows: one Delta commit to flows, then the rollups of what changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake

from bilateral.errors import StoreError
from bilateral.schema import FLOW_KEY, FLOW_SCHEMA
from bilateral.store.layout import TableName, table_path
from bilateral.store.rollups import (
    detail_sql,
    flag_codes_sql,
    flagged_sql,
    links_sql,
    products_sql,
    totals_sql,
)
from bilateral.store.staging import Period
from bilateral.store.tables import (
    PARTITIONS,
    PRODUCT_LINKS_SCHEMA,
    ROLLUP_PRODUCTS_SCHEMA,
    ROLLUP_TOTALS_SCHEMA,
    parquet_scan_sql,
    scratch_connection,
)

ROW_GROUP_ROWS = 1 << 17
_WRITER = WriterProperties(max_row_group_size=ROW_GROUP_ROWS, compression="ZSTD")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scope_predicate(source: str, periods: Sequence[Period], prefix: str = "") -> str:
    """Return the SQL predicate of one source's rows in `periods`."""
    by_year: dict[int, list[int | None]] = {}
    for period in periods:
        by_year.setdefault(period.year, []).append(period.month)
    clauses = []
    for year, months in sorted(by_year.items()):
        parts = []
        known = [m for m in months if m is not None]
        if known:
            parts.append(f"{prefix}month IN ({', '.join(map(str, known))})")
        if None in months:
            parts.append(f"{prefix}month IS NULL")
        clauses.append(f"({prefix}year = {year} AND ({' OR '.join(parts)}))")
    return f"{prefix}source = {_quote(source)} AND ({' OR '.join(clauses)})"


def count_rows(root: Path, predicate: str) -> int:
    """Count the flows the predicate selects in the current snapshot (before a replace)."""
    files = _files(root, "flows")
    if not files:
        return 0
    connection = scratch_connection()
    try:
        row = connection.sql(
            f"SELECT count(*) FROM ({parquet_scan_sql('flows', files)}) WHERE {predicate}"
        ).fetchall()
    finally:
        connection.close()
    return int(row[0][0]) if row else 0


def _files(root: Path, name: TableName) -> list[str]:
    table = DeltaTable(str(table_path(root, name)))
    return [uri.removeprefix("file://") for uri in table.file_uris()]


def replace_period(root: Path, rows: pa.RecordBatchReader, predicate: str, ingest_id: str) -> int:
    """Replace the flows that `predicate` selects by `rows`, in one commit; return the version."""
    table = DeltaTable(str(table_path(root, "flows")))
    write_deltalake(
        table,
        rows,
        mode="overwrite",
        predicate=predicate,
        partition_by=PARTITIONS["flows"],
        writer_properties=_WRITER,
        commit_properties=CommitProperties(custom_metadata={"bilateral.ingest_id": ingest_id}),
    )
    table.update_incremental()
    return int(table.version())


def merge_keys(root: Path, rows: pa.RecordBatchReader, source: str, ingest_id: str) -> int:
    """Upsert `rows` by the flow key (an extract replaces only the figures it carries)."""
    table = DeltaTable(str(table_path(root, "flows")))
    data = rows.read_all().cast(FLOW_SCHEMA)
    years = sorted(set(data.column("year").to_pylist()))
    matches = " AND ".join(f"(t.{name} IS NOT DISTINCT FROM s.{name})" for name in FLOW_KEY)
    predicate = (
        f"t.source = {_quote(source)} AND t.year IN ({', '.join(map(str, years))}) AND {matches}"
    )
    (
        table.merge(
            data,
            predicate=predicate,
            source_alias="s",
            target_alias="t",
            writer_properties=_WRITER,
            commit_properties=CommitProperties(custom_metadata={"bilateral.ingest_id": ingest_id}),
        )
        .when_matched_update_all()
        .when_not_matched_insert_all()
        .execute()
    )
    table.update_incremental()
    return int(table.version())


Rollups = dict[TableName, pa.Table]
_ROLLUP_SCHEMAS: Final[dict[TableName, pa.Schema]] = {
    "rollup_totals": ROLLUP_TOTALS_SCHEMA,
    "rollup_products": ROLLUP_PRODUCTS_SCHEMA,
    "product_links": PRODUCT_LINKS_SCHEMA,
}


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
    return {
        name: f"SELECT {', '.join(_ROLLUP_SCHEMAS[name].names)} FROM ({sql})"
        for name, sql in queries.items()
    }


def compute_rollups(connection: duckdb.DuckDBPyConnection, relation: str) -> Rollups:
    """Compute the rollups and product links of the flows in `relation` (a table or view)."""
    return {
        name: connection.sql(sql).to_arrow_table().cast(_ROLLUP_SCHEMAS[name])
        for name, sql in rollup_queries(connection, relation).items()
    }


def roll_up(
    connection: duckdb.DuckDBPyConnection,
    relation: str,
    root: Path,
    predicate: str,
    ingest_id: str,
) -> None:
    """Replace the rollups of `predicate`'s scope by those of `relation`, one commit per table.

    Each rollup streams from DuckDB into its table, so that none is ever whole in memory.
    """
    for name, sql in rollup_queries(connection, relation).items():
        rows = connection.sql(sql).to_arrow_reader(1 << 17).cast(_ROLLUP_SCHEMAS[name])
        write_deltalake(
            DeltaTable(str(table_path(root, name))),
            rows,
            mode="overwrite",
            predicate=predicate,
            partition_by=PARTITIONS[name],
            commit_properties=CommitProperties(custom_metadata={"bilateral.ingest_id": ingest_id}),
        )


def roll_up_stored_flows(root: Path, predicate: str, ingest_id: str) -> None:
    """Replace the rollups of the stored flows that `predicate` selects."""
    scan = parquet_scan_sql("flows", _files(root, "flows"))
    connection = scratch_connection()
    try:
        view = f"CREATE VIEW scope AS SELECT * FROM ({scan}) WHERE {predicate}"
        connection.execute(view).fetchall()
        roll_up(connection, "scope", root, predicate, ingest_id)
    finally:
        connection.close()
