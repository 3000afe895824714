"""The store's tables as unbound ibis tables: queries are built once and compiled per engine."""

from __future__ import annotations

import ibis

from bilateral.store.layout import TableName
from bilateral.store.tables import SCHEMAS


def table(name: TableName) -> ibis.Table:
    """Return the unbound ibis table of one store table, by the name engines register."""
    return ibis.table(ibis.Schema.from_pyarrow(SCHEMAS[name]), name=name)
