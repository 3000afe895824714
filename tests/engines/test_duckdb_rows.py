"""The DuckDB engine's rows fetched as Python values are the rows its Arrow result gives:
for every type a query returns, and for the statements of the queries on the demo store and on
a store of every real file in ../shared/data, run once and again (then prepared).

A sum of doubles on two threads adds in the order the threads finish, so a figure converted to
another currency may differ between two runs in its last bits: floats are compared to 1e-12."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pytest

import bilateral
from bilateral.engine.duckdb import DuckDBEngine
from bilateral.engine.duckdb.plans import PreparedPlans

from .test_same_figures import differences, plain

EVERY_TYPE = """
SELECT sum(x)::HUGEINT AS hugeint, NULL::HUGEINT AS no_hugeint, 3::UHUGEINT AS uhugeint,
    1.5::DECIMAL(10, 2) AS decimal, 12345678901234567890.5::DECIMAL(38, 1) AS wide_decimal,
    'a' AS text, NULL::VARCHAR AS no_text, 1::TINYINT AS tiny, 1::BIGINT AS big,
    1::UINTEGER AS unsigned, 1.5::REAL AS real, 'nan'::DOUBLE AS nan, true AS flag,
    DATE '2024-01-02' AS day, TIMESTAMP '2024-01-01 10:00' AS moment,
    TIMESTAMPTZ '2024-01-01 10:00+01' AS zoned, [1, 2] AS list, {'a': 1, 'b': 'c'} AS struct,
    [{'x': 1, 'y': 'z'}] AS structs, MAP {'k': 1} AS map, INTERVAL 1 DAY AS interval,
    'ab'::BLOB AS bytes
FROM (SELECT 1 AS x)
"""


def test_rows_of_every_type_are_the_values_arrow_gives() -> None:
    plans = PreparedPlans(duckdb.connect())
    plans.connection.execute("SET TimeZone = 'UTC'")
    for sql in (
        EVERY_TYPE,
        EVERY_TYPE.replace("MAP {'k': 1} AS map, INTERVAL 1 DAY AS interval,", ""),
    ):
        for _ in range(3):  # run as it is, prepared, then run prepared
            rows = plans.rows(sql)
            assert repr(rows) == repr(plans.run(sql).to_pylist())
    assert len(plans.prepared) == 2
    assert plans.rows("SELECT 1 AS one WHERE false") == []


def in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return `rows` in an order that last-bit differences of their floats do not change."""
    return sorted(
        rows,
        key=lambda row: repr([f"{v:.9g}" if isinstance(v, float) else v for v in row.values()]),
    )


class ComparingEngine(DuckDBEngine):
    """The DuckDB engine, checking each statement's rows against its Arrow result."""

    compared: ClassVar[list[str]] = []

    def execute_rows(self, sql: str) -> list[dict[str, Any]]:
        rows = super().execute_rows(sql)
        arrow = self.execute_sql(sql).to_pylist()
        assert differences(in_order(arrow), in_order(rows), rel_tol=1e-12) == [], sql[:300]
        self.compared.append(sql)
        return rows


CALLS: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    ("demo", "products", ("IT", "BE", 2021), {"depth": 6}),
    ("demo", "products", ("IT", "EU27_2020", 2021), {"depth": 4, "compare_year": 2019}),
    ("demo", "profile", ("IT", "BE"), {}),
    ("demo", "partners", ("IT", 2021), {}),
    ("demo", "series", ("IT", "BE"), {}),
    ("real", "products", ("IT", "WORLD", 2024), {"depth": 8}),
    ("real", "products", ("ZAF", "ITA", 2021), {"depth": 6}),
    ("real", "products", ("IT", "WORLD", 2024), {"depth": 4, "currency": "USD"}),
    ("real", "profile", ("CHN", "DEU", 2022), {}),
    ("real", "sectors", ("DE", "FR", 2019), {}),
    ("real", "partners", ("CHN", 2022), {}),
    ("real", "mirror", ("IT", "BE", 2020), {}),
    ("real", "series", ("IT", "WORLD"), {"frequency": "M"}),
]


@pytest.mark.parametrize(("store", "method", "args", "kwargs"), CALLS)
def test_query_rows_are_the_rows_of_arrow(
    demo_root: Path,
    real_root: Path,
    store: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    root = demo_root if store == "demo" else real_root
    first = getattr(bilateral.open(root), method)(*args, **kwargs)
    compared = bilateral.open(root, engine=ComparingEngine)
    ComparingEngine.compared.clear()
    for _ in range(2):  # planned, then prepared
        again = getattr(compared, method)(*args, **kwargs)
        assert differences(plain(first), plain(again), rel_tol=1e-12) == []
    assert len(ComparingEngine.compared) >= 2
