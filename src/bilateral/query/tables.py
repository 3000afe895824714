"""The store's tables as unbound ibis tables: queries are built once and compiled per engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.store.layout import TableName
from bilateral.store.tables import SCHEMAS

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis


def table(name: TableName) -> ibis.Table:
    """Return the unbound ibis table of one store table, by the name engines register."""
    return ibis.table(ibis.Schema.from_pyarrow(SCHEMAS[name]), name=name)
