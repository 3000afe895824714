"""Ingesting one file: parts written in one pass, committed under the lock, published by the log.

The file is read and its parts written before the write lock is taken, so another writer waits
only for the commits. A failure anywhere leaves every table as it was: parts that never
entered a table are removed with their folder, and commits not yet published are removed by
the writer (or, if the process is killed, by the next one).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from bilateral.results import IngestReport
from bilateral.sources import ReadOptions, SourceRead, open_source
from bilateral.sources.archive import Member, choose_member
from bilateral.store import disk
from bilateral.store.commit import (
    merge_keys,
    replace_scope,
    row_changes,
    scope_predicate,
    stored_scope_view,
)
from bilateral.store.ingest_parts import StagedFile, parts_scan_sql, stage_file
from bilateral.store.ingest_report import (
    FileOrigin,
    FileRead,
    StoredRows,
    committed_report,
    log_entry,
    unchanged_report,
)
from bilateral.store.layout import TableName
from bilateral.store.lock import OnWait
from bilateral.store.log import file_sha256, find_ingest, logged_sizes
from bilateral.store.parts import Part, parts_folder, scratch
from bilateral.store.rollup_parts import ROLLUP_TABLES, write_rollup_parts
from bilateral.store.snapshots import log_entries
from bilateral.store.writer import StoreWriter, reached

Progress = Callable[[int, int, int], None]
"""Called with (bytes read, bytes in all, rows read) as a file streams in (unpacked bytes)."""


@dataclass(frozen=True)
class WriteOptions:
    """How an ingest meets other writers, and whether it may repeat a logged file."""

    wait: float | None = None
    on_wait: OnWait | None = None
    again: bool = False  # ingest even a file the log holds (a repair restoring its rows)


def ingest_file(
    root: Path,
    path: Path,
    options: ReadOptions,
    progress: Progress | None = None,
    member: str | None = None,
    writing: WriteOptions | None = None,
) -> IngestReport:
    """Ingest one file (or one `member` of an archive) into the store at `root`."""
    writing = writing or WriteOptions()
    started = time.perf_counter()
    began = datetime.now(UTC)
    with ThreadPoolExecutor(max_workers=1) as pool, open_source(path, options, member) as read:
        unit = _Unit.of(path, member)
        checksum = pool.submit(unit.checksum)
        previous = None if writing.again else _previous(root, unit, checksum)
        if previous is not None:
            return _unchanged(unit, read, previous, started)
        with parts_folder(root) as folder, disk.write_errors(root):
            staged = stage_file(
                read,
                folder,
                _reporter(read, progress),
                lambda: open_source(path, options, member),
                rollups=read.replace_scope == "period",
            )
            reached("parts written")
            read_seconds = time.perf_counter() - started
            what = f"ingest of {unit.name}"
            with StoreWriter(root, what, wait=writing.wait, on_wait=writing.on_wait) as writer:
                previous = None if writing.again else find_ingest(writer.entries, checksum.result())
                if previous is not None:
                    return _unchanged(unit, read, previous, started)
                replay = {"member": member, "vintage": options.vintage,
                          "synthetic": options.synthetic}  # fmt: skip
                timing = _Timing(began, started, read_seconds, replay)
                return _commit(writer, unit, read, staged, folder, checksum.result(), timing)


def _previous(root: Path, unit: _Unit, checksum: Future[str]) -> dict[str, Any] | None:
    """Return the log entry of the same file, read without the lock (checked again under it)."""
    entries = log_entries(root)
    # Only a file of a size already logged can be a repeat: then wait for its checksum.
    if unit.size not in logged_sizes(entries):
        return None
    return find_ingest(entries, checksum.result())


def file_identity(path: Path, member: str | None = None) -> str:
    """Return what the log knows a file (or an archive's member) by: its checksum."""
    return _Unit.of(path, member).checksum()


def _reporter(read: SourceRead, progress: Progress | None) -> Callable[[], None]:
    def report() -> None:
        if progress is not None:
            progress(read.stats.bytes_read, read.stats.bytes_total, read.stats.rows_read)

    return report


@dataclass(frozen=True)
class _Unit:
    """What one ingest reads: a file, or one data file inside an archive."""

    path: Path
    name: str
    size: int
    member: Member | None

    @classmethod
    def of(cls, path: Path, member: str | None) -> _Unit:
        if member is None:
            return cls(path, path.name, path.stat().st_size, None)
        chosen = choose_member(path, member)
        return cls(path, f"{path.name}/{chosen.name}", chosen.size, chosen)

    def checksum(self) -> str:
        return file_sha256(self.path) if self.member is None else self.member.identity(self.path)


def _commit(
    writer: StoreWriter,
    unit: _Unit,
    read: SourceRead,
    staged: StagedFile,
    folder: Path,
    sha256: str,
    timing: _Timing,
) -> IngestReport:
    predicate = scope_predicate(read.source, staged.periods)
    years = {period.year for period in staged.periods}
    changes = row_changes(
        writer,
        read.source,
        predicate,
        parts_scan_sql(folder / "flows"),
        folder,
        extract=read.replace_scope == "key",
    )
    if read.replace_scope == "period":
        version, _ = replace_scope(
            writer, "flows", staged.parts["flows"], predicate, read.source, years
        )
        rollups = staged.parts
    else:
        version, _ = merge_keys(writer, _new_rows(folder), read.source)
        rollups = _stored_rollups(writer, predicate, folder)
    for name in ROLLUP_TABLES:
        replace_scope(writer, name, rollups[name], predicate, read.source)
    stored = StoredRows(
        read.stats.rows_read,
        read.stats.rows_quarantined,
        tuple(read.stats.quarantine_notes),
        staged.rows,
        staged.duplicates,
        staged.periods,
        staged.vintage,
    )
    seconds = time.perf_counter() - timing.started
    report = committed_report(_file_read(unit, read), stored, changes, version, seconds)
    path = str(unit.path.resolve())
    origin = FileOrigin(path, sha256, unit.size, timing.began, timing.read_seconds, timing.replay)
    writer.publish(log_entry(report, origin, staged.periods))
    return report


def _new_rows(folder: Path) -> pa.Table:
    connection = scratch(folder, ordered=False)
    try:
        return connection.sql(parts_scan_sql(folder / "flows")).to_arrow_table()
    finally:
        connection.close()


def _stored_rollups(
    writer: StoreWriter, predicate: str, folder: Path
) -> dict[TableName, list[Part]]:
    """Roll up the stored flows of the scope after an extract was merged into them."""
    connection = scratch(folder, ordered=False)
    try:
        view = stored_scope_view(connection, writer, predicate)
        return write_rollup_parts(connection, view, folder / "stored")
    finally:
        connection.close()


@dataclass(frozen=True)
class _Timing:
    began: datetime
    started: float
    read_seconds: float
    replay: dict[str, Any]


def _file_read(unit: _Unit, read: SourceRead) -> FileRead:
    return FileRead(unit.name, read.source, read.dataset, read.vintage_kind)


def _unchanged(
    unit: _Unit, read: SourceRead, previous: dict[str, Any], started: float
) -> IngestReport:
    return unchanged_report(_file_read(unit, read), previous, started)
