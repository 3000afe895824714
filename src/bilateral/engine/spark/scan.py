"""Reading a store table's Parquet files into a Spark DataFrame with the table's columns.

The files are those of the Delta snapshot (the list DuckDB reads), so no Delta library is needed
on the cluster. Partition values are read from the folder names under the table's folder;
columns a file lacks (written before the column was added) read as nulls.
"""

from __future__ import annotations

from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

from bilateral.store.layout import TableName, table_path
from bilateral.store.tables import PARTITIONS, SCHEMAS


def table_frame(
    session: SparkSession, name: TableName, files: list[str], root: Path | None
) -> DataFrame:
    """Return the DataFrame of one table's files, in the table's canonical columns and types."""
    schema = from_arrow_schema(SCHEMAS[name])
    if not files:
        return session.createDataFrame([], schema)
    base = (
        table_path(root, name)
        if root is not None
        else Path(files[0]).parents[len(PARTITIONS[name])]
    )
    reader = session.read.schema(schema).option("basePath", str(base))
    return reader.parquet(*files).select(*SCHEMAS[name].names)
