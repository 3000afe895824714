"""Small result objects returned by the API, each convertible to pandas or polars."""

from bilateral.results.base import Provenance, field_names
from bilateral.results.claims import CheckReport as CheckReport
from bilateral.results.fetch import FetchedFile as FetchedFile
from bilateral.results.fetch import FetchReport as FetchReport
from bilateral.results.mirror import Mirror, MirrorChapter, MirrorRow
from bilateral.results.partners import PartnerRow, Partners
from bilateral.results.products import ProductChange, ProductRow, Products
from bilateral.results.profile import Profile, ProfileRow
from bilateral.results.sectors import ProductLink, ProductLinks, SectorRow, Sectors
from bilateral.results.series import Series, SeriesPoint, YearToDate
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
    "Mirror",
    "MirrorChapter",
    "MirrorRow",
    "PartnerRow",
    "Partners",
    "ProductChange",
    "ProductLink",
    "ProductLinks",
    "ProductRow",
    "Products",
    "Profile",
    "ProfileRow",
    "Provenance",
    "SectorRow",
    "Sectors",
    "Series",
    "SeriesPoint",
    "SourceSummary",
    "StoreInfo",
    "YearToDate",
    "field_names",
]
