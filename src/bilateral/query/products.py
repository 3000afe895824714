"""A pair's products at 2, 4, 6 or 8 digits, in every view, and what appeared or vanished.

Product detail comes from the flows table: CN8 codes cut to the depth, HS6 rows too at 6 digits
or fewer. At 2 digits the HS chapter rollup is read instead (the chapters of `sectors`).
Confidential codes (`39XXXXXX`) are lines of their own at 4 digits and more; at 2 digits they
count in their chapter, whose digits are published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from bilateral.choices import Depth as Depth
from bilateral.errors import InvalidArgumentError
from bilateral.indicators import share
from bilateral.indicators.coverage import PeriodFigure, aligned_growth, summed
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import coverage_of_tokens
from bilateral.query.currency import converted
from bilateral.query.product_titles import ProductTitles
from bilateral.query.selection import Selection
from bilateral.query.tables import table
from bilateral.query.totals import pair_rows, product_level
from bilateral.reference import Territory
from bilateral.results.notes import SYNTHETIC_NOTE, Note
from bilateral.results.products import (
    ProductChange,
    ProductChangeKind,
    ProductLine,
    ProductRow,
    Products,
)
from bilateral.schema import FLOWS, Flow

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

DEPTHS: Final[tuple[Depth, ...]] = (2, 4, 6, 8)
OTHER_CODE: Final = "other"
DETAIL_LEVELS: Final[Mapping[int, tuple[str, ...]]] = {
    8: ("CN8",),
    6: ("CN8", "HS6"),
    4: ("CN8", "HS6", "HS4"),
}
_OPPOSITE: Final[Mapping[Flow, Flow]] = {"export": "import", "import": "export"}
# Years from which an HS edition was applied: codes it changed appear and vanish across them.
_HS_EDITIONS: Final = (2007, 2012, 2017, 2022)


@compiled_sql
def products_sql(
    first: Selection,
    second: Selection,
    years: tuple[int, ...],
    depth: Depth,
    flow: Flow,
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of a pair's values by product code, side and year, in the first's `flow`.

    The first territory's own rows of `flow` (side "first") and the partner's rows of the
    opposite flow (side "second", the mirror view); `code` is the product cut to `depth`,
    confidential codes whole. `parts` holds the value of each (member, month) summed (month
    null for an annual row), from which growth is aligned to common months and, by
    `with_holdings`, each row's `held` and `reporters`; `scheme` is the stored product scheme,
    which names the codes' HS revision (null for chapters).
    """
    if depth == 2:
        chapters = table("rollup_products")
        rows = chapters.filter(chapters.classification == "HS2")
        rows = rows.mutate(product_scheme=ibis.null("string"))  # chapters: every revision
    else:
        flows = table("flows")
        hidden = flows.product.substr(0, depth).contains("X")
        confidential = flows.flags.fill_null("").contains("confidential")
        rows = flows.mutate(
            product_level=product_level(flows),
            code=hidden.ifelse(flows.product, flows.product.substr(0, depth)),
            confidential_value=confidential.ifelse(flows.value, 0.0),
        )
        rows = rows.filter(rows.product_level.isin(list(DETAIL_LEVELS[depth])))
    pair = pair_rows(rows, first, second, list(years))
    pair = pair.filter(
        ((pair.side == "first") & (pair.flow == flow))
        | ((pair.side == "second") & (pair.flow == _OPPOSITE[flow]))
    )
    pair = converted(pair, currency) if currency else pair.mutate(unconverted=False)
    monthly = pair.group_by(["source", "side", "year", "code", "reporter", "month"]).aggregate(
        unconverted=_.unconverted.cast("int64").sum(),
        value=_.value.sum(),
        confidential=_.confidential_value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        scheme=_.product_scheme.max(),
        file_dated=_.flags.fill_null("").contains("file_dated").any(),
    )
    # One monthly row per (member, month): the holdings are read from `parts`, not from
    # distinct aggregates, which cost engines a join of their own.
    summed = monthly.group_by(["source", "side", "year", "code"]).aggregate(
        unconverted=_.unconverted.sum(),
        parts=ibis.struct({"member": _.reporter, "month": _.month, "value": _.value}).collect(),
        value=_.value.sum(),
        confidential=_.confidential.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.synthetic.any(),
        scheme=_.scheme.max(),
        file_dated=_.file_dated.any(),
    )
    return str(ibis.to_sql(summed, dialect=dialect))


def with_holdings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows of `products_sql` with what each one holds, read from its `parts`:
    `held`, the reporter and month of each part (`ITA:3`, `ITA:A` for an annual row), from
    which a view's coverage is known, and `reporters`, how many reporting codes it sums."""
    for row in rows:
        parts = row["parts"] or ()
        row["held"] = list(
            {f"{p['member']}:{'A' if p['month'] is None else p['month']}" for p in parts}
        )
        row["reporters"] = len({p["member"] for p in parts})
    return rows


def check_products_arguments(
    year: int, depth: int, flow: str, top: int | None, compare_year: int | None
) -> None:
    """Raise `InvalidArgumentError` for a depth, flow, top or compare year out of range."""
    if depth not in DEPTHS:
        raise InvalidArgumentError("depth", depth, "2, 4, 6 or 8 digits")
    if flow not in FLOWS:
        raise InvalidArgumentError("flow", flow, f"one of {', '.join(FLOWS)}")
    if top is not None and top < 1:
        raise InvalidArgumentError("top", top, "a number of products >= 1")
    if compare_year == year:
        raise InvalidArgumentError("compare_year", compare_year, f"a year other than {year}")


class _View(NamedTuple):  # a key of several dicts per row: hashed as a plain tuple
    source: str
    side: str


def build_products(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    year: int,
    depth: Depth,
    flow: Flow,
    describe: ProductTitles,
    top: int | None = 20,
    compare_year: int | None = None,
) -> Products:
    """Rank each view's products by value, with share, growth, other and confidential lines.

    Shares are of the view's total with the partner; growth is on the year before, like with
    like: whole years, or the months every member holds in both years (summed from each
    code's month values), else withheld with the reason (`ProductRow.comparison`). With
    `compare_year`, the products traded in one of the two years only are listed, largest
    first (at most `top` of each kind, the count of the rest in a note).
    """
    values: dict[_View, dict[int, dict[str, float]]] = {}
    meta: dict[_View, tuple[str, str]] = {}
    held: dict[tuple[_View, int], set[str]] = {}
    parts: dict[tuple[_View, int, str], dict[tuple[str, int], float]] = {}
    schemes: dict[_View, dict[tuple[int, str], str | None]] = {}
    synthetic = confidential_in_chapters = False
    views: dict[tuple[str, str], _View] = {}
    for r in rows:
        view = views.get((r["source"], r["side"]))
        if view is None:
            view = views[r["source"], r["side"]] = _View(r["source"], r["side"])
        when, code = int(r["year"]), r["code"]
        schemes.setdefault(view, {})[when, code] = r.get("scheme")
        held.setdefault((view, when), set()).update(r["held"])
        values.setdefault(view, {}).setdefault(when, {})[code] = float(r["value"])
        parts[view, when, code] = {
            (str(p["member"]), int(p["month"])): float(p["value"])
            for p in r.get("parts") or ()
            if p["month"] is not None
        }
        if when == year:
            meta[view] = (r["currency"], r["vintage"])
            confidential_in_chapters |= depth == 2 and bool(r["confidential"])
        synthetic = synthetic or bool(r["synthetic"])
    out: list[ProductRow] = []
    changes: list[ProductChange] = []
    notes: list[str] = []
    for view in sorted(meta, key=lambda v: (v.side, v.source)):
        describe.schemes = schemes[view]  # each view's codes are titled in their own revision
        common = _common(view, first, second, flow)
        coverage = {when: coverage_of_tokens(held[view, when]) for when in values[view]}
        figures = {  # the codes of a view's year share its coverage (read, never changed)
            when: {
                code: PeriodFigure(value, coverage[when], parts.get((view, when, code), {}))
                for code, value in by_code.items()
            }
            for when, by_code in values[view].items()
        }
        classes = {code: scheme or "HS2" for (when, code), scheme in schemes[view].items()
                   if when == year}  # fmt: skip
        ranked = _ranked(values[view], figures, year, top, describe, common, meta[view])
        out.extend(dataclasses.replace(row, classification=classes.get(row.code)) for row in ranked)
        if compare_year is not None:
            found, said = _changes(
                values[view], year, compare_year, top, describe, common, meta[view][0]
            )
            changes.extend(found)
            notes.extend(said)
    if synthetic:
        notes.insert(0, SYNTHETIC_NOTE)
    notes.extend(_notes(out, first, second, depth, compare_year, year, confidential_in_chapters))
    notes.extend(describe.notes)
    return Products(
        reporter=first.code,
        reporter_name=first.name,
        partner=second.code,
        partner_name=second.name,
        year=year,
        depth=depth,
        flow=flow,
        compare_year=compare_year,
        rows=tuple(out),
        changes=tuple(changes),
        notes=tuple(notes),
    )


def _common(view: _View, first: Territory, second: Territory, flow: Flow) -> dict[str, str]:
    reporter = first if view.side == "first" else second
    name = (
        f"reported by {reporter.name}"
        if view.side == "first"
        else f"mirror: reported by {reporter.name}"
    )
    return {"source": view.source, "view": name, "reported_by": reporter.code, "flow": flow}


def _ranked(
    by_year: Mapping[int, Mapping[str, float]],
    figures: Mapping[int, Mapping[str, PeriodFigure]],
    year: int,
    top: int | None,
    describe: ProductTitles,
    common: Mapping[str, str],
    meta: tuple[str, str],
) -> list[ProductRow]:
    now, before = by_year[year], figures.get(year - 1, {})
    total = sum(now.values())
    named = sorted((c for c in now if "X" not in c), key=lambda c: (-now[c], c))
    shown = named if top is None else named[:top]
    rest = named[len(shown) :]

    def row(
        line: ProductLine, code: str, text: str, rank: int | None, codes: Sequence[str]
    ) -> ProductRow:
        figure = summed([figures[year][c] for c in codes])
        base = summed([before[c] for c in codes]) if all(c in before for c in codes) else None
        change, comparison = aligned_growth(figure, base)
        return ProductRow(
            **common,
            line=line,
            code=code,
            description=text,
            rank=rank,
            value=figure.value,
            share=share(figure.value, total),
            growth=change,
            currency=meta[0],
            vintage=meta[1],
            comparison=comparison,
        )

    lines = [
        row("product", code, describe(code, year), rank, [code])
        for rank, code in enumerate(shown, start=1)
    ]
    if rest:
        lines.append(
            row(
                "other",
                OTHER_CODE,
                Note(f"other ({len(rest)} products)", "product_other", count=len(rest)),
                None,
                rest,
            )
        )
    hidden = sorted((c for c in now if "X" in c), key=lambda c: (-now[c], c))
    lines.extend(row("confidential", code, describe(code, year), None, [code]) for code in hidden)
    return lines


def _changes(
    by_year: Mapping[int, Mapping[str, float]],
    year: int,
    compare_year: int,
    top: int | None,
    describe: ProductTitles,
    common: Mapping[str, str],
    currency: str,
) -> tuple[list[ProductChange], list[str]]:
    where = f"{common['view']} ({common['source']})"
    if compare_year not in by_year:
        return [], [f"{where}: no products in {compare_year}, so nothing to compare."]
    now, then = by_year[year], by_year[compare_year]
    found: list[ProductChange] = []
    notes: list[str] = []
    sides: tuple[tuple[ProductChangeKind, Mapping[str, float], Mapping[str, float], int], ...] = (
        ("appeared", now, then, year),
        ("vanished", then, now, compare_year),
    )
    for change, here, there, when in sides:
        codes = [c for c in here if "X" not in c and here[c] != 0 and not there.get(c)]
        codes.sort(key=lambda c: (-here[c], c))
        listed = codes if top is None else codes[:top]
        if len(listed) < len(codes):
            notes.append(
                f"{where}: {len(codes)} products {change} ({_amount(here, codes)}); "
                f"the {len(listed)} largest are listed."
            )
        found.extend(
            ProductChange(
                **common,
                change=change,
                code=code,
                description=describe(code, when),
                year=when,
                value=here[code],
                currency=currency,
            )
            for code in listed
        )
    return found, notes


def _amount(values: Mapping[str, float], codes: Sequence[str]) -> str:
    return f"{sum(values[code] for code in codes):,.0f} in all"


def _notes(
    rows: Sequence[ProductRow],
    first: Territory,
    second: Territory,
    depth: Depth,
    compare_year: int | None,
    year: int,
    confidential_in_chapters: bool,
) -> list[str]:
    notes: list[str] = []
    if any(row.line == "confidential" for row in rows):
        notes.append(
            Note(
                "codes with X (39XXXXXX): products the reporter declares confidential; only "
                "their chapter is known, so they are lines of their own, not ranked.",
                "confidential_codes",
            )
        )
    if confidential_in_chapters:
        notes.append(
            "at 2 digits confidential products count in their chapter, whose digits are "
            "published (as in `bilateral sectors --scheme hs2`)."
        )
    if any(row.view.startswith("mirror") for row in rows):
        notes.append(
            Note(
                f"mirror view: {first.name}'s trade as {second.name} declares it (imports CIF, "
                "exports FOB), so the two views differ.",
                "mirror_view_trade",
                a=first.code,
                b=second.code,
            )
        )
    if compare_year is not None:
        low, high = sorted((year, compare_year))
        if depth == 8:
            notes.append(
                "CN8 codes are revised every year: a code that appeared may replace one that "
                "vanished, with no change in trade."
            )
        elif depth in (4, 6):
            notes.extend(
                f"HS{edition} took effect in {edition}: codes it changed appear or vanish "
                f"between {low} and {high} without any change in trade."
                for edition in _HS_EDITIONS
                if low < edition <= high
            )
    return notes
