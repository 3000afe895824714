"""Reading the store: each table at the version the ingest log publishes, as file lists.

Readers take no lock. They read the ingest log (one Delta commit per entry, so never half an
entry), take the versions its entries pin, and open each table there; commits past the pins
(a write in progress, or one that was killed) are never read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from deltalake import DeltaTable

from bilateral.errors import StoreDamagedError, VintageNotFoundError
from bilateral.store.creation import check_logs
from bilateral.store.delta_log import (
    DamagedLogError,
    commit_file,
    commit_versions,
    file_path,
    read_actions,
)
from bilateral.store.layout import TABLES, TableName, table_path, vacuumed_path
from bilateral.store.pins import Entry, Pins, current_pins, pins_as_of


@dataclass(frozen=True)
class Snapshot:
    """The version and Parquet files of each table at one published moment of the store."""

    versions: dict[TableName, int]
    files: dict[TableName, list[str]]
    root: Path | None = None

    def sources(self, table: TableName = "flows") -> frozenset[str]:
        """Return the sources whose rows `table` holds, from its files' `source=` partitions.

        >>> Snapshot({}, {"flows": ["/s/flows/source=baci/year=2021/p.parquet"]}).sources()
        frozenset({'baci'})
        """
        return frozenset(
            unquote(part.removeprefix("source="))
            for file in self.files.get(table, [])
            for part in PurePosixPath(file).parts
            if part.startswith("source=")
        )

    def damaged_file(self, error: BaseException) -> StoreDamagedError | None:
        """Return the damage behind `error`: a file it names, else the first unreadable file.

        None when every file of the snapshot reads (the error is not damage).
        """
        text = str(error)
        named = [
            (name, file)
            for name, files in self.files.items()
            for file in files
            if file in text or Path(file).name in text
        ]
        candidates = named or [(name, f) for name, files in self.files.items() for f in files]
        for name, file in candidates:
            problem = _file_damage(Path(file))
            if problem is not None or named:
                root = self.root or Path(file).parent
                return StoreDamagedError(root, name, problem or "has an unreadable file", file)
        return None


def _file_damage(path: Path) -> str | None:
    """Say what is wrong with one data file, or None when its Parquet footer reads."""
    if not path.exists():
        return "has a missing data file"
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return "has a data file that is not a readable Parquet file"
    return None


def open_at(root: Path, name: TableName, version: int | None = None) -> DeltaTable:
    """Open one table at `version` (None: its latest); damage raises `StoreDamagedError`."""
    path = table_path(root, name)
    try:
        return DeltaTable(str(path), version=version)
    except Exception as exc:
        raise damage(root, name, version, exc) from None


def damage(root: Path, name: TableName, version: int | None, exc: BaseException) -> Exception:
    """Return the `StoreDamagedError` that names what is wrong with a table that would not open.

    Errors that are not damage (a missing version asked for) are returned as they are.
    """
    path = table_path(root, name)
    check_logs(root)
    versions = commit_versions(path)
    if version is not None and versions and version > versions[-1]:
        return StoreDamagedError(
            root, name, f"lacks version {version}, which the ingest log publishes",
            str(commit_file(path, version)),
        )  # fmt: skip
    wanted = [v for v in versions if version is None or v <= version]
    expected = range(wanted[0], wanted[-1] + 1) if wanted else range(0)
    gaps = sorted(set(expected) - set(wanted))
    if gaps:
        return StoreDamagedError(
            root, name, f"lacks the commit of version {gaps[0]}", str(commit_file(path, gaps[0]))
        )
    for number in reversed(wanted):
        try:
            read_actions(path, number)
        except DamagedLogError as bad:
            return StoreDamagedError(
                root, name, f"has a damaged commit: {bad.problem}", str(bad.file)
            )
    if isinstance(exc, Exception):
        return StoreDamagedError(root, name, f"cannot be opened ({_first_line(exc)})", str(path))
    return RuntimeError(str(exc))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def read_table(table: DeltaTable) -> pa.Table:
    """Return the rows of a (small) table version, read on this thread from the local files.

    deltalake's default dataset reads through a Python filesystem: pyarrow's I/O threads then
    call into Python, and one still running when the interpreter exits aborts the process
    ("terminate called without an active exception"). A native local filesystem and a scan
    on the calling thread leave no thread that needs Python. A table without reader features
    (the ingest log, events, the rollups) is read file by file, its partition values taken
    from the log's add actions, without pyarrow.dataset, whose import loads pandas: a command
    that reads only such tables (`store info`, `store history`) starts faster.
    """
    if not table.protocol().reader_features:
        schema = pa.schema(table.schema().to_arrow())
        actions = _add_actions(table)
        parts = [_data_file(table, schema, actions, i) for i in range(actions.num_rows)]
        rows = pa.concat_tables(
            [pa.Table.from_batches([], schema), *parts], promote_options="permissive"
        )
        return rows.cast(schema)
    local = pafs.SubTreeFileSystem(table_folder(table), pafs.LocalFileSystem())
    return table.to_pyarrow_dataset(filesystem=local).to_table(use_threads=False)


def _add_actions(table: DeltaTable) -> pa.Table:
    """Return each data file's log `path` and partition values (`partition.<column>`)."""
    actions = pa.RecordBatchReader.from_stream(table.get_add_actions(flatten=True)).read_all()
    return actions.select(
        ["path", *(f"partition.{name}" for name in table.metadata().partition_columns)]
    )


def _data_file(table: DeltaTable, schema: pa.Schema, actions: pa.Table, index: int) -> pa.Table:
    """Read one data file with its partition columns, which the file itself does not hold."""
    path = Path(table_folder(table)) / file_path(actions.column("path")[index].as_py())
    part = pq.ParquetFile(path).read(use_threads=False)
    # Repeated by taking index 0 of the one value n times (pa.array would import pandas).
    zeros = pa.Array.from_buffers(
        pa.int32(), part.num_rows, [None, pa.py_buffer(bytes(4 * part.num_rows))]
    )
    for name in table.metadata().partition_columns:
        value = actions.column(f"partition.{name}").slice(index, 1).take(zeros)
        part = part.append_column(name, value.cast(schema.field(name).type))
    return part.select([name for name in schema.names if name in part.column_names])


def python_rows(table: pa.Table) -> list[dict[str, Any]]:
    """Return a table's rows as dicts of Python values, as `to_pylist` does, without pandas.

    pyarrow imports pandas to convert any timestamp with a time zone; such columns (in
    microseconds, as the store writes them) are converted here from their UTC values.
    """
    zoned = {
        field.name: ZoneInfo(field.type.tz)
        for field in table.schema
        if pa.types.is_timestamp(field.type) and field.type.tz and field.type.unit != "ns"
    }
    if not zoned:
        plain: list[dict[str, Any]] = table.to_pylist()
        return plain
    naive = pa.schema(
        pa.field(field.name, pa.timestamp(field.type.unit)) if field.name in zoned else field
        for field in table.schema
    )
    rows: list[dict[str, Any]] = table.cast(naive).to_pylist()
    for row in rows:
        for name, zone in zoned.items():
            if row[name] is not None:
                row[name] = row[name].replace(tzinfo=UTC).astimezone(zone)
    return rows


def table_folder(table: DeltaTable) -> str:
    """Return the local folder of a table opened from the store."""
    uri = table.table_uri
    return url2pathname(urlparse(uri).path) if uri.startswith("file:") else uri


def log_entries(root: Path) -> list[Entry]:
    """Return every ingest log entry, as published (the log's latest version)."""
    log = open_at(root, "ingest_log")
    try:
        rows = python_rows(read_table(log))
    except Exception as exc:
        raise damage(root, "ingest_log", None, exc) from None
    return rows


def published_pins(root: Path, entries: list[Entry] | None = None) -> Pins:
    """Return the versions of each table that the ingest log publishes now."""
    entries = log_entries(root) if entries is None else entries
    return current_pins(entries, lambda name: int(open_at(root, name).version()))


def snapshot(root: Path, as_of: int | datetime | None = None) -> Snapshot:
    """Return the published snapshot: now, or when the flows were at version (or time) `as_of`."""
    entries = log_entries(root)
    latest = _latest(root)
    if as_of is None:
        pins = current_pins(entries, latest)
    else:
        created_ms = min(e["timestamp"] for e in open_at(root, "ingest_log", 0).history())
        pins = pins_as_of(entries, as_of, latest, int(created_ms))
        kept = readable_from(root).get("flows", 0)
        if pins["flows"] < kept:
            raise VintageNotFoundError(
                f"the files of flows version {pins['flows']} were removed by `bilateral store "
                f"vacuum` with a retention; versions from {kept} on can be read"
            )
    return _files_at(root, pins, int(open_at(root, "ingest_log").version()))


def readable_from(root: Path) -> dict[str, int]:
    """Return, per table, the first version whose files `store vacuum` kept (absent: all)."""
    path = vacuumed_path(root)
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {str(name): int(version) for name, version in loaded.items()}


def _latest(root: Path) -> Any:
    return lambda name: int(open_at(root, name).version())


def _files_at(root: Path, pins: Pins, log_version: int) -> Snapshot:
    versions: dict[TableName, int] = {**pins, "ingest_log": log_version}
    files = {name: table_files(open_at(root, name, versions[name])) for name in TABLES}
    return Snapshot(versions, files, root)


def table_files(table: DeltaTable) -> list[str]:
    """Return the absolute paths of a table version's data files."""
    return [uri.removeprefix("file://") for uri in table.file_uris()]


class LiveTables:
    """The store's tables kept open, so that a warm query only checks for a new log entry."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._log = open_at(root, "ingest_log")
        self._log_path = table_path(root, "ingest_log")
        self._tables: dict[TableName, DeltaTable] = {}
        self._snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        """Return the latest published snapshot, reading only what changed since the last call.

        A Delta commit is published as the log's next numbered file, so while the ingest log
        has no file after the version read last, nothing was published since (one `stat`,
        where asking deltalake to update the log costs a few hundred microseconds).
        """
        if self._snapshot is not None and not self._published_after(self._snapshot):
            return self._snapshot
        try:
            self._log.update_incremental()
        except Exception as exc:
            raise damage(self.root, "ingest_log", None, exc) from None
        log_version = int(self._log.version())
        if self._snapshot is not None and self._snapshot.versions["ingest_log"] == log_version:
            return self._snapshot
        pins = published_pins(self.root)
        files: dict[TableName, list[str]] = {"ingest_log": table_files(self._log)}
        for name, version in pins.items():
            table = self._tables.get(name)
            if table is None or table.version() != version:
                table = open_at(self.root, name, version)
                self._tables[name] = table
            files[name] = table_files(table)
        self._snapshot = Snapshot({**pins, "ingest_log": log_version}, files, self.root)
        return self._snapshot

    def _published_after(self, seen: Snapshot) -> bool:
        """Say whether the ingest log holds a commit after the version of `seen`."""
        return commit_file(self._log_path, seen.versions["ingest_log"] + 1).exists()
