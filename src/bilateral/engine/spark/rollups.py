"""The store's rollups computed by Spark: the very SQL of `store.rollups`, in Spark's dialect.

The single-machine ingest and `store check` run `store.rollups`' DuckDB SQL (the ingest its
polars twin); here the same statements are translated by sqlglot and run on the flows of a
distributed ingest, so the definitions cannot drift apart. The rollups are written as Parquet
parts, partitioned as their tables are.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

import sqlglot
from pyspark.sql import DataFrame, SparkSession

from bilateral.errors import StoreError
from bilateral.store.layout import TableName
from bilateral.store.part_sql import canonical_select_sql
from bilateral.store.parts import Part, list_parts
from bilateral.store.rollup_parts import ROLLUP_TABLES
from bilateral.store.rollups import (
    detail_sql,
    flag_codes_sql,
    flagged_sql,
    links_sql,
    products_sql,
    totals_sql,
)
from bilateral.store.tables import PARTITIONS

FLOWS_VIEW: Final = "ingest_flows"
# The order of a table's rows inside each part: a pair's rows together, for pair queries.
CLUSTER: Final[dict[TableName, tuple[str, ...]]] = {
    "flows": ("reporter", "partner", "product"),
    "rollup_totals": ("reporter", "partner", "year"),
    "rollup_products": ("reporter", "partner", "year"),
    "product_links": ("year", "product"),
}


@functools.cache
def spark_sql(duckdb_sql: str) -> str:
    """Return `duckdb_sql` (the store's own statements) in Spark SQL."""
    [translated] = sqlglot.transpile(duckdb_sql, read="duckdb", write="spark")
    return translated


def rollup_frames(
    session: SparkSession, flows: DataFrame
) -> tuple[dict[TableName, DataFrame], DataFrame]:
    """Return each rollup of `flows` as a DataFrame in its table's columns and types, and the
    cached grouping they are summed from (to unpersist once they are written)."""
    flows.createOrReplaceTempView(FLOWS_VIEW)
    detail = session.sql(spark_sql(detail_sql(FLOWS_VIEW))).persist()
    detail.createOrReplaceTempView("rollup_detail")
    codes = session.sql(spark_sql(flag_codes_sql("rollup_detail"))).collect()
    unknown = [row["flags"] for row in codes if row["unknown"]]
    if unknown:
        raise StoreError(f"rows carry flags the store does not know: {unknown[0]!r}")
    session.createDataFrame(
        [(row["flags"], row["flag_bits"]) for row in codes], "flags string, flag_bits int"
    ).createOrReplaceTempView("flag_codes")
    session.sql(spark_sql(flagged_sql("rollup_detail", "flag_codes"))).createOrReplaceTempView(
        "rollup_flagged"
    )
    queries: dict[TableName, str] = {
        "rollup_totals": totals_sql("rollup_flagged"),
        "rollup_products": products_sql("rollup_flagged"),
        "product_links": links_sql(FLOWS_VIEW),
    }
    frames = {
        name: session.sql(spark_sql(canonical_select_sql(name, sql)))
        for name, sql in queries.items()
    }
    return frames, detail


def write_parts(
    frame: DataFrame, name: TableName, target: Path, *, spread: bool = False
) -> list[Part]:
    """Write `frame` as parts of table `name` under `target`; return them.

    Rows are kept in cluster order inside each part. `spread` first gathers each partition's
    (and year's) rows, for rows that no grouping has gathered (the flows).
    """
    partitions = PARTITIONS[name]
    if spread:
        frame = frame.repartition(*partitions)
    (
        frame.sortWithinPartitions(*partitions, *CLUSTER[name])
        .write.partitionBy(*partitions)
        .option("compression", "zstd")
        .parquet(str(target))
    )
    return list_parts(target)


def write_rollups(
    session: SparkSession, flows: DataFrame, folder: Path
) -> dict[TableName, list[Part]]:
    """Compute the rollups of `flows` and write them as parts under `folder/<table>`."""
    frames, detail = rollup_frames(session, flows)
    try:
        return {name: write_parts(frames[name], name, folder / name) for name in ROLLUP_TABLES}
    finally:
        detail.unpersist()
