"""Properties of the bases: no product growth or rank change across unequal coverage, and every
growth a table prints has its basis in the same command's JSON output."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.query.partners import build_partners
from bilateral.query.product_titles import ProductTitles
from bilateral.query.products import build_products
from bilateral.reference import get

MONTHS = st.frozensets(st.integers(1, 12), min_size=1, max_size=12)
CODES = ("391910", "392010", "481141")


def product_rows(
    year: int, values: dict[str, dict[int, float]], before: dict[str, dict[int, float]]
) -> list[dict[str, Any]]:
    """Return the rows `ranked_products_sql` gives for Italy's codes with these month values
    in `year` and the year before: each code a line of its own, ranked by value."""
    view = {"source": "comext_sdmx", "side": "first"}
    ranked = sorted(values, key=lambda code: -sum(values[code].values()))
    lines = [
        {**view, "kind": "line", "year": year, "key": code, "rank": ranked.index(code) + 1,
         "value": sum(values[code].values()), "before": sum(before[code].values()),
         "codes": 1, "codes_before": 1, "scheme": f"CN{year}", "currency": "EUR",
         "vintage": "v", "file_dated": False, "confidential": 0.0, "reporters": 1}
        for code in values
    ]  # fmt: skip
    held = [
        {**view, "kind": "held", "year": when, "key": code, "member": "ITA", "month": month,
         "value": value, "synthetic": False, "unconverted": 0}
        for when, by_code in ((year, values), (year - 1, before))
        for code, months in by_code.items()
        for month, value in months.items()
    ]  # fmt: skip
    return lines + held


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MONTHS, MONTHS, st.floats(1.0, 1e6), st.floats(1.0, 1e6))
def test_no_product_growth_across_unequal_coverage(
    now_held: frozenset[int], before_held: frozenset[int], now_value: float, before_value: float
) -> None:
    rows = product_rows(
        2025,
        {code: {m: now_value * (i + 1) for m in now_held} for i, code in enumerate(CODES)},
        {code: {m: before_value for m in before_held} for code in CODES},
    )
    result = build_products(rows, get("ITA"), get("WORLD"), 2025, 6, "export", ProductTitles(None))
    common = now_held & before_held
    for row in result.rows:
        if now_held == before_held:
            assert row.growth is not None
            assert row.comparison.months == (
                tuple(sorted(common)) if len(common) < 12 else tuple(range(1, 13))
            )
        elif not common:
            assert row.growth is None and row.comparison.withheld == "no_common_months"
        else:
            assert row.comparison.months == tuple(sorted(common))
            factor = CODES.index(row.code) + 1
            assert row.growth == pytest.approx(now_value * factor / before_value - 1)


def partner_rows(year: int, values: dict[str, float], held: frozenset[int]) -> list[dict[str, Any]]:
    return [
        {"source": "comext", "line": "partner", "code": code, "year": year, "value": value,
         "published": False, "currency": "EUR", "vintage": "v", "synthetic": False,
         "month": month, "members": ["ITA"]}
        for code, value in values.items()
        for month in sorted(held)
    ]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    MONTHS,
    MONTHS,
    st.dictionaries(st.sampled_from(("DEU", "FRA", "BEL", "ESP")), st.floats(1.0, 1e6), min_size=2),
    st.dictionaries(st.sampled_from(("DEU", "FRA", "BEL", "ESP")), st.floats(1.0, 1e6), min_size=2),
)
def test_rank_changes_never_compare_unequal_coverage(
    now_held: frozenset[int],
    before_held: frozenset[int],
    now: dict[str, float],
    before: dict[str, float],
) -> None:
    rows = [*partner_rows(2025, now, now_held), *partner_rows(2024, before, before_held)]
    result = build_partners(rows, get("ITA"), 2025, "export")
    ranked = [row for row in result.rows if row.line == "partner"]
    common = now_held & before_held
    for row in ranked:
        if not common:
            assert row.rank_change is None
            assert row.rank_comparison.withheld == "no_common_months"
            continue
        if row.code not in before:
            assert row.rank_change is None
            continue
        # Ranks over the common months: each month holds the same value, so the order of the
        # values decides, whatever the months.
        order_now = sorted(now, key=lambda c: (-now[c], c))
        order_before = sorted(before, key=lambda c: (-before[c], c))
        assert row.rank_change == order_before.index(row.code) - order_now.index(row.code)


HEADER = "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(MONTHS, MONTHS)
def test_every_printed_growth_has_its_basis_in_the_json(
    tmp_path_factory: pytest.TempPathFactory, now_held: frozenset[int], before_held: frozenset[int]
) -> None:
    folder = tmp_path_factory.mktemp("printed")
    lines = [
        f"ESTAT:DS-045409(1.0),13/02/26 11:00:00,M,IT,WORLD,{code},2,VALUE_IN_EUROS,"
        f"{year}-{month:02d},{value}"
        for year, held, value in ((2025, now_held, 30.0), (2024, before_held, 20.0))
        for month in sorted(held)
        for code, value in (("39201089", value), ("35069190", value / 2))
    ]
    path = folder / "DS-045409_written.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    store = str(folder / "store")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--store", store]).exit_code == 0
    for command in (
        ["products", "IT", "WORLD", "--year", "2025"],
        ["sectors", "IT", "WORLD", "--year", "2025", "--scheme", "hs4"],
        ["profile", "IT", "WORLD", "--years", "2025"],
    ):
        table = runner.invoke(app, [*command, "--store", store])
        document = runner.invoke(app, [*command, "--store", store, "--format", "json"])
        assert table.exit_code == 0 and document.exit_code == 0, table.output
        rows = json.loads(document.output)["rows"]
        comparisons = [
            value
            for row in rows
            for key, value in row.items()
            if key.endswith("comparison") and value
        ]
        growths = [value for row in rows for key, value in row.items() if key.endswith("growth")]
        assert len(comparisons) >= len([g for g in growths if g is not None])
        for comparison in comparisons:
            assert (comparison["basis"] is None) == (comparison["withheld"] is not None)
        if any(c["basis"] == "common_months" for c in comparisons):
            assert "against" in table.output  # the table says over which months
        if any(c["withheld"] for c in comparisons if c["withheld"] != "no_base"):
            assert "not computed" in table.output
