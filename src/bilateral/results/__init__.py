"""Small result objects returned by the API, each convertible to pandas or polars."""

from bilateral.results.base import Provenance, field_names
from bilateral.results.profile import Profile, ProfileRow
from bilateral.results.sectors import ProductLink, ProductLinks, SectorRow, Sectors
from bilateral.results.store import (
    History,
    HistoryEntry,
    IngestReport,
    IngestStatus,
    SourceSummary,
    StoreInfo,
)

__all__ = [
    "History",
    "HistoryEntry",
    "IngestReport",
    "IngestStatus",
    "ProductLink",
    "ProductLinks",
    "Profile",
    "ProfileRow",
    "Provenance",
    "SectorRow",
    "Sectors",
    "SourceSummary",
    "StoreInfo",
    "field_names",
]
