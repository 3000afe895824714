"""The ingest log: one row per file that changed the store."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from bilateral.store.layout import table_path
from bilateral.store.tables import INGEST_LOG_SCHEMA

_CHUNK = 8 << 20


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in large chunks (the GIL is released)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_log(root: Path) -> pa.Table:
    """Return the whole ingest log, oldest first."""
    table = DeltaTable(str(table_path(root, "ingest_log")))
    return table.to_pyarrow_table().sort_by("started_at")


def find_ingest(root: Path, sha256: str) -> dict[str, Any] | None:
    """Return the log entry of a file with this checksum, if it was ingested."""
    log = read_log(root)
    entries: list[dict[str, Any]] = log.to_pylist()
    return next((entry for entry in entries if entry["sha256"] == sha256), None)


def logged_sizes(root: Path) -> set[int]:
    """Return the sizes in bytes of the files the log holds."""
    return {int(size) for size in read_log(root).column("size_bytes").to_pylist()}


def append_entry(root: Path, entry: dict[str, Any]) -> None:
    """Add one entry to the log, in its own commit."""
    row = {name: entry.get(name) for name in INGEST_LOG_SCHEMA.names}
    table = pa.Table.from_pylist([row], schema=INGEST_LOG_SCHEMA)
    write_deltalake(DeltaTable(str(table_path(root, "ingest_log"))), table, mode="append")
