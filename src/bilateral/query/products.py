"""A pair's products at 2, 4, 6 or 8 digits, in every view, and what appeared or vanished.

Product detail comes from the flows table: CN8 codes cut to the depth, HS6 rows too at 6 digits
or fewer. At 2 digits the HS chapter rollup is read instead (the chapters of `sectors`).
Confidential codes (`39XXXXXX`) are lines of their own at 4 digits and more; at 2 digits they
count in their chapter, whose digits are published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from bilateral.choices import Depth as Depth
from bilateral.errors import InvalidArgumentError
from bilateral.indicators import share
from bilateral.indicators.coverage import PeriodFigure, aligned_growth
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import coverage_of_tokens
from bilateral.query.currency import converted
from bilateral.query.product_titles import ProductTitles
from bilateral.query.selection import Selection
from bilateral.query.tables import table
from bilateral.query.totals import chosen_rows, members_rank_of, product_level, sided_rows
from bilateral.query.windowed import window_chosen
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
_READ: Final = (  # the columns a pair's product rows carry
    "source", "reporter", "partner", "flow", "year", "month", "product_level", "code",
    "product_scheme", "value", "confidential_value", "currency", "flags", "vintage",
)  # fmt: skip
# Where a level is chosen within a view (its source and side, which fix the flow).
_LEVEL_KEYS: Final = ("year", "reporter", "partner")
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
    monthly = monthly_products(first, second, years, depth, flow, currency)
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


def monthly_products(
    first: Selection,
    second: Selection,
    years: Sequence[int],
    depth: Depth,
    flow: Flow,
    currency: str | None = None,
) -> ibis.Table:
    """Return the pair's values by source, side, year, code, reporting member and month
    (null for an annual row), from the rows of `pair_products`."""
    pair = pair_products(first, second, years, depth, flow, currency)
    return pair.group_by(["source", "side", "year", "code", "reporter", "month"]).aggregate(
        unconverted=_.unconverted.sum(),
        value=_.value.sum(),
        confidential=_.confidential_value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        scheme=_.product_scheme.max(),
        file_dated=_.flags.fill_null("").contains("file_dated").any(),
    )


def pair_products(
    first: Selection,
    second: Selection,
    years: Sequence[int],
    depth: Depth,
    flow: Flow,
    currency: str | None = None,
    *,
    by_view: bool = False,
    flow_of_side: bool = False,
) -> ibis.Table:
    """Return the rows of the pair's product detail that are summed, each with its `side`.

    The first territory's own rows of `flow` (side "first") and the partner's rows of the
    opposite flow (side "second"); `code` is the product cut to `depth`, confidential codes
    whole; `product_scheme` is the stored scheme (null for chapters); `unconverted` (0 or 1)
    marks a row without a rate to `currency`. With `by_view`, the choices among levels,
    periods and members are windows whose first partitions by view (`chosen_by_view`), and
    the flags are read before them (`synthetic`, `file_dated` in place of `flags`).
    With `flow_of_side`, each row's flow is tested against the one its side reads, which
    names the side once: DuckDB works out the side (a case over the reconciled copies) for
    every time a filter names it.
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
        if not by_view:
            rows = rows.filter(rows.product_level.isin(list(DETAIL_LEVELS[depth])))
    # Only the columns summed: the pair's rows are read once for both directions (a common
    # table), which engines fill with every column it names.
    # The flow of each side is kept before the choices among levels and periods (made per
    # side and flow), so they are made on the rows summed only.
    sided = sided_rows(rows.select(*_READ), first, second, list(years))
    if flow_of_side:  # the side is "first" or "second" (`sided_rows`)
        sided = sided.filter((sided.side == "first").ifelse(flow, _OPPOSITE[flow]) == sided.flow)
    else:
        sided = sided.filter(
            ((sided.side == "first") & (sided.flow == flow))
            | ((sided.side == "second") & (sided.flow == _OPPOSITE[flow]))
        )
    if by_view:
        if depth != 2:  # the level's test (a pattern) on the pair's rows only, not every row read
            sided = sided.filter(sided.product_level.isin(list(DETAIL_LEVELS[depth])))
        # The flags read before the windows: two booleans travel through the shuffle, not text.
        flags = sided.flags.fill_null("")
        sided = sided.mutate(
            synthetic=flags.contains("synthetic"), file_dated=flags.contains("file_dated")
        ).drop("flags")
        pair = chosen_by_view(sided, first, second, years)
    else:
        pair = chosen_rows(sided, first, second)
    pair = converted(pair, currency) if currency else pair.mutate(unconverted=False)
    return pair.mutate(unconverted=pair.unconverted.cast("int64"))


def chosen_by_view(
    sided: ibis.Table, first: Selection, second: Selection, years: Sequence[int]
) -> ibis.Table:
    """Return the rows `chosen_rows` keeps, for an engine that shares no scan (Spark).

    The semi-joins of `chosen_rows` each scan the rows again on Spark; here the choices are
    windows, the first of them over each view (source and side, which fixes the flow): the
    members of each year are chosen by one minimum per year over the view, so that one
    shuffle, by view, serves the level's window, the codes' aggregate and their ranking.
    """
    rank: ibis.IntegerValue = ibis.literal(0, "int8")  # between two countries: every row
    if first.is_group or second.is_group:
        rank = ibis.cases(
            (sided.side == "first", members_rank_of(first, second, sided)),
            else_=members_rank_of(second, first, sided),
        )
    ranked = sided.mutate(_members_rank=rank)
    # Ordered by the level's keys over the whole view: its sort also serves the level's window.
    view = ibis.window(
        group_by=[ranked.source, ranked.side],
        order_by=[ranked[name].asc(nulls_first=True) for name in _LEVEL_KEYS],
        rows=(None, None),
    )
    in_years = [ranked.year == when for when in years]
    fewest = ibis.cases(
        *((now, ranked._members_rank.min(where=now).over(view)) for now in in_years)
    )
    ranked = ranked.mutate(_fewest=fewest)
    members = ranked.filter(ranked._members_rank == ranked._fewest)
    members = members.drop("_members_rank", "_fewest")
    return window_chosen(members, None, ["source", "side", *_LEVEL_KEYS[:1]], _LEVEL_KEYS[1:])


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


class _View(NamedTuple):
    source: str
    side: str


_Kinds = dict[str, list[Mapping[str, Any]]]  # a view's year: its rows of each kind


def build_products(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    year: int,
    depth: Depth,
    flow: Flow,
    describe: ProductTitles,
    compare_year: int | None = None,
) -> Products:
    """Give each view's ranked lines their share, growth, title and notes.

    `rows` are those of `ranked_products_sql`: lines, their month parts, what each view holds,
    its totals and changes. Shares are of the view's total with the partner; growth is on the
    year before, like with like: whole years, or the months every member holds in both years
    (summed from each line's month values), else withheld with the reason
    (`ProductRow.comparison`). With `compare_year`, the products traded in one of the two
    years only are listed, largest first, the count of those not listed in a note.
    """
    views: dict[_View, dict[int, _Kinds]] = {}
    for r in rows:
        years = views.setdefault(_View(r["source"], r["side"]), {})
        years.setdefault(int(r["year"]), {}).setdefault(r["kind"], []).append(r)
    out: list[ProductRow] = []
    changes: list[ProductChange] = []
    notes: list[str] = []
    shown = sorted((v for v in views if "held" in views[v].get(year, {})), key=_side_first)
    for view in shown:
        by_year = views[view]
        describe.schemes = _schemes(by_year)  # each view's codes are titled in their revision
        common = _common(view, first, second, flow)
        out.extend(_ranked(by_year, year, describe, common))
        if compare_year is not None:
            found, said = _changes(by_year, year, compare_year, describe, common)
            changes.extend(found)
            notes.extend(said)
    if any(r["synthetic"] for r in rows if r["kind"] == "held"):
        notes.insert(0, SYNTHETIC_NOTE)
    in_chapters = depth == 2 and any(r["confidential"] for r in rows if r["kind"] == "line")
    notes.extend(_notes(out, first, second, depth, compare_year, year, in_chapters))
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


def _side_first(view: _View) -> tuple[str, str]:
    return view.side, view.source


def _schemes(by_year: Mapping[int, _Kinds]) -> dict[tuple[int, str], str | None]:
    """Return the stored scheme of each code shown or listed, by (year, code)."""
    return {
        (when, row["key"]): row["scheme"]
        for when, kinds in by_year.items()
        for row in (*kinds.get("line", ()), *kinds.get("change", ()))
    }


def _common(view: _View, first: Territory, second: Territory, flow: Flow) -> dict[str, Any]:
    reporter = first if view.side == "first" else second
    name = (
        f"reported by {reporter.name}"
        if view.side == "first"
        else f"mirror: reported by {reporter.name}"
    )
    return {
        "source": view.source,
        "view": name,
        "reported_by": reporter.code,
        "flow": flow,
        "mirror": view.side != "first",
    }


class _Held:
    """A view's year as lines are compared on it: its coverage and each line's month values."""

    def __init__(self, kinds: _Kinds) -> None:
        held = kinds.get("held", ())
        self.coverage = coverage_of_tokens(
            f"{r['member']}:{'A' if r['month'] is None else r['month']}" for r in held
        )
        self.parts: dict[str, dict[tuple[str, int], float]] = {}
        for r in held:
            if r["key"] is not None and r["month"] is not None:
                self.parts.setdefault(r["key"], {})[str(r["member"]), int(r["month"])] = r["value"]

    def figure(self, key: str, value: float) -> PeriodFigure:
        """Return the figure of the line `key` of `value` in this year."""
        return PeriodFigure(value, self.coverage, self.parts.get(key, {}))


def _ranked(
    by_year: Mapping[int, _Kinds],
    year: int,
    describe: ProductTitles,
    common: Mapping[str, Any],
) -> list[ProductRow]:
    now = by_year[year]
    held, held_before = _Held(now), _Held(by_year.get(year - 1, {}))
    lines = _lines(now.get("line", ()))
    total = sum(float(r["value"]) for r in now.get("line", ()))
    currency = min(str(r["currency"]) for r in now.get("line", ()))
    vintage = max(str(r["vintage"]) for r in now.get("line", ()))

    def row(key: str) -> ProductRow:
        line = lines[key]
        figure = held.figure(key, float(line["value"]))
        base = None  # compared only when every code of the line was traded the year before
        if line["codes_before"] == line["codes"]:
            base = held_before.figure(key, float(line["before"]))
        change, comparison = aligned_growth(figure, base)
        text: str
        if key == OTHER_CODE:
            kind: ProductLine = "other"
            count = int(line["codes"])
            text = Note(f"other ({count} products)", "product_other", count=count)
        else:
            kind = "confidential" if "X" in key else "product"
            text = describe(key, year)
        return ProductRow(
            **common,
            line=kind,
            code=key,
            description=text,
            rank=line["rank"],
            value=figure.value,
            share=share(figure.value, total),
            growth=change,
            currency=currency,
            vintage=vintage,
            comparison=comparison,
            classification=None if key == OTHER_CODE else line["scheme"] or "HS2",
        )

    named = sorted(
        (k for k in lines if lines[k]["rank"] is not None), key=lambda k: lines[k]["rank"]
    )
    hidden = sorted((k for k in lines if "X" in k), key=lambda k: (-float(lines[k]["value"]), k))
    rest = [OTHER_CODE] if OTHER_CODE in lines else []
    return [row(key) for key in (*named, *rest, *hidden)]


def _lines(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return each line of a view's year by key, its rows by currency and vintage summed."""
    lines: dict[str, dict[str, Any]] = {}
    for r in rows:
        line = lines.get(r["key"])
        if line is None:
            lines[r["key"]] = dict(r)
            continue
        for name in ("value", "codes", "codes_before"):
            line[name] += r[name]
        if r["before"] is not None:
            line["before"] = (line["before"] or 0.0) + r["before"]
    return lines


def _changes(
    by_year: Mapping[int, _Kinds],
    year: int,
    compare_year: int,
    describe: ProductTitles,
    common: Mapping[str, Any],
) -> tuple[list[ProductChange], list[str]]:
    where = f"{common['view']} ({common['source']})"
    if "held" not in by_year.get(compare_year, {}):
        return [], [f"{where}: no products in {compare_year}, so nothing to compare."]
    currency = min(str(r["currency"]) for r in by_year[year]["line"])
    found: list[ProductChange] = []
    notes: list[str] = []
    kinds: tuple[tuple[ProductChangeKind, int], ...] = (
        ("appeared", year),
        ("vanished", compare_year),
    )
    for change, when in kinds:
        listed = sorted(by_year[when].get("change", ()), key=lambda r: int(r["rank"]))
        if listed and len(listed) < listed[0]["codes"]:
            notes.append(
                f"{where}: {listed[0]['codes']} products {change} "
                f"({float(listed[0]['total']):,.0f} in all); "
                f"the {len(listed)} largest are listed."
            )
        found.extend(
            ProductChange(
                **common,
                change=change,
                code=r["key"],
                description=describe(r["key"], when),
                year=when,
                value=float(r["value"]),
                currency=currency,
            )
            for r in listed
        )
    return found, notes


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
    if any(row.mirror for row in rows):
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
