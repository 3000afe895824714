"""Mirror statistics of a pair: each direction as both reporters declare it, and the gap."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.results.base import Provenance, Tabular, amount
from bilateral.results.basis import Comparison, Withheld
from bilateral.schema import Measurability, Valuation


@dataclass(frozen=True)
class MirrorRow:
    """One direction of a pair's trade in one year: the exporter's and the importer's figure.

    `gap` is imports - exports and `gap_share` gap / exports; `within_band` says whether the
    gap share lies in the CIF/FOB band (None when a side is missing, the exporter reports
    nothing or the two sides cover different months). `confidential_*` are the values each
    side declares under confidential product codes; `unallocated_*` the share of each side's
    flow (the exporter's exports, the importer's imports) declared to partners not specified
    or withheld (QU-QZ, Comtrade's `_X`, ...) out of that flow to every partner in the year;
    `months_*` the months each side covers (12 for annual data). `reconciled` says the two
    sides are one figure reconciled by the publisher (BACI), not two declarations: its gap is
    withheld (`gap_withheld` "reconciled") and `within_band` None. `confidentiality` says
    whether confidential products can be measured (not in published totals or reconciled
    flows: `confidential_*` None).
    `import_valuation` is the basis of `imports_reported` (None where the source does not
    say) and `imports_other_value` the imports on the other basis where the importer publishes
    both; `gap_like_basis` and `gap_share_like_basis` compare FOB imports with the FOB exports,
    where the importer's imports are known FOB (None otherwise). Where a side is a group,
    `*_complete` says
    whether its figure sums all its members' declarations (for WORLD, a world's set of
    reporters); when one does not, the gap is withheld and `gap_withheld` says why. The gap
    compares the two declarations over the months both hold (`gap_comparison`): where they
    cover different months it is computed on the common months, or withheld when they cannot
    be aligned (an annual figure against a partial year).
    """

    source: str
    year: int
    direction: str
    exporter: str
    importer: str
    exports_reported: float | None
    imports_reported: float | None
    gap: float | None
    gap_share: float | None
    expected_band: str
    within_band: bool | None
    confidential_exporter: float | None
    confidential_importer: float | None
    unallocated_exporter: float | None
    unallocated_importer: float | None
    months_exporter: int | None
    months_importer: int | None
    currency: str
    vintage: str
    reconciled: bool = False
    confidentiality: Measurability = "measured"
    import_valuation: Valuation | None = None
    imports_other_value: float | None = None
    gap_like_basis: float | None = None
    gap_share_like_basis: float | None = None
    exporter_complete: bool | None = None
    importer_complete: bool | None = None
    gap_withheld: Withheld | None = None
    gap_comparison: Comparison = field(default_factory=lambda: Comparison(None))


@dataclass(frozen=True)
class MirrorChapter:
    """One HS chapter of one direction and year: where the gap comes from.

    Chapters beyond the top ones are summed as `other`; confidential products count under
    the chapter their code keeps (39XXXXXX under 39).
    """

    source: str
    year: int
    direction: str
    chapter: str
    title: str
    exports_reported: float
    imports_reported: float
    gap: float
    currency: str


@dataclass(frozen=True)
class Mirror(Tabular):
    """A pair's mirror statistics by year and direction, with the gap by HS chapter."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    years: tuple[int, ...]
    rows: tuple[MirrorRow, ...]
    chapters: tuple[MirrorChapter, ...] = ()
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per source, year and direction."""
        return [asdict(row) for row in self.rows]

    def chapter_records(self) -> list[dict[str, Any]]:
        """Return one record per source, year, direction and chapter shown."""
        return [asdict(chapter) for chapter in self.chapters]

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [f"<Mirror {pair}, {len(self.rows)} rows, {len(self.chapters)} chapters>"]
        for row in self.rows:
            share = "n/a" if row.gap_share is None else f"{row.gap_share:+.1%}"
            lines.append(
                f"  {row.year} {row.direction:<12} exports {amount(row.exports_reported)} "
                f"imports {amount(row.imports_reported)} gap {amount(row.gap)} ({share}) "
                f"{row.currency}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
