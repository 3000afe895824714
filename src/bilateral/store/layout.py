"""Where a store lives and which tables it holds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Literal

import platformdirs

ENV_VARIABLE: Final = "BILATERAL_STORE"
TableName = Literal[
    "flows", "rollup_totals", "rollup_products", "product_links", "ingest_log", "events"
]
TABLES: Final[tuple[TableName, ...]] = (
    "flows",
    "rollup_totals",
    "rollup_products",
    "product_links",
    "ingest_log",
    "events",
)


def default_location() -> Path:
    """Return `$BILATERAL_STORE`, or the `store` folder in the user data dir."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("bilateral", appauthor=False)) / "store"


def demo_location() -> Path:
    """Return the folder of the demo store, apart from the user's own store."""
    return Path(platformdirs.user_data_dir("bilateral", appauthor=False)) / "demo-store"


def table_path(root: Path, table: TableName) -> Path:
    """Return the folder of one Delta table of the store."""
    return root / table


def holds_store(folder: Path) -> bool:
    """Say whether `folder` holds a store: at least one of its table folders."""
    return folder.is_dir() and any(table_path(folder, name).is_dir() for name in TABLES)


def stores_within(folder: Path) -> list[Path]:
    """Return the stores one level below `folder` (a store's parent given by mistake)."""
    if not folder.is_dir():
        return []
    try:
        return sorted(child for child in folder.iterdir() if holds_store(child))
    except OSError:
        return []  # an unreadable folder is reported by whatever reads it next


def staging_path(root: Path) -> Path:
    """Return the folder for the parts and scratch files of ingests in progress."""
    return root / "_staging"


def lock_path(root: Path) -> Path:
    """Return the lock file that writers of the store take in turn."""
    return root / "_write.lock"


def journal_path(root: Path) -> Path:
    """Return the folder of the notes that writes in progress leave until their log entry."""
    return root / "_journal"


def vacuumed_path(root: Path) -> Path:
    """Return the note of the first version of each table that `store vacuum` kept whole."""
    return root / "_vacuumed.json"
