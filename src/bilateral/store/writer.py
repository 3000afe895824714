"""One write to the store: the lock, recovery, commits to each table, then the log entry.

    with StoreWriter(root) as writer:        # lock; clean what an interrupted write left
        writer.commit("flows", adds, removes)  # one Delta commit per table, not yet published
        writer.publish(entry)                # the log entry pins every table: the commit point

Until `publish`, readers in every process keep reading the versions the log pinned before. A
writer that stops without publishing (an error, Ctrl-C) removes its own commits and files on
the way out; if it is killed, the next writer does. Each step calls the hooks in `STEP_HOOKS`
with its name (tests use them to stop a writer at every step).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, PostCommitHookProperties, write_deltalake
from deltalake.transaction import AddAction, RemoveAction

from bilateral.store import disk
from bilateral.store.creation import add_missing_columns, create_missing_tables
from bilateral.store.delta_log import truncate_after
from bilateral.store.layout import TableName, table_path
from bilateral.store.lock import OnWait, write_lock
from bilateral.store.pins import PINNED_TABLES, Pins, encode_pins
from bilateral.store.recovery import Recovery, recover, remove_orphans, write_journal
from bilateral.store.snapshots import log_entries, open_at, published_pins
from bilateral.store.tables import INGEST_LOG_SCHEMA, PARTITIONS, SCHEMAS

STEP_HOOKS: Final[list[Callable[[str], None]]] = []
"""Called with the name of each step a write reaches: `journal`, `<table> committed`, ..."""

HOOKS: Final = PostCommitHookProperties(create_checkpoint=True, cleanup_expired_logs=False)


def reached(step: str) -> None:
    """Tell the step hooks that a write reached `step`."""
    for hook in STEP_HOOKS:
        hook(step)


def pin_latest(root: Path, entry: dict[str, Any]) -> Pins:
    """Append `entry` to the log, pinning every table at its latest version; return the pins.

    Only a writer holding the lock calls this: every commit past the old pins is its own.
    """
    versions = {name: int(open_at(root, name).version()) for name in PINNED_TABLES}
    row = {name: entry.get(name) for name in INGEST_LOG_SCHEMA.names}
    row["table_versions"] = encode_pins(versions)
    row["committed_at"] = datetime.now(UTC)
    row["flows_version"] = versions["flows"]
    with disk.write_errors(root):
        write_deltalake(
            open_at(root, "ingest_log"),
            pa.Table.from_pylist([row], schema=INGEST_LOG_SCHEMA),
            mode="append",
            post_commithook_properties=HOOKS,
        )
    return versions


class StoreWriter:
    """The one writer of a store at a time; see the module docstring."""

    def __init__(
        self, root: Path, what: str, *, wait: float | None = None, on_wait: OnWait | None = None
    ) -> None:
        self.root = root
        self.what = what
        self.ident = uuid.uuid4().hex
        self._lock = write_lock(root, wait=wait, on_wait=on_wait)
        self._journal: Path | None = None
        self._published = False
        self.recovery = Recovery()
        self.pins: Pins = {}
        self.entries: list[dict[str, Any]] = []

    def __enter__(self) -> StoreWriter:
        self._lock.__enter__()
        try:
            with disk.write_errors(self.root):
                self.root.mkdir(parents=True, exist_ok=True)
                create_missing_tables(self.root)
                self.recovery = recover(self.root)
                self.entries = log_entries(self.root)
                self.pins = published_pins(self.root, self.entries)
        except BaseException as exc:
            self._lock.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def begin(self) -> None:
        """Leave the journal note before the first file enters a table folder."""
        if self._journal is None:
            with disk.write_errors(self.root):
                self._journal = write_journal(self.root, self.ident, self.what)
                add_missing_columns(self.root)
            reached("journal")

    def table(self, name: TableName) -> DeltaTable:
        """Return a table at its latest version (this writer's own commits included)."""
        return open_at(self.root, name)

    def commit(
        self, name: TableName, adds: Sequence[AddAction], removes: Sequence[RemoveAction]
    ) -> int:
        """Commit `adds` and `removes` to one table in one Delta commit; return its version."""
        self.begin()
        table = self.table(name)
        if adds or removes:
            with disk.write_errors(self.root):
                table.create_write_transaction(
                    [*removes, *adds],
                    mode="append",
                    schema=table.schema(),
                    partition_by=PARTITIONS[name] or None,
                    commit_properties=self._properties(),
                    post_commithook_properties=HOOKS,
                )
            table = self.table(name)
            reached(f"{name} committed")
        return int(table.version())

    def append(self, name: TableName, rows: pa.Table) -> int:
        """Append `rows` to a small table (events) in one commit; return its version."""
        self.begin()
        with disk.write_errors(self.root):
            write_deltalake(
                self.table(name),
                rows.cast(SCHEMAS[name]),
                mode="append",
                commit_properties=self._properties(),
                post_commithook_properties=HOOKS,
            )
        reached(f"{name} committed")
        return int(self.table(name).version())

    def _properties(self) -> CommitProperties:
        return CommitProperties(custom_metadata={"bilateral.write_id": self.ident})

    def publish(self, entry: dict[str, Any]) -> Pins:
        """Write the log entry that pins every table as it is now; return the pins."""
        self.begin()
        versions = pin_latest(self.root, entry)
        reached("log committed")  # the write is whole from here, whatever stops it now
        self._published = True
        if self._journal is not None:
            self._journal.unlink(missing_ok=True)
        return versions

    def publish_all(self, entries: Sequence[dict[str, Any]]) -> Pins:
        """Write several log entries in one commit, each pinning every table as it is now.

        A write that ingests many files at once (the distributed ingest) logs each file and
        publishes them together: the one commit of the log is the commit point of them all.
        """
        self.begin()
        versions = {name: int(open_at(self.root, name).version()) for name in PINNED_TABLES}
        committed = datetime.now(UTC)
        rows = [
            {
                **{name: entry.get(name) for name in INGEST_LOG_SCHEMA.names},
                "table_versions": encode_pins(versions),
                "committed_at": committed,
                "flows_version": versions["flows"],
            }
            for entry in entries
        ]
        with disk.write_errors(self.root):
            write_deltalake(
                open_at(self.root, "ingest_log"),
                pa.Table.from_pylist(rows, schema=INGEST_LOG_SCHEMA),
                mode="append",
                post_commithook_properties=HOOKS,
            )
        reached("log committed")
        self._published = True
        if self._journal is not None:
            self._journal.unlink(missing_ok=True)
        return versions

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if self._journal is not None and not self._published:
                self._abort()
            elif self._journal is not None:
                # Stopped between publishing and removing its journal: the write is whole.
                self._journal.unlink(missing_ok=True)
        finally:
            self._lock.__exit__(kind, error, trace)

    def _abort(self) -> None:
        """Remove this writer's own unpublished commits and files (it holds the lock).

        What is published is read from the log again: a stop that came after the log entry
        landed but before `publish` returned leaves a whole write, which stays.
        """
        pins = published_pins(self.root)
        for name in PINNED_TABLES:
            truncate_after(table_path(self.root, name), pins[name])
        remove_orphans(self.root, pins)
        if self._journal is not None:
            self._journal.unlink(missing_ok=True)
