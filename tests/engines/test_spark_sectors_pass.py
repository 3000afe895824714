"""On Spark, CPA sectors read the products rollup once and shuffle once: the views with 6- or
8-digit product detail come from its chapter rows. Those views are checked against the totals
rollup's rows, read with pyarrow and sorted into views in plain Python."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bilateral.api import Store
from bilateral.engine.spark import SparkEngine
from bilateral.query.sectors import CPA_PARTS
from bilateral.query.selection import selection
from bilateral.query.stacked import split_parts

# (store, first, second, year): the pairs with product detail in ../shared/data (Comext CN8,
# BACI HS6 reconciled) and in the demo store, with a group
CASES = [
    ("demo", "IT", "BE", 2021),
    ("demo", "EU", "BE", 2021),
    ("real", "ZAF", "ITA", 2021),
    ("real", "AT", "AD", 2024),
]
DETAIL_LEVELS = ("CN8", "HS6")


def recorded_statements(
    store: Store, monkeypatch: pytest.MonkeyPatch, first: str, second: str, year: int
) -> list[tuple[SparkEngine, str, pa.Table]]:
    """Return each statement the CPA sectors query runs on Spark, with its rows."""
    seen: list[tuple[SparkEngine, str, pa.Table]] = []
    run = SparkEngine.execute_sql

    def recorded(engine: SparkEngine, sql: str) -> pa.Table:
        rows = run(engine, sql)
        seen.append((engine, sql, rows))
        return rows

    monkeypatch.setattr(SparkEngine, "execute_sql", recorded)
    store.sectors(first, second, year, scheme="cpa")
    monkeypatch.undo()
    return seen


def views_with_detail(store: Store, first: str, second: str, years: set[int]) -> set[tuple]:
    """Return the pair's views (source, side, flow, year) whose totals rollup rows are at the
    CN8 or HS6 level, a BACI reconciled export counted as the partner's import too."""
    codes = [selection(store.resolve(name)).codes() or () for name in (first, second)]
    views: set[tuple[Any, ...]] = set()
    for file in store.snapshot_files("rollup_totals"):
        source = file.split("source=")[1].split("/")[0]
        for row in pq.read_table(file).to_pylist():
            if row["product_level"] not in DETAIL_LEVELS or row["year"] not in years:
                continue
            declared = [(row["reporter"], row["partner"], row["flow"])]
            if (
                source == "baci"
                and row["flow"] == "export"
                and "reconciled" in (row["flags"] or "")
            ):
                declared.append((row["partner"], row["reporter"], "import"))
            for reporter, partner, flow in declared:
                for side, (own, other) in (("first", codes), ("second", codes[::-1])):
                    if reporter in own and partner in other:
                        views.add((source, side, flow, row["year"]))
    return views


@pytest.mark.parametrize(("name", "first", "second", "year"), CASES)
def test_spark_cpa_sectors_read_one_table_and_shuffle_once(
    stores: dict[tuple[str, str], Store],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    first: str,
    second: str,
    year: int,
) -> None:
    store = stores[name, "spark"]
    engine, sql, rows = recorded_statements(store, monkeypatch, first, second, year)[0]
    plan = engine.session.sql(sql)._jdf.queryExecution().executedPlan().toString()
    assert plan.count("FileScan") == 1, plan
    assert "rollup_products" in plan and "rollup_totals" not in plan, plan
    assert plan.count("Exchange") == 1, plan
    _, held = split_parts(rows.to_pylist(), CPA_PARTS)
    got = {(r["source"], r["side"], r["flow"], int(r["year"])) for r in held}
    expected = views_with_detail(store, first, second, {year - 1, year})
    assert expected  # the pair has product detail in the store
    assert got == expected
