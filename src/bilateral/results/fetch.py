"""Results of `bilateral fetch`: what was downloaded (or found in the cache) and ingested."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilateral.results.base import Tabular
from bilateral.results.store import IngestReport


@dataclass(frozen=True)
class FetchedFile:
    """One publisher's file: where it came from, where it is cached, what the store did.

    `ingest` is None when the file held no data to ingest (an empty API answer); `vintage`
    is the publisher's release date the rows were stored with.
    """

    url: str
    path: str
    from_cache: bool
    size: int
    vintage: str
    ingest: IngestReport | None

    @property
    def status(self) -> str:
        """Return what the store did with the file: added, revised, unchanged or no data."""
        return "no data" if self.ingest is None else self.ingest.status


@dataclass(frozen=True)
class FetchReport(Tabular):
    """What one `fetch` did: a line per file, and notes the user must read."""

    source: str
    files: tuple[FetchedFile, ...]
    notes: tuple[str, ...] = ()

    @property
    def rows_stored(self) -> int:
        """Return the rows newly stored by all the files' ingests."""
        return sum(f.ingest.rows_stored for f in self.files if f.ingest is not None)

    @property
    def downloaded(self) -> int:
        """Return how many files came over the network (the others from the cache or none)."""
        return sum(bool(f.path) and not f.from_cache for f in self.files)

    def records(self) -> list[dict[str, Any]]:
        """Return one flat record per file."""
        return [_record(self.source, f) for f in self.files]

    def __repr__(self) -> str:
        return (
            f"<FetchReport {self.source}: {len(self.files)} files, {self.downloaded} downloaded, "
            f"{self.rows_stored:,} rows stored, {len(self.notes)} notes>"
        )


def _record(source: str, fetched: FetchedFile) -> dict[str, Any]:
    ingest = fetched.ingest
    return {
        "source": source,
        "url": fetched.url,
        "path": fetched.path,
        "from_cache": fetched.from_cache,
        "size": fetched.size,
        "vintage": fetched.vintage,
        "status": fetched.status,
        "rows_read": None if ingest is None else ingest.rows_read,
        "rows_stored": None if ingest is None else ingest.rows_stored,
        "rows_quarantined": None if ingest is None else ingest.rows_quarantined,
        "periods": None if ingest is None else ingest.periods,
        "flows_version": None if ingest is None else ingest.flows_version,
    }
