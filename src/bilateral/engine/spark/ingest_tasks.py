"""What a Spark executor does for a distributed ingest: stage one file with the source readers.

Each task reads one file (or one member of an archive) with the same reader and the same
staging as the single-machine ingest (`store.ingest_parts.stage_file`: the polars fast path or
the exact reader, the cluster order, verbatim repeats dropped, conflicting lines refused), and
writes its flow parts into its own folder of the ingest's staging folder. A complete file's
rollups are final on their own (each rollup row sums rows of one source and period, which no
other file of its wave holds): the task writes them too, in the same pass over its parts. It
answers with what the file held, or with the error that refused it, as one Arrow row: the
driver raises that error as the single-machine ingest would.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pyarrow as pa

from bilateral.errors import BilateralError
from bilateral.reference.registry import ReferenceData
from bilateral.schema import VintageKind
from bilateral.sources import ReadOptions, open_source
from bilateral.sources.archive import choose_member
from bilateral.sources.base import ReplaceScope
from bilateral.store.ingest import file_identity
from bilateral.store.ingest_parts import stage_file
from bilateral.store.staging import Period

OUTCOME_SCHEMA: Final = pa.schema([pa.field("index", pa.int64()), pa.field("outcome", pa.binary())])
OUTCOME_COLUMNS: Final = "index long, outcome binary"  # the same, as Spark's DDL


@dataclass(frozen=True)
class UnitJob:
    """One file (or archive member) to stage, and where."""

    index: int
    path: str
    member: str | None
    vintage: str | None
    synthetic: bool
    reference: str  # the store's reference folder (its resolver knows the loaded NUTS lists)
    folder: str  # the task's own folder under the ingest's staging folder

    def name(self) -> str:
        """Return the file's name as the log knows it (`archive/member` for a member)."""
        path = Path(self.path)
        if self.member is None:
            return path.name
        return f"{path.name}/{choose_member(path, self.member).name}"

    def size(self) -> int:
        """Return the size in bytes of the file (unpacked, for a member)."""
        path = Path(self.path)
        return path.stat().st_size if self.member is None else choose_member(path, self.member).size


@dataclass(frozen=True)
class CarriedError:
    """An error raised on an executor, carried to the driver whole (its type and fields)."""

    kind: type[BaseException]
    args: tuple[Any, ...]
    state: dict[str, Any]

    @classmethod
    def of(cls, error: BaseException) -> CarriedError:
        return cls(type(error), error.args, dict(vars(error)))

    def rebuilt(self) -> BaseException:
        """Return the error as it was raised (its `__init__` is not called again)."""
        error = self.kind.__new__(self.kind)
        BaseException.__init__(error, *self.args)
        vars(error).update(self.state)
        return error


@dataclass(frozen=True)
class StagedUnit:
    """What one task staged: the file, what its reader found, its parts' folder."""

    index: int
    name: str
    path: str
    member: str | None
    size: int
    sha256: str
    source: str
    dataset: str
    replace_scope: ReplaceScope
    vintage_kind: VintageKind
    rows_read: int
    rows_quarantined: int
    quarantine_notes: tuple[str, ...]
    rows: int
    duplicates: int
    periods: tuple[Period, ...]
    vintage: str
    folder: str
    seconds: float
    started: float = field(default=0.0)


def stage_units(jobs: list[UnitJob]) -> Any:
    """Return the function `mapInArrow` runs over the ids `0..len(jobs)-1`: one job per id."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for index in batch.column(0).to_pylist():
                outcome = _outcome(jobs[int(index)])
                yield pa.RecordBatch.from_pylist(
                    [{"index": int(index), "outcome": pickle.dumps(outcome)}], OUTCOME_SCHEMA
                )

    return run


def _outcome(job: UnitJob) -> StagedUnit | CarriedError:
    try:
        return stage_unit(job)
    except (BilateralError, OSError) as error:
        return CarriedError.of(error)


def stage_unit(job: UnitJob) -> StagedUnit:
    """Stage one file's flows under `job.folder / 'flows'` as the single-machine ingest does."""
    started = time.perf_counter()
    path = Path(job.path)
    resolve = ReferenceData(Path(job.reference)).resolve
    options = ReadOptions(vintage=job.vintage, synthetic=job.synthetic, resolve=resolve)
    folder = Path(job.folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open_source(path, options, job.member) as read:
        staged = stage_file(
            read,
            folder,
            lambda: None,
            lambda: open_source(path, options, job.member),
            rollups=read.replace_scope == "period",
        )
    return StagedUnit(
        index=job.index,
        name=job.name(),
        path=str(path.resolve()),
        member=job.member,
        size=job.size(),
        sha256=file_identity(path, job.member),
        source=read.source,
        dataset=read.dataset,
        replace_scope=read.replace_scope,
        vintage_kind=read.vintage_kind,
        rows_read=read.stats.rows_read,
        rows_quarantined=read.stats.rows_quarantined,
        quarantine_notes=tuple(read.stats.quarantine_notes),
        rows=staged.rows,
        duplicates=staged.duplicates,
        periods=tuple(staged.periods),
        vintage=staged.vintage,
        folder=str(folder),
        seconds=time.perf_counter() - started,
    )
