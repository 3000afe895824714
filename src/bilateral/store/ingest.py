"""Ingesting one file: read, stage, check, commit flows and rollups, log; or change nothing."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from deltalake import DeltaTable

from bilateral.errors import SourceFormatError
from bilateral.results import IngestReport
from bilateral.sources import ReadOptions, SourceRead, open_source
from bilateral.sources.archive import Member, choose_member
from bilateral.store import commit
from bilateral.store.layout import TableName, staging_path, table_path
from bilateral.store.log import append_entry, file_sha256, find_ingest, logged_sizes
from bilateral.store.staging import Period, Staging, staging

Progress = Callable[[int, int, int], None]
"""Called with (bytes read, bytes in all, rows read) as a file streams in (unpacked bytes)."""


def ingest_file(
    root: Path,
    path: Path,
    options: ReadOptions,
    progress: Progress | None = None,
    member: str | None = None,
) -> IngestReport:
    """Ingest one file (or one `member` of an archive) into the store at `root`.

    A failure leaves every table as it was.
    """
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as pool, open_source(path, options, member) as read:
        unit = _Unit.of(path, member)
        checksum = pool.submit(unit.checksum)
        # Only a file of a size already logged can be a repeat: then wait for its checksum.
        if unit.size in logged_sizes(root):
            previous = find_ingest(root, checksum.result())
            if previous is not None:
                return _unchanged(unit, read, previous, started)
        with staging(staging_path(root), read) as staged:
            loaded = _stage(staged, read, progress)
            read_seconds = time.perf_counter() - started
            return _commit(
                root, unit, read, staged, loaded, checksum.result(), started, read_seconds
            )


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


def _stage(staged: Staging, read: SourceRead, progress: Progress | None) -> int:
    def report() -> None:
        if progress is not None:
            progress(read.stats.bytes_read, read.stats.bytes_total, read.stats.rows_read)

    loaded = staged.load(report)
    report()
    if read.stats.rows_read == 0:
        raise SourceFormatError(
            read.path, "the file has a header but no data rows", line=2, expected="data rows"
        )
    if loaded == 0:
        raise SourceFormatError(
            read.path,
            "no row of the file holds a figure (" + "; ".join(read.stats.quarantine_notes) + ")",
            expected="at least one row with a value",
        )
    return loaded


def _commit(
    root: Path,
    unit: _Unit,
    read: SourceRead,
    staged: Staging,
    loaded: int,
    sha256: str,
    started: float,
    read_seconds: float,
) -> IngestReport:
    duplicates = staged.remove_exact_duplicates()
    staged.reject_conflicting_keys()
    periods = staged.periods()
    vintage = staged.vintages()
    ingest_id = uuid.uuid4().hex
    predicate = commit.scope_predicate(read.source, periods)
    replaced = commit.count_rows(root, predicate)
    before = _versions(root)
    try:
        if read.replace_scope == "period":
            # The staged rows are the whole new content of the scope: roll them up in place,
            # after the flows are written, so that the two never take memory at once.
            version = commit.replace_period(root, staged.sorted_rows(), predicate, ingest_id)
            commit.roll_up(staged.connection, "staged", root, predicate, ingest_id)
        else:
            version = commit.merge_keys(root, staged.sorted_rows(), read.source, ingest_id)
            commit.roll_up_stored_flows(root, predicate, ingest_id)
    except BaseException:
        _restore(root, before)
        raise
    notes = list(read.stats.quarantine_notes)
    if duplicates:
        notes.append(
            f"{duplicates} lines repeated verbatim (in every stored field) were stored once"
        )
    report = IngestReport(
        file=unit.name,
        source=read.source,
        dataset=read.dataset,
        status="revised" if replaced else "added",
        rows_read=read.stats.rows_read,
        rows_stored=loaded - duplicates,
        rows_quarantined=read.stats.rows_quarantined + duplicates,
        rows_replaced=replaced,
        periods=describe_periods(periods),
        vintage=vintage,
        flows_version=version,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
    append_entry(
        root,
        {
            "ingest_id": ingest_id,
            "file_name": unit.name,
            "file_path": str(unit.path.resolve()),
            "sha256": sha256,
            "size_bytes": unit.size,
            "source": read.source,
            "dataset": read.dataset,
            "status": report.status,
            "rows_read": report.rows_read,
            "rows_stored": report.rows_stored,
            "rows_quarantined": report.rows_quarantined,
            "quarantine_notes": "; ".join(notes),
            "rows_replaced": replaced,
            "periods": report.periods,
            "vintage": vintage,
            "flows_version": version,
            "started_at": datetime.now(UTC),
            "seconds_read": read_seconds,
            "seconds_write": report.seconds - read_seconds,
            "seconds_total": report.seconds,
        },
    )
    return report


def _versions(root: Path) -> dict[TableName, int]:
    names: tuple[TableName, ...] = ("flows", "rollup_totals", "rollup_products", "product_links")
    return {name: DeltaTable(str(table_path(root, name))).version() for name in names}


def _restore(root: Path, versions: dict[TableName, int]) -> None:
    for name, version in versions.items():
        table = DeltaTable(str(table_path(root, name)))
        if table.version() != version:
            table.restore(version)


def _unchanged(
    unit: _Unit, read: SourceRead, previous: dict[str, object], started: float
) -> IngestReport:
    return IngestReport(
        file=unit.name,
        source=read.source,
        dataset=read.dataset,
        status="unchanged",
        rows_read=0,
        rows_stored=0,
        rows_quarantined=0,
        rows_replaced=0,
        periods=str(previous["periods"]),
        vintage=str(previous["vintage"]),
        flows_version=int(str(previous["flows_version"])),
        seconds=time.perf_counter() - started,
        notes=(
            f"the same file (sha256 {str(previous['sha256'])[:12]}...) was ingested before as "
            f"{previous['file_name']}; nothing changed",
        ),
    )


def describe_periods(periods: list[Period]) -> str:
    """Return the periods as short text: `2021`, `2024-02`, `2023-01..2025-11`."""
    labels = [f"{p.year}" if p.month is None else f"{p.year}-{p.month:02d}" for p in periods]
    if len(labels) <= 2:
        return ", ".join(labels)
    return f"{labels[0]}..{labels[-1]} ({len(labels)} periods)"
