"""Sectors of a pair, and the CN8 -> CPA links learnt at ingest."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.results.base import Provenance, Tabular, amount
from bilateral.results.basis import Comparison


@dataclass(frozen=True)
class SectorRow:
    """One sector of one view and flow of a pair's trade, from the first territory's side.

    `comparison` says how the growth compares with the year before (whole years, or the months
    every reporting member holds in both) or why it is withheld; `cagr_comparison` the same for
    the CAGR over the span (None without a span).
    """

    source: str
    view: str
    reported_by: str
    flow: str
    code: str
    title: str
    rank: int | None
    value: float
    share: float | None
    growth: float | None
    currency: str
    vintage: str
    cagr: float | None = None
    comparison: Comparison = field(default_factory=lambda: Comparison(None))
    cagr_comparison: Comparison | None = None
    # The classification and revision of `code`: CPA21, HS2 (chapters, every revision), SITC4,
    # BEC4, or the stored scheme of the detail codes (HS1992, CN2025, HS4).
    classification: str | None = None


@dataclass(frozen=True)
class Sectors(Tabular):
    """A pair's trade by product sector in one year, ranked, in every view and flow."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    year: int
    scheme: str
    rows: tuple[SectorRow, ...]
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per sector, view and flow."""
        return [asdict(row) for row in self.rows]

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [f"<Sectors {pair} {self.year} by {self.scheme}, {len(self.rows)} rows>"]
        for row in self.rows:
            lines.append(
                f"  {row.view:<28} {row.flow:<6} {row.code:<6} {amount(row.value)} "
                f"{row.currency} {row.title}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


@dataclass(frozen=True)
class ProductLink:
    """One CN8 code's CPA 2.1 code in one year, as the Comext rows carried it."""

    year: int
    cn8: str
    cpa: str
    value: float
    rows: int
    share: float


@dataclass(frozen=True)
class ProductLinks(Tabular):
    """The CN8 -> CPA 2.1 correspondence learnt from ingested Comext bulk files."""

    links: tuple[ProductLink, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per year, CN8 code and CPA code."""
        return [asdict(link) for link in self.links]

    def __repr__(self) -> str:
        codes = len({(link.year, link.cn8) for link in self.links})
        return f"<ProductLinks {len(self.links)} links of {codes} CN8 codes by year>"
