"""Trade indicators of a pair in one year."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.results.base import Provenance, Tabular
from bilateral.results.basis import Withheld


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of the pair from one source: its value and what it was computed on.

    `withheld` says why the value is None where its figures are in the store but not whole
    (a world of a few reporters, one flow of the pair only).
    """

    source: str
    name: str
    value: float | None
    basis: str
    withheld: Withheld | None = None


@dataclass(frozen=True)
class Indicators(Tabular):
    """Intra-industry trade, concentration, market share, intensity, complementarity, RCA."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    year: int
    rows: tuple[IndicatorRow, ...]
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None
    synthetic: bool = False  # computed on synthetic (demo) rows: not official statistics

    def records(self) -> list[dict[str, Any]]:
        """Return one record per source and indicator."""
        return [asdict(row) for row in self.rows]

    def __repr__(self) -> str:
        lines = [f"<Indicators {self.reporter_name} - {self.partner_name} {self.year}>"]
        lines.extend(f"  {row.source} {row.name}: {row.value}" for row in self.rows)
        return "\n".join(lines)
