"""The bilateral profile: exports, imports, total, balance and growth, in each reporter's view."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ibis

from bilateral.indicators import balance, growth, share
from bilateral.query.selection import Selection, row_period
from bilateral.query.tables import table
from bilateral.query.totals import pair_year_totals, totals_from_flows
from bilateral.reference import Territory
from bilateral.results import Profile, ProfileRow
from bilateral.schema import ProductCompleteness

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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


def _totals(from_flows: bool) -> ibis.Table:
    return totals_from_flows(table("flows")) if from_flows else table("rollup_totals")


@functools.lru_cache(maxsize=512)
def profile_sql(
    first: Selection,
    second: Selection,
    years: tuple[int, ...],
    *,
    from_flows: bool,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the pair's yearly totals, from the year before the first one asked.

    `first` and `second` select the territories' rows; `from_flows` aggregates the flows table
    (for `as_of` queries) instead of reading the totals rollup; `currency` converts each row at
    its period's average rate. Compiled once per arguments.
    """
    span = sorted({*years, min(years) - 1})
    expression = pair_year_totals(_totals(from_flows), first, second, span, currency)
    return str(ibis.to_sql(expression, dialect=dialect))


@functools.lru_cache(maxsize=512)
def pair_years_sql(first: Selection, second: Selection, *, from_flows: bool, dialect: str) -> str:
    """Return the SQL of the years in which the store holds flows between two territories."""
    totals = _totals(from_flows)
    period = row_period(totals.year, totals.month)
    pair = totals.filter(
        (first.matches(totals.reporter, period) & second.matches(totals.partner, period))
        | (second.matches(totals.reporter, period) & first.matches(totals.partner, period))
    )
    return str(ibis.to_sql(pair.select("year").distinct().order_by("year"), dialect=dialect))


def build_profile(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    years: Sequence[int],
    partial_product_sources: Sequence[str] = (),
    as_of: str | None = None,
) -> Profile:
    """Assemble the profile from the executed totals; growth compares with the year before."""
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
        )
        for r in rows
    }
    views = sorted({(source, side) for source, side, _, _ in cells}, key=lambda v: (v[0], v[1]))
    out: list[ProfileRow] = []
    notes: list[str] = []
    for source, side in views:
        for year in sorted(years):
            row = _view_row(cells, (source, side, year), first, second, partial_product_sources)
            if row is not None:
                out.append(row)
    for source in sorted({str(r["source"]) for r in rows if r.get("reconciled")}):
        notes.append(
            f"{source} gives one reconciled figure per flow (both declarations reconciled by "
            "the publisher): it is shown as the exporter's exports and as the importer's "
            "imports, so its two views hold the same numbers, valued FOB."
        )
    if any(cell.synthetic for cell in cells.values()):
        notes.insert(0, "SYNTHETIC DEMO DATA: these figures are made up, not official statistics.")
    notes.extend(_coverage_notes(out))
    for source in sorted({row.source for row in out if row.products == "extract"}):
        notes.append(
            f"{source} holds extracts: its figures sum the products in the store, not all trade."
        )
    if any(row.view.startswith("mirror") for row in out):
        notes.append(
            f"mirror view: {first.name}'s exports as {second.name} declares its imports (CIF) "
            f"and the reverse; the own view values exports FOB, so the two differ."
        )
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
    total_before = _sum(before_x, before_m)
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
    return ProfileRow(
        year=year,
        view=f"reported by {reporter.name}"
        if side == "first"
        else f"mirror: reported by {reporter.name}",
        reported_by=reporter.code,
        source=source,
        exports=exports,
        imports=imports,
        total=total,
        balance=balance(exports, imports),
        exports_growth=growth(exports, _value(before_x)),
        imports_growth=growth(imports, _value(before_m)),
        total_growth=growth(total, total_before),
        balance_change=_difference(
            balance(exports, imports), balance(_value(before_x), _value(before_m))
        ),
        confidential_share=share(confidential, sum(cell.value for cell in present))
        if measurable
        else None,
        currency=present[0].currency,
        vintage=max(cell.vintage for cell in present),
        coverage=_coverage(present),
        products=products,
        confidentiality="measured" if measurable else "not measurable",
    )


def _value(cell: _Cell | None) -> float | None:
    return None if cell is None else cell.value


def _sum(a: _Cell | None, b: _Cell | None) -> float | None:
    return None if a is None or b is None else a.value + b.value


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _coverage(cells: Sequence[_Cell]) -> str:
    monthly = [cell for cell in cells if not cell.annual]
    if not monthly:
        return "annual"
    months = min(cell.months for cell in monthly)
    return "12 months" if months == 12 else f"{months} month{'s' if months > 1 else ''}"


def _coverage_notes(rows: Sequence[ProfileRow]) -> list[str]:
    partial = sorted(
        {(row.year, row.coverage) for row in rows if row.coverage not in ("annual", "12 months")}
    )
    return [f"{year} covers {coverage} only: not a full-year figure." for year, coverage in partial]
