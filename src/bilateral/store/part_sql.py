"""DuckDB SQL that the store's write path runs over its own Parquet parts.

The writer, the checker and the repair read and rewrite parts with an in-memory DuckDB; queries
never come here (engines register snapshots themselves, see `bilateral.engine`).
"""

from __future__ import annotations

import functools
from typing import Final

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from bilateral.store.layout import TableName
from bilateral.store.tables import PARTITIONS, SCHEMAS

SQL_TYPES: Final = {
    "string": "VARCHAR",
    "int8": "TINYINT",
    "int16": "SMALLINT",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "timestamp[us, tz=UTC]": "TIMESTAMPTZ",
    "date32[day]": "DATE",
}


def parquet_scan_sql(name: TableName, files: list[str], *, filename: bool = False) -> str:
    """Return a DuckDB `read_parquet` over a table's files, with its canonical columns and types.

    Delta keeps partition values in the folder names, so they are read as Hive partitions.
    `filename` adds each row's file as a column `filename`.
    """
    schema = SCHEMAS[name]
    hive_types = ", ".join(
        f"'{column}': {SQL_TYPES[str(schema.field(column).type)]}" for column in PARTITIONS[name]
    )
    listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    options = (
        f", hive_partitioning = true, hive_types = {{{hive_types}}}" if PARTITIONS[name] else ""
    )
    in_files = [_file_columns(file) for file in files]
    anywhere = set(PARTITIONS[name]).union(*in_files)
    if any(columns != in_files[0] for columns in in_files):
        # Files written before a column was added lack it: match columns by name, nulls there.
        options += ", union_by_name = true"
    columns = ", ".join(
        f'"{column}"' if column in anywhere else f'NULL::{SQL_TYPES[str(field.type)]} AS "{column}"'
        for column, field in zip(schema.names, schema, strict=True)
    )
    if filename:
        options += ", filename = true"
        columns += ", filename"
    return f"SELECT {columns} FROM read_parquet({listing}{options})"


def canonical_select_sql(name: TableName, relation: str, *, partitions: bool = True) -> str:
    """Return `relation`'s rows in the table's columns and types (without its partition columns
    unless `partitions`), as a Parquet part of the table must hold them."""
    schema = SCHEMAS[name]
    columns = ", ".join(
        f'CAST("{field.name}" AS {SQL_TYPES[str(field.type)]}) AS "{field.name}"'
        for field in schema
        if partitions or field.name not in PARTITIONS[name]
    )
    return f"SELECT {columns} FROM ({relation})"


@functools.lru_cache(maxsize=65536)
def _file_columns(file: str) -> frozenset[str]:
    """Return the columns one Parquet file holds (files never change once written)."""
    try:
        return frozenset(pq.read_schema(file).names)
    except (OSError, pa.ArrowException) as exc:
        raise pa.ArrowInvalid(f"{file}: {exc}") from None  # name the file: pyarrow does not


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """Return an in-memory DuckDB connection that prints nothing (no progress bar)."""
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false").fetchall()
    return connection
