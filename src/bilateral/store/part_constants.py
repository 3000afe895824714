"""The columns of Parquet parts that hold one value, read from their statistics alone."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pyarrow.parquet as pq

_EXACT_TEXT: Final = 32  # longer text bounds may be cut short in the statistics


def constant_columns_of(files: list[Path]) -> dict[str, object]:
    """Return the columns that hold one value (or only nulls) in all `files`, by statistics.

    A column without statistics, or with text bounds long enough to be cut short, varies.
    """
    found: dict[str, object] = {}
    for index, file in enumerate(files):
        metadata = pq.read_metadata(file)
        values: dict[str, object] = {}
        for column in range(metadata.num_columns):
            name = metadata.schema.column(column).name
            value = _one_value(metadata, column)
            if value is not _VARIES:
                values[name] = value
        if index == 0:
            found = values
        else:
            found = {k: v for k, v in found.items() if k in values and values[k] == v}
    return found


_VARIES: Final = object()


def _one_value(metadata: pq.FileMetaData, column: int) -> object:
    """Return the one value of a column in a file (None: only nulls), or `_VARIES`."""
    value: object = _VARIES
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group)
        statistics = chunk.column(column).statistics
        if statistics is None or not statistics.has_null_count:
            return _VARIES
        if statistics.null_count == chunk.num_rows:
            bounds: object = None
        elif statistics.null_count == 0 and statistics.has_min_max:
            if statistics.min != statistics.max or len(str(statistics.min)) > _EXACT_TEXT:
                return _VARIES
            bounds = statistics.min
        else:
            return _VARIES
        if value is not _VARIES and value != bounds:
            return _VARIES
        value = bounds
    return value
