"""Group sums carry their coverage: months per member, never shown as whole when they are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral.query.coverage import coverage_label, year_rows
from bilateral.query.profile import build_profile
from bilateral.reference import get
from store.comext_files import row, write_full_v2

months = st.frozensets(st.integers(min_value=1, max_value=12), min_size=1)
members = st.dictionaries(st.sampled_from(["ITA", "BEL", "DEU", "FRA", "NLD"]), months, min_size=1)


def month_rows(held: dict[str, frozenset[int]]) -> list[dict[str, Any]]:
    return [
        {"source": "comext", "side": "first", "flow": "export", "year": 2024, "month": month,
         "reporter": member, "value": float(month), "confidential_value": 0.0,
         "currency": "EUR", "vintage": "v", "synthetic": False, "reconciled": False,
         "product_level": "CN8", "unconverted": 0}
        for member, months_held in held.items()
        for month in sorted(months_held)
    ]  # fmt: skip


@given(members)
def test_a_group_sum_never_mixes_coverage_silently(held: dict[str, frozenset[int]]) -> None:
    (row,) = year_rows(month_rows(held))
    figure = row["figure"]
    assert {m: set(v or ()) for m, v in figure.coverage.items()} == {
        m: set(v) for m, v in held.items()
    }
    assert row["value"] == pytest.approx(sum(sum(v) for v in held.values()))
    label = coverage_label([figure])
    counts = {len(v) for v in held.values()}
    if label == "12 months":
        assert counts == {12}
    if len(counts) > 1:
        assert label == f"{min(counts)}-{max(counts)} months"
    assert figure.complete == (counts == {12})


def test_members_with_december_and_one_without_are_not_twelve_months() -> None:
    held = {"ITA": frozenset(range(1, 13)), "BEL": frozenset(range(1, 12))}
    (row,) = year_rows(month_rows(held))
    assert row["months"] == 11  # together they hold every month, but not each member
    assert coverage_label([row["figure"]]) == "11-12 months"
    assert not row["figure"].complete


@st.composite
def two_years(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Month rows of Italy's exports in 2023 and 2024, each year with its own months held."""
    rows = []
    for year in (2023, 2024):
        held = draw(st.frozensets(st.integers(min_value=1, max_value=12), max_size=12))
        for month in sorted(held):
            value = draw(st.floats(min_value=1.0, max_value=1e9))
            rows.extend(
                {**line, "year": year, "value": value}
                for line in month_rows({"ITA": frozenset({month})})
            )
    return rows


@given(two_years())
def test_no_profile_growth_is_computed_across_unequal_coverage(rows: list[dict[str, Any]]) -> None:
    result = build_profile(year_rows(rows), get("ITA"), get("BEL"), [2024])
    held = {
        year: {r["month"]: r["value"] for r in rows if r["year"] == year} for year in (2023, 2024)
    }
    if not result.rows:
        assert not held[2024]
        return
    (row,) = result.rows
    comparison = row.exports_comparison
    if row.exports_growth is None:
        assert comparison.withheld is not None
        return
    compared = set(comparison.months)
    assert compared <= set(held[2023]) and compared <= set(held[2024])
    if comparison.basis == "full_year":
        assert set(held[2023]) == set(held[2024]) == set(range(1, 13))
    else:
        assert compared == set(held[2023]) & set(held[2024])
    now = sum(v for m, v in held[2024].items() if m in compared)
    before = sum(v for m, v in held[2023].items() if m in compared)
    assert row.exports_growth == pytest.approx(now / before - 1)


def test_a_mirror_of_members_with_different_months_is_not_twelve_months(tmp_path: Path) -> None:
    rows = [
        *(row("IT", "US", "export", 2024, 10, month=m) for m in range(1, 13)),
        *(row("BE", "US", "export", 2024, 10, month=m) for m in range(1, 12)),
    ]
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "full_v2_2024.dat", rows))
    (line,) = [r for r in store.mirror("EU27_2020", "US", 2024).rows if r.exporter == "EU27_2020"]
    assert line.exports_reported == 230
    assert line.months_exporter == 11  # together 12 months, but Belgium holds 11
    assert line.exporter_complete is False  # 2 of 27 members


def test_a_mirror_gap_compares_the_months_both_sides_hold(tmp_path: Path) -> None:
    rows = [
        *(row("IT", "BE", "export", 2024, 100, month=m) for m in range(1, 13)),
        *(row("BE", "IT", "import", 2024, 105, month=m) for m in range(1, 12)),
    ]
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "full_v2_2024.dat", rows))
    (line,) = [r for r in store.mirror("IT", "BE", 2024).rows if r.direction == "ITA->BEL"]
    assert (line.exports_reported, line.imports_reported) == (1200, 1155)
    # Jan-Nov on both sides: 1155 - 1100, not 1155 - 1200.
    assert line.gap == pytest.approx(55)
    assert line.gap_share == pytest.approx(55 / 1100)
    assert line.gap_comparison.months == tuple(range(1, 12))
    assert line.within_band is True
