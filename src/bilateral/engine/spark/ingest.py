"""Distributed ingest: many files normalised on Spark's executors, committed once from the driver.

1. Each file (or archive member) is one Spark task that stages it with the single-machine
   ingest's readers and checks (`ingest_tasks.py`), writing its flow parts into the ingest's
   staging folder. A file that fails stops the ingest with that file's error; nothing is
   committed.
   A complete file's task also writes its rollups (the store's own rollup pass: each rollup
   row sums rows of one source and period, so a file's rollups are final on their own).
2. Under the store's write lock (`StoreWriter`), an extract's rows are merged by key into the
   stored rows of its periods by Spark, as the single-machine ingest's Delta merge does, and
   Spark computes the rollups of the merged rows (`rollups.py`, the store's own SQL).
3. Each table gets one Delta commit for all the files (`store.batch_commit`), and one commit of
   the ingest log, an entry per file, publishes them together: readers see every file of the
   ingest or none, with either engine. Files whose periods overlap (a revision of a month in
   the same ingest, or two extracts of one year) are committed in waves, in the order given,
   still published by the one log commit.

The store's folder must be one the executors and the driver both reach (a shared filesystem).
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession

from bilateral.engine.spark.ingest_tasks import (
    OUTCOME_COLUMNS,
    CarriedError,
    StagedUnit,
    UnitJob,
    stage_units,
)
from bilateral.engine.spark.rollups import write_parts, write_rollups
from bilateral.engine.spark.scan import table_frame
from bilateral.engine.spark.session import child_session, spark_session
from bilateral.results import IngestReport
from bilateral.schema import FLOW_KEY
from bilateral.sources import ReadOptions, open_source
from bilateral.store.batch_commit import Scope, replace_scopes
from bilateral.store.commit import RowChanges, row_changes
from bilateral.store.ingest import file_identity
from bilateral.store.ingest_parts import parts_scan_sql
from bilateral.store.ingest_report import (
    FileOrigin,
    FileRead,
    StoredRows,
    committed_report,
    describe_periods,
    log_entry,
    unchanged_report,
)
from bilateral.store.layout import TableName
from bilateral.store.lock import OnWait
from bilateral.store.log import find_ingest, logged_sizes
from bilateral.store.parts import Part, list_parts, parts_folder
from bilateral.store.rollup_parts import ROLLUP_TABLES
from bilateral.store.snapshots import log_entries, table_files
from bilateral.store.writer import StoreWriter, reached

Unit = tuple[Path, str | None]
"""A file to ingest, and the member of an archive to read (None: the file itself)."""


@dataclass(frozen=True)
class SparkIngestOptions:
    """The choices of a distributed ingest: the files' vintage, the writers' wait, the session."""

    vintage: str | None = None
    synthetic: bool = False
    wait: float | None = None
    on_wait: OnWait | None = None
    master: str | None = None
    session: SparkSession | None = None


def ingest_files(
    root: Path, units: Sequence[Unit], options: SparkIngestOptions | None = None
) -> list[IngestReport]:
    """Ingest `units` into the store at `root` on Spark, all in one write; return a report each.

    The reports come in the order of `units`. A file the log holds already is `unchanged`.
    """
    options = options or SparkIngestOptions()
    started = time.perf_counter()
    began = datetime.now(UTC)
    reports: dict[int, IngestReport] = {}
    logged = log_entries(root)
    todo = []
    for index, (path, member) in enumerate(units):
        previous = _previous(logged, path, member)
        if previous is None:
            todo.append(index)
        else:
            reports[index] = _unchanged(path, member, options, previous, started)
    if todo:
        session = child_session(options.session or spark_session(options.master))
        with parts_folder(root) as folder:
            jobs = [_job(root, folder, index, units[index], options) for index in todo]
            staged = _stage(session, jobs)
            reached("parts written")
            staged, repeats = _first_of_each(staged)
            what = f"ingest of {len(staged)} files on Spark"
            with StoreWriter(root, what, wait=options.wait, on_wait=options.on_wait) as writer:
                fresh = []
                for unit in staged:
                    previous = find_ingest(writer.entries, unit.sha256)
                    if previous is None:
                        fresh.append(unit)
                    else:
                        reports[unit.index] = _unchanged_unit(unit, previous, started)
                batch = _Batch(session, writer, folder, fresh)
                if fresh:
                    batch.commit()
                    seconds = time.perf_counter() - started
                    done = {u.index: batch.report(u, seconds) for u in fresh}
                    writer.publish_all([_entry(done[u.index], u, began, options) for u in fresh])
                    reports.update(done)
                for unit, first in repeats:
                    reports[unit.index] = _repeat(unit, first, batch.flows_version, started)
    return [reports[index] for index in range(len(units))]


def _previous(
    logged: list[dict[str, Any]], path: Path, member: str | None
) -> dict[str, Any] | None:
    """Return the log entry of the same file, checksummed only when its size is logged."""
    job = UnitJob(0, str(path), member, None, False, "", "")
    try:
        size = job.size()
    except OSError:
        return None  # the task names the missing file
    if size not in logged_sizes(logged):
        return None
    return find_ingest(logged, file_identity(path, member))


def _job(root: Path, folder: Path, index: int, unit: Unit, options: SparkIngestOptions) -> UnitJob:
    path, member = unit
    return UnitJob(
        index=index,
        path=str(path.absolute()),
        member=member,
        vintage=options.vintage,
        synthetic=options.synthetic,
        reference=str((root / "reference").absolute()),
        folder=str(folder / f"unit-{index}"),
    )


def _stage(session: SparkSession, jobs: list[UnitJob]) -> list[StagedUnit]:
    """Stage every job on the executors, one task each; raise the first file's error."""
    ids = session.range(0, len(jobs), 1, numPartitions=len(jobs))
    tasks = [replace(job, index=position) for position, job in enumerate(jobs)]
    rows = ids.mapInArrow(stage_units(tasks), OUTCOME_COLUMNS).collect()
    outcomes: dict[int, StagedUnit | CarriedError] = {
        int(row["index"]): pickle.loads(row["outcome"]) for row in rows
    }
    staged: list[StagedUnit] = []
    for position, job in enumerate(jobs):
        outcome = outcomes[position]
        if isinstance(outcome, CarriedError):
            raise outcome.rebuilt()
        staged.append(replace(outcome, index=job.index))
    return staged


def _first_of_each(
    staged: list[StagedUnit],
) -> tuple[list[StagedUnit], list[tuple[StagedUnit, StagedUnit]]]:
    """Keep the first of the files with one checksum; return the others with their first."""
    first: dict[str, StagedUnit] = {}
    repeats = []
    for unit in staged:
        if unit.sha256 in first:
            repeats.append((unit, first[unit.sha256]))
        else:
            first[unit.sha256] = unit
    return list(first.values()), repeats


def waves(units: Sequence[StagedUnit]) -> list[list[StagedUnit]]:
    """Split `units` (in order) into waves whose files' scopes do not overlap.

    A file comes in a later wave than every earlier file whose scope it overlaps, so each
    scope is replaced in the order the files were given.
    """
    placed: list[tuple[Scope, int]] = []
    grouped: dict[int, list[StagedUnit]] = {}
    for unit in units:
        scope = _scope(unit)
        wave = 1 + max((w for other, w in placed if other.overlaps(scope)), default=-1)
        placed.append((scope, wave))
        grouped.setdefault(wave, []).append(unit)
    return [grouped[wave] for wave in sorted(grouped)]


def _scope(unit: StagedUnit) -> Scope:
    return Scope(unit.source, unit.periods)


class _Batch:
    """The commits of one distributed ingest, wave by wave, under the writer's lock."""

    def __init__(
        self, session: SparkSession, writer: StoreWriter, folder: Path, units: list[StagedUnit]
    ) -> None:
        self.session = session
        self.writer = writer
        self.folder = folder
        self.units = units
        self.changes: dict[int, RowChanges] = {}
        self.flows_version = 0

    def commit(self) -> None:
        """Commit every wave: its flows, then each rollup, one Delta commit per table."""
        for number, wave in enumerate(waves(self.units)):
            target = self.folder / f"wave-{number}"
            flows: list[Part] = []
            rollups: dict[TableName, list[Part]] = {name: [] for name in ROLLUP_TABLES}
            merged: list[DataFrame] = []
            for unit in wave:
                parts, frame = self._flows_of(unit, target / f"unit-{unit.index}")
                flows.extend(parts)
                if frame is not None:
                    merged.append(frame)
                for name in ROLLUP_TABLES:
                    rollups[name].extend(list_parts(Path(unit.folder) / name))
            if merged:
                computed = write_rollups(self.session, _union(merged), target / "rollups")
                for name in ROLLUP_TABLES:
                    rollups[name].extend(computed[name])
            scopes = [_scope(unit) for unit in wave]
            self.flows_version = replace_scopes(self.writer, "flows", flows, scopes)
            for name in ROLLUP_TABLES:
                replace_scopes(self.writer, name, rollups[name], scopes)

    def _flows_of(self, unit: StagedUnit, target: Path) -> tuple[list[Part], DataFrame | None]:
        """Return the parts that replace the unit's scope in the flows, and, for an extract,
        their rows (to roll up: a complete file's rollups were written by its task).

        A complete file's rows replace its periods; an extract's rows are merged by key into
        the stored rows of its periods (the stored rows it does not carry stay).
        """
        staged = Path(unit.folder) / "flows"
        scope = _scope(unit)
        extract = unit.replace_scope == "key"
        self.changes[unit.index] = row_changes(
            self.writer,
            unit.source,
            scope.predicate,
            parts_scan_sql(staged),
            Path(unit.folder),
            extract=extract,
        )
        if not extract:
            return list_parts(staged), None
        rows = _frame(self.session, list_parts(staged))
        stored = table_frame(
            self.session, "flows", table_files(self.writer.table("flows")), self.writer.root
        ).where(scope.predicate)
        same_key = [stored[k].eqNullSafe(rows[k]) for k in FLOW_KEY]
        merged = stored.join(rows, same_key, "left_anti").unionByName(rows)
        parts = write_parts(merged, "flows", target / "flows", spread=True)
        return parts, _frame(self.session, parts)

    def report(self, unit: StagedUnit, seconds: float) -> IngestReport:
        """Return the report of one committed file."""
        stored = StoredRows(
            unit.rows_read,
            unit.rows_quarantined,
            unit.quarantine_notes,
            unit.rows,
            unit.duplicates,
            unit.periods,
            unit.vintage,
        )
        changes = self.changes[unit.index]
        return committed_report(_read(unit), stored, changes, self.flows_version, seconds)


def _frame(session: SparkSession, parts: list[Part]) -> DataFrame:
    """Return the rows of flow parts as one DataFrame (parts under several folders included)."""
    by_folder: dict[Path, list[str]] = {}
    for part in parts:
        table = part.file.parents[len(part.relative.split("/")) - 1]
        by_folder.setdefault(table.parent, []).append(str(part.file))
    frames = [table_frame(session, "flows", files, root) for root, files in by_folder.items()]
    return _union(frames) if frames else table_frame(session, "flows", [], None)


def _union(frames: list[DataFrame]) -> DataFrame:
    union = frames[0]
    for frame in frames[1:]:
        union = union.unionByName(frame)
    return union


def _entry(
    report: IngestReport, unit: StagedUnit, began: datetime, options: SparkIngestOptions
) -> dict[str, Any]:
    """Return the log entry of one file, as the single-machine ingest writes it."""
    replay = {"member": unit.member, "vintage": options.vintage,
              "synthetic": options.synthetic, "engine": "spark"}  # fmt: skip
    origin = FileOrigin(unit.path, unit.sha256, unit.size, began, unit.seconds, replay)
    return log_entry(report, origin, unit.periods)


def _read(unit: StagedUnit) -> FileRead:
    return FileRead(unit.name, unit.source, unit.dataset, unit.vintage_kind)


def _unchanged(
    path: Path,
    member: str | None,
    options: SparkIngestOptions,
    previous: dict[str, Any],
    started: float,
) -> IngestReport:
    read_options = ReadOptions(vintage=options.vintage, synthetic=options.synthetic)
    with open_source(path, read_options, member) as read:
        name = UnitJob(0, str(path), member, None, False, "", "").name()
        file = FileRead(name, read.source, read.dataset, read.vintage_kind)
        return unchanged_report(file, previous, started)


def _unchanged_unit(unit: StagedUnit, previous: dict[str, Any], started: float) -> IngestReport:
    return unchanged_report(_read(unit), previous, started, sha256=unit.sha256)


def _repeat(unit: StagedUnit, first: StagedUnit, version: int, started: float) -> IngestReport:
    """Return the report of a file given twice in one ingest (the first one is ingested)."""
    previous = {
        "periods": describe_periods(first.periods),
        "vintage": first.vintage,
        "flows_version": version,
    }
    return unchanged_report(_read(unit), previous, started, sha256=unit.sha256, earlier=first.name)
