"""Small result objects returned by the API, each convertible to pandas or polars."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

IngestStatus = Literal["added", "revised", "unchanged"]


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


@dataclass(frozen=True)
class IngestReport(_Tabular):
    """What one ingest did."""

    file: str
    source: str
    dataset: str
    status: IngestStatus
    rows_read: int
    rows_stored: int
    rows_quarantined: int
    rows_replaced: int
    periods: str
    vintage: str
    flows_version: int
    seconds: float
    notes: tuple[str, ...] = ()

    def records(self) -> list[dict[str, Any]]:
        """Return the report as one record."""
        record = asdict(self)
        record["notes"] = "; ".join(self.notes)
        return [record]

    def __repr__(self) -> str:
        return (
            f"<IngestReport {self.file}: {self.status}, {self.rows_stored:,} of "
            f"{self.rows_read:,} rows stored, {self.rows_quarantined:,} quarantined, "
            f"periods {self.periods}, version {self.flows_version}>"
        )


@dataclass(frozen=True)
class ProfileRow:
    """One year of one view of a pair's trade, from the first territory's side.

    `view` names the reporter whose declarations give the figures: for the mirror view the
    exports are the partner's declared imports from the reporter, and the reverse.
    """

    year: int
    view: str
    reported_by: str
    source: str
    exports: float | None
    imports: float | None
    total: float | None
    balance: float | None
    exports_growth: float | None
    imports_growth: float | None
    total_growth: float | None
    balance_change: float | None
    confidential_share: float | None
    currency: str
    vintage: str
    coverage: str


@dataclass(frozen=True)
class Profile(_Tabular):
    """A bilateral profile: each year's exports, imports, total and balance, in every view."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    years: tuple[int, ...]
    rows: tuple[ProfileRow, ...]
    notes: tuple[str, ...] = field(default=())
    as_of: str | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per year and view."""
        return [asdict(row) for row in self.rows]

    def views(self) -> list[str]:
        """Return the views present, reporter's own first."""
        return list(dict.fromkeys(row.view for row in self.rows))

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [f"<Profile {pair}, {len(self.rows)} rows>"]
        for row in self.rows:
            lines.append(
                f"  {row.year} {row.view:<28} exports {_fmt(row.exports)} imports "
                f"{_fmt(row.imports)} balance {_fmt(row.balance)} {row.currency}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


@dataclass(frozen=True)
class SectorRow:
    """One sector of one view and flow of a pair's trade, from the first territory's side."""

    source: str
    view: str
    reported_by: str
    flow: str
    code: str
    title: str
    rank: int | None
    value: float
    share: float | None
    growth: float | None
    currency: str
    vintage: str


@dataclass(frozen=True)
class Sectors(_Tabular):
    """A pair's trade by product sector in one year, ranked, in every view and flow."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    year: int
    scheme: str
    rows: tuple[SectorRow, ...]
    notes: tuple[str, ...] = field(default=())

    def records(self) -> list[dict[str, Any]]:
        """Return one record per sector, view and flow."""
        return [asdict(row) for row in self.rows]

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [f"<Sectors {pair} {self.year} by {self.scheme}, {len(self.rows)} rows>"]
        for row in self.rows:
            lines.append(
                f"  {row.view:<28} {row.flow:<6} {row.code:<6} {_fmt(row.value)} "
                f"{row.currency} {row.title}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


@dataclass(frozen=True)
class ProductLink:
    """One CN8 code's CPA 2.1 code in one year, as the Comext rows carried it."""

    year: int
    cn8: str
    cpa: str
    value: float
    rows: int
    share: float


@dataclass(frozen=True)
class ProductLinks(_Tabular):
    """The CN8 -> CPA 2.1 correspondence learnt from ingested Comext bulk files."""

    links: tuple[ProductLink, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per year, CN8 code and CPA code."""
        return [asdict(link) for link in self.links]

    def __repr__(self) -> str:
        codes = len({(link.year, link.cn8) for link in self.links})
        return f"<ProductLinks {len(self.links)} links of {codes} CN8 codes by year>"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


@dataclass(frozen=True)
class SourceSummary:
    """What the store holds of one source."""

    source: str
    rows: int
    years: str
    reporters: int
    vintages: str


@dataclass(frozen=True)
class StoreInfo(_Tabular):
    """The store's location, size, version and contents by source."""

    location: str
    flows_version: int
    size_bytes: int
    files_ingested: int
    sources: tuple[SourceSummary, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per source."""
        return [asdict(summary) for summary in self.sources]

    def __repr__(self) -> str:
        return (
            f"<StoreInfo {self.location}: version {self.flows_version}, "
            f"{sum(s.rows for s in self.sources):,} rows, {len(self.sources)} sources>"
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One ingest in the store's history."""

    flows_version: int
    started_at: str
    file_name: str
    source: str
    status: str
    rows_stored: int
    rows_replaced: int
    periods: str
    vintage: str


@dataclass(frozen=True)
class History(_Tabular):
    """The store's ingests, oldest first; each flows version is a vintage `as_of` can select."""

    entries: tuple[HistoryEntry, ...]

    def records(self) -> list[dict[str, Any]]:
        """Return one record per ingest."""
        return [asdict(entry) for entry in self.entries]

    def __repr__(self) -> str:
        return f"<History {len(self.entries)} ingests>"


def field_names(cls: type) -> list[str]:
    """Return the field names of a result row class, in order."""
    return [f.name for f in fields(cls)]
