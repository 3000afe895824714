"""Euro reference rates of the ECB: monthly and annual averages to convert values at query time.

Two imported tables feed them: `ecb_daily`, the ECB's daily history, and `ecb_sdmx`, an ECB
Data Portal response with the published monthly (`M`) and annual (`A`) averages (its daily `D`
rows count as daily rates where the history has none). The ECB's averages are the arithmetic
mean of the period's daily reference rates, so an average is computed from the daily rates
unless a published one is loaded for the period: published averages take precedence.

A period the daily rates do not cover fully (the current month, or a currency quoted on only
some of the period's dates) still gets the mean of the days it has, flagged `partial` with its
number of `days`. Rates are units of currency per 1 EUR; `EUR` is 1.0 in every period.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import InvalidArgumentError, RateNotAvailableError, ReferenceNotLoadedError
from bilateral.reference.catalogue import Catalogue, ImportedTable, TableSpec
from bilateral.reference.ecb_files import (
    DAILY_SCHEMA,
    daily_edition,
    read_daily,
    read_sdmx,
    sdmx_edition,
)

Frequency = Literal["M", "A"]
Origin = Literal["daily_mean", "published", "euro"]

EURO_START: Final = date(1999, 1, 4)  # the first euro reference rate
# Currencies the trade sources publish in: Comext and ISTAT in EUR, Comtrade and BACI in USD.
SOURCE_CURRENCIES: Final = frozenset({"EUR", "USD"})
# The currency columns of the ECB daily history (edition 2025-05-09), legacy codes included.
_DAILY_CODES: Final = (
    "USD JPY BGN CYP CZK DKK EEK GBP HUF LTL LVL MTL PLN ROL RON SEK SIT SKK CHF ISK NOK HRK RUB "
    "TRL TRY AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR"
)
ECB_DAILY_CURRENCIES: Final = tuple(_DAILY_CODES.split())
SUPPORTED_CURRENCIES: Final = SOURCE_CURRENCIES | frozenset(ECB_DAILY_CURRENCIES)

AVERAGE_SCHEMA: Final = pa.schema(
    [
        pa.field("currency", pa.string(), nullable=False),
        pa.field("year", pa.int16(), nullable=False),
        pa.field("month", pa.int8()),
        pa.field("per_eur", pa.float64(), nullable=False),
        pa.field("days", pa.int32()),  # daily rates averaged; null for a published average
        pa.field("partial", pa.bool_(), nullable=False),
    ]
)
RATE_SCHEMA: Final = AVERAGE_SCHEMA.append(pa.field("origin", pa.string(), nullable=False))
CONVERSION_SCHEMA: Final = pa.schema([AVERAGE_SCHEMA.field(i) for i in range(4)])

TABLE_SPECS: Final = (
    TableSpec(
        name="ecb_daily",
        title="Euro foreign exchange reference rates, daily history",
        publisher="European Central Bank",
        url="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip",
        file_patterns=(
            "eurofxref-hist.zip",
            "eurofxref-hist.csv",
            "eurofxref-hist_*.zip",
            "eurofxref-hist_*.csv",
        ),
        read=read_daily,
        edition=daily_edition,
    ),
    TableSpec(
        name="ecb_sdmx",
        title="Euro foreign exchange reference rates, monthly and annual averages (EXR)",
        publisher="European Central Bank",
        url="https://data-api.ecb.europa.eu/service/data/EXR/M+A..EUR.SP00.A?format=csvdata",
        file_patterns=("*.eur.sp00.a", "*.eur.sp00.a.csv", "*.eur.sp00.a.xml", "ecb_sdmx*"),
        read=read_sdmx,
        edition=sdmx_edition,
    ),
)
_TABLES: Final = tuple(spec.name for spec in TABLE_SPECS)
_KEY: Final = ("currency", "year", "month")
_ORDER: Final = [(name, "ascending") for name in _KEY]


def average_rates(daily: pa.Table, frequency: Frequency) -> pa.Table:
    """Return the mean daily rate of each currency by month (`"M"`) or year (`"A"`).

    `daily` has the columns of `DAILY_SCHEMA` (date, currency, per_eur). `month` is null for
    annual rows; `days` counts the rates averaged. A row is `partial` when its currency has
    fewer rates than `daily` has dates in the period, or when the period has weekdays before
    the first date of `daily` (from 1999-01-04) or after its last date.

    >>> daily = pa.table({
    ...     "date": [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 2)],
    ...     "currency": ["USD", "USD", "USD"],
    ...     "per_eur": [1.0, 2.0, 4.0],
    ... })
    >>> average_rates(daily, "M").to_pylist()[0]
    {'currency': 'USD', 'year': 2024, 'month': 12, 'per_eur': 1.5, 'days': 2, 'partial': True}
    """
    if frequency not in ("M", "A"):
        raise InvalidArgumentError("frequency", frequency, '"M" (monthly) or "A" (annual)')
    missing = [name for name in DAILY_SCHEMA.names if name not in daily.column_names]
    if missing:
        raise InvalidArgumentError("daily rates", daily.column_names, "date, currency, per_eur")
    if daily.num_rows == 0:
        return AVERAGE_SCHEMA.empty_table()
    keys = ["currency", "year", "month"] if frequency == "M" else ["currency", "year"]
    years = pc.year(daily["date"]).cast(pa.int16())
    months = pc.month(daily["date"]).cast(pa.int8())
    grouped = (
        pa.table(
            {
                "currency": daily["currency"],
                "year": years,
                "month": months,
                "rate": daily["per_eur"],
            }
        )
        .group_by(keys, use_threads=False)
        .aggregate([("rate", "mean"), ("rate", "count")])
    )
    dates = pc.unique(daily["date"]).to_pylist()
    dates_in: Counter[tuple[int, int | None]] = Counter(
        (day.year, day.month if frequency == "M" else None) for day in dates
    )
    first, last = min(dates), max(dates)
    rows = []
    for row in grouped.to_pylist():
        period = (row["year"], row.get("month"))
        start, end = _bounds(*period)
        uncovered = _has_weekday(max(start, EURO_START), first - timedelta(days=1))
        uncovered = uncovered or _has_weekday(last + timedelta(days=1), end)
        rows.append(
            {
                "currency": row["currency"],
                "year": row["year"],
                "month": row.get("month"),
                "per_eur": row["rate_mean"],
                "days": row["rate_count"],
                "partial": uncovered or row["rate_count"] < dates_in[period],
            }
        )
    return pa.Table.from_pylist(rows, schema=AVERAGE_SCHEMA).sort_by(_ORDER)


@dataclass(frozen=True)
class Rate:
    """One average rate: units of `currency` per 1 EUR in a year or month, and where it is from.

    `origin` is `daily_mean` (computed from daily rates, over `days` days), `published` (an
    ECB average from an SDMX response; `days` is None) or `euro` (EUR itself, always 1.0).
    """

    currency: str
    year: int
    month: int | None
    per_eur: float
    days: int | None
    partial: bool
    origin: Origin


class RateTable:
    """Monthly and annual euro reference rates with the tables and editions they come from.

    Build it with `rates(catalogue)` or `RateTable.from_tables(...)`. Lookups take currency
    codes in any case; a partial period (see `average_rates`) is returned like any other,
    and `rate()` says whether it is partial.
    """

    def __init__(self, table: pa.Table, provenance: Sequence[ImportedTable] = ()) -> None:
        if not table.schema.equals(RATE_SCHEMA):
            raise InvalidArgumentError("rate table", table.schema.names, f"{RATE_SCHEMA.names}")
        self.table = table
        self.provenance = tuple(provenance)
        self._rates = {
            (row["currency"], row["year"], row["month"]): Rate(**row) for row in table.to_pylist()
        }
        self.currencies = tuple(sorted({key[0] for key in self._rates} | {"EUR"}))

    @classmethod
    def from_tables(
        cls,
        daily: pa.Table | None,
        sdmx: pa.Table | None = None,
        provenance: Sequence[ImportedTable] = (),
    ) -> RateTable:
        """Average `daily` rates by month and year, letting `sdmx` published averages win.

        `daily` is an `ecb_daily` table and `sdmx` an `ecb_sdmx` table; either may be None.

        >>> daily = pa.table({
        ...     "date": [date(2020, 1, 2), date(2020, 1, 3)],
        ...     "currency": ["USD", "USD"],
        ...     "per_eur": [1.1, 1.2],
        ... })
        >>> sdmx = pa.table({"frequency": ["A"], "period": ["2020"], "currency": ["USD"],
        ...                  "per_eur": [1.25]})
        >>> table = RateTable.from_tables(daily, sdmx)
        >>> round(table.per_eur("usd", 2020, 1), 6), table.per_eur("USD", 2020)
        (1.15, 1.25)
        >>> table.factor("USD", "EUR", 2020)
        0.8
        """
        published = _published(sdmx)
        days = _daily_rows(daily, sdmx)
        computed = pa.concat_tables([average_rates(days, "M"), average_rates(days, "A")])
        origin = pa.array(["daily_mean"] * computed.num_rows, pa.string())
        computed = computed.append_column(RATE_SCHEMA.field("origin"), origin)
        taken = set(zip(*(published.column(name).to_pylist() for name in _KEY), strict=True))
        kept = [
            key not in taken for key in zip(*(computed[n].to_pylist() for n in _KEY), strict=True)
        ]
        table = pa.concat_tables([computed.filter(pa.array(kept, pa.bool_())), published])
        return cls(table.sort_by(_ORDER).combine_chunks(), provenance)

    def __repr__(self) -> str:
        sources = ", ".join(f"{entry.name} {entry.edition}" for entry in self.provenance)
        return (
            f"<bilateral.reference.RateTable {len(self.currencies)} currencies, "
            f"{self.table.num_rows} rates{' from ' + sources if sources else ''}>"
        )

    def rate(self, currency: str, year: int, month: int | None = None) -> Rate:
        """Return the average rate of `currency` in `year` (annual) or in `year`-`month`."""
        code = _currency(currency)
        _check_period(year, month)
        if code == "EUR":
            return Rate("EUR", year, month, 1.0, None, False, "euro")
        found = self._rates.get((code, year, month))
        if found is not None:
            return found
        period = f"{year}" if month is None else f"{year}-{month:02d}"
        raise RateNotAvailableError(code, period, self._available(code))

    def per_eur(self, currency: str, year: int, month: int | None = None) -> float:
        """Return units of `currency` per 1 EUR, averaged over `year` or `year`-`month`."""
        return self.rate(currency, year, month).per_eur

    def factor(
        self, from_currency: str, to_currency: str, year: int, month: int | None = None
    ) -> float:
        """Return the factor that turns a value in `from_currency` into `to_currency`.

        value in `from_currency` * factor = value in `to_currency`, at the period's averages
        (through the euro: per_eur(to) / per_eur(from)).
        """
        return self.per_eur(to_currency, year, month) / self.per_eur(from_currency, year, month)

    def conversion_table(self, currencies: Iterable[str]) -> pa.Table:
        """Return the rates of `currencies` as rows a query can join on.

        Columns `CONVERSION_SCHEMA` (currency, year, month, per_eur); annual rows have a null
        month, so join annual figures on `month IS NULL`. `EUR` gets 1.0 in every period the
        table has; a currency without rates raises `RateNotAvailableError`.
        """
        codes = sorted({_currency(code) for code in currencies})
        for code in codes:
            if code not in self.currencies:
                raise RateNotAvailableError(code, "any period", self._available(code))
        rows = self.table.select(CONVERSION_SCHEMA.names)
        chosen = rows.filter(pc.is_in(rows["currency"], pa.array(codes, pa.string())))
        if "EUR" in codes:
            periods = rows.select(["year", "month"]).group_by(["year", "month"]).aggregate([])
            euro = pa.table(
                {
                    "currency": pa.array(["EUR"] * periods.num_rows, pa.string()),
                    "year": periods["year"],
                    "month": periods["month"],
                    "per_eur": pa.array([1.0] * periods.num_rows, pa.float64()),
                },
                schema=CONVERSION_SCHEMA,
            )
            chosen = pa.concat_tables([chosen, euro])
        return chosen.cast(CONVERSION_SCHEMA).sort_by(_ORDER)

    def _available(self, code: str) -> list[str]:
        """Describe what can be asked instead: the periods of `code`, or the currencies."""
        keys = [key for key in self._rates if key[0] == code]
        if not keys:
            return [f"currencies {', '.join(self.currencies)}"] if self._rates else []
        months = sorted(year * 12 + month - 1 for _, year, month in keys if month is not None)
        years = sorted(year for _, year, month in keys if month is None)
        described = []
        if months:
            spans = _spans(months, lambda i: f"{i // 12}-{i % 12 + 1:02d}")
            described.append(f"months {spans}")
        if years:
            described.append(f"years {_spans(years, str)}")
        return described


def rates(
    catalogue: Catalogue, needed_for: str = "converting values between currencies"
) -> RateTable:
    """Return the rate table of the ECB rates loaded in `catalogue` (`ecb_daily`, `ecb_sdmx`).

    Raises `ReferenceNotLoadedError` when neither table is loaded.
    """
    daily = catalogue.optional("ecb_daily")
    sdmx = catalogue.optional("ecb_sdmx")
    if daily is None and sdmx is None:
        raise ReferenceNotLoadedError("ecb_daily", needed_for)
    provenance = [entry for entry in catalogue.entries() if entry.name in _TABLES]
    return RateTable.from_tables(daily, sdmx, provenance)


def _daily_rows(daily: pa.Table | None, sdmx: pa.Table | None) -> pa.Table:
    """Return the daily rates: `daily`, plus the SDMX daily rates for dates it lacks."""
    base = DAILY_SCHEMA.empty_table() if daily is None else daily.select(DAILY_SCHEMA.names)
    if sdmx is None:
        return base
    rows = sdmx.filter(pc.equal(sdmx["frequency"], "D"))
    extra = pa.table(
        {
            "date": pc.strptime(rows["period"], "%Y-%m-%d", "s").cast(pa.date32()),
            "currency": rows["currency"],
            "per_eur": rows["per_eur"],
        },
        schema=DAILY_SCHEMA,
    )
    extra = extra.join(base, ["date", "currency"], join_type="left anti")
    return pa.concat_tables(
        [base.cast(DAILY_SCHEMA), extra.select(DAILY_SCHEMA.names).cast(DAILY_SCHEMA)]
    )


def _published(sdmx: pa.Table | None) -> pa.Table:
    """Return the monthly and annual averages of an `ecb_sdmx` table as `RATE_SCHEMA` rows."""
    if sdmx is None:
        return RATE_SCHEMA.empty_table()
    rows = sdmx.filter(pc.is_in(sdmx["frequency"], pa.array(["M", "A"]))).to_pylist()
    return pa.Table.from_pylist(
        [
            {
                "currency": row["currency"],
                "year": int(row["period"][:4]),
                "month": int(row["period"][5:7]) if row["frequency"] == "M" else None,
                "per_eur": row["per_eur"],
                "days": None,
                "partial": False,
                "origin": "published",
            }
            for row in rows
        ],
        schema=RATE_SCHEMA,
    )


def _currency(code: str) -> str:
    normal = code.strip().upper() if isinstance(code, str) else ""
    if len(normal) != 3 or not normal.isascii() or not normal.isalpha():
        raise InvalidArgumentError("currency", code, "an ISO 4217 code such as EUR or USD")
    return normal


def _check_period(year: int, month: int | None) -> None:
    if not isinstance(year, int) or not 1900 <= year <= 9999:
        raise InvalidArgumentError("year", year, "a year such as 2024")
    if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
        raise InvalidArgumentError("month", month, "1 to 12, or None for the annual average")


def _bounds(year: int, month: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _has_weekday(start: date, end: date) -> bool:
    """Say whether a Monday-to-Friday falls between `start` and `end`, both included."""
    if start > end:
        return False
    return (end - start).days >= 2 or any(
        (start + timedelta(days=i)).weekday() < 5 for i in range((end - start).days + 1)
    )


def _spans(values: Sequence[int], describe: Callable[[int], str]) -> str:
    """Return sorted integers as runs: `1999-01 to 2008-12, 2018-09 to 2025-05`."""
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][1] + 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return ", ".join(describe(a) if a == b else f"{describe(a)} to {describe(b)}" for a, b in runs)
