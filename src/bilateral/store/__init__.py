"""The embedded store: Delta Lake tables of flows, rollups and the ingest log."""

from bilateral.store.ingest import Progress, WriteOptions, ingest_file
from bilateral.store.layout import default_location, demo_location
from bilateral.store.snapshots import LiveTables, Snapshot, snapshot

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
