"""Ingesting many files on a distributed engine (Spark), imported only when one is asked for.

The api calls `ingest_on_spark`; the work is `bilateral.engine.spark.ingest`'s.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from bilateral.engine.choice import _engine_module
from bilateral.results import IngestReport
from bilateral.store.lock import OnWait

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SessionChoice: TypeAlias = "SparkSession | None"
"""A Spark session to run on, or None (a master's, `$SPARK_REMOTE`'s, the active or local)."""


def ingest_on_spark(
    root: Path,
    units: Sequence[tuple[Path, str | None]],
    *,
    vintage: str | None = None,
    synthetic: bool = False,
    wait: float | None = None,
    on_wait: OnWait | None = None,
    master: str | None = None,
    session: SessionChoice = None,
) -> list[IngestReport]:
    """Ingest `units` (file, archive member or None) on Spark in one write; a report each.

    The session is `session`, else `master`'s, else `$SPARK_REMOTE`'s, the active one or local.
    """
    _engine_module("spark")  # says what to install when pyspark is missing
    module = importlib.import_module("bilateral.engine.spark.ingest")
    options = module.SparkIngestOptions(
        vintage=vintage,
        synthetic=synthetic,
        wait=wait,
        on_wait=on_wait,
        master=master,
        session=session,
    )
    reports: list[IngestReport] = module.ingest_files(root, units, options)
    return reports
