"""Tests for bilateral.indicators.specialisation: RCA, complementarity, similarity, intensity."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import InvalidArgumentError
from bilateral.indicators import (
    complementarity,
    export_similarity,
    market_share,
    rca,
    rca_by_product,
    trade_intensity,
)
from indicators.strategies import amounts, by_product, positive, with_trade

# No published numeric value is cited for these indices: the tests check the definitions
# (Balassa 1965; Michaely 1996; Finger and Kreinin 1979; Yamazawa 1971 and the WITS glossary
# for trade intensity) against examples computed by hand in the comments.

BAD_AMOUNTS = [-1.0, math.nan, math.inf, -math.inf]


# --- Balassa RCA ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country_product", "country_total", "world_product", "world_total", "expected"),
    [
        (30.0, 500.0, 600.0, 20_000.0, 2.0),  # 6% of its exports against 3% of the world's
        (10.0, 100.0, 100.0, 1_000.0, 1.0),  # same share as the world: neutral
        (5.0, 50.0, 20.0, 1_000.0, 5.0),  # 10% against 2%
        (1.0, 100.0, 50.0, 1_000.0, 0.2),  # 1% against 5%
        (0.0, 100.0, 50.0, 1_000.0, 0.0),  # does not export the product
        (30.0e9, 500.0e9, 600.0e9, 20_000.0e9, 2.0),  # the scale cancels out
    ],
)
def test_rca_hand_examples(
    country_product: float,
    country_total: float,
    world_product: float,
    world_total: float,
    expected: float,
) -> None:
    assert rca(country_product, country_total, world_product, world_total) == expected


@pytest.mark.parametrize(
    "arguments",
    [
        (0.0, 0.0, 600.0, 20_000.0),  # the country exports nothing
        (0.0, 500.0, 0.0, 20_000.0),  # nobody exports the product
        (0.0, 500.0, 0.0, 0.0),  # no world trade
        (None, 500.0, 600.0, 20_000.0),
        (30.0, None, 600.0, 20_000.0),
        (30.0, 500.0, None, 20_000.0),
        (30.0, 500.0, 600.0, None),
    ],
)
def test_rca_undefined(arguments: tuple[float | None, ...]) -> None:
    assert rca(*arguments) is None


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize("position", range(4))
def test_rca_rejects_negative_and_non_finite_values(bad: float, position: int) -> None:
    arguments = [30.0, 500.0, 600.0, 20_000.0]
    arguments[position] = bad
    with pytest.raises(InvalidArgumentError) as caught:
        rca(*arguments)
    assert caught.value.expected == "a finite number >= 0"
    assert isinstance(caught.value, ValueError)


def test_rca_rejects_a_part_above_its_total() -> None:
    with pytest.raises(InvalidArgumentError, match="country_product") as caught:
        rca(600.0, 500.0, 600.0, 20_000.0)
    assert caught.value.name == "country_product"
    assert caught.value.value == 600.0
    with pytest.raises(InvalidArgumentError, match="world_product"):
        rca(30.0, 500.0, 30_000.0, 20_000.0)


def test_rca_by_product_hand_example() -> None:
    # country total 100, world total 1000: 30% / 10% = 3; 70% / 90% = 0.7777...
    result = rca_by_product({"21": 30.0, "84": 70.0}, {"21": 100.0, "84": 900.0})
    assert result == {"21": 3.0, "84": pytest.approx(7 / 9, abs=1e-12)}
    assert list(result) == ["21", "84"]


def test_rca_by_product_covers_codes_of_either_side() -> None:
    # "27": exported by the world only -> 0; "99": by the country only -> undefined
    result = rca_by_product({"21": 50.0, "99": 50.0}, {"21": 100.0, "27": 100.0})
    assert result == {"21": 1.0, "27": 0.0, "99": None}


@pytest.mark.parametrize(
    ("country", "world"),
    [({}, {"21": 1.0}), ({"21": 0.0}, {"21": 1.0}), ({"21": 1.0}, {}), ({}, {})],
)
def test_rca_by_product_without_totals_is_undefined(
    country: dict[str, float], world: dict[str, float]
) -> None:
    assert all(value is None for value in rca_by_product(country, world).values())


def test_rca_by_product_names_the_bad_code() -> None:
    with pytest.raises(InvalidArgumentError, match=r"country\['84'\]"):
        rca_by_product({"84": -1.0}, {"84": 5.0})


@given(world=with_trade, weights=st.lists(st.floats(0, 1), min_size=10, max_size=10))
def test_rca_weighted_by_world_shares_sums_to_one(
    world: dict[str, float], weights: list[float]
) -> None:
    # sum_p (x_wp / X_w) * RCA_p = sum_p x_cp / X_c = 1 when the world covers the country
    country = {
        code: value * weight for (code, value), weight in zip(world.items(), weights, strict=False)
    }
    result = rca_by_product(country, world)
    world_total = math.fsum(world.values())
    if math.fsum(country.values()) == 0:
        assert all(value is None for value in result.values())
        return
    weighted = math.fsum(
        world[code] / world_total * value for code, value in result.items() if value is not None
    )
    assert weighted == pytest.approx(1.0, rel=1e-9)


@given(world=with_trade, scale=positive)
def test_rca_of_a_scaled_copy_of_the_world_is_one(world: dict[str, float], scale: float) -> None:
    country = {code: value * scale for code, value in world.items()}
    for value in rca_by_product(country, world).values():
        assert value == pytest.approx(1.0, rel=1e-9)


# --- Michaely trade complementarity --------------------------------------------------------


def test_complementarity_hand_example() -> None:
    # shares: a exports 0.5, 0.5, 0; b imports 0.2, 0.3, 0.5; sum |diff| = 1.0; 100*(1-0.5)
    result = complementarity({"28": 50.0, "29": 50.0}, {"28": 20.0, "29": 30.0, "10": 50.0})
    assert result == 50.0


def test_complementarity_second_hand_example() -> None:
    # a: 0.8, 0.2; b: 0.5, 0.5; sum |diff| = 0.6; 100 * (1 - 0.3) = 70
    assert complementarity({"84": 8.0, "87": 2.0}, {"84": 50.0, "87": 50.0}) == 70.0


def test_complementarity_of_a_with_b_differs_from_b_with_a() -> None:
    # TC_ab reads a's exports against b's imports; TC_ba b's exports against a's imports.
    a_exports, a_imports = {"84": 8.0, "87": 2.0}, {"10": 60.0, "27": 40.0}
    b_exports, b_imports = {"10": 30.0, "84": 70.0}, {"84": 50.0, "87": 50.0, "10": 100.0}
    # a to b: 0.8 vs 0.25, 0.2 vs 0.25, 0 vs 0.5 -> 100 * (1 - 1.1 / 2) = 45
    assert complementarity(a_exports, b_imports) == 45.0
    # b to a: 0.3 vs 0.6, 0.7 vs 0, 0 vs 0.4 -> 100 * (1 - 1.4 / 2) = 30
    assert complementarity(b_exports, a_imports) == 30.0


@pytest.mark.parametrize(
    ("exports", "imports"),
    [({}, {"84": 1.0}), ({"84": 1.0}, {}), ({"84": 0.0}, {"84": 1.0}), ({}, {})],
)
def test_complementarity_undefined_without_trade(
    exports: dict[str, float], imports: dict[str, float]
) -> None:
    assert complementarity(exports, imports) is None


def test_complementarity_rejects_negative_values() -> None:
    with pytest.raises(InvalidArgumentError, match=r"imports_of_b\['84'\]"):
        complementarity({"84": 1.0}, {"84": -2.0})


@given(structure=with_trade, scale_a=positive, scale_b=positive)
def test_complementarity_of_identical_structures_is_100(
    structure: dict[str, float], scale_a: float, scale_b: float
) -> None:
    exports = {code: value * scale_a for code, value in structure.items()}
    imports = {code: value * scale_b for code, value in structure.items()}
    assert complementarity(exports, imports) == pytest.approx(100.0, abs=1e-9)


@given(exports=with_trade, imports=with_trade)
def test_complementarity_of_disjoint_structures_is_0(
    exports: dict[str, float], imports: dict[str, float]
) -> None:
    imports = {f"x{code}": value for code, value in imports.items()}
    assert complementarity(exports, imports) == pytest.approx(0.0, abs=1e-9)


@given(exports=by_product, imports=by_product)
def test_complementarity_is_within_0_and_100_and_equals_the_overlap(
    exports: dict[str, float], imports: dict[str, float]
) -> None:
    result = complementarity(exports, imports)
    overlap = export_similarity(exports, imports)
    if result is None:
        assert overlap is None
        return
    assert overlap is not None
    assert -1e-9 <= result <= 100 + 1e-9
    # 1 - sum |a - b| / 2 = sum min(a, b) for two sets of shares
    assert result == pytest.approx(overlap, abs=1e-9)


# --- Finger-Kreinin export similarity ------------------------------------------------------


def test_export_similarity_hand_example() -> None:
    # shares: a 0.6, 0.4, 0; b 0.2, 0.3, 0.5; mins 0.2 + 0.3 + 0 = 0.5
    result = export_similarity({"28": 60.0, "29": 40.0}, {"28": 20.0, "29": 30.0, "10": 50.0})
    assert result == 50.0


def test_export_similarity_second_hand_example() -> None:
    # a 0.25, 0.25, 0.5; b 0.1, 0.6, 0.3; mins 0.1 + 0.25 + 0.3 = 0.65
    a = {"84": 25.0, "85": 25.0, "87": 50.0}
    b = {"84": 10.0, "85": 60.0, "87": 30.0}
    assert export_similarity(a, b) == 65.0


@pytest.mark.parametrize(("a", "b"), [({}, {"84": 1.0}), ({"84": 1.0}, {"84": 0.0}), ({}, {})])
def test_export_similarity_undefined_without_exports(
    a: dict[str, float], b: dict[str, float]
) -> None:
    assert export_similarity(a, b) is None


def test_export_similarity_rejects_nan() -> None:
    with pytest.raises(InvalidArgumentError):
        export_similarity({"84": math.nan}, {"84": 1.0})


@given(a=by_product, b=by_product)
def test_export_similarity_is_symmetric_and_within_0_and_100(
    a: dict[str, float], b: dict[str, float]
) -> None:
    result = export_similarity(a, b)
    assert result == export_similarity(b, a)
    if result is not None:
        assert 0.0 <= result <= 100 + 1e-9


@given(structure=with_trade, scale=positive)
def test_export_similarity_of_identical_structures_is_100(
    structure: dict[str, float], scale: float
) -> None:
    scaled = {code: value * scale for code, value in structure.items()}
    assert export_similarity(structure, scaled) == pytest.approx(100.0, abs=1e-9)


@given(a=with_trade, b=with_trade)
def test_export_similarity_of_disjoint_structures_is_0(
    a: dict[str, float], b: dict[str, float]
) -> None:
    assert export_similarity(a, {f"x{code}": value for code, value in b.items()}) == 0.0


# --- trade intensity -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ((10.0, 100.0, 500.0, 10_000.0), 2.0),  # 10% of exports, 5% of world imports
        ((5.0, 100.0, 500.0, 10_000.0), 1.0),  # exactly the partner's weight
        ((1.0, 100.0, 1_000.0, 10_000.0), 0.1),  # 1% against 10%
        ((0.0, 100.0, 500.0, 10_000.0), 0.0),  # no exports to the partner
    ],
)
def test_trade_intensity_hand_examples(arguments: tuple[float, ...], expected: float) -> None:
    assert trade_intensity(*arguments) == expected


def test_trade_intensity_excluding_the_reporters_imports() -> None:
    # 10% / (500 / (10000 - 1000)) = 0.1 / 0.0555... = 1.8
    assert trade_intensity(10.0, 100.0, 500.0, 10_000.0, reporter_imports=1_000.0) == 1.8
    assert trade_intensity(10.0, 100.0, 500.0, 10_000.0, reporter_imports=0.0) == 2.0


@pytest.mark.parametrize(
    "arguments",
    [
        (0.0, 0.0, 500.0, 10_000.0),  # the reporter exports nothing
        (0.0, 100.0, 0.0, 10_000.0),  # the partner imports nothing
        (0.0, 100.0, 0.0, 0.0),  # no world trade
        (None, 100.0, 500.0, 10_000.0),
        (10.0, None, 500.0, 10_000.0),
        (10.0, 100.0, None, 10_000.0),
        (10.0, 100.0, 500.0, None),
    ],
)
def test_trade_intensity_undefined(arguments: tuple[float | None, ...]) -> None:
    assert trade_intensity(*arguments) is None


@pytest.mark.parametrize(
    ("arguments", "reporter_imports", "name"),
    [
        ((200.0, 100.0, 500.0, 10_000.0), None, "exports_to_partner"),
        ((10.0, 100.0, 20_000.0, 10_000.0), None, "partner_imports"),
        ((10.0, 100.0, 500.0, 10_000.0), 20_000.0, "reporter_imports"),
        ((10.0, 100.0, 500.0, 10_000.0), 9_800.0, "partner_imports"),
        ((10.0, 100.0, -500.0, 10_000.0), None, "partner_imports"),
        ((10.0, 100.0, 500.0, 10_000.0), -1.0, "reporter_imports"),
    ],
)
def test_trade_intensity_rejects_inconsistent_values(
    arguments: tuple[float, ...], reporter_imports: float | None, name: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        trade_intensity(*arguments, reporter_imports=reporter_imports)
    assert caught.value.name == name


@given(
    share_of_exports=st.floats(0, 1),
    total=positive,
    partner_share=st.floats(1e-6, 1),
    world=positive,
)
def test_trade_intensity_is_the_ratio_of_shares(
    share_of_exports: float, total: float, partner_share: float, world: float
) -> None:
    result = trade_intensity(share_of_exports * total, total, partner_share * world, world)
    assert result is not None
    assert result >= 0.0
    assert result == pytest.approx(share_of_exports / partner_share, rel=1e-9, abs=1e-9)


# --- market share --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exports", "imports", "expected"),
    [(18.0, 450.0, 0.04), (0.0, 450.0, 0.0), (450.0, 450.0, 1.0), (18.0e9, 450.0e9, 0.04)],
)
def test_market_share_hand_examples(exports: float, imports: float, expected: float) -> None:
    assert market_share(exports, imports) == expected


@pytest.mark.parametrize(("exports", "imports"), [(0.0, 0.0), (None, 450.0), (18.0, None)])
def test_market_share_undefined(exports: float | None, imports: float | None) -> None:
    assert market_share(exports, imports) is None


def test_market_share_rejects_a_part_above_the_whole_and_negatives() -> None:
    with pytest.raises(InvalidArgumentError, match="at most partner_total_imports"):
        market_share(500.0, 450.0)
    with pytest.raises(InvalidArgumentError):
        market_share(-1.0, 450.0)


@given(whole=positive, fraction=st.floats(0, 1))
def test_market_share_is_a_fraction(whole: float, fraction: float) -> None:
    result = market_share(whole * fraction, whole)
    assert result is not None
    assert 0.0 <= result <= 1.0
    assert result == pytest.approx(fraction, abs=1e-9)


@given(value=amounts)
def test_results_are_never_nan(value: float) -> None:
    for result in (
        rca(0.0, value, value, value),
        trade_intensity(0.0, value, value, value),
        market_share(0.0, value),
    ):
        assert result is None or math.isfinite(result)
