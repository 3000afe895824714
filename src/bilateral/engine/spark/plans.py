"""Analysed plans kept per SQL text, so a query asked again is not parsed and resolved again.

Spark parses and resolves every statement anew; the query layer's statements are long (ibis
nests a subquery per step) and the same few are asked again and again, so on small data that
costs as much as running them. A kept plan is the statement resolved against the engine's
views: each run makes a new DataFrame of it, optimised, planned and executed afresh (no
result is kept). Plans are dropped when a view is replaced. Where the session offers no
plan to keep (Spark Connect) or the JVM classes differ, the SQL is parsed each time.
"""

from __future__ import annotations

from typing import Any, Final

from py4j.java_gateway import JavaClass
from pyspark.sql import DataFrame, SparkSession

# Spark 4 keeps the classic Dataset here; Spark 3 in org.apache.spark.sql.
DATASET_CLASSES: Final = ("org.apache.spark.sql.classic.Dataset", "org.apache.spark.sql.Dataset")
KEPT: Final = 256  # statements; a page or a brief asks a few dozen


class AnalysedPlans:
    """The resolved plan of each statement run on one classic session."""

    def __init__(self, session: SparkSession) -> None:
        self.session = session
        self.plans: dict[str, Any] = {}
        self.dataset = _dataset_class(session)
        self.kind: type[DataFrame] | None = None  # the session's DataFrame class

    def frame(self, sql: str) -> DataFrame:
        """Return a new DataFrame of `sql`, resolved once and kept."""
        if self.dataset is None:
            return self.session.sql(sql)
        plan = self.plans.get(sql)
        if plan is None or self.kind is None:
            frame = self.session.sql(sql)
            self.kind = type(frame)
            if len(self.plans) >= KEPT:
                self.plans.pop(next(iter(self.plans)))
            self.plans[sql] = frame._jdf.queryExecution().analyzed()
            return frame
        jsession = self.session._jsparkSession
        return self.kind(self.dataset.ofRows(jsession, plan), self.session)

    def clear(self) -> None:
        """Drop every kept plan (a view they resolved against has changed)."""
        self.plans.clear()


def _dataset_class(session: SparkSession) -> Any | None:
    """Return the JVM Dataset class that makes a DataFrame of a plan, or None."""
    jvm = getattr(session, "_jvm", None)
    if jvm is None or getattr(session, "_jsparkSession", None) is None:
        return None
    for name in DATASET_CLASSES:
        found = jvm
        for part in name.split("."):
            found = getattr(found, part)
        if isinstance(found, JavaClass):
            return found
    return None
