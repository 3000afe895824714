"""ECB euro foreign exchange reference rates: the daily history file and SDMX responses.

The daily history `eurofxref-hist.csv` (published inside `eurofxref-hist.zip`) has one row per
TARGET business day, newest first, and one column per currency, in units of currency per 1 EUR.
Every line, the header included, ends with a comma (an empty last column). `N/A` means the ECB
gave no rate that day (a currency not yet or no longer quoted, a suspension such as RUB after
2022-03-01); it is never a zero. Legacy codes keep their own columns (`ROL` is not `RON`).

SDMX responses of the ECB Data Portal (dataset EXR) come as SDMX 2.1 GenericData XML or as
`format=csvdata` CSV. Only euro reference rates are read: EXR_TYPE `SP00`, CURRENCY_DENOM `EUR`,
EXR_SUFFIX `A` (daily rate or average of the period), FREQ `D`, `M` or `A`.

Both readers omit the rates a file does not give, and count them in the schema metadata
(`missing_rates(table)` reads the counts back; they survive the catalogue's Parquet copy).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import ArchiveError, DuplicateRowError, EncodingError, SourceFormatError

DAILY_SCHEMA: Final = pa.schema(
    [
        pa.field("date", pa.date32(), nullable=False),
        pa.field("currency", pa.string(), nullable=False),
        pa.field("per_eur", pa.float64(), nullable=False),
    ]
)
SDMX_SCHEMA: Final = pa.schema(
    [
        pa.field("frequency", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("currency", pa.string(), nullable=False),
        pa.field("per_eur", pa.float64(), nullable=False),
    ]
)
MISSING_KEY: Final = b"bilateral.missing_rates"
ROWS_KEY: Final = b"bilateral.rows_read"
SDMX_CSV_COLUMNS: Final = (
    "KEY",
    "FREQ",
    "CURRENCY",
    "CURRENCY_DENOM",
    "EXR_TYPE",
    "EXR_SUFFIX",
    "TIME_PERIOD",
    "OBS_VALUE",
)

_CODE = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_SDMX_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CODE_TEXT = "an ISO 4217 code of 3 capital letters"
# What an euro reference rate series has in each dimension: (pattern, what would be valid).
_SERIES: Final = {
    "FREQ": (re.compile("[DMA]"), "D, M or A"),
    "CURRENCY": (_CODE, _CODE_TEXT),
    "CURRENCY_DENOM": (re.compile("EUR"), "EUR"),
    "EXR_TYPE": (re.compile("SP00"), "SP00"),
    "EXR_SUFFIX": (re.compile("A"), "A"),
}
_PERIODS: Final = {
    "D": (_DATE, "YYYY-MM-DD"),
    "M": (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"), "YYYY-MM"),
    "A": (re.compile(r"[0-9]{4}"), "YYYY"),
}
_NS: Final = {
    "message": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "generic": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
}
_TRAILING = "(empty last column)"


def missing_rates(table: pa.Table) -> dict[str, int]:
    """Return how many rates the file behind `table` left out, by currency or SDMX series.

    Keys are currency codes for the daily file (every header currency, zeros included) and
    series keys (`M.USD.EUR.SP00.A`) for SDMX responses.
    """
    metadata = table.schema.metadata or {}
    if MISSING_KEY not in metadata:
        return {}
    counts: dict[str, int] = json.loads(metadata[MISSING_KEY])
    return counts


def read_daily(path: Path) -> pa.Table:
    """Read the ECB daily history (`eurofxref-hist.csv`, or the `.zip` holding it).

    Returns `DAILY_SCHEMA` rows sorted by currency and date, `N/A` cells omitted and counted
    (`missing_rates`). Dates may come in any order but only once. Every date, rate and header
    code is checked; any fault raises `SourceFormatError` with line (1 = header) and field, and
    nothing is returned.
    """
    lines = _lines(path, _daily_bytes(path))
    codes, trailing = _daily_header(path, next(lines, (1, "")))
    width = len(codes) + 1 + trailing
    shape = f"Date, {len(codes)} rates" + (" and an empty last field" if trailing else "")
    missing = dict.fromkeys(codes, 0)
    first_line: dict[date, int] = {}
    dates: list[date] = []
    currencies: list[str] = []
    values: list[float] = []
    for number, text in lines:
        fields = text.split(",")
        if len(fields) != width:
            raise _fault(path, number, None, text[:120], f"{len(fields)} fields", shape)
        day = _parse_date(path, fields[0], number)
        if day in first_line:
            seen = f"one row per date (it is on line {first_line[day]})"
            raise _fault(path, number, "Date", fields[0], "date repeated", seen, DuplicateRowError)
        first_line[day] = number
        if trailing and fields[-1]:
            empty = "an empty field: each line ends with a comma"
            raise _fault(path, number, _TRAILING, fields[-1], "value after the last rate", empty)
        for code, cell in zip(codes, fields[1:], strict=False):
            if cell == "N/A":
                missing[code] += 1
                continue
            dates.append(day)
            currencies.append(code)
            values.append(_parse_rate(path, cell, number, code, _DECIMAL, " or N/A"))
    if not first_line:
        raise _fault(path, 2, None, None, "the file has a header but no data rows", "data rows")
    table = pa.table([dates, currencies, values], schema=DAILY_SCHEMA)
    table = table.take(pc.sort_indices(table, [("currency", "ascending"), ("date", "ascending")]))
    return _with_counts(table, missing, len(first_line))


def daily_edition(path: Path) -> str:
    """Return the last date of a daily history file (`2025-05-09`), checking only the dates."""
    lines = _lines(path, _daily_bytes(path))
    next(lines, None)
    days = [_parse_date(path, text.split(",", 1)[0], number) for number, text in lines]
    if not days:
        raise _fault(path, 2, None, None, "the file holds no dated rows", "data rows")
    return max(days).isoformat()


@dataclass(frozen=True)
class _Observation:
    dims: dict[str, str]
    period: str
    value: str | None  # None: the response has no value for this period
    line: int | None  # 1-based line of a CSV response; None in XML

    @property
    def series(self) -> str:
        return ".".join(self.dims.get(name, "?") for name in _SERIES)


def read_sdmx(path: Path) -> pa.Table:
    """Read an ECB Data Portal EXR response (SDMX 2.1 GenericData XML or `csvdata` CSV).

    Returns `SDMX_SCHEMA` rows sorted by frequency, currency and period; `period` is the
    published TIME_PERIOD (`2020-01-02`, `2020-01`, `2024`). A series other than a euro
    reference rate (EXR_TYPE SP00, CURRENCY_DENOM EUR, EXR_SUFFIX A) or of a frequency other
    than D, M, A raises `SourceFormatError` naming the series. Observations without a value
    (`NaN` or empty) are omitted and counted by series (`missing_rates`). XML or CSV is told
    by the content, not the file name (a fetched response is named after its series key).
    """
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    found = _xml_observations(path) if start.startswith(b"<") else _csv_observations(path)
    missing: dict[str, int] = {}
    rows: dict[tuple[str, str, str], float] = {}
    for obs in found:
        for name, (pattern, valid) in _SERIES.items():
            if not pattern.fullmatch(obs.dims.get(name, "")):
                problem = f"series {obs.series} is not a euro reference rate series"
                raise _fault(path, obs.line, name, obs.dims.get(name), problem, valid)
        frequency = obs.dims["FREQ"]
        period_pattern, shape = _PERIODS[frequency]
        if not period_pattern.fullmatch(obs.period) or not _is_period(obs.period):
            problem = f"series {obs.series}: not a period of frequency {frequency}"
            raise _fault(path, obs.line, "TIME_PERIOD", obs.period, problem, shape)
        key = (frequency, obs.period, obs.dims["CURRENCY"])
        if key in rows:
            problem = f"series {obs.series}: period repeated"
            once = "one observation per period"
            raise _fault(
                path, obs.line, "TIME_PERIOD", obs.period, problem, once, DuplicateRowError
            )
        if obs.value is None or obs.value in ("", "NaN"):
            missing[obs.series] = missing.get(obs.series, 0) + 1
            continue
        rows[key] = _parse_rate(path, obs.value, obs.line, "OBS_VALUE", _SDMX_NUMBER)
    if not rows and not missing:
        raise _fault(path, None, None, None, "the response holds no observations", "EXR data")
    columns = [list(column) for column in zip(*rows, strict=True)] or [[], [], []]
    table = pa.table([*columns, list(rows.values())], schema=SDMX_SCHEMA)
    order = [("frequency", "ascending"), ("currency", "ascending"), ("period", "ascending")]
    return _with_counts(table.take(pc.sort_indices(table, order)), missing, len(rows))


def sdmx_edition(path: Path) -> str:
    """Return the latest period an SDMX response gives a rate for (`2026-05`)."""
    latest = pc.max(read_sdmx(path).column("period")).as_py()
    if latest is None:
        raise _fault(path, None, None, None, "the response gives no rate", "EXR observations")
    return str(latest)


def _fault(
    path: Path,
    line: int | None,
    field: str | None,
    value: str | None,
    problem: str,
    expected: str | None,
    kind: type[SourceFormatError] = SourceFormatError,
) -> SourceFormatError:
    """Return the error for a fault at `line` and `field` (positional: the readers check a lot)."""
    return kind(path, problem, line=line, field=field, value=value, expected=expected)


def _daily_bytes(path: Path) -> bytes:
    """Return the CSV bytes of `path`: the file itself, or the one CSV inside a ZIP archive."""
    data = path.read_bytes()
    if not data.startswith(b"PK\x03\x04"):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
            if len(names) != 1:
                found = f"the archive holds {len(names)} CSV files ({', '.join(names) or 'none'})"
                raise ArchiveError(path, found, expected="one CSV file (eurofxref-hist.csv)")
            return archive.read(names[0])
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        problem = f"the ZIP archive cannot be read ({exc})"
        raise ArchiveError(path, problem, expected="the archive as published") from None


def _lines(path: Path, data: bytes) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, text) for every line, refusing blank and non-UTF-8 lines."""
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    for number, raw in enumerate(raw_lines, start=1):
        try:
            text = raw.rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = f"byte {raw[exc.start : exc.end]!r} is not UTF-8"
            raise _fault(path, number, None, None, bad, "UTF-8 text", EncodingError) from None
        if not text.strip():
            raise _fault(path, number, None, None, "blank line", "a line of data")
        yield number, text.removeprefix("\ufeff") if number == 1 else text


def _daily_header(path: Path, header: tuple[int, str]) -> tuple[list[str], bool]:
    """Return the header's currency codes and whether its lines end with a comma."""
    fields = header[1].split(",")
    if fields[0] != "Date":
        problem = "not an ECB daily rates file"
        raise _fault(path, 1, "Date", fields[0], problem, "a header starting Date,USD,")
    trailing = fields[-1] == ""
    codes = fields[1:-1] if trailing else fields[1:]
    if not codes:
        raise _fault(path, 1, None, header[1], "the header names no currency", "Date,USD,")
    for column, code in enumerate(codes, start=2):
        if not _CODE.fullmatch(code):
            raise _fault(path, 1, f"column {column}", code, "not a currency", _CODE_TEXT)
        if code in codes[: column - 2]:
            raise _fault(path, 1, code, code, "currency repeated", "one column per currency")
    return codes, trailing


def _parse_date(path: Path, text: str, line: int) -> date:
    if _DATE.fullmatch(text) and _is_period(text):
        return date.fromisoformat(text)
    raise _fault(path, line, "Date", text, "not a date", "a date YYYY-MM-DD")


def _is_period(text: str) -> bool:
    """Say whether a YYYY, YYYY-MM or YYYY-MM-DD text names a real period."""
    try:
        date.fromisoformat(text if len(text) == 10 else f"{text[:4]}-{text[5:7] or '01'}-01")
    except ValueError:
        return False
    return True


def _parse_rate(
    path: Path, text: str, line: int | None, field: str, pattern: re.Pattern[str], alt: str = ""
) -> float:
    """Return `text` as a rate: a positive finite number (units of currency per 1 EUR)."""
    if pattern.fullmatch(text):
        value = float(text)
        if 0.0 < value < float("inf"):
            return value
    raise _fault(path, line, field, text, "not a rate", f"a positive number of units per euro{alt}")


def _with_counts(table: pa.Table, missing: dict[str, int], rows_read: int) -> pa.Table:
    metadata = {MISSING_KEY: json.dumps(missing, sort_keys=True), ROWS_KEY: str(rows_read)}
    return table.replace_schema_metadata(metadata)


def _xml_observations(path: Path) -> Iterator[_Observation]:
    """Yield the observations of an SDMX 2.1 GenericData message, series by series."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        problem = f"the XML cannot be parsed ({exc})"
        raise _fault(path, exc.position[0], None, None, problem, "SDMX 2.1 XML") from None
    if root.tag != f"{{{_NS['message']}}}GenericData":
        tag = root.tag.rsplit("}", 1)[-1]
        problem = "not an SDMX 2.1 GenericData message"
        raise _fault(path, None, "root element", tag, problem, "message:GenericData")
    for dataset in root.iterfind("message:DataSet", _NS):
        if dataset.find("generic:Obs", _NS) is not None:
            problem = "observations outside series (dimensionAtObservation=AllDimensions)"
            raise _fault(path, None, None, None, problem, "series by TIME_PERIOD (the default)")
        for series in dataset.iterfind("generic:Series", _NS):
            dims = {
                str(value.get("id")): str(value.get("value"))
                for value in series.iterfind("generic:SeriesKey/generic:Value", _NS)
            }
            for obs in series.iterfind("generic:Obs", _NS):
                period = obs.find("generic:ObsDimension", _NS)
                value = obs.find("generic:ObsValue", _NS)
                yield _Observation(
                    dims,
                    "" if period is None else str(period.get("value", "")),
                    None if value is None else value.get("value"),
                    None,
                )


def _csv_observations(path: Path) -> Iterator[_Observation]:
    """Yield the rows of an ECB `csvdata` response, checking the columns and each KEY."""
    lines = _lines(path, path.read_bytes())
    _, header_text = next(lines, (1, ""))
    header = next(csv.reader([header_text]))
    absent = [name for name in SDMX_CSV_COLUMNS if name not in header]
    if absent:
        problem = f"not an ECB csvdata response: no column {', '.join(absent)}"
        raise _fault(path, 1, None, header_text[:120], problem, ",".join(SDMX_CSV_COLUMNS))
    where = {name: header.index(name) for name in SDMX_CSV_COLUMNS}
    for number, text in lines:
        fields = next(csv.reader([text]))
        if len(fields) != len(header):
            shape = f"{len(header)} fields as in the header"
            raise _fault(path, number, None, text[:120], f"{len(fields)} fields", shape)
        dims = {name: fields[where[name]] for name in _SERIES}
        obs = _Observation(dims, fields[where["TIME_PERIOD"]], fields[where["OBS_VALUE"]], number)
        if fields[where["KEY"]] != f"EXR.{obs.series}":
            problem = "KEY does not match the dimension columns"
            raise _fault(path, number, "KEY", fields[where["KEY"]], problem, f"EXR.{obs.series}")
        yield obs
