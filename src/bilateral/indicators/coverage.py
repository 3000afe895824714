"""Changes between periods of unequal coverage: align to common months, or withhold.

A period's figure is the sum of its members' declarations (one member for a country, each
reporting member for a group). A member holds either an annual figure (no month detail) or
some months. Two periods are compared like with like only: whole years against whole years,
or the months every member holds in both periods; otherwise the change is withheld, with the
reason as data (`bilateral.results.basis.Withheld`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bilateral.indicators.growth import cagr, growth
from bilateral.results.basis import Comparison

ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True)
class PeriodFigure:
    """One period's value with its coverage: the months each member holds, and month values.

    `coverage` maps each member to the months it holds, or None for an annual figure;
    `by_month` holds the value of each (member, month) of the monthly members, where
    `detailed` (a figure known only by its months held is not: it can be compared only with a
    period of the same months).
    """

    value: float
    coverage: Mapping[str, frozenset[int] | None]
    by_month: Mapping[tuple[str, int], float] = field(default_factory=dict)
    detailed: bool = True

    @property
    def complete(self) -> bool:
        """Return whether every member holds a whole year (annual, or all 12 months)."""
        return all(months is None or months == ALL_MONTHS for months in self.coverage.values())

    def over(self, months: frozenset[int]) -> float:
        """Return the sum of the monthly members' values over `months`."""
        return sum(value for (_, month), value in self.by_month.items() if month in months)


def annual(value: float, member: str = "") -> PeriodFigure:
    """Return the figure of one member's annual declaration."""
    return PeriodFigure(value, {member: None})


def combined(parts: Mapping[str, PeriodFigure], signs: Mapping[str, float]) -> PeriodFigure:
    """Return the signed sum of figures (exports - imports), each member keyed by its part.

    >>> x = PeriodFigure(10.0, {"ITA": frozenset({1})}, {("ITA", 1): 10.0})
    >>> m = PeriodFigure(4.0, {"ITA": frozenset({1})}, {("ITA", 1): 4.0})
    >>> combined({"x": x, "m": m}, {"x": 1.0, "m": -1.0}).value
    6.0
    """
    coverage: dict[str, frozenset[int] | None] = {}
    by_month: dict[tuple[str, int], float] = {}
    for name, part in parts.items():
        sign = signs.get(name, 1.0)
        coverage.update({f"{name}/{member}": months for member, months in part.coverage.items()})
        by_month.update(
            {(f"{name}/{m}", month): sign * v for (m, month), v in part.by_month.items()}
        )
    value = sum(signs.get(name, 1.0) * part.value for name, part in parts.items())
    return PeriodFigure(value, coverage, by_month, all(p.detailed for p in parts.values()))


def summed(figures: Sequence[PeriodFigure]) -> PeriodFigure:
    """Return the sum of figures of the same members (the sectors of one view and year)."""
    coverage: dict[str, frozenset[int] | None] = {}
    by_month: dict[tuple[str, int], float] = {}
    for figure in figures:
        for member, months in figure.coverage.items():
            held = coverage.get(member, frozenset())
            coverage[member] = None if months is None or held is None else held | months
        for key, value in figure.by_month.items():
            by_month[key] = by_month.get(key, 0.0) + value
    value = sum(figure.value for figure in figures)
    return PeriodFigure(value, coverage, by_month, all(f.detailed for f in figures))


def align(
    now: PeriodFigure | None, before: PeriodFigure | None, *, same_members: bool = True
) -> tuple[float | None, float | None, Comparison]:
    """Return both periods' values on a common basis, and how they were aligned.

    Whole years are compared as they are, and so are periods in which every member holds the
    same months. Otherwise both periods are summed over the months every member holds in both;
    the values are None (and the comparison says why) when a period is missing, the members
    differ, a member has only an annual figure, no month is common, or the month values are
    not at hand. With `same_members=False` the two figures are different reporters' (an
    exporter's and an importer's declarations of one flow): their members need not match.

    >>> def months(values):
    ...     return PeriodFigure(sum(values), {"ITA": frozenset(range(1, len(values) + 1))},
    ...                         {("ITA", i): v for i, v in enumerate(values, start=1)})
    >>> align(months([5.0, 6.0]), months([4.0, 5.0, 9.0]))
    (11.0, 9.0, Comparison(basis='common_months', months=(1, 2), withheld=None))
    """
    if now is None or before is None:
        return None, None, Comparison.withhold("no_base")
    matching = now.coverage.keys() == before.coverage.keys() or not same_members
    if now.complete and before.complete and matching:
        monthly = all(m is not None for m in (*now.coverage.values(), *before.coverage.values()))
        months = tuple(sorted(ALL_MONTHS)) if monthly else ()
        return now.value, before.value, Comparison("full_year", months)
    if not matching:
        return None, None, Comparison.withhold("members_differ")
    held = [*now.coverage.values(), *before.coverage.values()]
    if any(months is None for months in held):
        return None, None, Comparison.withhold("annual_against_partial")
    sets = {months for months in held if months is not None}
    if frozenset() in sets:
        return None, None, Comparison.withhold("no_common_months")
    if len(sets) == 1:
        (same,) = sets
        return now.value, before.value, Comparison("common_months", tuple(sorted(same)))
    if not (now.detailed and before.detailed):
        return None, None, Comparison.withhold("unequal_coverage")
    common = frozenset.intersection(*sets)
    if not common:
        return None, None, Comparison.withhold("no_common_months")
    return now.over(common), before.over(common), Comparison("common_months", tuple(sorted(common)))


def aligned_growth(
    now: PeriodFigure | None, before: PeriodFigure | None
) -> tuple[float | None, Comparison]:
    """Return the growth from `before` to `now` on a common basis, and the basis.

    >>> full = PeriodFigure(12.0, {"ITA": None})
    >>> part = PeriodFigure(11.0, {"ITA": frozenset(range(1, 12))}, {("ITA", 1): 11.0})
    >>> aligned_growth(part, full)
    (None, Comparison(basis=None, months=(), withheld='annual_against_partial'))
    """
    current, previous, comparison = align(now, before)
    if comparison.withheld is not None:
        return None, comparison
    if previous == 0:
        return None, Comparison.withhold("zero_base")
    return growth(current, previous), comparison


def aligned_change(
    now: PeriodFigure | None, before: PeriodFigure | None
) -> tuple[float | None, Comparison]:
    """Return `now` minus `before` on a common basis (a balance's change), and the basis."""
    current, previous, comparison = align(now, before)
    if current is None or previous is None:
        return None, comparison
    return current - previous, comparison


def aligned_cagr(
    first: PeriodFigure | None, last: PeriodFigure | None, years: int
) -> tuple[float | None, Comparison]:
    """Return the compound annual growth from `first` to `last` on a common basis."""
    current, previous, comparison = align(last, first)
    if current is None or previous is None:
        return None, comparison
    if previous <= 0 or current < 0:
        return None, Comparison.withhold("zero_base")
    return cagr(previous, current, years), comparison
