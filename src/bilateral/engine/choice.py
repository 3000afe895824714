"""Choosing an engine by name (`"duckdb"`), by factory, or from `$BILATERAL_ENGINE`.

Engines are imported only when one is opened, so choosing one loads no engine library.
"""

from __future__ import annotations

import importlib
import os
from typing import Final

from bilateral.engine.contract import Engine, EngineFactory
from bilateral.errors import InvalidArgumentError
from bilateral.store import Snapshot

ENGINE_VARIABLE: Final = "BILATERAL_ENGINE"
DEFAULT_ENGINE: Final = "duckdb"
# name -> "module:factory", imported when the engine is first opened
ENGINES: Final[dict[str, str]] = {"duckdb": "bilateral.engine.duckdb:open_engine"}
# engines that are designed but not built yet, with what to say about them
PLANNED: Final[dict[str, str]] = {"spark": "the Spark engine is not available yet"}


def engine_factory(choice: str | EngineFactory | None = None) -> EngineFactory:
    """Return the factory of the engine `choice` names (None: `$BILATERAL_ENGINE` or duckdb).

    >>> engine_factory("spark")
    Traceback (most recent call last):
    ...
    bilateral.errors.InvalidArgumentError: invalid engine 'spark': expected one of duckdb \
(the Spark engine is not available yet)
    """
    if choice is None:
        from_environment = os.environ.get(ENGINE_VARIABLE, "").strip()
        if not from_environment:
            return _lazy(DEFAULT_ENGINE)
        return _named(from_environment, f"${ENGINE_VARIABLE}")
    if isinstance(choice, str):
        return _named(choice, "engine")
    if callable(choice):
        return choice
    raise InvalidArgumentError(
        "engine", choice, f"an engine name ({_valid()}) or a function of a store snapshot"
    )


def _named(name: str, argument: str) -> EngineFactory:
    key = name.strip().lower()
    if key in ENGINES:
        return _lazy(key)
    why = PLANNED.get(key)
    raise InvalidArgumentError(argument, name, _valid() + (f" ({why})" if why else ""))


def _valid() -> str:
    return "one of " + ", ".join(sorted(ENGINES))


def _lazy(name: str) -> EngineFactory:
    module, _, attribute = ENGINES[name].partition(":")

    def open_engine(snapshot: Snapshot) -> Engine:
        factory: EngineFactory = getattr(importlib.import_module(module), attribute)
        return factory(snapshot)

    open_engine.__qualname__ = open_engine.__name__ = f"open_{name}_engine"
    return open_engine


def connect(snapshot: Snapshot, engine: str | EngineFactory | None = None) -> Engine:
    """Open the engine `engine` names (see `engine_factory`) on `snapshot`."""
    return engine_factory(engine)(snapshot)
