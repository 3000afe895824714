"""The optimizer passes the DuckDB engine leaves off change no answer: each query on the demo
store and on a store of every real file in ../shared/data gives the same result as on an
engine with every pass on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bilateral
from bilateral.engine.duckdb import DuckDBEngine
from bilateral.store import LiveTables, Snapshot

from .test_duckdb_rows import CALLS

PASSES_OFF = "SELECT current_setting('disabled_optimizers')"


class EveryPassEngine(DuckDBEngine):
    """The DuckDB engine with every optimizer pass on (DuckDB's default)."""

    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(snapshot)
        self.connection.execute("SET disabled_optimizers = ''")
        assert self.connection.execute(PASSES_OFF).fetchall() == [("",)]


def test_the_engine_leaves_off_two_planning_passes(demo_root: Path) -> None:
    engine = DuckDBEngine(LiveTables(demo_root).current())
    (passes,) = engine.connection.execute(PASSES_OFF).fetchall()
    assert set(passes[0].split(",")) == {"statistics_propagation", "join_order"}
    engine.close()


@pytest.mark.parametrize(("store", "method", "args", "kwargs"), CALLS)
def test_answers_are_those_of_every_optimizer_pass(
    demo_root: Path,
    real_root: Path,
    store: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    root = demo_root if store == "demo" else real_root
    expected = getattr(bilateral.open(root, engine=EveryPassEngine), method)(*args, **kwargs)
    engine_store = bilateral.open(root)
    for _ in range(2):  # planned, then prepared
        assert repr(getattr(engine_store, method)(*args, **kwargs)) == repr(expected)
