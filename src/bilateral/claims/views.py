"""The store's figures for a claim, in every view: the reporter's, the partner's, BACI's.

A view is one source's figures as one territory declares them: for reporter A and partner B,
A's exports to B as A reports them, the same flow as B reports it (B's imports from A: the
mirror), and BACI's reconciled flows. Whole years come from the profile; parts of a year
(first half, first nine months) from the monthly series' year-to-date sums. Where the
declaring territory publishes its imports on both bases (CIF and FOB), a view gives every
figure that involves them (the imports, total trade, the balance) on each basis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bilateral.reference import Territory
from bilateral.reference.registry import ReferenceData
from bilateral.results import Profile, Provenance, Series
from bilateral.results.claims import ClaimFlow
from bilateral.results.partners import Partners
from bilateral.results.series import Frequency
from bilateral.results.store import History
from bilateral.schema import Flow, Valuation
from bilateral.years import describe_years

AsOf = int | str | datetime | None
"""A store version or a moment to read the store as of (None: as published now)."""


class TradeData(Protocol):
    """What checking claims needs of a store (`bilateral.Store` provides it)."""

    def resolve(self, text: str) -> Territory: ...

    @property
    def reference(self) -> ReferenceData: ...

    def partners(
        self,
        reporter: str,
        year: int,
        flow: Flow = "export",
        *,
        top: int | None = None,
        partner: str | None = None,
        currency: str | None = None,
        as_of: AsOf = None,
    ) -> Partners: ...

    def profile(
        self,
        reporter: str,
        partner: str,
        years: Iterable[int],
        *,
        as_of: AsOf = None,
        currency: str | None = None,
    ) -> Profile: ...

    def history(self) -> History: ...

    def series(
        self,
        reporter: str,
        partner: str,
        *,
        frequency: Frequency,
        years: Iterable[int],
        ytd_through: int | None = None,
        currency: str | None = None,
        as_of: AsOf = None,
    ) -> Series: ...


@dataclass
class View:
    """One source's figures from one reporter, by year and flow (the reporter's side)."""

    source: str
    view: str
    reported_by: str
    currency: str
    vintage: str
    values: dict[int, dict[str, float | None]] = field(default_factory=dict)
    partial: dict[int, str] = field(default_factory=dict)
    mirror: bool = False
    valuation: dict[int, Valuation] = field(default_factory=dict)
    """The basis of the import figure the view's reporter declares, by year."""
    other: dict[int, float] = field(default_factory=dict)
    """That import figure on the other basis, by year, where the reporter publishes both."""
    file_dated: bool = False
    """Whether `vintage` is only the file's date, not the publisher's release date."""
    reconciled: bool = False
    """Whether the figures are one reconciled figure per flow, not a reporter's declarations."""

    @property
    def declared_import(self) -> ClaimFlow:
        """Return the first territory's flow that the reporter declares as its imports."""
        return "export" if self.mirror else "import"

    def basis(self, flow: ClaimFlow, year: int, *, other: bool = False) -> Valuation | None:
        """Return the basis of `flow` in `year` (None if it holds no declared imports)."""
        found = self.valuation.get(year)
        if found is None or flow not in (self.declared_import, "total", "balance"):
            return None
        if not other:
            return found
        return "FOB" if found == "CIF" else "CIF"

    def figure(self, flow: ClaimFlow, year: int, *, other: bool = False) -> float | None:
        """Return the first territory's `flow` in `year` (None if a part is missing).

        `other` gives the figure with the declared imports on their other basis (None where
        the reporter publishes one basis only).
        """
        cells = dict(self.values.get(year, {}))
        if other:
            if year not in self.other:
                return None
            cells[self.declared_import] = self.other[year]
        exports, imports = cells.get("export"), cells.get("import")
        if flow in ("export", "import"):
            return cells.get(flow)
        if exports is None or imports is None:
            return None
        return exports + imports if flow == "total" else exports - imports

    def label(self, first: Territory) -> str:
        """Return how the verdict names the view: reporter-reported, mirror or reconciled."""
        if self.reconciled:
            return f"reconciled ({self.source})"
        if self.reported_by == first.code:
            return "reporter-reported"
        return "partner-reported (mirror)"


def query_text(
    first: Territory,
    second: Territory,
    years: list[int],
    months: int | None,
    currency: str | None,
    as_of: AsOf = None,
) -> str:
    """Return the command that shows the figures a check used."""
    period = describe_years(years).replace(" ", "")
    if months is None:
        command = f"bilateral profile {first.code} {second.code} --years {period}"
    else:
        command = (
            f"bilateral series {first.code} {second.code} --frequency M "
            f"--ytd-through {months} --years {period}"
        )
    if as_of is not None:
        command = f"{command} --as-of {as_of}"
    return command if currency is None else f"{command} --currency {currency}"


def whole_years(profile: Profile) -> list[View]:
    """Return the views of a profile, with years of fewer than 12 months marked partial."""
    views: dict[tuple[str, str], View] = {}
    for row in profile.rows:
        key = (row.source, row.view)
        view = views.setdefault(
            key, View(row.source, row.view, row.reported_by, row.currency, row.vintage)
        )
        view.mirror = row.mirror
        view.values[row.year] = {"export": row.exports, "import": row.imports}
        view.vintage = max(view.vintage, row.vintage)
        view.file_dated = _file_dated(view.vintage, profile.provenance)
        view.reconciled = view.reconciled or row.reconciled
        if row.import_valuation is not None:
            view.valuation[row.year] = row.import_valuation
        if row.import_other_value is not None:
            view.other[row.year] = row.import_other_value
        if row.coverage not in ("annual", "12 months"):
            view.partial[row.year] = row.coverage
    return _distinct(list(views.values()))


def year_to_date(series: Series, months: int) -> list[View]:
    """Return the views of a series' year-to-date sums (months 1 to `months`)."""
    views: dict[tuple[str, str], View] = {}
    for line in series.year_to_date:
        key = (line.source, line.view)
        view = views.setdefault(
            key, View(line.source, line.view, line.reported_by, line.currency, line.vintage)
        )
        view.mirror = line.mirror
        view.values.setdefault(line.year, {})[line.flow] = line.value if line.complete else None
        view.vintage = max(view.vintage, line.vintage)
        view.file_dated = _file_dated(view.vintage, series.provenance)
        if not line.complete:
            view.partial[line.year] = f"{line.months} of months 1-{months}"
    return _distinct(list(views.values()))


def _file_dated(vintage: str, provenance: Provenance | None) -> bool:
    return provenance is not None and vintage in provenance.file_dates


def dated(vintage: str, file_dated: bool) -> str:
    """Say what kind of date a figure's vintage is: "vintage V202301", "file date 2026-12-08".

    >>> dated("V202301", False), dated("2026-12-08", True)
    ('vintage V202301', 'file date 2026-12-08')
    """
    return f"{'file date' if file_dated else 'vintage'} {vintage}"


def _distinct(views: list[View]) -> list[View]:
    """Drop a reconciled source's second view when it holds the same numbers as the first."""
    kept: list[View] = []
    for view in views:
        twin = any(
            view.reconciled
            and other.source == view.source
            and other.reconciled
            and other.values == view.values
            for other in kept
        )
        if not twin:
            kept.append(view)
    return [v for v in kept if not v.mirror] + [v for v in kept if v.mirror]
