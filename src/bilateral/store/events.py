"""The events table: the relations timeline, appended in one published write per imported file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from bilateral.store.log import ordered
from bilateral.store.snapshots import open_at, read_table
from bilateral.store.tables import EVENTS_SCHEMA
from bilateral.store.writer import StoreWriter

EVENTS_SOURCE = "events"
"""The `source` of an events file in the ingest log (flows sources never take this name)."""


def stored_events(writer: StoreWriter) -> list[dict[str, Any]]:
    """Return every event row published, as written (lists still JSON text)."""
    table = open_at(writer.root, "events", writer.pins["events"])
    rows: list[dict[str, Any]] = read_table(table).to_pylist()
    return rows


def find_events_import(entries: Sequence[dict[str, Any]], sha256: str) -> dict[str, Any] | None:
    """Return the log entry of an events file with this checksum, if it was imported."""
    return next(
        (e for e in ordered(entries) if e["source"] == EVENTS_SOURCE and e["sha256"] == sha256),
        None,
    )


def commit_events(
    writer: StoreWriter, rows: Sequence[dict[str, Any]], entry: dict[str, Any]
) -> int:
    """Append `rows` to the events table and publish `entry`; return the events version."""
    version = writer.pins["events"]
    if rows:
        data = pa.Table.from_pylist(
            [{name: row.get(name) for name in EVENTS_SCHEMA.names} for row in rows],
            schema=EVENTS_SCHEMA,
        )
        version = writer.append("events", data)
    writer.publish(entry)
    return version
