"""The store's Delta tables: their schemas, creation and snapshots."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake import Field as DeltaField
from deltalake.exceptions import TableNotFoundError

from bilateral.errors import StoreError, VintageNotFoundError
from bilateral.schema import FLOW_SCHEMA
from bilateral.store.layout import TABLES, TableName, table_path

ROLLUP_KEY: Final = ("source", "reporter", "partner", "flow", "year", "month", "product_level")
_MEASURES: Final = [
    pa.field("value", pa.float64()),
    pa.field("confidential_value", pa.float64()),
    pa.field("quantity_kg", pa.float64()),
    pa.field("rows", pa.int64()),
    pa.field("currency", pa.string()),
    pa.field("flags", pa.string()),
    pa.field("vintage", pa.string()),
]
ROLLUP_TOTALS_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("reporter", pa.string()),
        pa.field("partner", pa.string()),
        pa.field("flow", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("month", pa.int8()),
        pa.field("product_level", pa.string()),
        *_MEASURES,
    ]
)
ROLLUP_PRODUCTS_SCHEMA: Final = pa.schema(
    [
        *(ROLLUP_TOTALS_SCHEMA.field(name) for name in ROLLUP_KEY),
        pa.field("classification", pa.string()),
        pa.field("code", pa.string()),
        *_MEASURES,
    ]
)
INGEST_LOG_SCHEMA: Final = pa.schema(
    [
        pa.field("ingest_id", pa.string()),
        pa.field("file_name", pa.string()),
        pa.field("file_path", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("size_bytes", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("dataset", pa.string()),
        pa.field("status", pa.string()),
        pa.field("rows_read", pa.int64()),
        pa.field("rows_stored", pa.int64()),
        pa.field("rows_quarantined", pa.int64()),
        pa.field("quarantine_notes", pa.string()),
        pa.field("rows_replaced", pa.int64()),
        pa.field("periods", pa.string()),
        pa.field("vintage", pa.string()),
        pa.field("flows_version", pa.int64()),
        pa.field("started_at", pa.timestamp("us", tz="UTC")),
        pa.field("seconds_read", pa.float64()),
        pa.field("seconds_write", pa.float64()),
        pa.field("seconds_total", pa.float64()),
    ]
)
# The CPA 2.1 code that each CN8 line of a source carries, learnt from the rows it came with.
PRODUCT_LINKS_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("month", pa.int8()),
        pa.field("product_scheme", pa.string()),
        pa.field("product", pa.string()),
        pa.field("product_cpa", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("rows", pa.int64()),
    ]
)
# The relations timeline: one row per event between two territories (lists as JSON text).
EVENTS_SCHEMA: Final = pa.schema(
    [
        pa.field("event_key", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("kind", pa.string()),
        pa.field("title", pa.string()),
        pa.field("territory_a", pa.string()),
        pa.field("territory_b", pa.string()),
        pa.field("place", pa.string()),
        pa.field("participants", pa.string()),
        pa.field("themes", pa.string()),
        pa.field("sectors", pa.string()),
        pa.field("link", pa.string()),
        pa.field("source_file", pa.string()),
        pa.field("ingest_id", pa.string()),
    ]
)
SCHEMAS: Final[dict[TableName, pa.Schema]] = {
    "flows": FLOW_SCHEMA,
    "rollup_totals": ROLLUP_TOTALS_SCHEMA,
    "rollup_products": ROLLUP_PRODUCTS_SCHEMA,
    "product_links": PRODUCT_LINKS_SCHEMA,
    "ingest_log": INGEST_LOG_SCHEMA,
    "events": EVENTS_SCHEMA,
}
PARTITIONS: Final[dict[TableName, list[str]]] = {
    "flows": ["source", "year"],
    "rollup_totals": ["source"],
    "rollup_products": ["source"],
    "product_links": ["source"],
    "ingest_log": [],
    "events": [],
}


def ensure_tables(root: Path) -> None:
    """Create any missing table of the store, empty, at version 0; add columns it lacks.

    A store written by an earlier version of bilateral gains the nullable columns added since
    (one commit per table); its files keep their columns, and scans read the new ones as null.
    """
    for name in TABLES:
        path = table_path(root, name)
        try:
            table = DeltaTable(str(path))
        except TableNotFoundError:
            path.mkdir(parents=True, exist_ok=True)
            DeltaTable.create(
                str(path),
                schema=SCHEMAS[name],
                partition_by=PARTITIONS[name] or None,
                name=name,
                mode="ignore",
            )
            continue
        _add_missing_columns(table, name)


def _add_missing_columns(table: DeltaTable, name: TableName) -> None:
    have = set(table.schema().to_arrow().names)
    missing = [field for field in SCHEMAS[name] if field.name not in have]
    if not missing:
        return
    required = [field.name for field in missing if not field.nullable]
    if required:
        raise StoreError(
            f"the store's {name} table lacks the columns {', '.join(required)}, which this "
            "version of bilateral needs; ingest the files again into a new store"
        )
    table.alter.add_columns([DeltaField.from_arrow(field) for field in missing])


def open_table(root: Path, name: TableName, as_of: int | datetime | None = None) -> DeltaTable:
    """Open one table, at its latest version or as it was at `as_of`."""
    path = table_path(root, name)
    try:
        table = DeltaTable(str(path))
    except TableNotFoundError:
        raise StoreError(f"{path} is not a bilateral store table; open the store first") from None
    if as_of is not None:
        _check_not_before_creation(table, name, as_of)
        try:
            table.load_as_version(as_of)
        except Exception as exc:
            raise VintageNotFoundError(
                f"the store has no version {as_of!r} of {name}: {exc}; "
                "see `bilateral store history` for the versions it has"
            ) from None
    return table


def _check_not_before_creation(table: DeltaTable, name: str, as_of: int | datetime) -> None:
    if not isinstance(as_of, datetime):
        return
    created_ms = min(entry["timestamp"] for entry in table.history())
    moment = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    if moment.timestamp() * 1000 < created_ms:
        created = datetime.fromtimestamp(created_ms / 1000, tz=UTC).isoformat(timespec="seconds")
        raise VintageNotFoundError(
            f"the store did not exist yet at {as_of.isoformat()}: its {name} table was created "
            f"at {created}; give a later date or a version from `bilateral store history`"
        )


@dataclass(frozen=True)
class Snapshot:
    """The version and Parquet files of each table at one moment of the store."""

    versions: dict[TableName, int]
    files: dict[TableName, list[str]]


def snapshot(root: Path, flows_as_of: int | datetime | None = None) -> Snapshot:
    """Take the current file lists, or the flows table's as of an earlier version."""
    versions: dict[TableName, int] = {}
    files: dict[TableName, list[str]] = {}
    for name in TABLES:
        table = open_table(root, name, flows_as_of if name == "flows" else None)
        versions[name] = table.version()
        files[name] = [uri.removeprefix("file://") for uri in table.file_uris()]
    return Snapshot(versions, files)


class LiveTables:
    """The store's tables kept open, so that a warm query only checks for new commits.

    An ingest commits the ingest log last, so a new log version is what publishes a new
    snapshot: until then readers keep the previous, consistent one.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._tables = {name: open_table(root, name) for name in TABLES}
        self._snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        """Return the latest published snapshot, reading only commits made since the last call."""
        log = self._tables["ingest_log"]
        log.update_incremental()
        if self._snapshot is not None and self._snapshot.versions["ingest_log"] == log.version():
            return self._snapshot
        for table in self._tables.values():
            table.update_incremental()
        self._snapshot = Snapshot(
            {name: int(t.version()) for name, t in self._tables.items()},
            {
                name: [u.removeprefix("file://") for u in t.file_uris()]
                for name, t in self._tables.items()
            },
        )
        return self._snapshot


_SQL_TYPES: Final = {
    "string": "VARCHAR",
    "int8": "TINYINT",
    "int16": "SMALLINT",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "timestamp[us, tz=UTC]": "TIMESTAMPTZ",
    "date32[day]": "DATE",
}


def empty_scan_sql(name: TableName) -> str:
    """Return a query of no rows with the table's canonical columns and types."""
    schema = SCHEMAS[name]
    columns = ", ".join(
        f'CAST(NULL AS {_SQL_TYPES[str(field.type)]}) AS "{field.name}"' for field in schema
    )
    return f"SELECT {columns} WHERE false"


def parquet_scan_sql(name: TableName, files: list[str]) -> str:
    """Return a DuckDB `read_parquet` over a table's files, with its canonical columns and types.

    Delta keeps partition values in the folder names, so they are read as Hive partitions.
    """
    schema = SCHEMAS[name]
    hive_types = ", ".join(
        f"'{column}': {_SQL_TYPES[str(schema.field(column).type)]}" for column in PARTITIONS[name]
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
        f'"{column}"'
        if column in anywhere
        else f'NULL::{_SQL_TYPES[str(field.type)]} AS "{column}"'
        for column, field in zip(schema.names, schema, strict=True)
    )
    return f"SELECT {columns} FROM read_parquet({listing}{options})"


@functools.lru_cache(maxsize=65536)
def _file_columns(file: str) -> frozenset[str]:
    """Return the columns one Parquet file holds (files never change once written)."""
    return frozenset(pq.read_schema(file).names)


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """Return an in-memory DuckDB connection that prints nothing (no progress bar)."""
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false").fetchall()
    return connection
