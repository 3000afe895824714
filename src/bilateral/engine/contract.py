"""The engine contract: what the api needs of any engine that runs the query layer.

An engine is opened on one store snapshot (its factory registers the snapshot's tables under
their table names), runs a compiled ibis expression or SQL of its `dialect` to Arrow, takes
extra Arrow tables (the currency rates) by name, and is closed when the api moves to a newer
snapshot. The api holds engines through this contract only and never names one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import pyarrow as pa

from bilateral.store import Snapshot

if TYPE_CHECKING:
    import ibis


@runtime_checkable
class Engine(Protocol):
    """An engine over one store snapshot, whose tables it has registered."""

    @property
    def dialect(self) -> str:
        """The SQL dialect its queries are compiled for (an ibis/sqlglot dialect name)."""
        ...

    def register(self, name: str, table: pa.Table) -> None:
        """Make `table` readable by queries under `name`, replacing any earlier one."""
        ...

    def execute(self, expression: ibis.Table) -> pa.Table:
        """Run an ibis expression and return its result as Arrow."""
        ...

    def execute_sql(self, sql: str) -> pa.Table:
        """Run SQL of this engine's dialect and return its result as Arrow."""
        ...

    def execute_rows(self, sql: str) -> list[dict[str, Any]]:
        """Run SQL of this engine's dialect and return its rows as `execute_sql(sql).to_pylist()`
        would (an engine may fetch them without making an Arrow table)."""
        ...

    def close(self) -> None:
        """Release what the engine holds; it is not used afterwards."""
        ...


EngineFactory = Callable[[Snapshot], Engine]
"""Open an engine with a snapshot's tables registered (an engine class is one)."""
