"""Changes between periods of unequal coverage: aligned to common months, or withheld."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.indicators.coverage import (
    ALL_MONTHS,
    PeriodFigure,
    align,
    aligned_cagr,
    aligned_change,
    aligned_growth,
    annual,
    combined,
)
from bilateral.results.basis import WITHHELD

from .strategies import positive

members = st.sampled_from(["ITA", "BEL", "DEU", "FRA"])
month_sets = st.frozensets(st.integers(min_value=1, max_value=12), max_size=12)
# A member's months (None: an annual declaration).
coverages = st.one_of(st.none(), month_sets, st.just(ALL_MONTHS))


@st.composite
def figures(draw: st.DrawFn) -> PeriodFigure:
    coverage = draw(st.dictionaries(members, coverages, min_size=1, max_size=3))
    by_month = {
        (member, month): draw(positive)
        for member, months in coverage.items()
        if months is not None
        for month in sorted(months)
    }
    annual_part = sum(draw(positive) for months in coverage.values() if months is None)
    value = annual_part + sum(by_month.values())
    if draw(st.booleans()):  # known only by its months held, without month values
        return PeriodFigure(value, coverage, {}, detailed=False)
    return PeriodFigure(value, coverage, by_month)


def months_of(figure: PeriodFigure, member: str) -> frozenset[int] | None:
    return figure.coverage[member]


@given(figures(), figures())
def test_no_change_is_computed_across_unequal_coverage(
    now: PeriodFigure, before: PeriodFigure
) -> None:
    current, previous, comparison = align(now, before)
    if comparison.withheld is not None:
        assert (current, previous) == (None, None)
        assert comparison.withheld in WITHHELD
        return
    assert now.coverage.keys() == before.coverage.keys()
    if comparison.basis == "full_year":
        assert now.complete and before.complete
        assert (current, previous) == (now.value, before.value)
        return
    # Common months: every member holds every compared month in both periods.
    compared = frozenset(comparison.months)
    assert compared
    for member in now.coverage:
        for figure in (now, before):
            held = months_of(figure, member)
            assert held is not None and compared <= held
    if now.coverage == before.coverage and len(set(now.coverage.values())) == 1:
        assert (current, previous) == (now.value, before.value)
        return
    # Summed over the compared months, from month values that are at hand.
    assert now.detailed and before.detailed
    assert current == pytest.approx(sum(v for (_, m), v in now.by_month.items() if m in compared))
    assert previous == pytest.approx(
        sum(v for (_, m), v in before.by_month.items() if m in compared)
    )


@given(figures(), figures())
def test_growth_is_the_aligned_values_ratio(now: PeriodFigure, before: PeriodFigure) -> None:
    value, comparison = aligned_growth(now, before)
    current, previous, aligned = align(now, before)
    if value is None:
        assert comparison.withheld is not None
        return
    assert comparison == aligned
    assert current is not None and previous is not None
    assert value == pytest.approx(current / previous - 1)


@given(figures())
def test_a_partial_year_is_never_compared_with_an_annual_one(now: PeriodFigure) -> None:
    whole = PeriodFigure(1.0, dict.fromkeys(now.coverage))
    value, comparison = aligned_growth(now, whole)
    if now.complete:
        assert comparison.basis == "full_year"
    else:
        assert value is None
        assert comparison.withheld == "annual_against_partial"


def monthly(member: str, values: dict[int, float]) -> PeriodFigure:
    return PeriodFigure(
        sum(values.values()),
        {member: frozenset(values)},
        {(member, month): v for month, v in values.items()},
    )


def test_eleven_months_are_compared_with_the_same_eleven() -> None:
    year = {month: 10.0 for month in range(1, 13)}
    eleven = {month: 11.0 for month in range(1, 12)}
    value, comparison = aligned_growth(monthly("ITA", eleven), monthly("ITA", year))
    assert value == pytest.approx(0.1)
    assert comparison.basis == "common_months"
    assert comparison.months == tuple(range(1, 12))


def test_one_january_is_compared_with_january_only() -> None:
    value, comparison = aligned_growth(
        monthly("ITA", {m: 5.0 for m in range(1, 12)}), monthly("ITA", {1: 4.0})
    )
    assert value == pytest.approx(0.25)
    assert comparison.months == (1,)


def test_a_group_aligns_to_the_months_every_member_holds() -> None:
    both = {m: 1.0 for m in range(1, 13)}
    no_december = {m: 2.0 for m in range(1, 12)}
    now = combined({"a": monthly("ITA", both), "b": monthly("BEL", no_december)}, {})
    before = combined({"a": monthly("ITA", both), "b": monthly("BEL", both)}, {})
    assert not now.complete
    value, comparison = aligned_growth(now, before)
    assert comparison.months == tuple(range(1, 12))
    assert value == pytest.approx((11 * 1.0 + 11 * 2.0) / (11 * 1.0 + 11 * 1.0) - 1)


def test_different_members_or_no_common_month_are_withheld() -> None:
    _, comparison = aligned_growth(monthly("ITA", {1: 1.0}), monthly("BEL", {1: 1.0}))
    assert comparison.withheld == "members_differ"
    _, comparison = aligned_growth(monthly("ITA", {2: 1.0}), monthly("ITA", {1: 1.0}))
    assert comparison.withheld == "no_common_months"
    _, comparison = aligned_growth(annual(5.0), None)
    assert comparison.withheld == "no_base"
    _, comparison = aligned_growth(annual(5.0), annual(0.0))
    assert comparison.withheld == "zero_base"


def test_balance_change_and_cagr_use_the_same_alignment() -> None:
    now = monthly("ITA", {1: 3.0, 2: 3.0})
    before = monthly("ITA", {1: 1.0, 2: 1.0, 3: 50.0})
    change, comparison = aligned_change(now, before)
    assert change == pytest.approx(4.0)
    assert comparison.months == (1, 2)
    rate, comparison = aligned_cagr(before, now, 2)
    assert rate == pytest.approx((6.0 / 2.0) ** 0.5 - 1)
    assert comparison.basis == "common_months"
