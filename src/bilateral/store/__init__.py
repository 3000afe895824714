"""The embedded store: Delta Lake tables of flows, rollups and the ingest log."""

from bilateral.store.ingest import Progress, ingest_file
from bilateral.store.layout import default_location, demo_location
from bilateral.store.tables import Snapshot, ensure_tables, snapshot

__all__ = [
    "Progress",
    "Snapshot",
    "default_location",
    "demo_location",
    "ensure_tables",
    "ingest_file",
    "snapshot",
]
