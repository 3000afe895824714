"""Product sectors of a pair: CPA 2.1 divisions or HS chapters, from the products rollup."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import pyarrow as pa

from bilateral.choices import Scheme as Scheme
from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.indicators import share
from bilateral.indicators.coverage import PeriodFigure, aligned_cagr, aligned_growth, summed
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import held_figures
from bilateral.query.currency import converted
from bilateral.query.product_titles import hs_revision, revision_known
from bilateral.query.products import DETAIL_LEVELS, products_sql, with_holdings
from bilateral.query.sectors_pass import one_pass_sectors
from bilateral.query.selection import Selection
from bilateral.query.stacked import stacked
from bilateral.query.tables import table
from bilateral.query.totals import pair_rows, sided_rows
from bilateral.reference import Territory
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordances import SCHEMES as CONCORDANCE_SCHEMES
from bilateral.reference.concordances import convert_between
from bilateral.reference.sectors import hs_to_cpa_division
from bilateral.results import SectorRow, Sectors
from bilateral.results.notes import SYNTHETIC_NOTE, Note

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

SCHEMES: Final[tuple[Scheme, ...]] = ("cpa", "hs2", "hs4", "hs6", "cn8", "sitc", "bec")
CLASSIFICATION: Final[Mapping[Scheme, str]] = {"cpa": "CPA2", "hs2": "HS2"}
# Schemes read from the product detail (the products query), with their code length.
DETAIL_DEPTH: Final[Mapping[Scheme, Literal[4, 6, 8]]] = {
    "hs4": 4, "hs6": 6, "cn8": 8, "sitc": 6, "bec": 6,
}  # fmt: skip
# Schemes reached from HS subheadings through the UNSD correlation tables.
REGROUPED: Final[Mapping[Scheme, str]] = {"sitc": "SITC4", "bec": "BEC4"}
UNMAPPED_CODE: Final = "n.a."
# The classification of a scheme's sector codes, where the scheme fixes it.
SECTOR_CLASSIFICATION: Final[Mapping[str, str]] = {
    "cpa": "CPA21", "hs2": "HS2", "sitc": "SITC4", "bec": "BEC4",
}  # fmt: skip
_OPPOSITE: Final = {"export": "import", "import": "export"}
CONFIDENTIAL_CODE: Final = "XX"
OTHER_CODE: Final = "other"
CPA_PARTS: Final = ("sectors", "detail_views")  # the parts of `sectors_sql` for CPA


@compiled_sql
def sectors_sql(
    first: Selection,
    second: Selection,
    year: int,
    scheme: Scheme,
    *,
    dialect: str,
    currency: str | None = None,
    span: int | None = None,
) -> str:
    """Return the SQL of a pair's values by sector, side, flow and month in `year`, the year
    before and, with `span`, `span` years before; each row lists its reporting `members`.

    The rows are folded into years by `query.coverage.coded_year_rows`. For CPA, the same
    statement also gives the views of those years that hold product detail (`detail_views`):
    its rows are `stacked`, and `split_parts(rows, CPA_PARTS)` gives both back. On Spark the
    statement reads the products rollup once (`query.sectors_pass`): the same rows."""
    years = sorted({year - 1, year, year - (span or 1)})
    if dialect == "pyspark":
        one_pass = one_pass_sectors(
            first, second, years, CLASSIFICATION[scheme], currency, detail_views=scheme == "cpa"
        )
        return str(ibis.to_sql(one_pass, dialect=dialect))
    products = table("rollup_products")
    products = products.filter(products.classification == CLASSIFICATION[scheme])
    rows = pair_rows(products, first, second, years, keys=["classification"])
    rows = converted(rows, currency) if currency else rows.mutate(unconverted=False)
    by_month = rows.group_by(["source", "side", "flow", "year", "code", "month"]).aggregate(
        unconverted=_.unconverted.sum(),
        # a code once per row summed, read as a set (`coded_year_rows`): no distinct aggregate,
        # which costs engines a shuffle of its own
        members=_.reporter.collect(),
        value=_.value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        file_dated=_.flags.fill_null("").contains("file_dated").any(),
    )
    if scheme == "cpa":
        parts = {"sectors": by_month, "detail_views": detail_views(first, second, years)}
        return str(ibis.to_sql(stacked(parts), dialect=dialect))
    return str(ibis.to_sql(by_month, dialect=dialect))


def build_sectors(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    year: int,
    scheme: Scheme,
    title: Callable[[str], str],
    top: int | None = None,
    span: int | None = None,
) -> Sectors:
    """Rank each view's and flow's sectors by value, with share, growth and an `other` line.

    The confidential value (products the reporter withholds) is a line of its own and is never
    folded into `other`; shares are of the view's and flow's total. With `span`, each line
    also has its compound annual growth over the `span` years to `year`.
    """
    values: dict[tuple[str, str, str], dict[int, dict[str, PeriodFigure]]] = {}
    schemes: dict[tuple[str, str, str, str], str | None] = {}
    meta: dict[tuple[str, str, str], tuple[str, str]] = {}
    synthetic = False
    for r in rows:
        key = (r["source"], r["side"], r["flow"])
        by_year = values.setdefault(key, {})
        by_year.setdefault(int(r["year"]), {})[r["code"]] = r["figure"]
        if int(r["year"]) == year:
            schemes[(*key, r["code"])] = r.get("scheme")
            meta[key] = (r["currency"], r["vintage"])
        synthetic = synthetic or bool(r["synthetic"])
    out: list[SectorRow] = []
    for key in sorted(k for k in values if year in values[k]):
        ranked = _ranked(key, values[key], year, first, second, title, top, meta[key], span)
        out.extend(ranked)
    notes: list[str] = []
    if synthetic:
        notes.append(SYNTHETIC_NOTE)
    if any(row.code == CONFIDENTIAL_CODE for row in out):
        notes.append(
            Note(
                "XX: products the reporter declares confidential; their sector is unknown.",
                "confidential_sector",
            )
        )
    out = [
        dataclasses.replace(
            row,
            classification=SECTOR_CLASSIFICATION.get(scheme)
            or schemes.get((row.source, _side_of(row, first), _own_flow(row, first), row.code)),
        )
        for row in out
    ]
    return Sectors(
        reporter=first.code,
        reporter_name=first.name,
        partner=second.code,
        partner_name=second.name,
        year=year,
        scheme=scheme,
        rows=tuple(out),
        notes=tuple(notes),
        span=span,
    )


def _ranked(
    key: tuple[str, str, str],
    by_year: Mapping[int, Mapping[str, PeriodFigure]],
    year: int,
    first: Territory,
    second: Territory,
    title: Callable[[str], str],
    top: int | None,
    meta: tuple[str, str],
    span: int | None,
) -> list[SectorRow]:
    source, side, flow = key
    now, before = by_year[year], by_year.get(year - 1, {})
    base = by_year.get(year - span, {}) if span else {}
    total = sum(figure.value for figure in now.values())
    named = sorted(
        (code for code in now if code != CONFIDENTIAL_CODE),
        key=lambda code: (-now[code].value, code),
    )
    shown = named if top is None else named[:top]
    rest = [code for code in named if code not in shown]
    reporter = first if side == "first" else second
    view = (
        f"reported by {reporter.name}"
        if side == "first"
        else f"mirror: reported by {reporter.name}"
    )
    # The mirror side reports the other direction: its imports are the first one's exports.
    direction = flow if side == "first" else ("export" if flow == "import" else "import")
    common = {"source": source, "view": view, "reported_by": reporter.code, "flow": direction}

    def row(code: str, name: str, rank: int | None, codes: Sequence[str]) -> SectorRow:
        figure = summed([now[c] for c in codes])
        change, comparison = aligned_growth(figure, _sum_if_all(before, codes))
        rate, rate_comparison = (
            aligned_cagr(_sum_if_all(base, codes), figure, span) if span else (None, None)
        )
        return SectorRow(
            **common,
            code=code,
            title=name,
            rank=rank,
            value=figure.value,
            share=share(figure.value, total),
            growth=change,
            currency=meta[0],
            vintage=meta[1],
            cagr=rate,
            comparison=comparison,
            cagr_comparison=rate_comparison,
        )

    lines = [row(code, title(code), rank, [code]) for rank, code in enumerate(shown, start=1)]
    if rest:
        lines.append(row(OTHER_CODE, f"other ({len(rest)} sectors)", None, rest))
    if CONFIDENTIAL_CODE in now:
        lines.append(row(CONFIDENTIAL_CODE, "confidential products", None, [CONFIDENTIAL_CODE]))
    return lines


def _side_of(row: SectorRow, first: Territory) -> str:
    return "first" if row.reported_by == first.code else "second"


def _own_flow(row: SectorRow, first: Territory) -> str:
    """Return the flow as its reporter declares it (the mirror side reports the other one)."""
    if row.reported_by == first.code:
        return row.flow
    return "export" if row.flow == "import" else "import"


def _sum_if_all(values: Mapping[str, PeriodFigure], codes: Sequence[str]) -> PeriodFigure | None:
    """Return the sum of `codes` in `values`, or None if one of them is missing."""
    return summed([values[c] for c in codes]) if all(c in values for c in codes) else None


def detail_sector_rows(
    rows_by_flow: Mapping[str, Sequence[Mapping[str, Any]]],
) -> list[dict[str, Any]]:
    """Turn the products query's rows (one list per flow of the first territory) into sector rows.

    The products query gives, for the first territory's `flow`, its own rows (side "first") and
    the partner's rows of the opposite flow (side "second"); sector rows carry each side's own
    flow. Confidential codes (`39XXXXXX`) are summed into the confidential line.
    """
    lines: dict[tuple[str, str, str, int, str], dict[str, Any]] = {}
    for flow, rows in rows_by_flow.items():
        for r in rows:
            own_flow = flow if r["side"] == "first" else _OPPOSITE[flow]
            code = CONFIDENTIAL_CODE if "X" in str(r["code"]) else str(r["code"])
            key = (r["source"], r["side"], own_flow, int(r["year"]), code)
            line = lines.setdefault(
                key,
                {"source": r["source"], "side": r["side"], "flow": own_flow,
                 "year": int(r["year"]), "code": code, "value": 0.0, "currency": r["currency"],
                 "vintage": r["vintage"], "synthetic": False, "unconverted": 0,
                 "reporters": r["reporters"], "held": set(), "by_month": {}},
            )  # fmt: skip
            line["held"] |= set(r["held"])
            add_parts(line["by_month"], r.get("parts") or ())
            line["scheme"] = max(str(line.get("scheme") or ""), str(r.get("scheme") or "")) or None
            line["value"] += float(r["value"])
            line["vintage"] = max(line["vintage"], r["vintage"])
            line["synthetic"] = line["synthetic"] or bool(r["synthetic"])
            line["unconverted"] += int(r["unconverted"])
    # Every line carries its view's months held (what each reporter declares, whatever the code).
    held: dict[tuple[str, str, str, int], set[str]] = defaultdict(set)
    for key, line in lines.items():
        held[key[:4]] |= line["held"]
    for key, line in lines.items():
        line["held"] = sorted(held[key[:4]])
    return list(lines.values())


def add_parts(by_month: dict[tuple[str, int], float], parts: Sequence[Mapping[str, Any]]) -> None:
    """Add the products query's `parts` (member, month, value) to `by_month`; annual ones aside."""
    for part in parts:
        if part["month"] is not None:
            key = (str(part["member"]), int(part["month"]))
            by_month[key] = by_month.get(key, 0.0) + float(part["value"])


def cpa_from_hs_rows(
    detail: Sequence[Mapping[str, Any]], cpa_rows: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Place HS or CN8 sector rows in CPA 2.1 divisions, for the views `cpa_rows` lack.

    A view (source, side, flow, year) with CPA codes of its own (Comext bulk, regional files)
    keeps them; the others are placed through the project's HS -> CPA 2.1 mapping
    (`reference.sectors.hs_to_cpa_division`, by heading or chapter). Confidential lines stay
    confidential; codes of chapters 98-99, which no division holds, are summed as `n.a.`.
    """
    linked = {_view(r) for r in cpa_rows}
    lines: dict[tuple[Any, ...], dict[str, Any]] = {}
    placed: set[str] = set()
    approximate = 0.0
    for r in detail:
        if _view(r) in linked:
            continue
        code = str(r["code"])
        division = code
        if code != CONFIDENTIAL_CODE:
            try:
                mapping = hs_to_cpa_division(code)
            except InvalidArgumentError:
                division = UNMAPPED_CODE
            else:
                division = mapping.division
                approximate += float(r["value"]) if mapping.approximate else 0.0
        placed.add(str(r["source"]))
        key = (*_view(r), division)
        line = lines.setdefault(
            key, {**r, "code": division, "value": 0.0, "held": set(), "by_month": {}}
        )
        for month_key, value in (r.get("by_month") or {}).items():
            line["by_month"][month_key] = line["by_month"].get(month_key, 0.0) + value
        line["value"] += float(r["value"])
        line["held"] = set(line["held"]) | set(r["held"])
        line["vintage"] = max(str(line["vintage"]), str(r["vintage"]))
        line["synthetic"] = bool(line["synthetic"]) or bool(r["synthetic"])
    out = [{**line, "held": sorted(line["held"])} for line in lines.values()]
    notes: list[str] = []
    if placed:
        notes.append(Note(
            f"CPA divisions of {', '.join(sorted(placed))} are placed from the HS codes through "
            "the project's HS to CPA 2.1 mapping, by heading or chapter"
            + (f"; {approximate:,.0f} of the value is in headings it maps approximately." if
               approximate else "."),
            "cpa_placed",
            sources=", ".join(sorted(placed)),
            approximate=approximate or None,
        ))  # fmt: skip
    return out, notes


def detail_views(first: Selection, second: Selection, years: Sequence[int]) -> ibis.Table:
    """Return the views (source, side, flow, year) that hold 6- or 8-digit product detail of
    the pair, read from the totals rollup (its rows keep their product level).

    These are the views the products query at 6 digits returns: `cpa_placed_rows` reads the
    detail only when one of them lacks CPA codes of its own.
    """
    rows = sided_rows(_detail_rows(), first, second, list(years))  # the choices keep every view
    return rows.group_by(["source", "side", "flow", "year"]).aggregate(rows=_.count())


def _detail_rows() -> ibis.Table:
    """Return the totals rollup's rows with 6- or 8-digit product detail (`detail_views`)."""
    totals = table("rollup_totals")
    return totals.filter(totals.product_level.isin(list(DETAIL_LEVELS[6])))


def cpa_placed_rows(
    run: Callable[[str], list[dict[str, Any]]],
    chosen: tuple[Selection, Selection],
    years: Sequence[int],
    cpa_rows: Sequence[Mapping[str, Any]],
    held: Sequence[Mapping[str, Any]],
    *,
    dialect: str,
    currency: str | None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return CPA rows placed from the HS codes of the views `cpa_rows` lack, with notes.

    `held` are the views with product detail (`sectors_sql`'s `detail_views` part); `run`
    executes a query's SQL and returns its rows (converted to `currency`).
    """
    wanted = tuple(sorted(set(years)))
    linked = {_view(r) for r in cpa_rows}
    if all(_view(r) in linked for r in held):  # every view with detail has CPA codes of its own
        return [], []
    by_flow = {
        flow: with_holdings(
            run(products_sql(*chosen, wanted, 6, flow, dialect=dialect, currency=currency))
        )
        for flow in ("export", "import")
    }
    placed, notes = cpa_from_hs_rows(detail_sector_rows(by_flow), cpa_rows)
    held_figures(placed)
    return placed, notes


def _view(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return (row["source"], row["side"], row["flow"], int(row["year"]))


def code_schemes(rows: Sequence[Mapping[str, Any]], year: int) -> dict[tuple[int, str], str | None]:
    """Return the stored product scheme of each code of `year`, which names its HS revision."""
    return {(year, str(r["code"])): r.get("scheme") for r in rows if int(r["year"]) == year}


def regrouped_rows(
    rows: Sequence[Mapping[str, Any]], scheme: Scheme, catalogue: Catalogue
) -> tuple[list[dict[str, Any]], list[str]]:
    """Turn HS6 sector rows into SITC Rev. 4 sections or BEC Rev. 4 categories.

    Each source, side, flow and year is converted through the loaded UNSD tables of its codes'
    HS revision (the stored scheme's: BACI HS92 rows through `hs1992_sitc4`, or HS2017 where
    only `hs2017_hs1992` and `hs2017_sitc4` are loaded; a revision unsaid is the edition of
    the year). A revision whose table is not loaded raises `ReferenceNotLoadedError` naming it.
    A subheading linked to several groups is split equally and counted in a note;
    confidential lines stay confidential, and subheadings the table lacks are summed as
    `n.a.`, never dropped.
    """
    target = REGROUPED[scheme]
    groups: dict[tuple[str, str, str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["source"], r["side"], r["flow"], int(r["year"])].append(r)
    out: list[dict[str, Any]] = []
    split, unmapped, early = 0.0, 0.0, False
    paths: dict[tuple[str, ...], None] = {}
    for (source, side, flow, year), group in groups.items():
        totals: dict[str, float] = defaultdict(float)
        by_revision: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in group:
            if r["code"] == CONFIDENTIAL_CODE:
                totals[CONFIDENTIAL_CODE] += float(r["value"])
            else:
                by_revision[hs_revision(r.get("scheme"), year)].append(r)
                early = early or (year < 2017 and not revision_known(r.get("scheme")))
        for revision, detail in by_revision.items():
            if revision not in CONCORDANCE_SCHEMES:
                raise ReferenceNotLoadedError(
                    f"{revision.lower()}_{target.lower()}", f"converting {revision} to {target}"
                )
            values = pa.table({"product": [str(r["code"]) for r in detail],
                               "value": [float(r["value"]) for r in detail]})  # fmt: skip
            conversion = convert_between(values, revision, target, catalogue, on_unmapped="keep")
            paths[conversion.path] = None
            for line in conversion.table.to_pylist():
                value = float(line["value"])
                if line["method"] == "unmapped":
                    code = UNMAPPED_CODE
                    unmapped += value
                else:
                    code = str(line["product"])[:1] if scheme == "sitc" else str(line["product"])
                    split += value if line["ambiguous"] else 0.0
                totals[code] += value
        first = {key: value for key, value in group[0].items() if key != "by_month"}
        # Split codes' month values are not at hand: the groups compare only equal months.
        for code, value in totals.items():
            out.append({**first, "source": source, "side": side, "flow": flow, "year": year,
                        "code": code, "value": value})  # fmt: skip
    tables = ", ".join(dict.fromkeys(table for path in paths for table in path))
    notes = [f"{scheme.upper()} groups are reached from HS subheadings through UNSD's "
             f"correlation tables of their HS revision ({tables})."]  # fmt: skip
    if split:
        notes.append(
            f"{split:,.0f} of the value sits in subheadings linked to several groups and was "
            "split equally among them."
        )
    if unmapped:
        notes.append(f"{unmapped:,.0f} of the value is in subheadings the table lacks (n.a.).")
    if early:
        notes.append("Years before 2017 are converted with the HS2017 table: approximate.")
    return out, notes
