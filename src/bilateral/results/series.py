"""Time series of a pair: monthly or annual values, year to date and 12-month rolling sums."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bilateral.choices import Frequency as Frequency
from bilateral.choices import SeriesFlow as SeriesFlow
from bilateral.results.base import Provenance, Tabular, amount

Basis = Literal["annual", "monthly"]


@dataclass(frozen=True)
class SeriesPoint:
    """One period of one view and flow of a pair's trade, from the first territory's side.

    `basis` says whether the value is a published annual figure or a sum of monthly ones;
    `months` is how many months it covers (12 for an annual figure, 1 for a month) and
    `partial` is true for a year summed from fewer than 12 months (for a group, the fewest
    any reporting member covers), which is not a full year, and for a group's month summed
    from fewer members than its other months. `growth` compares a full year with the full year
    before, summed from as many members (None otherwise).
    `rolling_12m` is the sum of the 12 months up to this one, None unless all 12 are present.
    `mirror` is true in the mirror view (the values are the partner's declarations).
    """

    source: str
    view: str
    reported_by: str
    flow: str
    year: int
    month: int | None
    period: str
    value: float
    basis: Basis
    months: int
    partial: bool
    growth: float | None
    rolling_12m: float | None
    currency: str
    vintage: str
    mirror: bool = False


@dataclass(frozen=True)
class YearToDate:
    """The sum of months 1 to `through` of one year, and its change on the same months before.

    `months` counts the months of 1..`through` present; a year lacking any is not `complete`,
    and a change is only computed between two complete years.
    """

    source: str
    view: str
    reported_by: str
    flow: str
    year: int
    through: int
    period: str
    value: float
    months: int
    complete: bool
    previous: float | None
    difference: float | None
    change: float | None
    currency: str
    vintage: str
    mirror: bool = False


@dataclass(frozen=True)
class Series(Tabular):
    """A pair's trade as a monthly or annual series, in every view, with year-to-date sums."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    frequency: Frequency
    flow: SeriesFlow
    years: tuple[int, ...]
    points: tuple[SeriesPoint, ...]
    year_to_date: tuple[YearToDate, ...] = ()
    ytd_through: int | None = None
    rolling: bool = False
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per period, view and flow."""
        return [asdict(point) for point in self.points]

    def year_to_date_records(self) -> list[dict[str, Any]]:
        """Return one record per year, view and flow of the year-to-date sums."""
        return [asdict(line) for line in self.year_to_date]

    def views(self) -> list[tuple[str, str, str]]:
        """Return the (source, view, flow) lines present, in order."""
        return list(dict.fromkeys((p.source, p.view, p.flow) for p in self.points))

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        kind = "monthly" if self.frequency == "M" else "annual"
        lines = [f"<Series {pair}, {kind}, {len(self.points)} points>"]
        for point in self.points:
            mark = " (partial)" if point.partial else ""
            lines.append(
                f"  {point.period:<8} {point.view:<28} {point.flow:<6} {amount(point.value)} "
                f"{point.currency}{mark}"
            )
        for line in self.year_to_date:
            lines.append(
                f"  {line.period:<12} {line.view:<28} {line.flow:<6} {amount(line.value)} "
                f"{line.currency}{'' if line.complete else ' (incomplete)'}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
