"""The bilateral profile: exports, imports, total, balance and growth, in each reporter's view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bilateral.indicators import balance, share
from bilateral.indicators.coverage import PeriodFigure, aligned_change, aligned_growth, combined
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import coverage_label, member_months, reporters_complete
from bilateral.query.selection import Selection, row_period
from bilateral.query.tables import table
from bilateral.query.totals import (
    pair_year_totals,
    sided_rows,
    summed_pair_totals,
    totals_from_flows,
)
from bilateral.query.view_notes import mirror_view_notes
from bilateral.query.windowed import windowed_chosen_rows
from bilateral.reference import Territory, get
from bilateral.results import Profile, ProfileRow
from bilateral.results.basis import month_counts
from bilateral.results.notes import SYNTHETIC_NOTE, Note
from bilateral.schema import ProductCompleteness

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis


@dataclass(frozen=True)
class _Cell:
    value: float
    confidential: float
    currency: str
    vintage: str
    months: int
    annual: bool
    synthetic: bool
    product_level: str
    reconciled: bool
    figure: PeriodFigure


def _totals(from_flows: bool) -> ibis.Table:
    return totals_from_flows(table("flows")) if from_flows else table("rollup_totals")


@compiled_sql
def profile_sql(
    first: Selection,
    second: Selection,
    years: tuple[int, ...],
    *,
    from_flows: bool,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the pair's totals by month and reporting code, from the year before.

    `first` and `second` select the territories' rows; `from_flows` aggregates the flows table
    (for `as_of` queries) instead of reading the totals rollup; `currency` converts each row at
    its period's average rate. The rows are folded into years by `query.coverage.year_rows`.
    Compiled once per arguments.
    """
    span = sorted({*years, min(years) - 1})
    if dialect == "pyspark":
        # Spark reads the rows once and chooses among them by windows: one shuffle, not a
        # scan and a shuffle for each choice.
        sided = sided_rows(_totals(from_flows), first, second, span)
        chosen = windowed_chosen_rows(sided, first, second)
        expression = summed_pair_totals(chosen, first, second, currency, by_month=True)
        return str(ibis.to_sql(expression, dialect=dialect))
    expression = pair_year_totals(_totals(from_flows), first, second, span, currency, by_month=True)
    return str(ibis.to_sql(expression, dialect=dialect))


@compiled_sql
def pair_years_sql(first: Selection, second: Selection, *, from_flows: bool, dialect: str) -> str:
    """Return the SQL of the years in which the store holds flows between two territories."""
    totals = _totals(from_flows)
    period = row_period(totals.year, totals.month)
    pair = totals.filter(
        (first.matches(totals.reporter, period) & second.matches(totals.partner, period))
        | (second.matches(totals.reporter, period) & first.matches(totals.partner, period))
    )
    # Grouped rather than `distinct()`: ibis 12 compiles distinct-then-order for Spark SQL as a
    # distinct over the filter's columns too, repeating years.
    return str(ibis.to_sql(pair.aggregate(by="year").order_by("year"), dialect=dialect))


def build_profile(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    years: Sequence[int],
    partial_product_sources: Sequence[str] = (),
    as_of: str | None = None,
) -> Profile:
    """Assemble the profile from the yearly totals (`year_rows`) and their coverage.

    Growth and the balance's change compare with the year before like with like: whole years,
    or the months every member holds in both years; otherwise they are withheld, and each
    row's comparisons say which (`bilateral.results.basis.Comparison`).
    """
    cells = {
        (r["source"], r["side"], r["flow"], int(r["year"])): _Cell(
            value=float(r["value"]),
            confidential=float(r["confidential_value"] or 0.0),
            currency=r["currency"],
            vintage=r["vintage"],
            months=int(r["months"]),
            annual=bool(r["annual"]),
            synthetic=bool(r["synthetic"]),
            product_level=r["product_level"],
            reconciled=bool(r.get("reconciled")),
            figure=r["figure"],
        )
        for r in rows
    }
    views = sorted({(source, side) for source, side, _, _ in cells}, key=lambda v: (v[0], v[1]))
    out: list[ProfileRow] = []
    notes: list[str] = []
    for source, side in views:
        for year in sorted(years):
            row = _view_row(cells, (source, side, year), first, second, partial_product_sources)
            if row is not None and row.mirror and row.members_complete is False:
                notes.append(_withheld_mirror_note(row, first, second))
            elif row is not None:
                out.append(row)
    for source in sorted({str(r["source"]) for r in rows if r.get("reconciled")}):
        notes.append(
            Note(
                f"{source} gives one reconciled figure per flow (both declarations reconciled "
                "by the publisher): it is shown as the exporter's exports and as the importer's "
                "imports, so its two views hold the same numbers, valued FOB.",
                "reconciled_views",
                source=source,
            )
        )
    if any(cell.synthetic for cell in cells.values()):
        notes.insert(0, SYNTHETIC_NOTE)
    notes.extend(_coverage_notes(out))
    for source in sorted({row.source for row in out if row.products == "extract"}):
        notes.append(
            Note(
                f"{source} holds extracts: its figures sum the products in the store, not all "
                "trade.",
                "extracts",
                source=source,
            )
        )
    reconciled = {str(r["source"]) for r in rows if r.get("reconciled")}
    declared_mirrors = (row.mirror and row.source not in reconciled for row in out)
    notes.extend(mirror_view_notes(declared_mirrors, first, second))
    return Profile(
        reporter=first.code,
        reporter_name=first.name,
        partner=second.code,
        partner_name=second.name,
        years=tuple(sorted(years)),
        rows=tuple(out),
        notes=tuple(notes),
        as_of=as_of,
    )


def _view_row(
    cells: Mapping[tuple[str, str, str, int], _Cell],
    where: tuple[str, str, int],
    first: Territory,
    second: Territory,
    partial_product_sources: Sequence[str],
) -> ProfileRow | None:
    source, side, year = where
    # In the mirror view the partner reports: its imports are the first territory's exports.
    export_flow, import_flow = ("export", "import") if side == "first" else ("import", "export")
    now_x, now_m = (
        cells.get((source, side, export_flow, year)),
        cells.get((source, side, import_flow, year)),
    )
    if now_x is None and now_m is None:
        return None
    before_x = cells.get((source, side, export_flow, year - 1))
    before_m = cells.get((source, side, import_flow, year - 1))
    exports, imports = _value(now_x), _value(now_m)
    total = None if exports is None or imports is None else exports + imports
    present = [cell for cell in (now_x, now_m) if cell is not None]
    reporter = first if side == "first" else second
    confidential = sum(cell.confidential for cell in present)
    published_total = all(cell.product_level == "TOTAL" for cell in present)
    measurable = not published_total and not any(cell.reconciled for cell in present)
    products: ProductCompleteness = (
        "TOTAL only"
        if published_total
        else "extract"
        if source in partial_product_sources
        else "full detail"
    )
    exports_growth, exports_comparison = aligned_growth(_figure(now_x), _figure(before_x))
    imports_growth, imports_comparison = aligned_growth(_figure(now_m), _figure(before_m))
    total_now, total_before = _both(now_x, now_m, 1.0), _both(before_x, before_m, 1.0)
    total_growth, total_comparison = aligned_growth(total_now, total_before)
    balance_change, _ = aligned_change(_both(now_x, now_m, -1.0), _both(before_x, before_m, -1.0))
    coverage = [
        *(member_months("export", now_x.figure) if now_x else []),
        *(member_months("import", now_m.figure) if now_m else []),
    ]
    members = tuple(sorted({m for cell in present for m in cell.figure.coverage}))
    complete = reporters_complete(reporter, year, members) if reporter.kind == "group" else None
    return ProfileRow(
        year=year,
        view=_view_name(side, reporter, members, complete),
        reported_by=reporter.code,
        source=source,
        exports=exports,
        imports=imports,
        total=total,
        balance=balance(exports, imports),
        exports_growth=exports_growth,
        imports_growth=imports_growth,
        total_growth=total_growth,
        balance_change=balance_change,
        confidential_share=share(confidential, sum(cell.value for cell in present))
        if measurable
        else None,
        currency=present[0].currency,
        vintage=max(cell.vintage for cell in present),
        coverage=coverage_label([cell.figure for cell in present]),
        products=products,
        confidentiality="measured" if measurable else "not measurable",
        exports_comparison=exports_comparison,
        imports_comparison=imports_comparison,
        total_comparison=total_comparison,
        member_months=tuple(coverage),
        reporting_members=members if complete is not None else (),
        members_complete=complete,
        mirror=side != "first",
        reconciled=any(cell.reconciled for cell in present),
    )


def _withheld_mirror_note(row: ProfileRow, first: Territory, second: Territory) -> Note:
    """Say why a mirror reported by part of a group's members is not shown."""
    members = row.reporting_members
    held = ", ".join(get(m).name for m in members)
    return Note(
        f"{row.year} ({row.source}): no mirror view: of {second.name}'s members the store holds "
        f"the declarations of {held} only ({len(members)} of them), and their sum is not "
        f"{second.name}'s figure for its trade with {first.name}.",
        "partial_group_mirror",
        year=row.year,
        source=row.source,
        group=second.code,
        members=list(members),
    )


def _value(cell: _Cell | None) -> float | None:
    return None if cell is None else cell.value


def _view_name(
    side: str, reporter: Territory, members: Sequence[str], complete: bool | None
) -> str:
    """Name the view; a group reported by part of its members is named by what it holds."""
    name = reporter.name
    if complete is False and len(members) <= 3:
        name = f"{', '.join(get(m).name for m in members)} only, not all of {reporter.name}"
    elif complete is False:
        name = f"{len(members)} members of {reporter.name} only"
    return f"reported by {name}" if side == "first" else f"mirror: reported by {name}"


def _figure(cell: _Cell | None) -> PeriodFigure | None:
    return None if cell is None else cell.figure


def _both(exports: _Cell | None, imports: _Cell | None, sign: float) -> PeriodFigure | None:
    """Return exports plus `sign` times imports as one figure (None unless both are held)."""
    if exports is None or imports is None:
        return None
    parts = {"export": exports.figure, "import": imports.figure}
    return combined(parts, {"export": 1.0, "import": sign})


def _coverage_notes(rows: Sequence[ProfileRow]) -> list[str]:
    counted = [(row, *month_counts(row.member_months)) for row in rows]
    partial = sorted(
        {(row.year, row.coverage, low, high) for row, low, high in counted if (low or 12) < 12}
    )
    return [
        Note(
            f"{year} covers {coverage} only: not a full-year figure.",
            "partial_coverage",
            year=year,
            coverage=coverage,
            low_months=low,
            high_months=high,
        )
        for year, coverage, low, high in partial
    ]
