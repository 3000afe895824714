"""A pair's products at one depth, ranked, and the products that appeared or vanished."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bilateral.results.base import Provenance, Tabular, amount
from bilateral.results.basis import Comparison

ProductLine = Literal["product", "other", "confidential"]
ProductChangeKind = Literal["appeared", "vanished"]


@dataclass(frozen=True)
class ProductRow:
    """One product of one view and flow of a pair's trade, from the first territory's side."""

    source: str
    view: str
    reported_by: str
    flow: str
    line: ProductLine
    code: str
    description: str
    rank: int | None
    value: float
    share: float | None
    growth: float | None
    currency: str
    vintage: str
    comparison: Comparison = field(default_factory=lambda: Comparison(None))
    # The classification and revision the codes were read in: HS2 (chapters, every revision),
    # or the stored scheme (HS1992, HS2022, CN2025); None for lines summing several.
    classification: str | None = None
    mirror: bool = False  # the partner's declaration (the mirror view), not the reporter's


@dataclass(frozen=True)
class ProductChange:
    """A product traded in one of two years only: `value` is that of the year it was traded."""

    source: str
    view: str
    reported_by: str
    flow: str
    change: ProductChangeKind
    code: str
    description: str
    year: int
    value: float
    currency: str
    mirror: bool = False  # the partner's declaration (the mirror view), not the reporter's


@dataclass(frozen=True)
class Products(Tabular):
    """A pair's top products at one depth in one year, in every view, and what came and went."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    year: int
    depth: int
    flow: str
    compare_year: int | None
    rows: tuple[ProductRow, ...]
    changes: tuple[ProductChange, ...] = ()
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per product line, view and source (the changes: `change_records`)."""
        return [asdict(row) for row in self.rows]

    def change_records(self) -> list[dict[str, Any]]:
        """Return one record per product that appeared or vanished."""
        return [asdict(change) for change in self.changes]

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [
            f"<Products {pair} {self.year} at {self.depth} digits, {len(self.rows)} rows, "
            f"{len(self.changes)} changes>"
        ]
        for row in self.rows:
            lines.append(
                f"  {row.view:<28} {row.flow:<6} {row.code:<8} {amount(row.value)} "
                f"{row.currency} {row.description[:60]}"
            )
        for change in self.changes:
            lines.append(
                f"  {change.change:<8} {change.view:<28} {change.code:<8} {amount(change.value)} "
                f"{change.currency} in {change.year}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
