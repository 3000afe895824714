"""Results about the store: ingests, contents and history."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from bilateral.results.base import Tabular
from bilateral.schema import VintageKind

IngestStatus = Literal["added", "revised", "unchanged"]


@dataclass(frozen=True)
class IngestReport(Tabular):
    """What one ingest did."""

    file: str
    source: str
    dataset: str
    status: IngestStatus
    rows_read: int
    rows_stored: int
    rows_quarantined: int
    rows_replaced: int
    periods: str
    vintage: str
    flows_version: int
    seconds: float
    notes: tuple[str, ...] = ()
    # Of the rows stored: keys new to the store, and keys stored before with the same figures;
    # `rows_replaced` counts keys whose figures changed, `rows_removed` stored keys of the
    # file's periods that a complete file no longer has.
    rows_added: int = 0
    rows_unchanged: int = 0
    rows_removed: int = 0
    # What `vintage` is: the publisher's release date, the file's date, or one given.
    vintage_kind: VintageKind = "release"

    def records(self) -> list[dict[str, Any]]:
        """Return the report as one record."""
        record = asdict(self)
        record["notes"] = "; ".join(self.notes)
        return [record]

    def __repr__(self) -> str:
        return (
            f"<IngestReport {self.file}: {self.status}, {self.rows_stored:,} of "
            f"{self.rows_read:,} rows stored, {self.rows_quarantined:,} quarantined, "
            f"periods {self.periods}, version {self.flows_version}>"
        )


@dataclass(frozen=True)
class SourceSummary:
    """What the store holds of one source."""

    source: str
    rows: int
    years: str
    reporters: int
    vintages: str
    synthetic: bool = False  # ingested as SYNTHETIC demo data (the ingest log says)


@dataclass(frozen=True)
class StoreInfo(Tabular):
    """The store's location, size, version and contents by source."""

    location: str
    flows_version: int
    size_bytes: int
    files_ingested: int
    sources: tuple[SourceSummary, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per source."""
        return [asdict(summary) for summary in self.sources]

    def __repr__(self) -> str:
        return (
            f"<StoreInfo {self.location}: version {self.flows_version}, "
            f"{sum(s.rows for s in self.sources):,} rows, {len(self.sources)} sources>"
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One ingest in the store's history."""

    flows_version: int
    started_at: str
    file_name: str
    source: str
    status: str
    rows_stored: int
    rows_replaced: int
    periods: str
    vintage: str
    synthetic: bool = False  # a file of SYNTHETIC demo data (the ingest log says)
    # The periods as data: how many, the first and the last (`2017-01`, `2021`); None where
    # the log does not list them.
    period_count: int | None = None
    first_period: str | None = None
    last_period: str | None = None


@dataclass(frozen=True)
class History(Tabular):
    """The store's ingests, oldest first; each flows version is a vintage `as_of` can select."""

    entries: tuple[HistoryEntry, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per ingest."""
        return [asdict(entry) for entry in self.entries]

    def __repr__(self) -> str:
        return f"<History {len(self.entries)} ingests>"
