"""Tests for bilateral.indicators.intra_industry: the Grubel-Lloyd index."""

from __future__ import annotations

import math

import pytest
from hypothesis import given

from bilateral.errors import InvalidArgumentError
from bilateral.indicators import grubel_lloyd, grubel_lloyd_aggregate
from indicators.strategies import amounts, by_product, positive

# No published numeric value is cited: the tests check the definition of Grubel and Lloyd
# (1975) against examples computed by hand in the comments.


@pytest.mark.parametrize(
    ("exports", "imports", "expected"),
    [
        (18.0, 22.0, 0.9),  # 1 - 4 / 40
        (22.0, 18.0, 0.9),
        (10.0, 10.0, 1.0),
        (5.0, 0.0, 0.0),
        (0.0, 5.0, 0.0),
        (10.0, 30.0, 0.5),  # 1 - 20 / 40
        (1.0, 3.0, 0.5),
        (18.0e9, 22.0e9, 0.9),
    ],
)
def test_grubel_lloyd_hand_examples(exports: float, imports: float, expected: float) -> None:
    assert grubel_lloyd(exports, imports) == expected


@pytest.mark.parametrize(("exports", "imports"), [(0.0, 0.0), (None, 1.0), (1.0, None)])
def test_grubel_lloyd_undefined(exports: float | None, imports: float | None) -> None:
    assert grubel_lloyd(exports, imports) is None


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_grubel_lloyd_rejects_bad_values(bad: float) -> None:
    with pytest.raises(InvalidArgumentError, match="exports"):
        grubel_lloyd(bad, 1.0)
    with pytest.raises(InvalidArgumentError, match="imports"):
        grubel_lloyd(1.0, bad)


@given(exports=amounts, imports=amounts)
def test_grubel_lloyd_is_symmetric_and_within_0_and_1(exports: float, imports: float) -> None:
    result = grubel_lloyd(exports, imports)
    assert result == grubel_lloyd(imports, exports)
    if exports + imports == 0:
        assert result is None
    else:
        assert result is not None
        assert 0.0 <= result <= 1.0


@given(value=positive)
def test_grubel_lloyd_is_one_when_exports_equal_imports(value: float) -> None:
    assert grubel_lloyd(value, value) == 1.0


def test_grubel_lloyd_aggregate_hand_example() -> None:
    # "28": X 10, M 30 -> 40 - 20 = 20; "84": X 30, M 20 -> 50 - 10 = 40; 60 / 90
    exports = {"28": 10.0, "84": 30.0}
    imports = {"28": 30.0, "84": 20.0}
    assert grubel_lloyd_aggregate(exports, imports) == pytest.approx(2 / 3, abs=1e-12)
    # adjusted: 60 / (90 - |40 - 50|) = 0.75
    assert grubel_lloyd_aggregate(exports, imports, imbalance_adjusted=True) == 0.75


def test_grubel_lloyd_aggregate_counts_missing_codes_as_zero() -> None:
    # "27" is only imported: one-way trade that dilutes the index; (20 + 0) / (40 + 60)
    exports = {"28": 10.0}
    imports = {"28": 30.0, "27": 60.0}
    assert grubel_lloyd_aggregate(exports, imports) == 0.2


def test_grubel_lloyd_adjustment_removes_a_uniform_imbalance() -> None:
    # every product imports half its exports: unadjusted (10 + 20) / 45; adjusted 30 / 30
    exports = {"28": 10.0, "84": 20.0}
    imports = {"28": 5.0, "84": 10.0}
    assert grubel_lloyd_aggregate(exports, imports) == pytest.approx(2 / 3, abs=1e-12)
    assert grubel_lloyd_aggregate(exports, imports, imbalance_adjusted=True) == 1.0


@pytest.mark.parametrize(
    ("exports", "imports", "adjusted"),
    [
        ({}, {}, False),
        ({"28": 0.0}, {"28": 0.0}, False),
        ({"28": 5.0}, {}, True),  # all trade one way: the adjusted denominator is zero
        ({"28": 5.0, "84": 1.0}, {"28": 0.0}, True),
    ],
)
def test_grubel_lloyd_aggregate_undefined(
    exports: dict[str, float], imports: dict[str, float], adjusted: bool
) -> None:
    assert grubel_lloyd_aggregate(exports, imports, imbalance_adjusted=adjusted) is None


def test_grubel_lloyd_aggregate_of_one_way_trade_is_zero() -> None:
    assert grubel_lloyd_aggregate({"28": 5.0}, {}) == 0.0
    assert grubel_lloyd_aggregate({"28": 5.0}, {"84": 5.0}) == 0.0


def test_grubel_lloyd_aggregate_names_the_bad_code() -> None:
    with pytest.raises(InvalidArgumentError, match=r"imports\['84'\]"):
        grubel_lloyd_aggregate({"84": 1.0}, {"84": -1.0})


@given(exports=by_product, imports=by_product)
def test_grubel_lloyd_aggregate_is_the_trade_weighted_mean(
    exports: dict[str, float], imports: dict[str, float]
) -> None:
    result = grubel_lloyd_aggregate(exports, imports)
    assert result == grubel_lloyd_aggregate(imports, exports)
    codes = exports.keys() | imports.keys()
    trade = {code: exports.get(code, 0.0) + imports.get(code, 0.0) for code in codes}
    total = math.fsum(trade.values())
    if total == 0:
        assert result is None
        return
    assert result is not None
    assert 0.0 <= result <= 1.0
    weighted = math.fsum(
        trade[code] / total * (grubel_lloyd(exports.get(code, 0.0), imports.get(code, 0.0)) or 0)
        for code in codes
        if trade[code] > 0
    )
    assert result == pytest.approx(weighted, abs=1e-9)


@given(exports=by_product, imports=by_product)
def test_grubel_lloyd_adjusted_is_at_least_the_plain_index(
    exports: dict[str, float], imports: dict[str, float]
) -> None:
    plain = grubel_lloyd_aggregate(exports, imports)
    adjusted = grubel_lloyd_aggregate(exports, imports, imbalance_adjusted=True)
    if adjusted is None:
        return
    assert plain is not None
    assert plain - 1e-9 <= adjusted <= 1.0


@given(structure=by_product)
def test_grubel_lloyd_aggregate_is_one_for_balanced_trade(structure: dict[str, float]) -> None:
    result = grubel_lloyd_aggregate(structure, dict(structure))
    if math.fsum(structure.values()) == 0:
        assert result is None
    else:
        assert result == 1.0
