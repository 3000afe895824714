"""Apache Spark through ibis's PySpark backend: the snapshot's Parquet files as temporary views."""

from __future__ import annotations

import weakref
from typing import Any, Final

import ibis
import pyarrow as pa
from ibis.backends.pyspark import Backend as IbisPySpark
from py4j.protocol import Py4JError
from pyspark.errors import PySparkException
from pyspark.sql import DataFrame, SparkSession

from bilateral.engine.spark.plans import AnalysedPlans
from bilateral.engine.spark.scan import table_frame
from bilateral.engine.spark.session import child_session, spark_session
from bilateral.store import Snapshot

ERRORS: Final = (PySparkException, Py4JError, OSError, pa.ArrowException)
# The engine whose views a shared (Spark Connect) session holds now.
_HOLDERS: weakref.WeakKeyDictionary[SparkSession, SparkEngine] = weakref.WeakKeyDictionary()


class SparkEngine:
    """An ibis PySpark connection on a session of its own, one view per store table (an
    `Engine`). `session`: the Spark session to run on (None: see `spark_session`)."""

    dialect = "pyspark"

    def __init__(self, snapshot: Snapshot, session: SparkSession | None = None) -> None:
        self.snapshot = snapshot
        self.session = child_session(session or spark_session())
        self.connection: IbisPySpark = ibis.pyspark.connect(self.session)
        self.frames: dict[str, DataFrame] = {}
        self.plans = AnalysedPlans(self.session)
        try:
            for name, files in snapshot.files.items():
                self.frames[name] = table_frame(self.session, name, files, snapshot.root)
        except ERRORS as error:
            raise snapshot.damaged_file(error) or error from None
        self._hold()

    def _hold(self) -> None:
        """Make this engine's views the session's (they may have been another engine's)."""
        if _HOLDERS.get(self.session) is not self:
            for name, frame in self.frames.items():
                frame.createOrReplaceTempView(name)
            _HOLDERS[self.session] = self
            self.plans.clear()  # plans kept before may have resolved another engine's views

    def register(self, name: str, table: pa.Table) -> None:
        """Make `table` readable by queries under `name` (replacing any earlier one)."""
        self.frames[name] = self.session.createDataFrame(table)
        self.frames[name].createOrReplaceTempView(name)
        self.plans.clear()  # a plan kept before may read the view it replaces

    def execute(self, expression: ibis.Table) -> pa.Table:
        """Run an expression and return its result as Arrow."""
        return self.execute_sql(str(self.connection.compile(expression)))

    def execute_sql(self, sql: str) -> pa.Table:
        """Run Spark SQL and return its result as Arrow (with the usual, not large, types)."""
        self._hold()
        try:
            return _plain(self.plans.frame(sql).toArrow())
        except ERRORS as error:
            raise self.snapshot.damaged_file(error) or error from None

    def execute_rows(self, sql: str) -> list[dict[str, Any]]:
        """Run Spark SQL and return its rows as Python values."""
        rows: list[dict[str, Any]] = self.execute_sql(sql).to_pylist()
        return rows

    def close(self) -> None:
        """Drop the engine's views; the session stays for the next engine."""
        if _HOLDERS.get(self.session) is self:
            for name in self.frames:
                self.session.catalog.dropTempView(name)
            del _HOLDERS[self.session]
        self.frames = {}
        self.plans.clear()


def _plain(table: pa.Table) -> pa.Table:
    """Return `table` with large strings as strings, as the other engines give them."""
    fields = [
        field.with_type(pa.string()) if pa.types.is_large_string(field.type) else field
        for field in table.schema
    ]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))
