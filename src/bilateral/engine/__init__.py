"""Engines that run the query layer's ibis expressions over a store snapshot."""

from __future__ import annotations

from typing import Literal

from bilateral.engine.duckdb_engine import DuckDBEngine
from bilateral.errors import InvalidArgumentError
from bilateral.store import Snapshot

Backend = Literal["duckdb"]
BACKENDS: tuple[Backend, ...] = ("duckdb",)


def connect(snapshot: Snapshot, backend: str = "duckdb") -> DuckDBEngine:
    """Register the snapshot's tables with an engine and return it."""
    if backend not in BACKENDS:
        raise InvalidArgumentError("backend", backend, "one of " + ", ".join(BACKENDS))
    return DuckDBEngine(snapshot)


__all__ = ["BACKENDS", "Backend", "DuckDBEngine", "connect"]
