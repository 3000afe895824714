"""The report of one ingested file and its log entry, as both ingests (local, Spark) make them."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bilateral.results import IngestReport
from bilateral.schema import VintageKind
from bilateral.store.commit import RowChanges
from bilateral.store.staging import Period


@dataclass(frozen=True)
class FileRead:
    """Which file an ingest read, and what its reader said of it."""

    file: str
    source: str
    dataset: str
    vintage_kind: VintageKind


@dataclass(frozen=True)
class StoredRows:
    """What an ingest read and stored of one file."""

    rows_read: int
    rows_quarantined: int
    quarantine_notes: tuple[str, ...]
    rows: int
    duplicates: int
    periods: Sequence[Period]
    vintage: str


def committed_report(
    read: FileRead, stored: StoredRows, changes: RowChanges, flows_version: int, seconds: float
) -> IngestReport:
    """Return the report of a file whose rows were committed."""
    notes = list(stored.quarantine_notes)
    if stored.duplicates:
        notes.append(
            f"{stored.duplicates} lines repeated verbatim (in every stored field) were stored once"
        )
    return IngestReport(
        file=read.file,
        source=read.source,
        dataset=read.dataset,
        status="revised" if changes.replaced or changes.removed or changes.unchanged else "added",
        rows_read=stored.rows_read,
        rows_stored=stored.rows,
        rows_quarantined=stored.rows_quarantined + stored.duplicates,
        rows_replaced=changes.replaced,
        rows_added=changes.added,
        rows_unchanged=changes.unchanged,
        rows_removed=changes.removed,
        vintage_kind=read.vintage_kind,
        periods=describe_periods(stored.periods),
        vintage=stored.vintage,
        flows_version=flows_version,
        seconds=seconds,
        notes=tuple(notes),
    )


def unchanged_report(
    read: FileRead,
    previous: dict[str, Any],
    started: float,
    *,
    sha256: str | None = None,
    earlier: str | None = None,
) -> IngestReport:
    """Return the report of a file ingested before (the log entry `previous`), left alone.

    `sha256` and `earlier` name the file and the name it was ingested as, if not the log's.
    """
    sha256 = sha256 or str(previous["sha256"])
    earlier = earlier or str(previous["file_name"])
    return IngestReport(
        file=read.file,
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
        vintage_kind=read.vintage_kind,
        notes=(
            f"the same file (sha256 {sha256[:12]}...) was ingested before as {earlier}; "
            "nothing changed",
        ),
    )


@dataclass(frozen=True)
class FileOrigin:
    """Where a logged file came from and how long its read took, for its log entry."""

    path: str
    sha256: str
    size: int
    began: datetime
    seconds_read: float
    replay: dict[str, Any]  # what re-reading it needs (member, vintage, ...), periods aside


def log_entry(
    report: IngestReport, origin: FileOrigin, periods: Sequence[Period]
) -> dict[str, Any]:
    """Return the ingest log entry of a committed file."""
    return {
        "ingest_id": uuid.uuid4().hex,
        "file_name": report.file,
        "file_path": origin.path,
        "sha256": origin.sha256,
        "size_bytes": origin.size,
        "source": report.source,
        "dataset": report.dataset,
        "status": report.status,
        "rows_read": report.rows_read,
        "rows_stored": report.rows_stored,
        "rows_quarantined": report.rows_quarantined,
        "quarantine_notes": "; ".join(report.notes),
        "rows_replaced": report.rows_replaced,
        "periods": report.periods,
        "vintage": report.vintage,
        "started_at": origin.began,
        "seconds_read": origin.seconds_read,
        "seconds_write": max(report.seconds - origin.seconds_read, 0.0),
        "seconds_total": report.seconds,
        "replay": json.dumps(
            {
                **origin.replay,
                "periods": [[p.year, p.month] for p in periods],
                "vintage_kind": report.vintage_kind,
            }
        ),
    }


def describe_periods(periods: Sequence[Period]) -> str:
    """Return the periods as short text: `2021`, `2024-02`, `2023-01..2025-11`."""
    labels = [f"{p.year}" if p.month is None else f"{p.year}-{p.month:02d}" for p in periods]
    if len(labels) <= 2:
        return ", ".join(labels)
    return f"{labels[0]}..{labels[-1]} ({len(labels)} periods)"
