"""Tests for bilateral.indicators.growth: growth, balance and shares."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import InvalidArgumentError
from bilateral.indicators import balance, cagr, growth, share

amounts = st.floats(min_value=0, max_value=1e13, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e13, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (18.0, 15.0, 0.2),
        (22.0, 20.0, 0.1),
        (1.1, 1.0, 0.1),  # rounded: 1.1 / 1.0 - 1 is 0.10000000000000009 in binary floats
        (150.0, 100.0, 0.5),
        (50.0, 100.0, -0.5),
        (100.0, 100.0, 0.0),
        (0.0, 40.0, -1.0),
        (18.0e9, 15.0e9, 0.2),
        (40.0, 10.0, 3.0),
    ],
)
def test_growth_hand_examples(current: float, previous: float, expected: float) -> None:
    assert growth(current, previous) == expected


def test_growth_of_a_third() -> None:
    assert growth(4.0, 3.0) == pytest.approx(1 / 3, abs=1e-12)


@pytest.mark.parametrize(
    ("current", "previous"),
    [(5.0, 0.0), (0.0, 0.0), (None, 5.0), (5.0, None), (None, None), (None, 0.0)],
)
def test_growth_undefined_without_a_nonzero_previous(
    current: float | None, previous: float | None
) -> None:
    assert growth(current, previous) is None


@pytest.mark.parametrize(
    ("exports", "imports", "expected"),
    [(18.0, 22.0, -4.0), (22.0, 18.0, 4.0), (0.0, 0.0, 0.0), (5.5, 0.0, 5.5), (0.0, 3.0, -3.0)],
)
def test_balance_hand_examples(exports: float, imports: float, expected: float) -> None:
    assert balance(exports, imports) == expected


@pytest.mark.parametrize(("exports", "imports"), [(None, 1.0), (1.0, None), (None, None)])
def test_balance_missing_side_is_none(exports: float | None, imports: float | None) -> None:
    assert balance(exports, imports) is None


def test_balance_zero_is_a_figure_not_missing() -> None:
    result = balance(7.0, 7.0)
    assert result is not None
    assert result == 0.0


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1.0, 4.0, 0.25), (30.0, 260.0, 30 / 260), (0.0, 4.0, 0.0), (4.0, 4.0, 1.0), (5.0, 4.0, 1.25)],
)
def test_share_hand_examples(part: float, whole: float, expected: float) -> None:
    assert share(part, whole) == pytest.approx(expected)


@pytest.mark.parametrize(("part", "whole"), [(1.0, 0.0), (0.0, 0.0), (None, 4.0), (1.0, None)])
def test_share_undefined(part: float | None, whole: float | None) -> None:
    assert share(part, whole) is None


def test_none_never_becomes_nan() -> None:
    for result in (growth(None, 1.0), balance(None, 1.0), share(None, 1.0)):
        assert result is None
        assert not isinstance(result, float)


@given(exports=amounts, imports=amounts)
def test_balance_is_exports_minus_imports(exports: float, imports: float) -> None:
    result = balance(exports, imports)
    other = balance(imports, exports)
    assert result == exports - imports
    assert result is not None
    assert other is not None
    assert result == -other


@given(current=amounts, previous=positive)
def test_growth_recovers_current(current: float, previous: float) -> None:
    result = growth(current, previous)
    assert result is not None
    assert math.isfinite(result)
    assert result >= -1.0
    assert previous * (1 + result) == pytest.approx(current, rel=1e-9, abs=1e-9 * previous)


@given(whole=positive, fraction=st.floats(min_value=0, max_value=1))
def test_share_of_a_part_is_between_zero_and_one(whole: float, fraction: float) -> None:
    part = whole * fraction
    result = share(part, whole)
    assert result is not None
    assert 0.0 <= result <= 1.0 + 1e-12
    assert result == pytest.approx(fraction, abs=1e-9)


# --- compound annual growth rate -----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "years", "expected"),
    [
        (100.0, 121.0, 2, 0.1),  # 1.1 ** 2 = 1.21
        (100.0, 133.1, 3, 0.1),  # 1.1 ** 3 = 1.331
        (15.0e9, 18.0e9, 1, 0.2),  # one year: plain growth
        (100.0, 100.0, 5, 0.0),
        (100.0, 25.0, 2, -0.5),  # 0.5 ** 2 = 0.25
        (100.0, 0.0, 4, -1.0),
        (10.0, 160.0, 4, 1.0),  # doubling every year: 2 ** 4 = 16
    ],
)
def test_cagr_hand_examples(first: float, last: float, years: int, expected: float) -> None:
    assert cagr(first, last, years) == expected


@pytest.mark.parametrize(
    ("first", "last"), [(0.0, 10.0), (0.0, 0.0), (None, 10.0), (10.0, None), (None, None)]
)
def test_cagr_undefined(first: float | None, last: float | None) -> None:
    assert cagr(first, last, 3) is None


@pytest.mark.parametrize("years", [0, -1, True])
def test_cagr_rejects_years_below_one(years: int) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        cagr(100.0, 121.0, years)
    assert caught.value.name == "years"


@pytest.mark.parametrize(("first", "last"), [(-100.0, 121.0), (100.0, -1.0), (math.nan, 1.0)])
def test_cagr_rejects_negative_and_nan_values(first: float, last: float) -> None:
    with pytest.raises(InvalidArgumentError):
        cagr(first, last, 2)


@given(first=positive, last=amounts, years=st.integers(1, 50))
def test_cagr_compounds_back_to_last(first: float, last: float, years: int) -> None:
    result = cagr(first, last, years)
    assert result is not None
    assert result >= -1.0
    assert first * (1 + result) ** years == pytest.approx(last, rel=1e-9, abs=1e-9 * first)


@given(first=positive, last=amounts)
def test_cagr_over_one_year_is_growth(first: float, last: float) -> None:
    assert cagr(first, last, 1) == pytest.approx(growth(last, first), abs=1e-12)
