"""The DuckDB engine's prepared statements and its products rollup copied on use give the
same rows as a statement planned afresh, and a replaced table is never read through an old
plan."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from bilateral.engine.duckdb import DuckDBEngine
from bilateral.engine.duckdb.plans import PreparedPlans
from bilateral.engine.duckdb.scan import COPY_AFTER_READS, register_sql
from bilateral.store import LiveTables

CHAPTERS = """
SELECT reporter, partner, flow, year, code, sum(value) AS value
FROM rollup_products WHERE classification = 'HS2'
GROUP BY ALL ORDER BY ALL
"""


def test_a_statement_run_again_is_prepared_and_gives_the_same_rows() -> None:
    connection = duckdb.connect()
    plans = PreparedPlans(connection, limit=1)
    connection.register("numbers", pa.table({"n": [1, 2, 3]}))
    total = "SELECT sum(n) AS total FROM numbers"
    other = "SELECT count(*) AS total FROM numbers"
    assert [plans.run(total).to_pylist() for _ in range(3)] == [[{"total": 6}]] * 3
    assert list(plans.prepared) != []
    assert plans.run(other).to_pylist() == plans.run(other).to_pylist() == [{"total": 3}]
    assert len(plans.prepared) == 1  # the least recently used plan was dropped
    assert plans.run(total).to_pylist() == [{"total": 6}]


def test_a_replaced_table_is_read_anew(demo_root: Path) -> None:
    engine = DuckDBEngine(LiveTables(demo_root).current())
    sql = "SELECT sum(per_eur) AS total FROM rates"
    engine.register("rates", pa.table({"per_eur": [1.0, 2.0]}))
    assert [engine.execute_sql(sql).to_pylist() for _ in range(3)] == [[{"total": 3.0}]] * 3
    engine.register("rates", pa.table({"per_eur": [5.0]}))
    assert engine.execute_sql(sql).to_pylist() == [{"total": 5.0}]
    engine.close()


def test_the_products_rollup_copied_into_memory_gives_the_rows_read_in_place(
    demo_root: Path,
) -> None:
    snapshot = LiveTables(demo_root).current()
    engine = DuckDBEngine(snapshot)
    in_place = engine.execute_sql(CHAPTERS).to_pylist()
    assert in_place  # the demo store holds chapters
    for _ in range(COPY_AFTER_READS):
        assert engine.execute_sql(CHAPTERS).to_pylist() == in_place
    kinds = dict(
        engine.connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables"
        ).fetchall()
    )
    assert kinds["rollup_products"] == "BASE TABLE"  # copied
    assert kinds["flows"] == "VIEW"  # read in place
    fresh = duckdb.connect()
    fresh.execute(register_sql("rollup_products", snapshot.files["rollup_products"]))
    assert fresh.sql(CHAPTERS).to_arrow_table().to_pylist() == in_place
    engine.close()


def test_the_store_files_are_read_without_io_threads_or_prefetch(demo_root: Path) -> None:
    engine = DuckDBEngine(LiveTables(demo_root).current())
    settings = dict(
        engine.connection.execute(
            "SELECT name, value FROM duckdb_settings() "
            "WHERE name IN ('async_threads', 'disable_parquet_prefetching', 'threads')"
        ).fetchall()
    )
    assert settings == {
        "async_threads": "0",
        "disable_parquet_prefetching": "true",
        "threads": "2",
    }
    # the flows read so still give every row of the snapshot's files
    files = engine.snapshot.files["flows"]
    scan = f"read_parquet({files!r}, hive_partitioning = true)"
    rows, value = (
        duckdb.connect().execute(f"SELECT count(*), sum(value) FROM {scan}").fetchone() or ()
    )
    [read] = engine.execute_rows("SELECT count(*) AS n, sum(value) AS v FROM flows")
    assert rows > 0
    assert read == {"n": rows, "v": pytest.approx(value, rel=1e-12)}
    engine.close()
