"""The relations timeline: import events files (the `events` query lists them)."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bilateral.api.base import StoreBase
from bilateral.errors import SourceFormatError
from bilateral.events import plan_import, read_events_file
from bilateral.events.rows import ImportPlan, event_row
from bilateral.results.events import EventImportReport
from bilateral.store.events import (
    EVENTS_SOURCE,
    commit_events,
    find_events_import,
    stored_events,
)
from bilateral.store.log import file_sha256
from bilateral.store.writer import StoreWriter
from bilateral.years import describe_years


class EventImports(StoreBase):
    """Importing events files of meetings, agreements, visits, investments (`events` reads them)."""

    def import_events(self, path: str | Path, *, again: bool = False) -> EventImportReport:
        """Import a YAML or CSV events file in one commit, or change nothing.

        The layouts are described in `bilateral.events`. Territories are resolved with the
        store's reference and sectors stored as CPA division codes. The same file twice is
        `unchanged`; events already stored (same date, type, pair and title) are counted and
        not stored again. A file with any bad event raises `SourceFormatError`, storing none.
        `again` imports a file the log already holds (a repair restoring its events).
        """
        started = time.perf_counter()
        file = Path(path)
        if not file.is_file():
            raise SourceFormatError(file, "no such file", expected="a YAML or CSV events file")
        sha256 = file_sha256(file)
        located = read_events_file(file, self.resolve)
        with StoreWriter(self.root, f"events import of {file.name}") as writer:
            previous = None if again else find_events_import(writer.entries, sha256)
            if previous is not None:
                return _unchanged(file, previous, writer.pins["events"], started)
            plan = plan_import(located, stored_events(writer))
            years = describe_years(sorted({item.event.date.year for item in located}))
            ingest_id = uuid.uuid4().hex
            rows = [event_row(event, ingest_id) for event in plan.new]
            entry = _log_entry(file, sha256, ingest_id, len(located), plan, years)
            entry["seconds_total"] = time.perf_counter() - started
            version = commit_events(writer, rows, entry)
        return EventImportReport(
            file=file.name,
            status="added",
            read=len(located),
            added=len(plan.new),
            already_stored=plan.already_stored,
            repeated=plan.repeated,
            years=years,
            events_version=version,
            seconds=time.perf_counter() - started,
            notes=plan.notes,
        )


def _log_entry(
    file: Path, sha256: str, ingest_id: str, read: int, plan: ImportPlan, years: str
) -> dict[str, Any]:
    """Return the ingest log entry of an events import (its `source` is `events`)."""
    counts = f"{plan.already_stored} already stored, {plan.repeated} repeated in the file"
    return {
        "ingest_id": ingest_id,
        "file_name": file.name,
        "file_path": str(file.resolve()),
        "sha256": sha256,
        "size_bytes": file.stat().st_size,
        "source": EVENTS_SOURCE,
        "dataset": "relations timeline",
        "status": "added",
        "rows_read": read,
        "rows_stored": len(plan.new),
        "rows_quarantined": 0,
        "quarantine_notes": "; ".join((counts, *plan.notes)),
        "rows_replaced": 0,
        "periods": years,
        "vintage": datetime.now(UTC).date().isoformat(),
        "started_at": datetime.now(UTC),
        "seconds_read": 0.0,
        "seconds_write": 0.0,
    }


def _unchanged(
    file: Path, previous: dict[str, Any], version: int, started: float
) -> EventImportReport:
    return EventImportReport(
        file=file.name,
        status="unchanged",
        read=0,
        added=0,
        already_stored=0,
        repeated=0,
        years=str(previous["periods"]),
        events_version=version,
        seconds=time.perf_counter() - started,
        notes=(
            f"the same file (sha256 {str(previous['sha256'])[:12]}...) was imported before as "
            f"{previous['file_name']}; nothing changed",
        ),
    )
