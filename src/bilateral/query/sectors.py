"""Product sectors of a pair: CPA 2.1 divisions or HS chapters, from the products rollup."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal

import ibis
import pyarrow as pa
from ibis import _

from bilateral.choices import Scheme as Scheme
from bilateral.indicators import share
from bilateral.indicators.coverage import PeriodFigure, aligned_cagr, aligned_growth, summed
from bilateral.query.currency import converted
from bilateral.query.selection import Selection
from bilateral.query.tables import table
from bilateral.query.totals import pair_rows
from bilateral.reference import Territory
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordances import convert_between
from bilateral.results import SectorRow, Sectors

SCHEMES: Final[tuple[Scheme, ...]] = ("cpa", "hs2", "hs4", "hs6", "cn8", "sitc", "bec")
CLASSIFICATION: Final[Mapping[Scheme, str]] = {"cpa": "CPA2", "hs2": "HS2"}
# Schemes read from the product detail (the products query), with their code length.
DETAIL_DEPTH: Final[Mapping[Scheme, Literal[4, 6, 8]]] = {
    "hs4": 4, "hs6": 6, "cn8": 8, "sitc": 6, "bec": 6,
}  # fmt: skip
# Schemes reached from HS subheadings through the UNSD correlation tables.
REGROUPED: Final[Mapping[Scheme, str]] = {"sitc": "SITC4", "bec": "BEC4"}
UNMAPPED_CODE: Final = "n.a."
_OPPOSITE: Final = {"export": "import", "import": "export"}
CONFIDENTIAL_CODE: Final = "XX"
OTHER_CODE: Final = "other"


@functools.lru_cache(maxsize=256)
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

    The rows are folded into years by `query.coverage.coded_year_rows`."""
    products = table("rollup_products")
    products = products.filter(products.classification == CLASSIFICATION[scheme])
    years = sorted({year - 1, year, year - (span or 1)})
    rows = pair_rows(products, first, second, years, keys=["classification"])
    rows = converted(rows, currency) if currency else rows.mutate(unconverted=False)
    by_month = rows.group_by(["source", "side", "flow", "year", "code", "month"]).aggregate(
        unconverted=_.unconverted.sum(),
        members=_.reporter.collect(distinct=True),
        value=_.value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
    )
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
    meta: dict[tuple[str, str, str], tuple[str, str]] = {}
    synthetic = False
    for r in rows:
        key = (r["source"], r["side"], r["flow"])
        by_year = values.setdefault(key, {})
        by_year.setdefault(int(r["year"]), {})[r["code"]] = r["figure"]
        if int(r["year"]) == year:
            meta[key] = (r["currency"], r["vintage"])
        synthetic = synthetic or bool(r["synthetic"])
    out: list[SectorRow] = []
    for key in sorted(k for k in values if year in values[k]):
        ranked = _ranked(key, values[key], year, first, second, title, top, meta[key], span)
        out.extend(ranked)
    notes: list[str] = []
    if synthetic:
        notes.append("SYNTHETIC DEMO DATA: these figures are made up, not official statistics.")
    if any(row.code == CONFIDENTIAL_CODE for row in out):
        notes.append("XX: products the reporter declares confidential; their sector is unknown.")
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
                 "reporters": r["reporters"], "held": set()},
            )  # fmt: skip
            line["held"] |= set(r["held"])
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


def regrouped_rows(
    rows: Sequence[Mapping[str, Any]], scheme: Scheme, catalogue: Catalogue
) -> tuple[list[dict[str, Any]], list[str]]:
    """Turn HS6 sector rows into SITC Rev. 4 sections or BEC Rev. 4 categories.

    Each source, side, flow and year is converted through the loaded UNSD table of its HS
    edition (HS2022 from 2022, HS2017 before); a subheading linked to several groups is split
    equally and counted in a note; confidential lines stay confidential, and subheadings the
    table lacks are summed as `n.a.`, never dropped.
    """
    target = REGROUPED[scheme]
    groups: dict[tuple[str, str, str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["source"], r["side"], r["flow"], int(r["year"])].append(r)
    out: list[dict[str, Any]] = []
    split, unmapped, early = 0.0, 0.0, False
    for (source, side, flow, year), group in groups.items():
        totals: dict[str, float] = defaultdict(float)
        detail = [r for r in group if r["code"] != CONFIDENTIAL_CODE]
        for r in group:
            if r["code"] == CONFIDENTIAL_CODE:
                totals[CONFIDENTIAL_CODE] += float(r["value"])
        if detail:
            early = early or year < 2017
            values = pa.table({"product": [str(r["code"]) for r in detail],
                               "value": [float(r["value"]) for r in detail]})  # fmt: skip
            edition = "HS2022" if year >= 2022 else "HS2017"
            conversion = convert_between(values, edition, target, catalogue, on_unmapped="keep")
            for line in conversion.table.to_pylist():
                value = float(line["value"])
                if line["method"] == "unmapped":
                    code = UNMAPPED_CODE
                    unmapped += value
                else:
                    code = str(line["product"])[:1] if scheme == "sitc" else str(line["product"])
                    split += value if line["ambiguous"] else 0.0
                totals[code] += value
        first = group[0]
        for code, value in totals.items():
            out.append({**first, "source": source, "side": side, "flow": flow, "year": year,
                        "code": code, "value": value})  # fmt: skip
    notes = [f"{scheme.upper()} groups are reached from HS subheadings through UNSD's HS to "
             f"{target} correlation tables."]  # fmt: skip
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
