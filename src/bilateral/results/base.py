"""What every result shares: records for pandas and polars, and number formatting."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl


class _Tabular:
    """Rows of a result as records, for pandas and polars."""

    def records(self) -> list[dict[str, Any]]:
        """Return the result as a list of flat dicts, one per row."""
        raise NotImplementedError

    def to_pandas(self) -> pd.DataFrame:
        """Return the rows as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame.from_records(self.records())

    def to_polars(self) -> pl.DataFrame:
        """Return the rows as a polars DataFrame."""
        import polars as pl

        return pl.DataFrame(self.records(), infer_schema_length=None)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def field_names(cls: type) -> list[str]:
    """Return the field names of a result row class, in order."""
    return [f.name for f in fields(cls)]
