"""ISTAT Coeweb: CSV export of the foreign-trade database by territory, country and ATECO product.

The layout is that of Coeweb's tables (the old web tables, documented in SOURCES.md 7.3; the
database now lives at esploradati.istat.it/coeweb): title lines, then one table, then notes::

    Istat - Coeweb - Statistiche del commercio estero
    Importazioni ed esportazioni per territorio, paese e divisione ATECO 2007 - valori in euro
    <blank line>
    TERRITORIO;PAESE;MERCE;IMP2019;EXP2019;IMP2020;EXP2020;IMP2021*;EXP2021*
    ITD5 Emilia-Romagna;BE Belgio;CE20 Sostanze e prodotti chimici;101.345.210;184.220.118;...
    <blank line>
    Fonte: Istat

- Format detection reads the first line: it names Coeweb, or it is the table header itself.
- The table header has a territory column (`TERRITORIO`, `PROVINCE`, `PROVINCIA`, `REGIONE`),
  `PAESE`, `MERCE` (or `ATECO`) and value columns `IMP<year>` (imports, CIF) and
  `EXP<year>` (exports, FOB); a `*` or `(p)` after the year marks provisional figures. The
  separator is the header's: `;`, tab or `,` (quoted fields as in CSV).
- Values are in euro unless a title line says `migliaia di euro` or `milioni di euro`;
  numbers are Italian (`1.234.567`, `1.234,5`). `-` or an empty cell is no figure (skipped).
- A cell is a code and an optional label (`ITD5 Emilia-Romagna`, `4 - Germania`). Territories
  are ITTER107 codes (`ITD5` -> `ITH5`, see `istat_codes`) or names the store resolves.
  Partners are GEONOM alpha-2 codes and groups as in the SDMX data, or the numeric GEONOM codes
  of the old tables (`4` Germany, `17` Belgium; the EU members and main partners are known).
  Products are `TOTALE` (or `0010`), divisions (`20`, or section-prefixed `CE20`, whose first
  letter must be the division's NACE section), or another level (`CL291` a group), skipped as
  in the SDMX reader.
- The table ends at a blank line; later lines are notes and must not look like data rows.
- `rows_read` counts figures (a line's value cells): each line is several rows of the store.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Final, NamedTuple

import pyarrow as pa

from bilateral.errors import BilateralError, SourceFormatError
from bilateral.reference.sectors import all_divisions
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import ReadOptions, ReadStats, SourceRead
from bilateral.sources.istat_codes import (
    TOTAL,
    InvalidCodeError,
    Product,
    Row,
    Skip,
    canonical_batch,
    partner,
    product,
    report_skips,
    territory,
)

SOURCE: Final = "istat_coeweb"
HEADER: Final = "TERRITORIO;PAESE;MERCE;IMP<year>;EXP<year>"
_TERRITORY_COLUMNS: Final = ("TERRITORIO", "PROVINCE", "PROVINCIA", "REGIONE")
_PRODUCT_COLUMNS: Final = ("MERCE", "ATECO")
_VALUE_COLUMN: Final = re.compile(r"(IMP|EXP)\s*((?:19|20)[0-9]{2})\s*(\*|\(p\))?", re.IGNORECASE)
_CODE: Final = re.compile(r"([A-Za-z0-9_]+(?:-[0-9]{5})?)(?:\s*[-:]\s*|\s+|$)(.*)")
_NUMBER: Final = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?|[0-9]+(,[0-9]+)?")
_UNITS: Final = {"milioni di euro": 1_000_000, "migliaia di euro": 1_000}
_NO_FIGURE: Final = "empty or '-' value cells (no figure published)"
# Numeric GEONOM codes of Coeweb's old tables: the EU members and main partners.
# fmt: off
NUMERIC_PARTNERS: Final = {
    "1": "FR", "3": "NL", "4": "DE", "5": "IT", "6": "GB", "7": "IE", "8": "DK", "9": "GR",
    "10": "PT", "11": "ES", "17": "BE", "18": "LU", "24": "IS", "28": "NO", "30": "SE", "32": "FI",
    "37": "LI", "38": "AT", "39": "CH", "46": "MT", "52": "TR", "53": "EE", "54": "LV", "55": "LT",
    "60": "PL", "61": "CZ", "63": "SK", "64": "HU", "66": "RO", "68": "BG", "75": "RU", "91": "SI",
    "92": "HR", "400": "US", "404": "CA", "508": "BR", "600": "CY", "664": "IN", "720": "CN",
    "732": "JP",
}
# fmt: on


class _Table(NamedTuple):
    """Where the table is in the file and how to read it."""

    header_line: int
    delimiter: str
    columns: list[str]
    scale: int


class _ValueColumn(NamedTuple):
    """A value column: its name, flow and year, and whether its figures are provisional."""

    name: str
    flow: str
    year: int
    provisional: bool


class IstatCoeweb:
    """CSV exports of ISTAT's Coeweb tables by territory, country and ATECO product."""

    name = SOURCE
    header = HEADER
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "CPA"
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = f"ISTAT Coeweb CSV export (title lines, then {HEADER})"

    def matches(self, header: str) -> bool:
        """Say whether the first line names Coeweb or is a Coeweb table header."""
        return "coeweb" in header.casefold() or _table_header(header) is not None

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole export (they are small) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="ISTAT Coeweb foreign trade by territory, country and ATECO (CSV export)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=True,
        )


def _table_header(line: str) -> tuple[str, list[str]] | None:
    """Return the separator and column names if `line` is a table header."""
    for delimiter in (";", "\t", ","):
        if delimiter not in line:
            continue
        columns = [name.strip().upper() for name in next(csv.reader([line], delimiter=delimiter))]
        has_values = any(_VALUE_COLUMN.fullmatch(name) for name in columns)
        has_territory = any(name in _TERRITORY_COLUMNS for name in columns)
        has_product = any(name in _PRODUCT_COLUMNS for name in columns)
        if has_values and has_territory and has_product and "PAESE" in columns:
            return delimiter, columns
    return None


def _lines(data_path: Path) -> list[str]:
    raw = data_path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel's Italian exports
    return text.splitlines()


def _find_table(path: Path, lines: list[str]) -> _Table:
    """Find the table header after the title lines, and the unit the titles name."""
    scales: set[int] = set()
    for index, line in enumerate(lines):
        found = _table_header(line)
        if found is not None:
            if len(scales) > 1:
                raise SourceFormatError(
                    path, "the title lines name two units", line=index + 1,
                    expected="one of euro, migliaia di euro, milioni di euro",
                )  # fmt: skip
            return _Table(index + 1, found[0], found[1], scales.pop() if scales else 1)
        scales.update(scale for unit, scale in _UNITS.items() if unit in line.casefold())
    raise SourceFormatError(
        path,
        "no table header",
        expected="a line with TERRITORIO, PAESE, MERCE and IMP<year>/EXP<year> columns",
    )


def _value_columns(path: Path, table: _Table) -> list[_ValueColumn]:
    columns: list[_ValueColumn] = []
    for name in table.columns:
        match = _VALUE_COLUMN.fullmatch(name)
        if match is not None:
            flow = "import" if match.group(1).upper() == "IMP" else "export"
            columns.append(_ValueColumn(name, flow, int(match.group(2)), bool(match[3])))
    keys = [(column.flow, column.year) for column in columns]
    if len(set(keys)) != len(keys):
        raise SourceFormatError(
            path, "a flow and year appears in two columns", line=table.header_line,
            expected="one IMP<year> and one EXP<year> column per year",
        )  # fmt: skip
    return columns


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    lines = _lines(data_path)
    stats.bytes_read = data_path.stat().st_size
    table = _find_table(path, lines)
    reader = _LineReader(path, table, _value_columns(path, table), options)
    skipped: Counter[str] = Counter()
    rows: list[Row] = []
    for number, fields in _data_lines(path, table, lines):
        stats.rows_read += len(reader.values)
        for row in reader.rows(number, fields):
            if isinstance(row, Skip):
                skipped[row.reason] += 1
            else:
                rows.append(row)
    report_skips(stats, skipped)
    if rows:
        yield canonical_batch(rows, options, path)


def _data_lines(path: Path, table: _Table, lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield the table's lines with their numbers; check that notes after it hold no data."""
    ended = False
    for number, line in enumerate(lines[table.header_line :], start=table.header_line + 1):
        fields = next(csv.reader([line], delimiter=table.delimiter), [])
        filled = [field for field in fields if field.strip()]
        if not filled:
            ended = True
        elif ended and len(filled) >= len(table.columns) - 1:
            raise SourceFormatError(
                path, "a data row after the blank line that ends the table", line=number,
                value=line[:120], expected="the table's rows together, notes after them",
            )  # fmt: skip
        elif not ended:
            if len(fields) != len(table.columns):
                raise SourceFormatError(
                    path, f"{len(fields)} fields instead of {len(table.columns)}", line=number,
                    value=line[:120], expected=f"{len(table.columns)} fields, as the header",
                )  # fmt: skip
            yield number, [field.strip() for field in fields]


class _LineReader:
    """Turn one table line into its rows (or skips), or the error of its line and field."""

    def __init__(
        self, path: Path, table: _Table, values: list[_ValueColumn], options: ReadOptions
    ) -> None:
        self.path = path
        self.table = table
        self.values = values
        self.options = options
        names = table.columns
        self.territory_field = next(name for name in names if name in _TERRITORY_COLUMNS)
        self.product_field = next(name for name in names if name in _PRODUCT_COLUMNS)
        self.sections = {division.code: division.section for division in all_divisions()}

    def rows(self, line: int, fields: list[str]) -> Iterator[Row | Skip]:
        cell = dict(zip(self.table.columns, fields, strict=True))
        try:
            field = self.territory_field
            reporter = self._territory(cell[field])
            field = "PAESE"
            partners = {
                column.year: self._partner(cell[field], column.year) for column in self.values
            }
            field = self.product_field
            stored = self._product(cell[field])
        except InvalidCodeError as error:
            raise SourceFormatError(
                self.path, error.problem, line=line, field=field, value=cell[field],
                expected=error.expected,
            ) from None  # fmt: skip
        for column in self.values:
            mapped = partners[column.year]
            for reason in (reporter, mapped, stored):
                if isinstance(reason, Skip):
                    yield reason
                    break
            else:
                yield self._row(line, column, cell[column.name], reporter, mapped, stored)

    def _row(
        self,
        line: int,
        column: _ValueColumn,
        text: str,
        reporter: str | Skip,
        mapped: tuple[str, str | None] | Skip,
        stored: Product | Skip,
    ) -> Row | Skip:
        assert not isinstance(reporter, Skip)
        assert not isinstance(mapped, Skip) and not isinstance(stored, Skip)
        if text in ("", "-"):
            return Skip(_NO_FIGURE)
        value = self._number(line, column.name, text)
        flags = {
            flag for flag in (mapped[1], "provisional" if column.provisional else None) if flag
        }
        return Row(SOURCE, line, reporter, mapped[0], column.flow, column.year, None, stored,
                   value, frozenset(flags))  # fmt: skip

    def _number(self, line: int, field: str, text: str) -> float:
        if text.startswith("-"):
            raise SourceFormatError(
                self.path, "negative value", line=line, field=field, value=text,
                expected="a value >= 0",
            )  # fmt: skip
        if not _NUMBER.fullmatch(text):
            raise SourceFormatError(
                self.path, "not a number", line=line, field=field, value=text,
                expected="a number in Italian format (1.234.567 or 1.234,5), '-' or empty",
            )  # fmt: skip
        return float(Decimal(text.replace(".", "").replace(",", ".")) * self.table.scale)

    def _territory(self, text: str) -> str | Skip:
        code, _ = _split(text)
        if text.casefold() in ("italia", "italy"):
            return "ITA"
        looks_coded = re.fullmatch(r"IT[A-Z0-9_]*", code) is not None
        return territory(code if looks_coded else text, self.options.resolve)

    def _partner(self, text: str, year: int) -> tuple[str, str | None] | Skip:
        code, _ = _split(text)
        if code.isdigit():
            alpha = NUMERIC_PARTNERS.get(code.lstrip("0"))
            if alpha is None:
                expected = "a numeric GEONOM code of an EU member or main partner, or alpha-2"
                raise InvalidCodeError("numeric partner code not known", expected)
            code = alpha
        elif not re.fullmatch(r"[A-Z][A-Z0-9_]+", code):
            try:
                found = self.options.resolve(text)
            except BilateralError as error:
                raise InvalidCodeError(f"unknown partner ({error})", "a GEONOM code") from None
            return found.code, None
        return partner(code, year)

    def _product(self, text: str) -> Product | Skip:
        code, _ = _split(text)
        if code.casefold() in ("totale", "total"):
            return TOTAL
        prefixed = re.fullmatch(r"([A-Z]{1,2})([0-9]{2,5})", code)
        if prefixed is None:
            return product(code)
        section, digits = prefixed.groups()
        if self.sections.get(digits[:2], section[0]) != section[0]:
            expected = f"the section letter of division {digits[:2]}: {self.sections[digits[:2]]}"
            raise InvalidCodeError("section prefix does not match the division", expected)
        return product(digits)


def _split(text: str) -> tuple[str, str]:
    """Return a cell's code and label (`ITD5 Emilia-Romagna` -> `ITD5`, `Emilia-Romagna`)."""
    match = _CODE.fullmatch(text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")
