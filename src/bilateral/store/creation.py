"""Creating a store's tables, and bringing an earlier store's tables up to this version.

Both write, so both run under the write lock. A table whose folder is there without its Delta
log has lost its history: that is damage for `store check --repair`, never a new empty table.
"""

from __future__ import annotations

from pathlib import Path

from deltalake import DeltaTable
from deltalake import Field as DeltaField

from bilateral.errors import StoreDamagedError, StoreError
from bilateral.store.delta_log import LOG_FOLDER, has_log
from bilateral.store.layout import TABLES, TableName, table_path
from bilateral.store.tables import PARTITIONS, SCHEMAS, TABLE_PROPERTIES


def missing_tables(root: Path) -> list[TableName]:
    """Return the tables whose folders do not exist yet (a new store, or an earlier one)."""
    return [name for name in TABLES if not table_path(root, name).exists()]


def check_logs(root: Path) -> None:
    """Raise `StoreDamagedError` for a table folder that has lost its Delta log."""
    for name in TABLES:
        path = table_path(root, name)
        if path.exists() and not has_log(path):
            raise StoreDamagedError(root, name, "has lost its Delta log", f"{path / LOG_FOLDER}")


def create_table(root: Path, name: TableName) -> None:
    """Create one table, empty, at version 0."""
    path = table_path(root, name)
    path.mkdir(parents=True, exist_ok=True)
    DeltaTable.create(
        str(path),
        schema=SCHEMAS[name],
        partition_by=PARTITIONS[name] or None,
        name=name,
        mode="ignore",
        configuration=TABLE_PROPERTIES,
    )


def create_missing_tables(root: Path) -> None:
    """Create the tables the store lacks; check the others still have their logs."""
    check_logs(root)
    for name in missing_tables(root):
        create_table(root, name)


def add_missing_columns(root: Path) -> list[TableName]:
    """Give each table the nullable columns added since it was written; return those changed.

    Files keep their columns, and scans read the new ones as null.
    """
    changed: list[TableName] = []
    for name in TABLES:
        table = DeltaTable(str(table_path(root, name)))
        have = set(table.schema().to_arrow().names)
        missing = [field for field in SCHEMAS[name] if field.name not in have]
        if not missing:
            continue
        required = [field.name for field in missing if not field.nullable]
        if required:
            raise StoreError(
                f"the store's {name} table lacks the columns {', '.join(required)}, which this "
                "version of bilateral needs; ingest the files again into a new store"
            )
        table.alter.add_columns([DeltaField.from_arrow(field) for field in missing])
        changed.append(name)
    return changed
