"""Engines that run the query layer's ibis expressions over a store snapshot.

`Engine` is the contract the api holds; `engine_factory` turns a name ("duckdb", "spark"), a
factory, a Spark session or `$BILATERAL_ENGINE` into the function that opens one, and
`spark_engine` chooses Spark's master or session. Each engine lives in its own subpackage
(`bilateral.engine.duckdb`, `bilateral.engine.spark`), imported only when it is opened.
"""

from bilateral.engine.choice import (
    DEFAULT_ENGINE,
    ENGINE_VARIABLE,
    ENGINES,
    PLANNED,
    EngineChoice,
    connect,
    engine_factory,
    spark_engine,
)
from bilateral.engine.contract import Engine, EngineFactory

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "ENGINE_VARIABLE",
    "PLANNED",
    "Engine",
    "EngineChoice",
    "EngineFactory",
    "connect",
    "engine_factory",
    "spark_engine",
]
