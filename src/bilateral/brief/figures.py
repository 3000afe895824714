"""The figures of a briefing, each with an id, a kind and the source that gave it.

`BriefFigures` holds numbers and names only, never text in a language: the templates turn
them into sentences, and the self-check compares what they print with `figures[id].value`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from bilateral.brief.numbers import FigureKind
from bilateral.brief.publishers import publisher
from bilateral.errors import BriefCheckError
from bilateral.results.base import Provenance
from bilateral.results.basis import Withheld
from bilateral.results.events import Event
from bilateral.schema import Valuation


@dataclass(frozen=True)
class Figure:
    """One number of the brief: `id` such as `headline.exports`, from footnote `source`.

    `months` are the months a growth compares in both years when it is not whole year on
    whole year (Jan-Nov on Jan-Nov); empty otherwise. `dataset` is the one source id whose
    rows give the figure (`comext`, `imf_dots`); `currency` the figure's own currency where
    it is not the brief's (another source's headline), None otherwise.
    """

    id: str
    value: float
    kind: FigureKind
    source: str
    months: tuple[int, ...] = ()
    dataset: str = ""
    currency: str | None = None


@dataclass(frozen=True)
class Source:
    """One API call behind a part of the brief, as its footnote tells it.

    `mark` is the footnote number; `query` the Python call and `command` the CLI command that
    give the same figures (kept in the JSON form, not printed); `provenance` the result's
    provenance as the API states it. `datasets` (source ids such as `comext`), `vintages`,
    `period` and `currency` are the same provenance as data, for the footnote in a language;
    `conversion` says how values were converted, if they were.
    """

    key: str
    mark: int
    query: str
    command: str
    provenance: str
    publishers: tuple[str, ...]
    conversion: str | None = None
    datasets: tuple[str, ...] = ()
    vintages: tuple[str, ...] = ()
    period: str = ""
    currency: str = ""

    @classmethod
    def of(cls, key: str, mark: int, query: str, command: str, origin: Provenance | None) -> Source:
        """Return the footnote of the call `query` (CLI `command`) whose result has `origin`."""
        if origin is None:
            return cls(key, mark, query, command, "", ())
        return cls(
            key,
            mark,
            query,
            command,
            str(origin),
            tuple(publisher(s) for s in origin.sources),
            origin.conversion,
            tuple(origin.sources),
            tuple(origin.vintages),
            origin.period,
            origin.currency,
        )


@dataclass(frozen=True)
class Territories:
    """The two territories of the brief and, for a region, its country."""

    a: str
    a_name: str
    b: str
    b_name: str
    a_is_region: bool = False
    country: str | None = None
    country_name: str | None = None


# A cause of a mirror gap beyond valuation that the data do not rule out.
GapCause = Literal["confidential", "unallocated", "third_country"]


@dataclass(frozen=True)
class ViewLine:
    """One direction of trade as both reporters declare it (mirror), figure ids under `id`.

    `reconciled` says both figures are one reconciled figure (BACI), not two declarations;
    `causes` the causes of a gap that the data do not rule out (one measured as zero is
    left out; a third country's transit is never measured, so always named).
    """

    id: str
    exporter: str
    importer: str
    within_band: bool | None
    reconciled: bool = False
    causes: tuple[GapCause, ...] = ("confidential", "unallocated", "third_country")


@dataclass(frozen=True)
class SectorLine:
    """One ranked sector of one flow; its value, share and growth are figures under `id`."""

    id: str
    flow: str
    code: str
    title: str
    has_growth: bool


@dataclass(frozen=True)
class RankLine:
    """A territory's rank among another's partners in one flow; figures under `id`.

    `withheld` says why there is no rank nor share (and no figures): the source does not hold
    the reporter's trade with all its partners (`incomplete_partners`).
    """

    id: str
    ranked: str
    among: str
    flow: str
    withheld: Withheld | None = None


@dataclass(frozen=True)
class TrendPoint:
    """One period of the trend chart: a flow's value in the reporter's own view."""

    period: str
    flow: str
    value: float


@dataclass(frozen=True)
class OtherSource:
    """Another source that covers the pair in the brief's year: its headline, named apart.

    Its figures are under `id` (`others.<source>.total`, `.exports`, `.imports`), in its own
    `currency`, as `reported_by` declares them; `months` the months they cover where not the
    whole year. They are never added to or compared with the brief's own figures.
    """

    id: str
    dataset: str
    reported_by: str
    currency: str
    months: tuple[int, ...] | None = None


@dataclass(frozen=True)
class BriefFigures:
    """Everything a brief shows, gathered from the store in one call per part."""

    territories: Territories
    year: int
    currency: str
    view: str
    view_reporter: str
    figures: dict[str, Figure]
    sources: dict[str, Source]
    view_pair: tuple[str, str] | None = None
    view_reporters: tuple[str, ...] = ()
    mirror: tuple[ViewLine, ...] = ()
    sector_scheme: str = "cpa"
    sectors: tuple[SectorLine, ...] = ()
    ranks: tuple[RankLine, ...] = ()
    annual: tuple[TrendPoint, ...] = ()
    monthly: tuple[TrendPoint, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    provisional: bool = False
    year_months: tuple[int, ...] | None = None
    """The months the year's figures cover where they are not the whole year (None: whole)."""
    extract: bool = False
    """The year's figures sum an extract's products (a partial product list), not all trade."""
    import_valuation: Valuation | None = None
    """The basis of the headline's imports, where the source says (figures `headline.*_other`
    give imports, total and balance on the other basis where the source publishes both)."""
    prepared: dt.date = field(default_factory=dt.date.today)
    """The day the brief was made, printed on every page with the data's vintage."""
    dataset: str = ""
    """The one source every figure of the brief comes from (`bilateral.brief.choice`)."""
    dataset_chosen_by_user: bool = False
    other_sources: tuple[OtherSource, ...] = ()
    """The other sources that cover the pair in the year, each with its own headline."""

    @property
    def vintages(self) -> tuple[str, ...]:
        """Return the vintages of every source behind the brief, once each, sorted."""
        return tuple(sorted({v for source in self.sources.values() for v in source.vintages}))

    @property
    def trend_years(self) -> tuple[str, ...]:
        """Return the years of the annual trend, oldest first."""
        return tuple(sorted(dict.fromkeys(point.period for point in self.annual)))

    def value(self, figure_id: str) -> float:
        """Return the value of figure `figure_id`."""
        return self.figures[figure_id].value

    def has(self, figure_id: str) -> bool:
        """Say whether the brief has figure `figure_id`."""
        return figure_id in self.figures

    def to_dict(self) -> dict[str, Any]:
        """Return the figures as JSON-ready data: ids with value, kind and source mark."""
        data = dataclasses.asdict(self)
        data["events"] = [
            {**dataclasses.asdict(e), "date": e.date.isoformat()} for e in self.events
        ]
        data["prepared"] = self.prepared.isoformat()
        return data


def figure_sum(figures: dict[str, Figure], ids: list[str]) -> float:
    """Return the sum of figures `ids`."""
    return sum(figures[i].value for i in ids)


def check_identities(brief: BriefFigures) -> None:
    """Raise `BriefCheckError` when the figures contradict each other.

    total = exports + imports and balance = exports - imports in every group of figures that
    has them; each sector's value is at most its flow's total and the sectors' shares sum to
    at most 1; a region's share is its value over its country's. These catch a figure doubled
    on its way to the brief before any text is written.
    """
    figures = brief.figures
    problems: list[str] = []
    prefixes = {i.rsplit(".", 1)[0] for i in figures if i.endswith(".total")}
    for prefix in sorted(prefixes):
        ids = [f"{prefix}.{n}" for n in ("exports", "imports", "total", "balance")]
        if all(i in figures for i in ids):
            exports, imports, total, balance = (figures[i].value for i in ids)
            if not _close(total, exports + imports):
                problems.append(f"{prefix}.total {total} != exports + imports")
            if not _close(balance, exports - imports):
                problems.append(f"{prefix}.balance {balance} != exports - imports")
    for flow, total_id in (("export", "headline.exports"), ("import", "headline.imports")):
        lines = [s for s in brief.sectors if s.flow == flow]
        if lines and total_id in figures:
            values = [figures[f"{s.id}.value"].value for s in lines]
            if sum(values) > figures[total_id].value * (1 + 1e-9):
                problems.append(f"{flow} sectors sum to {sum(values)} > {total_id}")
            shares = sum(figures[f"{s.id}.share"].value for s in lines)
            if shares > 1 + 1e-9:
                problems.append(f"{flow} sector shares sum to {shares} > 1")
    for flow in ("exports", "imports"):
        ids = [f"region.{flow}", f"region.country_{flow}", f"region.{flow}_share"]
        if all(i in figures for i in ids):
            part, whole, share = (figures[i].value for i in ids)
            if not _close(share, part / whole):
                problems.append(f"region.{flow}_share {share} != {part} / {whole}")
    if problems:
        raise BriefCheckError(problems)


def _close(left: float, right: float) -> bool:
    return abs(left - right) <= 1e-6 * max(1.0, abs(left), abs(right))
