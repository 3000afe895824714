"""Spark aggregates the pair queries by hash: no aggregate sorts the rows it sums (a string's
least or greatest, or a distinct count, would make Spark sort every group's rows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pytest

from bilateral.api import Store
from bilateral.engine.spark import SparkEngine

QUERIES: dict[str, Callable[[Store], object]] = {
    "profile": lambda store: store.profile("IT", "BE", years=[2020, 2021]),
    "profile of a group": lambda store: store.profile("EU", "BE", years=[2021]),
    "mirror": lambda store: store.mirror("IT", "BE", years=[2021]),
    "sectors": lambda store: store.sectors("EU", "BE", 2021),
    "partners": lambda store: store.partners("IT", year=2021, partner="BE"),
    "products": lambda store: store.products("IT", "BE", year=2021, depth=4, compare_year=2019),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_spark_sums_the_pair_queries_without_sorting(
    name: str, stores: dict[tuple[str, str], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    statements: list[tuple[SparkEngine, str]] = []
    run = SparkEngine.execute_sql

    def recorded(engine: SparkEngine, sql: str) -> pa.Table:
        statements.append((engine, sql))
        return run(engine, sql)

    monkeypatch.setattr(SparkEngine, "execute_sql", recorded)
    QUERIES[name](stores["demo", "spark"])
    assert statements
    for engine, sql in statements:
        plan: Any = engine.session.sql(sql)._jdf.queryExecution().executedPlan()
        shown = plan.toString()
        assert "HashAggregate" in shown  # the plan was read: it sums by hash
        assert "SortAggregate" not in shown, shown


def test_spark_ranks_a_pairs_products_after_one_shuffle_and_two_sorts(
    stores: dict[tuple[str, str], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pair's rows are shuffled once, by view; the members' window is sorted by the
    # level's keys, so the level's window needs no sort of its own; the codes' ranking sorts.
    statements: list[tuple[SparkEngine, str]] = []
    run = SparkEngine.execute_sql

    def recorded(engine: SparkEngine, sql: str) -> pa.Table:
        statements.append((engine, sql))
        return run(engine, sql)

    monkeypatch.setattr(SparkEngine, "execute_sql", recorded)
    result = stores["demo", "spark"].products("IT", "BE", year=2021, depth=4)
    assert result.rows
    (engine, sql), *_ = [(e, s) for e, s in statements if "`flows`" in s]
    shown = engine.session.sql(sql)._jdf.queryExecution().executedPlan().toString()
    lines = shown.splitlines()
    assert sum("Exchange " in line for line in lines) == 1, shown
    assert sum(" Sort [" in line for line in lines) == 2, shown
    assert sum("Scan " in line for line in lines) == 1, shown
