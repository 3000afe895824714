"""ibis, imported when a query is first built rather than when the query layer is imported.

A command whose SQL is already compiled (`query.compiled`) never builds an expression, so it
never pays for importing ibis and sqlglot's dialects. Modules of the query layer import `ibis`
and `_` from here at run time and the real ones for type checking.
"""

from __future__ import annotations

import importlib
from typing import Any


class _LazyModule:
    """Stands for the `ibis` module; the first attribute read imports it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("ibis"), name)


class _LazyDeferred:
    """Stands for ibis's deferred `_` (`_.value.sum()`); the first attribute read imports ibis."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("ibis")._, name)


ibis = _LazyModule()
_ = _LazyDeferred()
