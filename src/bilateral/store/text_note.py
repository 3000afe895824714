"""The Arrow schema polars notes in a Parquet footer, with enum columns said to be text.

A flow part's coded columns are written straight from polars enums (a Parquet dictionary of
their values, with no hashing of each row's text). The Parquet columns are text either way,
but polars' own note says enum, which pyarrow, deltalake and polars read back as dictionaries
(DuckDB and Spark ignore it). Given as the file's metadata, this note replaces polars' own.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from typing import Final

import polars as pl
import pyarrow.parquet as pq

_ARROW_SCHEMA: Final = b"ARROW:schema"


def text_schema_note(schema: pl.Schema, columns: Collection[str] | None = None) -> dict[str, str]:
    """Return the footer note polars writes for `schema` with its enums (those of `columns`
    if given) as text."""
    text = {
        name: pl.String() if _as_text(name, kind, columns) else kind
        for name, kind in schema.items()
    }
    empty = io.BytesIO()
    pl.DataFrame(schema=text).write_parquet(empty)
    empty.seek(0)
    note = pq.read_metadata(empty).metadata[_ARROW_SCHEMA]
    return {_ARROW_SCHEMA.decode(): note.decode()}


def _as_text(name: str, kind: pl.DataType, columns: Collection[str] | None) -> bool:
    return isinstance(kind, pl.Enum) and (columns is None or name in columns)
