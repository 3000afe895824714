"""Tests for bilateral.indicators.concentration: the Herfindahl-Hirschman index."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import InvalidArgumentError
from bilateral.indicators import hhi
from indicators.strategies import amounts, positive, with_trade


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([30.0, 30.0, 20.0, 20.0], 0.26),  # 0.09 + 0.09 + 0.04 + 0.04
        ([50.0, 50.0], 0.5),
        ([25.0, 25.0, 25.0, 25.0], 0.25),
        ([60.0, 30.0, 10.0], 0.46),  # 0.36 + 0.09 + 0.01
        ([1.0, 0.0, 0.0], 1.0),  # zeros carry no trade
        ([7.0], 1.0),
        ([3.0e9, 1.0e9], 0.625),  # 0.5625 + 0.0625
    ],
)
def test_hhi_hand_examples(values: list[float], expected: float) -> None:
    assert hhi(values) == expected


def test_hhi_published_value_doj() -> None:
    # U.S. Department of Justice, Antitrust Division, "Herfindahl-Hirschman Index": "a market
    # consisting of four firms with shares of 30, 30, 20, and 20 percent" has an HHI of 2,600
    # on the percentage scale (30^2 + 30^2 + 20^2 + 20^2), i.e. 0.26 on the fraction scale.
    result = hhi({"A": 30.0, "B": 30.0, "C": 20.0, "D": 20.0})
    assert result is not None
    assert result * 10_000 == pytest.approx(2_600)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([30.0, 30.0, 20.0, 20.0], (0.26 - 0.25) / 0.75),
        ([25.0, 25.0, 25.0, 25.0], 0.0),  # equal shares: no concentration
        ([1.0, 0.0], 1.0),  # (1 - 1/2) / (1 - 1/2)
        ([60.0, 30.0, 10.0], (0.46 - 1 / 3) / (2 / 3)),  # 0.19
    ],
)
def test_hhi_normalised_hand_examples(values: list[float], expected: float) -> None:
    assert hhi(values, normalised=True) == pytest.approx(expected, abs=1e-12)


def test_hhi_takes_mappings_and_sequences_alike() -> None:
    partners = {"BEL": 30.0, "DEU": 30.0, "FRA": 20.0, "ESP": 20.0}
    assert hhi(partners) == hhi(list(partners.values())) == hhi(tuple(partners.values()))


@pytest.mark.parametrize("values", [[], {}, [0.0], [0.0, 0.0], {"BEL": 0.0}])
def test_hhi_undefined_without_trade(values: list[float] | dict[str, float]) -> None:
    assert hhi(values) is None
    assert hhi(values, normalised=True) is None


def test_hhi_normalised_single_item_is_undefined() -> None:
    assert hhi([5.0]) == 1.0
    assert hhi([5.0], normalised=True) is None


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_hhi_rejects_bad_values(bad: float) -> None:
    with pytest.raises(InvalidArgumentError, match="values"):
        hhi([1.0, bad])
    with pytest.raises(InvalidArgumentError, match=r"values\['BEL'\]"):
        hhi({"DEU": 1.0, "BEL": bad})


@given(values=st.lists(amounts, min_size=1, max_size=30))
def test_hhi_is_between_one_over_n_and_one(values: list[float]) -> None:
    result = hhi(values)
    if math.fsum(values) == 0:
        assert result is None
        return
    assert result is not None
    assert 1 / len(values) - 1e-9 <= result <= 1.0 + 1e-12


@given(values=st.lists(amounts, min_size=2, max_size=30))
def test_hhi_normalised_is_between_zero_and_one(values: list[float]) -> None:
    result = hhi(values, normalised=True)
    if math.fsum(values) == 0:
        assert result is None
        return
    assert result is not None
    assert -1e-9 <= result <= 1.0 + 1e-9


@given(value=positive)
def test_hhi_of_a_single_item_is_one(value: float) -> None:
    assert hhi([value]) == 1.0
    assert hhi({"BEL": value}) == 1.0


@given(value=positive, count=st.integers(1, 50))
def test_hhi_of_equal_shares_is_one_over_n(value: float, count: int) -> None:
    assert hhi([value] * count) == pytest.approx(1 / count, abs=1e-12)


@given(values=with_trade, scale=positive)
def test_hhi_ignores_scale_and_order(values: dict[str, float], scale: float) -> None:
    result = hhi(values)
    assert result is not None
    assert hhi({code: value * scale for code, value in values.items()}) == pytest.approx(
        result, abs=1e-9
    )
    assert hhi(sorted(values.values())) == pytest.approx(result, abs=1e-12)
