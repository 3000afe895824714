"""Turn API results into the brief's named figures: one function per part of the brief.

Each function takes the result of one store query and returns figures with stable ids
(`headline.total`, `sectors.export.1.share`, `ranks.b_in_a.export.rank`...) and the lines
the templates iterate over. No function here queries the store or writes text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bilateral.brief.choice import months_covered
from bilateral.brief.figures import (
    Figure,
    GapCause,
    RankLine,
    SectorLine,
    TrendPoint,
    ViewLine,
)
from bilateral.brief.numbers import FigureKind
from bilateral.reference.products import hs_sections
from bilateral.results import Mirror, MirrorRow, Partners, Profile, ProfileRow, Sectors, Series
from bilateral.results.regional import RegionShare
from bilateral.schema import Valuation

Figures = dict[str, Figure]
TOP_SECTORS = 5
LEADING_SECTORS = 3
_TOTALS = ("exports", "imports", "total", "balance")
_GROWTHS = ("exports_growth", "imports_growth", "total_growth")


def _add(
    figures: Figures,
    figure_id: str,
    value: float | None,
    kind: FigureKind,
    source: str,
    months: tuple[int, ...] = (),
) -> None:
    if value is not None:
        figures[figure_id] = Figure(figure_id, float(value), kind, source, months)


def own_view(profile: Profile, year: int) -> str:
    """Return the view of `profile` that the headline uses: the reporter's own, if it has `year`."""
    views = [row.view for row in profile.rows if row.year == year]
    return views[0]


def _view_row(profile: Profile, view: str, year: int) -> ProfileRow | None:
    return next((r for r in profile.rows if r.view == view and r.year == year), None)


def _row_figures(figures: Figures, prefix: str, row: ProfileRow, source: str) -> None:
    for name in _TOTALS:
        _add(figures, f"{prefix}.{name}", getattr(row, name), "money", source)
    for name in _GROWTHS:
        comparison = getattr(row, name.replace("growth", "comparison"))
        months = comparison.months if comparison.basis == "common_months" else ()
        _add(figures, f"{prefix}.{name}", getattr(row, name), "growth", source, months)


def headline(profile: Profile, year: int, source: str = "profile") -> tuple[Figures, str]:
    """Return the year's exports, imports, total, balance, growth and confidential share."""
    view = own_view(profile, year)
    row = _view_row(profile, view, year)
    assert row is not None  # own_view found it
    figures: Figures = {}
    _row_figures(figures, "headline", row, source)
    _add(figures, "headline.confidential_share", row.confidential_share, "share", source)
    other = row.import_other_value if row.reported_by == profile.reporter else None
    if other is not None and row.exports is not None:
        _add(figures, "headline.imports_other", other, "money", source)
        _add(figures, "headline.total_other", row.exports + other, "money", source)
        _add(figures, "headline.balance_other", row.exports - other, "money", source)
    return figures, view


def headline_months(profile: Profile, year: int, view: str) -> tuple[int, ...] | None:
    """Return the months the headline row covers where it is not the whole year (None: whole)."""
    row = _view_row(profile, view, year)
    return None if row is None else months_covered(row)


def headline_is_extract(profile: Profile, year: int, view: str) -> bool:
    """Say whether the headline row sums an extract's products rather than all trade."""
    row = _view_row(profile, view, year)
    return row is not None and row.products == "extract"


def headline_valuation(profile: Profile, year: int, view: str) -> Valuation | None:
    """Return the basis of the headline row's imports (None in a mirror view or unknown)."""
    row = _view_row(profile, view, year)
    if row is None or row.reported_by != profile.reporter:
        return None
    return row.import_valuation


def annual_trend(profile: Profile, view: str) -> tuple[TrendPoint, ...]:
    """Return the exports and imports of `view` in every year of `profile`."""
    return tuple(
        TrendPoint(str(row.year), flow, float(value))
        for row in sorted(profile.rows, key=lambda r: r.year)
        if row.view == view
        for flow, value in (("export", row.exports), ("import", row.imports))
        if value is not None
    )


def trend_figures(profile: Profile, view: str, source: str = "profile") -> Figures:
    """Return exports, imports, total and balance of `view` in every year, as `trend.<year>.*`."""
    figures: Figures = {}
    for row in profile.rows:
        if row.view == view:
            for name in _TOTALS:
                _add(figures, f"trend.{row.year}.{name}", getattr(row, name), "money", source)
    return figures


def monthly_trend(series: Series) -> tuple[TrendPoint, ...]:
    """Return the monthly exports and imports of the series' first view."""
    if not series.points:
        return ()
    view = series.points[0].view
    return tuple(
        TrendPoint(p.period, p.flow, p.value)
        for p in series.points
        if p.view == view and p.month is not None
    )


def views(profile: Profile, year: int, source: str) -> tuple[Figures, list[str]]:
    """Return each view's figures in `year` under `views.<reporter>`, and the reporters."""
    figures: Figures = {}
    reporters: list[str] = []
    for row in profile.rows:
        if row.year == year and row.reported_by not in reporters:
            reporters.append(row.reported_by)
            _row_figures(figures, f"views.{row.reported_by}", row, source)
    return figures, reporters


def mirror_lines(mirror: Mirror, year: int, source: str) -> tuple[Figures, tuple[ViewLine, ...]]:
    """Return each direction with both sides declared: each side's figure and the gap."""
    figures: Figures = {}
    lines: list[ViewLine] = []
    for row in mirror.rows:
        if row.year != year or row.exports_reported is None or row.imports_reported is None:
            continue
        prefix = f"mirror.{row.exporter}_{row.importer}"
        _add(figures, f"{prefix}.exports_reported", row.exports_reported, "money", source)
        _add(figures, f"{prefix}.imports_reported", row.imports_reported, "money", source)
        _add(figures, f"{prefix}.gap", row.gap, "money", source)
        _add(figures, f"{prefix}.gap_share", row.gap_share, "gap", source)
        lines.append(
            ViewLine(
                prefix,
                row.exporter,
                row.importer,
                row.within_band,
                reconciled=row.reconciled,
                causes=gap_causes(row),
            )
        )
    return figures, tuple(lines)


def gap_causes(row: MirrorRow) -> tuple[GapCause, ...]:
    """Return the causes of a mirror gap the row's data do not rule out, in a fixed order.

    Confidential products and unallocated partners measured as zero on both sides are left
    out; where they cannot be measured (published totals, reconciled flows) they stay.
    """
    confidential = (row.confidential_exporter, row.confidential_importer)
    unallocated = (row.unallocated_exporter, row.unallocated_importer)
    causes: list[GapCause] = []
    if row.confidentiality == "not measurable" or any(value != 0 for value in confidential):
        causes.append("confidential")
    if any(value != 0 for value in unallocated):
        causes.append("unallocated")
    causes.append("third_country")
    return tuple(causes)


def sector_lines(
    sectors: Sectors,
    view: str,
    source: str,
    top: int = TOP_SECTORS,
    titles: Mapping[str, str] | None = None,
) -> tuple[Figures, tuple[SectorLine, ...]]:
    """Return the `top` ranked sectors of each flow in `view`, and the leading ones' share.

    `titles` replaces the result's sector titles where it has the code (a reference table's
    titles in the brief's language).
    """
    named = titles or {}
    figures: Figures = {}
    lines: list[SectorLine] = []
    for flow in ("export", "import"):
        ranked = sorted(
            (r for r in sectors.rows if r.view == view and r.flow == flow and r.rank is not None),
            key=lambda r: r.rank or 0,
        )[:top]
        for row in ranked:
            prefix = f"sectors.{flow}.{row.rank}"
            _add(figures, f"{prefix}.rank", row.rank, "count", source)
            _add(figures, f"{prefix}.value", row.value, "money", source)
            _add(figures, f"{prefix}.share", row.share, "share", source)
            compared = row.comparison
            months = compared.months if compared.basis == "common_months" else ()
            _add(figures, f"{prefix}.growth", row.growth, "growth", source, months)
            title = named.get(row.code, row.title)
            lines.append(SectorLine(prefix, flow, row.code, title, row.growth is not None))
        leading = [r.share for r in ranked[:LEADING_SECTORS] if r.share is not None]
        if len(leading) == min(LEADING_SECTORS, len(ranked)) and leading:
            _add(figures, f"sectors.{flow}.leading_share", sum(leading), "share", source)
    return figures, tuple(lines)


def section_lines(
    chapters: Sectors, view: str, source: str, top: int = TOP_SECTORS
) -> tuple[Figures, tuple[SectorLine, ...]]:
    """Return the `top` HS sections of each flow in `view`, summed from the HS chapters.

    A section's value and share are the sums of its chapters'; it has no growth (the chapters'
    previous values are not in the result). Chapters 98 and 99 belong to no section.
    """
    owner = {code: section for section in hs_sections() for code in section.chapters}
    figures: Figures = {}
    lines: list[SectorLine] = []
    for flow in ("export", "import"):
        values: dict[str, float] = {}
        shares: dict[str, float] = {}
        for row in chapters.rows:
            section = owner.get(row.code)
            if row.view == view and row.flow == flow and row.rank is not None and section:
                values[section.roman] = values.get(section.roman, 0.0) + row.value
                shares[section.roman] = shares.get(section.roman, 0.0) + (row.share or 0.0)
        ranked = sorted(values, key=lambda roman: -values[roman])[:top]
        titles = {section.roman: section.title for section in hs_sections()}
        for rank, roman in enumerate(ranked, start=1):
            prefix = f"sectors.{flow}.{rank}"
            _add(figures, f"{prefix}.rank", rank, "count", source)
            _add(figures, f"{prefix}.value", values[roman], "money", source)
            _add(figures, f"{prefix}.share", shares[roman], "share", source)
            lines.append(SectorLine(prefix, flow, roman, titles[roman], False))
        if ranked:
            leading = sum(shares[roman] for roman in ranked[:LEADING_SECTORS])
            _add(figures, f"sectors.{flow}.leading_share", leading, "share", source)
    return figures, tuple(lines)


def rank_line(
    partners: Partners, key: str, ranked: str, source: str
) -> tuple[Figures, RankLine | None]:
    """Return `ranked`'s rank and share among the partners of `partners` (None if absent).

    Where the source does not hold the reporter's trade with all its partners, the line has
    no figures and says why (`RankLine.withheld`).
    """
    row = next((r for r in partners.rows if r.line == "partner" and r.code == ranked), None)
    prefix = f"ranks.{key}.{partners.flow}"
    if row is not None and row.withheld is not None:
        return {}, RankLine(prefix, ranked, partners.reporter, partners.flow, row.withheld)
    if row is None or row.rank is None:
        return {}, None
    figures: Figures = {}
    _add(figures, f"{prefix}.rank", row.rank, "rank", source)
    _add(figures, f"{prefix}.share", row.share, "share", source)
    _add(figures, f"{prefix}.value", row.value, "money", source)
    return figures, RankLine(prefix, ranked, partners.reporter, partners.flow)


def region_figures(share: RegionShare, year: int, source: str) -> Figures:
    """Return the region's exports and imports, its country's, and the region's shares."""
    row = next((r for r in share.rows if r.year == year), None)
    figures: Figures = {}
    if row is None:
        return figures
    for flow in ("exports", "imports"):
        _add(figures, f"region.{flow}", getattr(row, f"region_{flow}"), "money", source)
        _add(figures, f"region.country_{flow}", getattr(row, f"country_{flow}"), "money", source)
        _add(figures, f"region.{flow}_share", getattr(row, f"{flow}_share"), "share", source)
    return figures


def unique_notes(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Return the notes of several results once each, in order."""
    return tuple(dict.fromkeys(note for group in groups for note in group))
