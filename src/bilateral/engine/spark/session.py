"""The Spark session an engine runs on: the user's own, a master's, Spark Connect's, or local.

A session is made once per process and shared: each engine opens its own child session on it
(its own temporary views and settings), so the user's session is never changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

from pyspark.errors import PySparkRuntimeError
from pyspark.sql import SparkSession

from bilateral.errors import EngineUnavailableError

REMOTE_VARIABLE: Final = "SPARK_REMOTE"
PYTHON_VARIABLE: Final = "PYSPARK_PYTHON"
# Java options of the driver that spark-submit starts, beside any `spark.driver.*` setting.
SUBMIT_OPTIONS_VARIABLE: Final = "SPARK_SUBMIT_OPTS"
LOCAL_IP_VARIABLE: Final = "SPARK_LOCAL_IP"
LOGGING: Final = Path(__file__).with_name("log4j2.properties")
DEFAULT_MASTER: Final = "local[*]"
# Settings of the sessions made here; a session the user passes keeps its own.
OWN_SETTINGS: Final = {
    "spark.app.name": "bilateral",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
}

# Settings of an engine's own session on a local master. The store's queries are many small
# statements over small tables (rollups, a pair's rows): adaptive execution re-plans after
# every shuffle and runs each stage as a job of its own, which costs more than it saves on
# one machine whose shuffles already have one partition per core. Broadcast joins, whole-stage
# code generation, the object hash aggregate's sort fallback and the scan's split sizes keep
# Spark's defaults: turning each off or changing it measured no cheaper (bench/README.md).
LOCAL_SETTINGS: Final = {"spark.sql.adaptive.enabled": "false"}
SHUFFLE_PARTITIONS: Final = "spark.sql.shuffle.partitions"


def spark_session(master: str | None = None) -> SparkSession:
    """Return the session of `master`, else of `$SPARK_REMOTE`, else the active one, else local.

    `master` is a Spark master URL (`local[4]`, `spark://host:7077`, `yarn`) or a Spark Connect
    URL (`sc://host:15002`).
    """
    remote = os.environ.get(REMOTE_VARIABLE, "").strip()
    if master is None and not remote:
        active = SparkSession.getActiveSession()
        if active is not None:
            return active
    builder = SparkSession.builder
    for key, value in OWN_SETTINGS.items():
        builder = builder.config(key, value)
    chosen = master or remote or DEFAULT_MASTER
    if chosen.startswith("sc://"):
        return builder.remote(chosen).getOrCreate()
    if chosen.startswith("local"):
        # Local executors run this interpreter (a distributed ingest runs bilateral on them).
        os.environ.setdefault(PYTHON_VARIABLE, sys.executable)
        quiet_local_start()
        paths = os.pathsep.join(str(Path(path).absolute()) for path in sys.path if path)
        builder = builder.config("spark.executorEnv.PYTHONPATH", paths)
    builder = builder.master(chosen).config(SHUFFLE_PARTITIONS, str(_cores(chosen)))
    try:
        session = builder.getOrCreate()
    except PySparkRuntimeError as error:
        if error.getCondition() != "JAVA_GATEWAY_EXITED":
            raise
        raise EngineUnavailableError(
            "spark",
            f"Spark's Java process for master {chosen!r} did not start",
            "Spark needs a Java 17 or later runtime: install one (e.g. openjdk-17-jre-headless) "
            "and put `java` on PATH or set JAVA_HOME",
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def quiet_local_start() -> None:
    """Start a local Java process that logs errors only and binds to the loopback address.

    Without this, Spark prints its default logging profile, the loopback address its host
    name resolves to and a missing native library on stderr before every first answer. A
    user's own logging (`log4j2.properties` in Spark's conf folder, or `$SPARK_SUBMIT_OPTS`)
    and `$SPARK_LOCAL_IP` are left as they are.
    """
    os.environ.setdefault(LOCAL_IP_VARIABLE, "127.0.0.1")
    if os.environ.get(SUBMIT_OPTIONS_VARIABLE) or _users_logging():
        return
    os.environ[SUBMIT_OPTIONS_VARIABLE] = f"-Dlog4j2.configurationFile={LOGGING.as_uri()}"


def _users_logging() -> bool:
    folders = [os.environ.get("SPARK_CONF_DIR"), os.environ.get("SPARK_HOME")]
    if folders[1]:
        folders[1] = str(Path(folders[1]) / "conf")
    return any(folder and (Path(folder) / LOGGING.name).exists() for folder in folders)


def _cores(master: str) -> int:
    """Return the shuffle partitions for `master`: its local cores, else Spark's default 200.

    >>> _cores("local[2]"), _cores("local"), _cores("spark://h:7077")
    (2, 1, 200)
    """
    if master == "local":
        return 1
    if master.startswith("local[") and master.endswith("]"):
        count = master.removeprefix("local[").removesuffix("]").split(",")[0]
        return os.cpu_count() or 2 if count == "*" else max(1, int(count))
    return 200


def child_session(session: SparkSession) -> SparkSession:
    """Return a session of its own on `session`'s context (Spark Connect: `session` itself).

    On a local master the child gets `LOCAL_SETTINGS` and, unless the context was given
    shuffle partitions, one per core rather than Spark's 200 (the parent keeps its settings).
    """
    try:
        child = session.newSession()
    except AttributeError:  # Spark Connect sessions make no child sessions
        return session
    context = child.sparkContext
    if (context.master or "").startswith("local"):
        for key, value in LOCAL_SETTINGS.items():
            child.conf.set(key, value)
        if not context.getConf().contains(SHUFFLE_PARTITIONS):
            child.conf.set(SHUFFLE_PARTITIONS, str(context.defaultParallelism))
    return child
