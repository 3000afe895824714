"""Tests for bilateral.reference.currencies and ecb_files, against the real ECB files.

Expected values are computed here with the csv module and statistics.fmean, independently of
the readers and of pyarrow.
"""

from __future__ import annotations

import csv
import functools
import math
import statistics
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.errors import (
    ArchiveError,
    BilateralError,
    DuplicateRowError,
    EncodingError,
    InvalidArgumentError,
    RateNotAvailableError,
    ReferenceNotLoadedError,
    SourceFormatError,
)
from bilateral.reference import currencies
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.currencies import (
    CONVERSION_SCHEMA,
    ECB_DAILY_CURRENCIES,
    SUPPORTED_CURRENCIES,
    RateTable,
    average_rates,
    rates,
)
from bilateral.reference.ecb_files import (
    DAILY_SCHEMA,
    SDMX_SCHEMA,
    daily_edition,
    missing_rates,
    read_daily,
    read_sdmx,
    sdmx_edition,
)

from .conftest import shared_file

DAILY = "ecb_fx/eurofxref-hist_1999-01-04_2025-05-09.csv"
SDMX_XML = "ecb_fx/ecb_sdmx21_genericdata_EXR_M.USD.EUR.SP00.A_2026-05.xml"
# The csvdata header as documented in SOURCES.md 8.3.
CSVDATA_HEADER = (
    "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,"
    "OBS_CONF,OBS_PRE_BREAK,OBS_COM,TIME_FORMAT,BREAKS,COLLECTION,COMPILING_ORG,DISS_ORG,"
    "DOM_SER_IDS,PUBL_ECB,PUBL_MU,PUBL_PUBLIC,UNIT_INDEX_BASE,COMPILATION,COVERAGE,DECIMALS,"
    "NAT_TITLE,SOURCE_AGENCY,SOURCE_PUB,TITLE,TITLE_COMPL,UNIT,UNIT_MULT"
)
TOLERANCE = 1e-9


# ---------------------------------------------------------------- independent expectations


@functools.cache
def real_rows() -> tuple[list[str], list[dict[str, str]]]:
    """Return the real daily file's currency codes and rows, read with the csv module."""
    with shared_file(DAILY).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        codes = header[1:-1]
        rows = [dict(zip(header[:-1], row[:-1], strict=True)) for row in reader]
    return codes, rows


@functools.cache
def real_means() -> dict[tuple[str, str], tuple[float, int]]:
    """Return {(currency, "YYYY" or "YYYY-MM"): (fmean, days)} over the real daily file."""
    codes, rows = real_rows()
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        for code in codes:
            if row[code] != "N/A":
                values[code, row["Date"][:7]].append(float(row[code]))
                values[code, row["Date"][:4]].append(float(row[code]))
    return {key: (statistics.fmean(found), len(found)) for key, found in values.items()}


@functools.cache
def real_daily_table() -> pa.Table:
    return read_daily(shared_file(DAILY))


@functools.cache
def real_rate_table() -> RateTable:
    return RateTable.from_tables(real_daily_table())


def csvdata_row(freq: str, currency: str, period: str, value: str, **changes: str) -> str:
    """Return one csvdata line with the documented columns; `changes` overrides dimensions."""
    dims = {"CURRENCY_DENOM": "EUR", "EXR_TYPE": "SP00", "EXR_SUFFIX": "A", **changes}
    key = ".".join([freq, currency, dims["CURRENCY_DENOM"], dims["EXR_TYPE"], dims["EXR_SUFFIX"]])
    fields = {name: "" for name in CSVDATA_HEADER.split(",")}
    fields.update(
        KEY=f"EXR.{key}",
        FREQ=freq,
        CURRENCY=currency,
        TIME_PERIOD=period,
        OBS_VALUE=value,
        OBS_STATUS="A",
        OBS_CONF="F",
        COLLECTION="A" if freq != "D" else "",
        DECIMALS="4",
        TITLE=f"{currency}/Euro ECB reference exchange rate",
        TITLE_COMPL=f'"ECB reference exchange rate, {currency}/Euro, 2.15 pm (C.E.T.)"',
        UNIT=currency,
        UNIT_MULT="0",
    )
    fields.update(dims)
    return ",".join(fields.values())


def write_csvdata(folder: Path, rows: list[str], name: str = "M.USD.EUR.SP00.A") -> Path:
    path = folder / name
    path.write_text("\n".join([CSVDATA_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def write_daily(folder: Path, lines: list[str], header: str = "Date,USD,GBP,") -> Path:
    path = folder / "eurofxref-hist.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- daily history reader


def test_real_daily_file_rows_and_missing_counts() -> None:
    codes, rows = real_rows()
    table = real_daily_table()
    assert table.schema.equals(DAILY_SCHEMA)
    not_available = {code: sum(row[code] == "N/A" for row in rows) for code in codes}
    given_rates = sum(row[code] != "N/A" for row in rows for code in codes)
    assert len(rows) == 6747
    assert table.num_rows == given_rates
    assert missing_rates(table) == not_available
    assert sum(not_available.values()) == 66082
    assert table.schema.metadata[b"bilateral.rows_read"] == b"6747"
    assert min(table.column("per_eur").to_pylist()) > 0  # N/A never becomes 0


def test_real_daily_file_values_dates_and_order() -> None:
    table = real_daily_table()
    records = {(row["date"], row["currency"]): row["per_eur"] for row in table.to_pylist()}
    assert records[date(2025, 5, 9), "USD"] == 1.1252
    assert records[date(1999, 1, 4), "ROL"] == 13111.0  # legacy code kept as published
    assert (date(2025, 5, 9), "CYP") not in records
    cyp = [day for day, code in records if code == "CYP"]
    assert max(cyp) == date(2007, 12, 31)
    keys = list(zip(table["currency"].to_pylist(), table["date"].to_pylist(), strict=True))
    assert keys == sorted(keys)


def test_header_currencies_are_the_supported_ones() -> None:
    codes, _ = real_rows()
    assert tuple(codes) == ECB_DAILY_CURRENCIES
    assert set(codes) | {"EUR", "USD"} == SUPPORTED_CURRENCIES


def test_daily_edition_is_the_last_date() -> None:
    assert daily_edition(shared_file(DAILY)) == "2025-05-09"


def test_zip_as_published_reads_like_the_csv(tmp_path: Path) -> None:
    archive = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(shared_file(DAILY), "eurofxref-hist.csv")
    assert read_daily(archive).equals(real_daily_table(), check_metadata=True)
    assert daily_edition(archive) == "2025-05-09"


@pytest.mark.parametrize(
    ("lines", "line", "field", "value"),
    [
        (["2020-01-02,1.1,N/A,"], None, None, None),
        (["2020-13-02,1.1,0.8,"], 2, "Date", "2020-13-02"),
        (["20200102,1.1,0.8,"], 2, "Date", "20200102"),
        (["2020-01-03,1.1,0.8,", "2020-01-02,1.1x,0.8,"], 3, "USD", "1.1x"),
        (["2020-01-02,1.1,0,"], 2, "GBP", "0"),
        (["2020-01-02,-1.1,0.8,"], 2, "USD", "-1.1"),
        (["2020-01-02,nan,0.8,"], 2, "USD", "nan"),
        (["2020-01-02,1.1,,"], 2, "GBP", ""),
        (["2020-01-02,1.1,0.8,7"], 2, "(empty last column)", "7"),
        (["2020-01-02,1.1,0.8"], 2, None, "2020-01-02,1.1,0.8"),
        (["2020-01-02,1.1,0.8,", "", "2020-01-03,1.1,0.8,"], 3, None, None),
    ],
)
def test_daily_faults_name_line_and_field(
    tmp_path: Path, lines: list[str], line: int | None, field: str | None, value: str | None
) -> None:
    path = write_daily(tmp_path, lines)
    if line is None:  # the good case: N/A omitted and counted
        table = read_daily(path)
        assert table.to_pylist() == [{"date": date(2020, 1, 2), "currency": "USD", "per_eur": 1.1}]
        assert missing_rates(table) == {"GBP": 1, "USD": 0}
        return
    with pytest.raises(SourceFormatError) as caught:
        read_daily(path)
    assert (caught.value.line, caught.value.field, caught.value.value) == (line, field, value)
    assert caught.value.path == path
    assert f"line {line}" in str(caught.value)


def test_daily_repeated_date_is_a_duplicate(tmp_path: Path) -> None:
    path = write_daily(tmp_path, ["2020-01-03,1.1,0.8,", "2020-01-03,1.2,0.8,"])
    with pytest.raises(DuplicateRowError, match="line 2"):
        read_daily(path)


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("Day,USD,GBP,", "Date", "Day"),
        ("Date,usd,GBP,", "column 2", "usd"),
        ("Date,USD,GBP,USD,", "USD", "USD"),
        ("Date,", None, "Date,"),
    ],
)
def test_daily_header_faults(tmp_path: Path, header: str, field: str, value: str) -> None:
    path = write_daily(tmp_path, ["2020-01-02,1.1,0.8,"], header=header)
    with pytest.raises(SourceFormatError) as caught:
        read_daily(path)
    assert (caught.value.line, caught.value.field, caught.value.value) == (1, field, value)


def test_daily_without_rows_or_in_another_encoding(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="no data rows"):
        read_daily(write_daily(tmp_path, []))
    path = tmp_path / "latin.csv"
    path.write_bytes(b"Date,USD,\n2020-01-02,1.1,\n2020-01-03,1\xe9,\n")
    with pytest.raises(EncodingError) as caught:
        read_daily(path)
    assert caught.value.line == 3


def test_daily_archive_faults(tmp_path: Path) -> None:
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as out:
        out.writestr("a.csv", "Date,USD,\n")
        out.writestr("b.csv", "Date,USD,\n")
    with pytest.raises(ArchiveError, match="2 CSV files"):
        read_daily(two)
    truncated = tmp_path / "eurofxref-hist.zip"
    truncated.write_bytes(two.read_bytes()[:40])
    with pytest.raises(ArchiveError, match="cannot be read"):
        read_daily(truncated)


# ---------------------------------------------------------------- SDMX reader


def test_real_sdmx_xml() -> None:
    path = shared_file(SDMX_XML)
    table = read_sdmx(path)
    assert table.schema.equals(SDMX_SCHEMA)
    assert table.to_pylist() == [
        {"frequency": "M", "period": "2026-05", "currency": "USD", "per_eur": 1.16732}
    ]
    assert missing_rates(table) == {}
    assert sdmx_edition(path) == "2026-05"


def test_csvdata_layout(tmp_path: Path) -> None:
    path = write_csvdata(
        tmp_path,
        [
            csvdata_row("M", "USD", "2020-01", "1.1100363636364"),
            csvdata_row("A", "USD", "2024", "1.08238046875"),
            csvdata_row("D", "GBP", "2025-05-12", "0.8461"),
            csvdata_row("M", "GBP", "2020-01", "NaN"),
        ],
    )
    table = read_sdmx(path)
    assert table.to_pylist() == [
        {"frequency": "A", "period": "2024", "currency": "USD", "per_eur": 1.08238046875},
        {"frequency": "D", "period": "2025-05-12", "currency": "GBP", "per_eur": 0.8461},
        {"frequency": "M", "period": "2020-01", "currency": "USD", "per_eur": 1.1100363636364},
    ]
    assert missing_rates(table) == {"M.GBP.EUR.SP00.A": 1}
    assert sdmx_edition(path) == "2025-05-12"


@pytest.mark.parametrize(
    ("row", "field", "value", "series"),
    [
        (csvdata_row("M", "USD", "2020-01", "1.1", EXR_TYPE="SP01"), "EXR_TYPE", "SP01", "SP01"),
        (csvdata_row("M", "USD", "2020-01", "1.1", CURRENCY_DENOM="USD"), "CURRENCY_DENOM", "USD",
         "M.USD.USD.SP00.A"),
        (csvdata_row("M", "USD", "2020-01", "1.1", EXR_SUFFIX="E"), "EXR_SUFFIX", "E", "SP00.E"),
        (csvdata_row("Q", "USD", "2020-Q1", "1.1"), "FREQ", "Q", "Q.USD.EUR.SP00.A"),
        (csvdata_row("M", "USD", "2020-13", "1.1"), "TIME_PERIOD", "2020-13", "M.USD"),
        (csvdata_row("A", "USD", "2020-01", "1.1"), "TIME_PERIOD", "2020-01", "A.USD"),
        (csvdata_row("D", "USD", "2021-02-30", "1.1"), "TIME_PERIOD", "2021-02-30", "D.USD"),
        (csvdata_row("M", "USD", "2020-01", "-1.1"), "OBS_VALUE", "-1.1", None),
        (csvdata_row("M", "USD", "2020-01", "1.1").replace("EXR.M.USD", "EXR.M.GBP"), "KEY",
         "EXR.M.GBP.EUR.SP00.A", None),
    ],
)  # fmt: skip
def test_csvdata_faults_name_the_series(
    tmp_path: Path, row: str, field: str, value: str, series: str | None
) -> None:
    path = write_csvdata(tmp_path, [csvdata_row("A", "USD", "2024", "1.08"), row])
    with pytest.raises(SourceFormatError) as caught:
        read_sdmx(path)
    assert (caught.value.line, caught.value.field, caught.value.value) == (3, field, value)
    if series is not None:
        assert series in str(caught.value)


def test_csvdata_repeated_period_and_bad_header(tmp_path: Path) -> None:
    row = csvdata_row("M", "USD", "2020-01", "1.1")
    with pytest.raises(DuplicateRowError, match="line 3"):
        read_sdmx(write_csvdata(tmp_path, [row, row]))
    bad = tmp_path / "other.csv"
    bad.write_text("KEY,FREQ,TIME_PERIOD\nEXR.M,M,2020-01\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="no column CURRENCY") as caught:
        read_sdmx(bad)
    assert caught.value.line == 1


def test_sdmx_xml_faults(tmp_path: Path) -> None:
    text = shared_file(SDMX_XML).read_text(encoding="utf-8")
    other_type = tmp_path / "sp01.xml"
    other_type.write_text(text.replace('value="SP00"', 'value="SP01"'), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"M\.USD\.EUR\.SP01\.A") as caught:
        read_sdmx(other_type)
    assert (caught.value.field, caught.value.value) == ("EXR_TYPE", "SP01")
    broken = tmp_path / "broken.xml"
    broken.write_text(text.replace("</generic:Obs>", "", 1), encoding="utf-8")
    with pytest.raises(SourceFormatError, match="cannot be parsed") as caught:
        read_sdmx(broken)
    assert caught.value.line is not None and caught.value.line > 1
    structure = tmp_path / "structure.xml"
    structure.write_text(text.replace("GenericData", "StructureSpecificData"), encoding="utf-8")
    with pytest.raises(SourceFormatError, match="GenericData"):
        read_sdmx(structure)


# ---------------------------------------------------------------- averages


def test_monthly_average_2020_01_is_the_ecb_published_one() -> None:
    monthly = average_rates(real_daily_table(), "M")
    row = next(
        r for r in monthly.to_pylist() if (r["currency"], r["year"], r["month"]) == ("USD", 2020, 1)
    )
    assert abs(row["per_eur"] - 1.1100363636364) < TOLERANCE
    assert (row["days"], row["partial"]) == (22, False)


def test_annual_average_2024_is_the_ecb_published_one() -> None:
    annual = average_rates(real_daily_table(), "A")
    assert annual.schema.field("month").type == pa.int8()
    row = next(r for r in annual.to_pylist() if (r["currency"], r["year"]) == ("USD", 2024))
    assert abs(row["per_eur"] - 1.08238046875) < TOLERANCE
    assert (row["month"], row["days"], row["partial"]) == (None, 256, False)


@pytest.mark.parametrize("frequency", ["M", "A"])
def test_every_average_matches_an_independent_mean(frequency: currencies.Frequency) -> None:
    expected = real_means()
    table = average_rates(real_daily_table(), frequency)
    seen = 0
    for row in table.to_pylist():
        period = f"{row['year']}" if frequency == "A" else f"{row['year']}-{row['month']:02d}"
        mean, days = expected[row["currency"], period]
        assert math.isclose(row["per_eur"], mean, rel_tol=1e-12), (row, mean)
        assert row["days"] == days
        seen += 1
    assert seen == sum(1 for _, period in expected if len(period) == (4 if frequency == "A" else 7))


@pytest.mark.parametrize(
    ("currency", "year", "month", "days", "partial"),
    [
        ("USD", 2025, 5, 6, True),  # the file ends on 2025-05-09
        ("USD", 2025, None, 89, True),
        ("USD", 2025, 4, 20, False),
        ("USD", 1999, 1, 20, False),  # the euro starts on 1999-01-04
        ("RUB", 2022, 3, 1, True),  # suspended after 2022-03-01
        ("BGN", 2000, 7, 9, True),  # quoted from 2000-07-19
        ("HRK", 2022, 12, 21, False),  # its last month, quoted every day
    ],
)
def test_partial_periods_are_flagged(
    currency: str, year: int, month: int | None, days: int, partial: bool
) -> None:
    rate = real_rate_table().rate(currency, year, month)
    period = f"{year}" if month is None else f"{year}-{month:02d}"
    assert (rate.days, rate.partial, rate.origin) == (days, partial, "daily_mean")
    assert (rate.per_eur, rate.days) == (
        pytest.approx(real_means()[currency, period][0], rel=1e-12),
        real_means()[currency, period][1],
    )


def test_average_rates_refuses_bad_input() -> None:
    with pytest.raises(InvalidArgumentError, match="frequency"):
        average_rates(real_daily_table(), "Q")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="daily rates"):
        average_rates(pa.table({"date": [date(2020, 1, 2)]}), "M")
    assert average_rates(DAILY_SCHEMA.empty_table(), "M").num_rows == 0


# ---------------------------------------------------------------- catalogue, lookup, conversion


def test_rates_from_the_catalogue_with_provenance(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path, currencies.TABLE_SPECS)
    with pytest.raises(ReferenceNotLoadedError, match="ecb_daily"):
        rates(catalogue)
    catalogue.load("ecb_daily", shared_file(DAILY))
    table = rates(catalogue)
    assert [(e.name, e.edition) for e in table.provenance] == [("ecb_daily", "2025-05-09")]
    cyp_missing = sum(row["CYP"] == "N/A" for row in real_rows()[1])
    assert missing_rates(catalogue.table("ecb_daily"))["CYP"] == cyp_missing  # kept in Parquet
    mean_2021, _ = real_means()["USD", "2021"]
    assert abs(table.per_eur("USD", 2021) - mean_2021) < 1e-12
    assert abs(table.per_eur("usd", 2020, 1) - 1.1100363636364) < TOLERANCE


def test_import_dir_finds_both_tables_by_their_names(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path, currencies.TABLE_SPECS)
    report = catalogue.import_dir(shared_file(DAILY).parent)
    assert [(e.name, e.edition) for e in report.imported] == [
        ("ecb_daily", "2025-05-09"),
        ("ecb_sdmx", "2026-05"),
    ]
    assert report.skipped == ()
    table = rates(catalogue)
    assert table.per_eur("USD", 2026, 5) == 1.16732  # published, beyond the daily file
    assert table.rate("USD", 2026, 5).origin == "published"
    assert "ecb_sdmx 2026-05" in repr(table)


def test_published_averages_take_precedence(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path / "catalogue", currencies.TABLE_SPECS)
    catalogue.load("ecb_daily", shared_file(DAILY))
    response = write_csvdata(
        tmp_path,
        [
            csvdata_row("M", "USD", "2020-01", "1.1100363636364"),
            csvdata_row("A", "USD", "2024", "1.08238046875"),
            # not the ECB's figure: a value that differs from the daily mean shows which wins
            csvdata_row("M", "USD", "2020-02", "1.5"),
            csvdata_row("D", "USD", "2025-05-12", "1.1"),
        ],
    )
    catalogue.load("ecb_sdmx", response)
    table = rates(catalogue)
    assert table.rate("USD", 2020, 2).per_eur == 1.5
    assert table.rate("USD", 2020, 2).origin == "published"
    assert table.rate("USD", 2020, 1).per_eur == 1.1100363636364
    assert table.rate("USD", 2020, 3).origin == "daily_mean"
    # the SDMX daily rate of 2025-05-12 joins the six days of the daily file
    may_values = [float(r["USD"]) for r in real_rows()[1] if r["Date"].startswith("2025-05")]
    may = table.rate("USD", 2025, 5)
    assert (may.days, may.partial) == (7, True)
    assert may.per_eur == pytest.approx(statistics.fmean([*may_values, 1.1]), rel=1e-12)
    assert [e.name for e in table.provenance] == ["ecb_daily", "ecb_sdmx"]


def test_euro_and_factors() -> None:
    table = real_rate_table()
    assert table.per_eur("EUR", 1950) == 1.0
    assert table.per_eur("eur", 2024, 6) == 1.0
    usd_2024 = real_means()["USD", "2024"][0]
    gbp_2024 = real_means()["GBP", "2024"][0]
    assert table.factor("USD", "EUR", 2024) == pytest.approx(1 / usd_2024, rel=1e-12)
    assert table.factor("EUR", "USD", 2024) == pytest.approx(usd_2024, rel=1e-12)
    assert table.factor("USD", "GBP", 2024) == pytest.approx(gbp_2024 / usd_2024, rel=1e-12)
    # 18 billion EUR of Italian exports in 2021, in USD at the 2021 average
    usd_2021 = real_means()["USD", "2021"][0]
    assert 18e9 * table.factor("EUR", "USD", 2021) == pytest.approx(18e9 * usd_2021)


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(["EUR", "USD", "GBP", "JPY", "CHF", "CNY"]),
    st.sampled_from(["EUR", "USD", "GBP", "JPY", "CHF", "CNY"]),
    st.sampled_from(["EUR", "USD", "GBP", "JPY", "CHF", "CNY"]),
    st.integers(2006, 2024),  # CNY is quoted from 2005-04
    st.none() | st.integers(1, 12),
)
def test_factors_compose(a: str, b: str, c: str, year: int, month: int | None) -> None:
    table = real_rate_table()
    through_b = table.factor(a, b, year, month) * table.factor(b, c, year, month)
    assert through_b == pytest.approx(table.factor(a, c, year, month), rel=1e-12)


def test_missing_rates_say_what_is_available() -> None:
    table = real_rate_table()
    with pytest.raises(RateNotAvailableError) as caught:
        table.per_eur("ISK", 2010, 1)
    error = caught.value
    assert isinstance(error, BilateralError) and isinstance(error, LookupError)
    assert (error.currency, error.period) == ("ISK", "2010-01")
    isk_months = sorted({p for (code, p) in real_means() if code == "ISK" and len(p) == 7})
    assert error.available[0].startswith(f"months {isk_months[0]} to ")
    assert "ISK" in str(error) and "2010-01" in str(error) and "2025-05" in str(error)
    with pytest.raises(RateNotAvailableError, match="2026") as caught:
        table.per_eur("USD", 2026)
    assert caught.value.available == ("months 1999-01 to 2025-05", "years 1999 to 2025")
    with pytest.raises(RateNotAvailableError, match="currencies AUD, BGN"):
        table.per_eur("XAU", 2020)


@pytest.mark.parametrize(
    ("currency", "year", "month", "name"),
    [("US", 2020, None, "currency"), ("USD", 2020, 13, "month"), ("USD", 20, None, "year")],
)
def test_lookup_arguments_are_checked(
    currency: str, year: int, month: int | None, name: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        real_rate_table().per_eur(currency, year, month)
    assert caught.value.name == name


def test_conversion_table_for_a_join() -> None:
    table = real_rate_table()
    joined = table.conversion_table(["usd", "EUR"])
    assert joined.schema.equals(CONVERSION_SCHEMA)
    rows = joined.to_pylist()
    usd = {(r["year"], r["month"]): r["per_eur"] for r in rows if r["currency"] == "USD"}
    eur = {(r["year"], r["month"]): r["per_eur"] for r in rows if r["currency"] == "EUR"}
    assert usd[2024, None] == pytest.approx(1.08238046875, abs=TOLERANCE)
    assert usd[2020, 1] == pytest.approx(1.1100363636364, abs=TOLERANCE)
    assert len(usd) == 317 + 27  # 1999-01 to 2025-05, 1999 to 2025
    assert set(eur) == set(usd) and set(eur.values()) == {1.0}
    with pytest.raises(RateNotAvailableError, match="XAU"):
        table.conversion_table(["USD", "XAU"])
