"""Engines that run the query layer's ibis expressions over a store snapshot.

`Engine` is the contract the api holds; `engine_factory` turns a name ("duckdb"), a factory
or `$BILATERAL_ENGINE` into the function that opens one. Each engine lives in its own
subpackage (`bilateral.engine.duckdb`), imported only when it is opened.
"""

from bilateral.engine.choice import (
    DEFAULT_ENGINE,
    ENGINE_VARIABLE,
    ENGINES,
    PLANNED,
    connect,
    engine_factory,
)
from bilateral.engine.contract import Engine, EngineFactory

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "ENGINE_VARIABLE",
    "PLANNED",
    "Engine",
    "EngineFactory",
    "connect",
    "engine_factory",
]
