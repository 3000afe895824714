"""Time series of a pair: annual and monthly totals, year to date, 12-month rolling sums.

One query returns both shapes of a pair's totals: per source, side, flow and year (`kind`
"year": annual rows where the source has them, else the sum of its months) and per month
(`kind` "month": monthly rows only, annual rows ignored). The series, year-to-date sums and
rolling sums are assembled from them in Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.indicators import growth
from bilateral.query.compiled import compiled_sql
from bilateral.query.currency import converted
from bilateral.query.selection import Selection
from bilateral.query.series_notes import direction, month_span, series_notes
from bilateral.query.tables import table
from bilateral.query.totals import chosen_rows, sided_rows
from bilateral.query.windowed import windowed_chosen_rows
from bilateral.reference import Territory
from bilateral.results.notes import Note
from bilateral.results.series import (
    Frequency,
    Series,
    SeriesFlow,
    SeriesPoint,
    YearToDate,
)
from bilateral.years import describe_years

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

FREQUENCIES: Final[tuple[Frequency, ...]] = ("M", "A")
SERIES_FLOWS: Final[tuple[SeriesFlow, ...]] = ("export", "import", "both")
ROLLING_MONTHS: Final = 12

Line = tuple[str, str, str]  # source, side, flow as declared by that side's reporter


@dataclass(frozen=True)
class _Total:
    value: float
    currency: str
    vintage: str
    months: int
    annual: bool
    reporters: int = 1


def check_options(
    flow: str, frequency: str, ytd_through: int | None, rolling: bool
) -> tuple[SeriesFlow, Frequency]:
    """Return `flow` and `frequency` checked, or raise InvalidArgumentError naming the bad one."""
    if flow not in SERIES_FLOWS:
        raise InvalidArgumentError("flow", flow, f"one of {', '.join(SERIES_FLOWS)}")
    if frequency not in FREQUENCIES:
        raise InvalidArgumentError("frequency", frequency, "M (monthly) or A (annual)")
    if ytd_through is not None and (isinstance(ytd_through, bool) or not 1 <= ytd_through <= 12):
        raise InvalidArgumentError("ytd_through", ytd_through, "a month number from 1 to 12")
    if rolling and frequency != "M":
        raise InvalidArgumentError(
            "rolling", rolling, "False, or frequency 'M': rolling sums are of monthly figures"
        )
    return flow, frequency


@compiled_sql
def series_sql(
    first: Selection,
    second: Selection,
    years: tuple[int, ...] | None,
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the pair's yearly and monthly totals, from the year before the first
    (`years` None: every year the store holds for the pair, read in the same statement).

    The year before is read so that the first year's change and rolling sums can be computed.
    `currency` converts each row at its period's average rate before the sums.
    """
    span = None if years is None else sorted({*years, min(years) - 1})
    sided = sided_rows(table("rollup_totals"), first, second, span)
    # Every row counts in the yearly sums and each monthly row in the monthly ones too: the
    # two kinds are unnested from the rows read once and chosen among apart (a monthly row
    # counts in its month even where the year has an annual row).
    kinds = ibis.ifelse(
        sided.month.isnull(), ibis.literal(["year"]), ibis.literal(["year", "month"])
    )
    kinded = sided.mutate(kind=kinds.unnest())
    # On Spark the choices are windows over the rows read once (one shuffle for the windows
    # and both sums), not a scan and a shuffle for each choice.
    choose = windowed_chosen_rows if dialect == "pyspark" else chosen_rows
    both = choose(kinded, first, second, keys=["kind"])
    return str(ibis.to_sql(_summed(both, currency), dialect=dialect))


def _published_totals(rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """Return the sources whose every row is a published total (all trade, not an extract)."""
    sources = {str(r["source"]) for r in rows}
    return {s for s in sources if all(r.get("published_total") for r in rows if r["source"] == s)}


def _summed(pair: ibis.Table, currency: str | None) -> ibis.Table:
    """Sum by year or month (by `kind`); a year's `months` is the fewest any reporting member
    covers."""
    pair = converted(pair, currency) if currency else pair.mutate(unconverted=False)
    pair = pair.mutate(_month=(pair.kind == "month").ifelse(pair.month, ibis.null("int8")))
    group = ["kind", "source", "side", "flow", "year", "_month"]
    members = pair.group_by([*group, "reporter"]).aggregate(
        unconverted=_.unconverted.sum(),
        value=_.value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        # the months listed, then counted once each, not a distinct count (a shuffle of its
        # own on Spark); a list also keeps Spark's aggregate hash-based despite the strings
        months=_.month.collect().unique().length().fill_null(0),
        annual=_.month.isnull().any(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        published_total=(_.product_level == "TOTAL").all(),
    )
    summed = members.group_by(group).aggregate(
        unconverted=_.unconverted.sum(),
        # one row per reporter here: no distinct count; listed for a hash-based aggregate
        reporters=_.reporter.collect().length(),
        value=_.value.sum(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        months=_.months.min(),
        annual=_.annual.any(),
        synthetic=_.synthetic.any(),
        published_total=_.published_total.all(),
    )
    summed = summed.rename(month="_month")
    columns = ["kind", "source", "side", "flow", "year", "month", "reporters", "unconverted"]
    columns += ["value", "currency", "vintage", "months", "annual", "synthetic", "published_total"]
    return summed.select(*columns)


def build_series(
    rows: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    years: Sequence[int],
    *,
    flow: SeriesFlow,
    frequency: Frequency,
    ytd_through: int | None = None,
    rolling: bool = False,
    partial_product_sources: Sequence[str] = (),
) -> Series:
    """Assemble the series of the asked flows and years from the executed totals.

    `partial_product_sources` are sources that hold extracts of products, whose sums are not
    all trade: they are named in the notes.

    Raises NoDataError when a monthly series is asked of a pair that the store holds only as
    annual figures; a year to date that annual figures cannot give is left out, with a note.
    """
    yearly: dict[Line, dict[int, _Total]] = {}
    monthly: dict[Line, dict[tuple[int, int], _Total]] = {}
    for r in rows:
        line = (str(r["source"]), str(r["side"]), str(r["flow"]))
        if _direction(line) != flow and flow != "both":
            continue
        total = _Total(
            float(r["value"]),
            r["currency"],
            r["vintage"],
            int(r["months"]),
            bool(r["annual"]),
            int(r["reporters"]),
        )
        if r["kind"] == "year":
            yearly.setdefault(line, {})[int(r["year"])] = total
        else:
            monthly.setdefault(line, {})[(int(r["year"]), int(r["month"]))] = total
    wanted = sorted(years)
    lines = sorted({*yearly, *monthly}, key=lambda x: (x[0], x[1], _direction(x) != "export"))
    points: list[SeriesPoint] = []
    through_lines: list[YearToDate] = []
    for line in lines:
        common = _common(line, first, second)
        months = _whole_months(monthly.get(line, {}))
        if frequency == "A":
            points.extend(_annual(common, yearly.get(line, {}), wanted))
        else:
            points.extend(_monthly(common, monthly.get(line, {}), months, wanted, rolling))
        if ytd_through is not None:
            through_lines.extend(_ytd(common, months, wanted, ytd_through))
    needs_months = frequency == "M" or ytd_through is not None
    only_annual = _only_annual(yearly, monthly, wanted, first, second) if needs_months else []
    if frequency == "M" and not points and only_annual:
        raise NoDataError(
            f"the store holds only annual figures between {first.name} and {second.name} in "
            f"{describe_years(wanted)}: there is no monthly series; ask for the annual "
            "series (frequency 'A') or ingest monthly files",
            reason="only_annual",
            values={"a": first.code, "b": second.code, "years": describe_years(wanted)},
        )
    notes = series_notes(rows, points, through_lines, only_annual, first, second, rolling)
    shown = {point.source for point in points} | {line.source for line in through_lines}
    notes.extend(
        Note(
            f"{source} holds extracts: its figures sum the products in the store, not all trade.",
            "extracts",
            source=source,
        )
        for source in sorted(shown & set(partial_product_sources) - _published_totals(rows))
    )
    return Series(
        reporter=first.code,
        reporter_name=first.name,
        partner=second.code,
        partner_name=second.name,
        frequency=frequency,
        flow=flow,
        years=tuple(wanted),
        points=tuple(points),
        year_to_date=tuple(through_lines),
        ytd_through=ytd_through,
        rolling=rolling,
        notes=tuple(notes),
    )


def _direction(line: Line) -> str:
    return direction(line[1], line[2])


def _common(line: Line, first: Territory, second: Territory) -> dict[str, Any]:
    source, side, _ = line
    reporter = first if side == "first" else second
    view = (
        f"reported by {reporter.name}"
        if side == "first"
        else f"mirror: reported by {reporter.name}"
    )
    return {
        "source": source,
        "view": view,
        "reported_by": reporter.code,
        "flow": _direction(line),
        "mirror": side != "first",
    }


def _annual(
    common: Mapping[str, Any], cells: Mapping[int, _Total], years: Sequence[int]
) -> list[SeriesPoint]:
    points = []
    for year in years:
        cell = cells.get(year)
        if cell is None:
            continue
        before = cells.get(year - 1)
        full = not _partial(cell) and before is not None and not _partial(before)
        full = full and before is not None and before.reporters == cell.reporters
        points.append(
            SeriesPoint(
                **common,
                year=year,
                month=None,
                period=str(year),
                value=cell.value,
                basis="annual" if cell.annual else "monthly",
                months=12 if cell.annual else cell.months,
                partial=_partial(cell),
                growth=growth(cell.value, before.value) if full and before else None,
                rolling_12m=None,
                currency=cell.currency,
                vintage=cell.vintage,
            )
        )
    return points


def _partial(cell: _Total) -> bool:
    return not cell.annual and cell.months < 12


def _whole_months(cells: Mapping[tuple[int, int], _Total]) -> dict[tuple[int, int], _Total]:
    """Return the months that every member reporting in the year declares.

    A group's month summed from fewer members than its other months (December of 9 members
    out of 27) is not a whole month: it is marked partial, and rolling sums and years to date
    leave it out as a missing month.
    """
    most: dict[int, int] = {}
    for (year, _month), cell in cells.items():
        most[year] = max(most.get(year, 0), cell.reporters)
    return {key: cell for key, cell in cells.items() if cell.reporters == most[key[0]]}


def _monthly(
    common: Mapping[str, Any],
    cells: Mapping[tuple[int, int], _Total],
    whole: Mapping[tuple[int, int], _Total],
    years: Sequence[int],
    rolling: bool,
) -> list[SeriesPoint]:
    return [
        SeriesPoint(
            **common,
            year=year,
            month=month,
            period=f"{year}-{month:02d}",
            value=cell.value,
            basis="monthly",
            months=1,
            partial=(year, month) not in whole,
            growth=None,
            rolling_12m=_rolling(whole, year, month) if rolling else None,
            currency=cell.currency,
            vintage=cell.vintage,
        )
        for (year, month), cell in sorted(cells.items())
        if year in years
    ]


def _rolling(cells: Mapping[tuple[int, int], _Total], year: int, month: int) -> float | None:
    """Return the sum of the 12 months ending at `year`-`month`, None if any is missing."""
    index = year * 12 + month - 1
    window = [divmod(index - back, 12) for back in range(ROLLING_MONTHS)]
    found = [cells.get((y, m + 1)) for y, m in window]
    if any(cell is None for cell in found):
        return None
    return sum(cell.value for cell in found if cell is not None)


def _ytd(
    common: Mapping[str, Any],
    cells: Mapping[tuple[int, int], _Total],
    years: Sequence[int],
    through: int,
) -> list[YearToDate]:
    lines = []
    for year in years:
        now = _months_sum(cells, year, through)
        if now is None:
            continue
        value, months, now_cells = now
        before = _months_sum(cells, year - 1, through)
        comparable = months == through and before is not None and before[1] == through
        previous = before[0] if comparable and before is not None else None
        lines.append(
            YearToDate(
                **common,
                year=year,
                through=through,
                period=f"{month_span(1, through)} {year}",
                value=value,
                months=months,
                complete=months == through,
                previous=previous,
                difference=None if previous is None else value - previous,
                change=growth(value, previous),
                currency=now_cells[0].currency,
                vintage=max(cell.vintage for cell in now_cells),
            )
        )
    return lines


def _months_sum(
    cells: Mapping[tuple[int, int], _Total], year: int, through: int
) -> tuple[float, int, list[_Total]] | None:
    found = [cells[year, month] for month in range(1, through + 1) if (year, month) in cells]
    if not found:
        return None
    return sum(cell.value for cell in found), len(found), found


def _only_annual(
    yearly: Mapping[Line, Mapping[int, _Total]],
    monthly: Mapping[Line, Mapping[tuple[int, int], _Total]],
    years: Sequence[int],
    first: Territory,
    second: Territory,
) -> list[str]:
    """Say which sources and views hold only annual figures in which of `years`."""
    found: dict[tuple[str, str], set[int]] = {}
    for line, cells in yearly.items():
        months = {year for year, _ in monthly.get(line, {})}
        for year, cell in cells.items():
            if year in years and cell.annual and year not in months:
                found.setdefault((line[0], _common(line, first, second)["view"]), set()).add(year)
    return [
        f"{source}, {view}: only annual figures in {describe_years(sorted(held))}, so no "
        "monthly figures, year to date or rolling sums there."
        for (source, view), held in sorted(found.items())
    ]
