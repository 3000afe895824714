"""What every result shares: records for pandas and polars, and number formatting."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl


class Tabular:
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


def amount(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def field_names(cls: type) -> list[str]:
    """Return the field names of a result row class, in order."""
    return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class Provenance:
    """Where a result's figures come from, as a footnote needs it.

    `territories` are the territories as resolved ("Emilia-Romagna (ITH5)"), `period` the
    period asked ("2021", "2019-2021", "2023-01 to 2023-09"), `currency` that of the figures
    (empty for figures in no currency: ratios, counts) and `conversion` how they were
    converted, if they were. `file_dates` are the `vintages` that are the date of the file
    read, not a release date the publisher gave.
    """

    sources: tuple[str, ...]
    vintages: tuple[str, ...]
    territories: tuple[str, ...]
    period: str
    currency: str
    conversion: str | None = None
    file_dates: tuple[str, ...] = ()

    def __str__(self) -> str:
        releases = [v for v in self.vintages if v not in self.file_dates]
        dates = [
            *([f"vintage {', '.join(releases)}"] if releases else []),
            *([f"file date {', '.join(self.file_dates)}"] if self.file_dates else []),
        ]
        text = (
            f"{', '.join(self.territories)}, {self.period}: {', '.join(self.sources)} "
            f"({'; '.join(dates)})"
        )
        text = f"{text}, {self.currency}" if self.currency else text
        return text if self.conversion is None else f"{text}; {self.conversion}"
