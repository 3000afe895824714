"""A region's trade with a partner beside its country's."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.results.base import Provenance, Tabular


@dataclass(frozen=True)
class RegionShareRow:
    """One year: the region's exports and imports, the country's, and the region's shares."""

    year: int
    regional_source: str
    national_source: str
    region_exports: float | None
    country_exports: float | None
    exports_share: float | None
    region_imports: float | None
    country_imports: float | None
    imports_share: float | None
    currency: str


@dataclass(frozen=True)
class RegionShare(Tabular):
    """A region's trade with a partner as a share of its country's, year by year."""

    region: str
    region_name: str
    country: str
    country_name: str
    partner: str
    partner_name: str
    rows: tuple[RegionShareRow, ...]
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per year and pair of sources."""
        return [asdict(row) for row in self.rows]

    def __repr__(self) -> str:
        return (
            f"<RegionShare {self.region_name} ({self.region}) in {self.country_name} "
            f"with {self.partner_name}, {len(self.rows)} rows>"
        )
