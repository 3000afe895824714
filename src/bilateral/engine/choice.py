"""Choosing an engine by name (`"duckdb"`, `"spark"`), by factory, by Spark session, or from
`$BILATERAL_ENGINE`.

Engines are imported only when one is opened, so choosing one loads no engine library.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeGuard

from bilateral.engine.contract import Engine, EngineFactory
from bilateral.errors import EngineUnavailableError, InvalidArgumentError
from bilateral.store import Snapshot

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EngineChoice: TypeAlias = "str | EngineFactory | SparkSession | None"
"""An engine by name, its factory, a Spark session to run on, or None (the default)."""

ENGINE_VARIABLE: Final = "BILATERAL_ENGINE"
DEFAULT_ENGINE: Final = "duckdb"
# name -> "module:factory", imported when the engine is first opened
ENGINES: Final[dict[str, str]] = {
    "duckdb": "bilateral.engine.duckdb:open_engine",
    "spark": "bilateral.engine.spark:open_engine",
}
# name -> what to install when its module does not import
EXTRAS: Final[dict[str, str]] = {"spark": "pip install 'bilateral[spark]' (pyspark)"}
# engines that are designed but not built yet, with what to say about them
PLANNED: Final[dict[str, str]] = {}
# The master URLs Spark accepts: local threads, a local cluster, a cluster manager, Connect.
SPARK_MASTER: Final = re.compile(
    r"local(\[(\d+|\*)(,\d+)?\])?|local-cluster\[\d+,\d+,\d+\]|yarn"
    r"|(spark|mesos|k8s|sc)://\S+"
)
SPARK_MASTERS: Final = (
    "local, local[N], local[*], local[N,F], local-cluster[N,C,M], yarn, spark://HOST:PORT, "
    "mesos://HOST:PORT, k8s://HOST:PORT or a Spark Connect sc://HOST:PORT"
)


def engine_factory(choice: EngineChoice = None) -> EngineFactory:
    """Return the factory of the engine `choice` names (None: `$BILATERAL_ENGINE` or duckdb).

    `choice` may also be a `pyspark.sql.SparkSession`: the Spark engine on that session.

    >>> engine_factory("sqlite")
    Traceback (most recent call last):
    ...
    bilateral.errors.InvalidArgumentError: invalid engine 'sqlite': expected one of duckdb, spark
    """
    if choice is None:
        from_environment = os.environ.get(ENGINE_VARIABLE, "").strip()
        if not from_environment:
            return _lazy(DEFAULT_ENGINE)
        return _named(from_environment, f"${ENGINE_VARIABLE}")
    if isinstance(choice, str):
        return _named(choice, "engine")
    if _is_spark_session(choice):
        return spark_engine(session=choice)
    if callable(choice):
        return choice
    raise InvalidArgumentError(
        "engine",
        choice,
        f"an engine name ({_valid()}), a SparkSession or a function of a store snapshot",
    )


def spark_engine(
    *, master: str | None = None, session: SparkSession | None = None
) -> EngineFactory:
    """Return the factory of the Spark engine on `session`, or on a session of `master`.

    Neither: the session of `$SPARK_REMOTE` (Spark Connect), else the active one, else
    `local[*]`. Nothing is imported or started until an engine is opened. A master Spark
    would not accept is an `InvalidArgumentError` at once:

    >>> spark_engine(master="local4")
    Traceback (most recent call last):
    ...
    bilateral.errors.InvalidArgumentError: invalid spark_master 'local4': expected local, \
local[N], local[*], local[N,F], local-cluster[N,C,M], yarn, spark://HOST:PORT, \
mesos://HOST:PORT, k8s://HOST:PORT or a Spark Connect sc://HOST:PORT
    """
    if master is not None:
        checked_spark_master(master)

    def open_spark_engine(snapshot: Snapshot) -> Engine:
        module = _engine_module("spark")
        chosen = session if session is not None else module.spark_session(master)
        engine: Engine = module.SparkEngine(snapshot, chosen)
        return engine

    return open_spark_engine


def checked_spark_master(master: str, argument: str = "spark_master") -> str:
    """Return `master` if Spark accepts it as a master URL; else `InvalidArgumentError`."""
    if not SPARK_MASTER.fullmatch(master.strip()):
        raise InvalidArgumentError(argument, master, SPARK_MASTERS)
    return master


def _is_spark_session(choice: object) -> TypeGuard[SparkSession]:
    """Say whether `choice` is a Spark session (classic or Connect), importing no pyspark."""
    return type(choice).__module__.startswith("pyspark.sql") and hasattr(choice, "sql")


def _named(name: str, argument: str) -> EngineFactory:
    key = name.strip().lower()
    if key in ENGINES:
        return _lazy(key)
    why = PLANNED.get(key)
    raise InvalidArgumentError(argument, name, _valid() + (f" ({why})" if why else ""))


def _valid() -> str:
    return "one of " + ", ".join(sorted(ENGINES))


def _engine_module(name: str) -> Any:
    """Import an engine's module, saying what to install when a library it needs is missing."""
    module = ENGINES[name].partition(":")[0]
    try:
        return importlib.import_module(module)
    except ImportError as error:
        if name not in EXTRAS or not error.name or error.name.startswith("bilateral"):
            raise
        package = error.name.partition(".")[0]
        raise EngineUnavailableError(
            name, f"the package {package!r} is not installed", EXTRAS[name]
        ) from None


def _lazy(name: str) -> EngineFactory:
    attribute = ENGINES[name].partition(":")[2]

    def open_engine(snapshot: Snapshot) -> Engine:
        factory: EngineFactory = getattr(_engine_module(name), attribute)
        return factory(snapshot)

    open_engine.__qualname__ = open_engine.__name__ = f"open_{name}_engine"
    return open_engine


def connect(snapshot: Snapshot, engine: EngineChoice = None) -> Engine:
    """Open the engine `engine` names (see `engine_factory`) on `snapshot`."""
    return engine_factory(engine)(snapshot)
