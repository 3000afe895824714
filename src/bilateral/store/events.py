"""The events table: the relations timeline, appended in one commit per imported file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, write_deltalake

from bilateral.store.layout import table_path
from bilateral.store.log import append_entry, read_log
from bilateral.store.tables import EVENTS_SCHEMA, INGEST_LOG_SCHEMA

EVENTS_SOURCE = "events"
"""The `source` of an events file in the ingest log (flows sources never take this name)."""


def stored_events(root: Path) -> list[dict[str, Any]]:
    """Return every stored event row, as written (lists still JSON text)."""
    table = DeltaTable(str(table_path(root, "events")))
    rows: list[dict[str, Any]] = table.to_pyarrow_table().to_pylist()
    return rows


def find_events_import(root: Path, sha256: str) -> dict[str, Any] | None:
    """Return the log entry of an events file with this checksum, if it was imported."""
    entries: list[dict[str, Any]] = read_log(root).to_pylist()
    return next(
        (e for e in entries if e["source"] == EVENTS_SOURCE and e["sha256"] == sha256), None
    )


def flows_version(root: Path) -> int:
    """Return the flows table's current version (what the log records next to an import)."""
    return int(DeltaTable(str(table_path(root, "flows"))).version())


def commit_events(root: Path, rows: Sequence[dict[str, Any]], entry: dict[str, Any]) -> int:
    """Append `rows` to the events table, then log `entry`; return the events version.

    The log entry is committed last, so readers see the new events only with it; if logging
    fails the events table is restored to its version before, and nothing has changed.
    """
    table = DeltaTable(str(table_path(root, "events")))
    before = int(table.version())
    try:
        if rows:
            data = pa.Table.from_pylist(
                [{name: row.get(name) for name in EVENTS_SCHEMA.names} for row in rows],
                schema=EVENTS_SCHEMA,
            )
            metadata = {"bilateral.ingest_id": str(entry["ingest_id"])}
            write_deltalake(
                table,
                data,
                mode="append",
                commit_properties=CommitProperties(custom_metadata=metadata),
            )
            table.update_incremental()
        version = int(table.version())
        append_entry(root, {name: entry.get(name) for name in INGEST_LOG_SCHEMA.names})
    except BaseException:
        table.update_incremental()
        if int(table.version()) != before:
            table.restore(before)
        raise
    return version
