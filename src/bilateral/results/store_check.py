"""Results of looking after the store: what `store check` found, what repair and vacuum did."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from bilateral.results.base import Tabular

Problem = Literal[
    "log-missing",  # a table folder without its Delta log
    "log-damaged",  # a commit of the log missing or unreadable
    "unpublished-commits",  # commits past the version the ingest log publishes
    "file-missing",  # a data file the published version lists is not on disk
    "file-size",  # a data file whose size is not the one its commit recorded
    "file-unreadable",  # a data file that is not a readable Parquet file
    "row-count",  # a data file whose rows are not the count its commit recorded
    "orphan-file",  # a file in a table folder that no published commit references
    "staging-leftover",  # parts of an ingest whose process died
    "interrupted-write",  # the journal note of a write that never published
    "rollup-mismatch",  # a rollup that differs from the sums of the flows
]
"""Each kind of problem `store check` knows, as data; labels are made in `render/`."""

REPAIRS: dict[Problem, str] = {
    "log-missing": "rebuild the table: ingest again every logged file still on disk",
    "log-damaged": "rebuild the table: ingest again every logged file still on disk",
    "unpublished-commits": "remove the commits (nothing reads them)",
    "file-missing": "ingest again the logged files of its partition that are still on disk",
    "file-size": "ingest again the logged files of its partition that are still on disk",
    "file-unreadable": "ingest again the logged files of its partition that are still on disk",
    "row-count": "ingest again the logged files of its partition that are still on disk",
    "orphan-file": "delete the file (nothing reads it)",
    "staging-leftover": "delete the folder",
    "interrupted-write": "remove what the write left",
    "rollup-mismatch": "recompute the rollups from the flows",
}


@dataclass(frozen=True)
class Finding:
    """One problem found in one table (or in the store's scratch folders)."""

    table: str
    problem: Problem
    detail: str
    file: str | None = None

    @property
    def repair(self) -> str:
        """Say what `store check --repair` does about it."""
        return REPAIRS[self.problem]


@dataclass(frozen=True)
class StoreCheck(Tabular):
    """What `store check` verified, what it found and, after `--repair`, what was done."""

    location: str
    tables: int
    files_checked: int
    rows_checked: int
    findings: tuple[Finding, ...]
    repaired: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Say whether the store is consistent: nothing found."""
        return not self.findings

    def records(self) -> list[dict[str, Any]]:
        """Return one record per finding."""
        return [{**asdict(finding), "repair": finding.repair} for finding in self.findings]

    def __repr__(self) -> str:
        state = "consistent" if self.ok else f"{len(self.findings)} problem(s)"
        return (
            f"<StoreCheck {self.location}: {state}; {self.files_checked:,} files, "
            f"{self.rows_checked:,} rows checked>"
        )


@dataclass(frozen=True)
class VacuumReport(Tabular):
    """What `store vacuum` removed, and which versions are no longer readable because of it."""

    location: str
    files_removed: int
    bytes_freed: int
    retention_days: float | None
    unreadable_before: int | None  # flows versions before this one lost files; None: all kept

    def records(self) -> list[dict[str, Any]]:
        """Return the report as one record."""
        return [asdict(self)]

    def __repr__(self) -> str:
        return (
            f"<VacuumReport {self.location}: {self.files_removed} files, "
            f"{self.bytes_freed:,} bytes freed>"
        )
