"""Reading a published file with the standard library, and the store's flows, for comparison."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from deltalake import DeltaTable


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Return the file's rows as dicts, read by the csv module."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header_line(path: Path) -> str:
    """Return the file's first line without its line end."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.readline().rstrip("\r\n")


def stored_flows(root: Path) -> list[dict[str, Any]]:
    """Return every row of the store's flows table."""
    return DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()
