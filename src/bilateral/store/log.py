"""The ingest log: one row per write that changed the store, the last one publishing it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from bilateral.store.snapshots import log_entries
from bilateral.store.tables import INGEST_LOG_SCHEMA

_CHUNK = 8 << 20
REMOVED = "removed"
"""The status of an entry that records a repair taking a file's rows out of the store."""


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in large chunks (the GIL is released)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _order(entry: dict[str, Any]) -> tuple[datetime, int]:
    moment = entry.get("committed_at") or entry["started_at"]
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)), int(entry["flows_version"])


def ordered(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the entries in the order they were committed."""
    return sorted(entries, key=_order)


def read_log(root: Path) -> pa.Table:
    """Return the whole ingest log as published, oldest first."""
    rows = ordered(log_entries(root))
    return pa.Table.from_pylist(rows, schema=INGEST_LOG_SCHEMA)


def find_ingest(entries: Sequence[dict[str, Any]], sha256: str) -> dict[str, Any] | None:
    """Return the entry of a file with this checksum whose rows the store still holds.

    A repair that could not restore a file's rows logs it `removed`: the file may be ingested
    again.
    """
    found: dict[str, Any] | None = None
    for entry in ordered(entries):
        if entry["sha256"] != sha256:
            continue
        found = None if entry["status"] == REMOVED else entry
    return found


def logged_sizes(entries: Sequence[dict[str, Any]]) -> set[int]:
    """Return the sizes in bytes of the files the log holds."""
    return {int(entry["size_bytes"]) for entry in entries if entry["size_bytes"] is not None}
