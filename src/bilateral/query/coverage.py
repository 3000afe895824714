"""Coverage of summed figures: months per reporting member, from month-level totals.

A pair's totals are queried by month and reporting code (`pair_year_totals(by_month=True)`)
and folded here into yearly rows, each with its `figure`: the value, the months each member
holds (None for an annual declaration) and the month values, from which changes between years
are aligned (`bilateral.indicators.coverage`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bilateral.indicators.coverage import PeriodFigure
from bilateral.reference import Territory
from bilateral.reference import groups as reference_groups
from bilateral.results.basis import MemberMonths

# A "world" summed from reporters needs the declarations of most of the world: the complete
# years of Comtrade and BACI hold 170 to 220 reporters; Comext's 27 members are not a world.
MIN_WORLD_REPORTERS = 150

_YEAR_KEY = ("source", "side", "flow", "year")


def year_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Fold month-level totals into one row per source, side, flow and year, with its figure.

    Each row keeps the columns of the yearly totals (value, confidential_value, currency,
    vintage, months: the fewest any member holds, annual, synthetic, reconciled, product_level,
    unconverted) and counts its distinct `reporters`; `figure` is its `PeriodFigure`.
    """
    grouped: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(tuple(row[k] for k in _YEAR_KEY), []).append(row)
    return [_fold(dict(zip(_YEAR_KEY, key, strict=True)), parts) for key, parts in grouped.items()]


def _fold(key: dict[str, Any], parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    coverage: dict[str, frozenset[int] | None] = {}
    by_month: dict[tuple[str, int], float] = {}
    annual_members = {str(p["reporter"]) for p in parts if p["month"] is None}
    for part in parts:
        member = str(part["reporter"])
        if member in annual_members:
            coverage[member] = None
            continue
        month = int(part["month"])
        coverage[member] = (coverage.get(member) or frozenset()) | {month}
        by_month[member, month] = by_month.get((member, month), 0.0) + float(part["value"])
    value = sum(float(p["value"]) for p in parts)
    # The fewest months any member holds: members that together hold 12 are not a year.
    months = min((len(m) for m in coverage.values() if m is not None), default=0)
    return {
        **key,
        "value": value,
        "confidential_value": sum(float(p["confidential_value"] or 0.0) for p in parts),
        "currency": min(str(p["currency"]) for p in parts),
        "vintage": max(str(p["vintage"]) for p in parts),
        "months": months,
        "annual": bool(annual_members),
        "synthetic": any(bool(p["synthetic"]) for p in parts),
        "reconciled": any(bool(p.get("reconciled")) for p in parts),
        "file_dated": any(bool(p.get("file_dated")) for p in parts),
        "product_level": min(str(p["product_level"]) for p in parts),
        "unconverted": sum(int(p["unconverted"] or 0) for p in parts),
        "reporters": len(coverage),
        "figure": PeriodFigure(value, coverage, by_month),
    }


def member_months(flow: str, figure: PeriodFigure) -> list[MemberMonths]:
    """Return the months each member of `figure` covers, as data on a result."""
    return [
        MemberMonths(member, flow, None if months is None else tuple(sorted(months)))
        for member, months in sorted(figure.coverage.items())
    ]


def coverage_label(figures: Sequence[PeriodFigure]) -> str:
    """Return the short coverage of figures: `annual`, `12 months`, `11 months`, `9-12 months`.

    The count is per member: a group whose members hold different months is never shown as
    whole months (`9-12 months`), even when together they hold all twelve.
    """
    counts = [len(m) for f in figures for m in f.coverage.values() if m is not None]
    if not counts:
        return "annual"
    low, high = min(counts), max(counts)
    if low == high:
        return "12 months" if low == 12 else f"{low} month{'s' if low > 1 else ''}"
    return f"{low}-{high} months"


_VIEW_KEY = ("source", "side", "flow", "year")
Coverage = dict[str, frozenset[int] | None]


def add_held(coverage: Coverage, member: str, month: int | None) -> None:
    """Add `month` (None: an annual row) to what `member` holds; annual wins."""
    if month is None or (member in coverage and coverage[member] is None):
        coverage[member] = None
    else:
        coverage[member] = (coverage.get(member) or frozenset()) | {month}


def coded_year_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Fold rows by code and month (each with its reporting `members`) into rows by year.

    Each code's `figure` has the coverage of its whole view (source, side, flow and year: the
    months each member declares, whatever the code) and the code's values by month, so the
    sectors of a view are compared over the same months as the view.
    """
    coverage: dict[tuple[Any, ...], Coverage] = {}
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    by_month: dict[tuple[Any, ...], dict[tuple[str, int], float]] = {}
    for row in rows:
        view = tuple(row[k] for k in _VIEW_KEY)
        month = None if row["month"] is None else int(row["month"])
        for member in row["members"]:
            add_held(coverage.setdefault(view, {}), str(member), month)
        key = (*view, row["code"])
        line = out.setdefault(key, {**row, "value": 0.0, "unconverted": 0})
        line["value"] += float(row["value"])
        line["unconverted"] += int(row["unconverted"] or 0)
        line["vintage"] = max(str(line["vintage"]), str(row["vintage"]))
        line["synthetic"] = bool(line["synthetic"]) or bool(row["synthetic"])
        if month is not None:
            values = by_month.setdefault(key, {})
            values["", month] = values.get(("", month), 0.0) + float(row["value"])
    for key, line in out.items():
        held = coverage[key[:-1]]
        line.pop("month")
        line.pop("members")
        line["reporters"] = len(held)
        line["figure"] = PeriodFigure(line["value"], dict(held), by_month.get(key, {}))
    return list(out.values())


def coverage_of_tokens(tokens: Iterable[str]) -> Coverage:
    """Return the months each member holds from `held` tokens (`ITA:3`; `ITA:A` annual)."""
    held: Coverage = {}
    for token in tokens:
        member, _, month = str(token).rpartition(":")
        add_held(held, member, None if month == "A" else int(month))
    return held


def held_figures(rows: Sequence[dict[str, Any]]) -> None:
    """Give each row by code its `figure` from its `held` tokens (`ITA:3`, `ITA:A` annual).

    The coverage is that of the row's view (source, side, flow, year) across its codes. A row
    with its month values (`by_month`, by member and month) is compared over common months;
    without them, only with periods of the same months.
    """
    tokens: dict[tuple[Any, ...], set[str]] = {}
    for row in rows:
        tokens.setdefault(tuple(row[k] for k in _VIEW_KEY), set()).update(row["held"])
    coverage = {view: coverage_of_tokens(held) for view, held in tokens.items()}
    for row in rows:
        held = coverage[tuple(row[k] for k in _VIEW_KEY)]
        by_month = row.get("by_month")
        row["figure"] = PeriodFigure(
            float(row["value"]), dict(held), dict(by_month or {}), detailed=by_month is not None
        )


def reporters_complete(group: Territory, year: int, reporters: Iterable[str]) -> bool:
    """Return whether `reporters` make the whole of `group` as a reporter in `year`.

    A group with listed members (EU27_2020) needs every member; WORLD and the extra-groups,
    defined by what they exclude, need a world's set of reporters (MIN_WORLD_REPORTERS).
    """
    found = set(reporters)
    if group.code in found:  # the group's own published declarations
        return True
    if reference_groups.group(group.code).kind == "members":
        return reference_groups.members(group.code, year) <= found
    return len(found) >= MIN_WORLD_REPORTERS
