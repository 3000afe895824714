"""The embedded store: Delta Lake tables of flows, rollups and the ingest log.

The write path (`ingest_file` and its options, which load the source readers and polars) is
imported on first use, so that opening a store to query it loads only the read path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.store.layout import default_location, demo_location
from bilateral.store.snapshots import LiveTables, Snapshot, snapshot

if TYPE_CHECKING:
    from bilateral.store.ingest import Progress, WriteOptions, ingest_file

__all__ = [
    "LiveTables",
    "Progress",
    "Snapshot",
    "WriteOptions",
    "default_location",
    "demo_location",
    "ingest_file",
    "snapshot",
]
_WRITE_PATH = ("Progress", "WriteOptions", "ingest_file")


def __getattr__(name: str) -> Any:
    if name in _WRITE_PATH:
        from bilateral.store import ingest

        return getattr(ingest, name)
    raise AttributeError(f"module 'bilateral.store' has no attribute {name!r}")
