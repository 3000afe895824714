"""IMF Direction of Trade Statistics (DOTS, now IMTS): the data portal's Excel export.

One workbook per reporter, annual, every partner, in two sheets: `Exports, FOB` (flow export,
valued FOB) and `Imports, CIF` (flow import, valued CIF). Each sheet: a title row
(`Exports, FOB to Partner Countries`), the reporter's name (`Italy`), the unit (`US Dollars,
Millions`), a row of years, then one row per partner: its IMF name in the first column and a
value per year. The first column and row of the sheet may be empty; positions are found, not
assumed.

Decisions (every cell is stored, or counted and skipped with its reason):
- The unit must be US dollars, millions: values are stored in dollars (`USD`), exactly
  (`Decimal`, then float). Another unit fails naming the cell.
- An empty cell is a missing figure: never stored as zero, counted.
- Partner names map through `imf_names`: territories, the store's groups (`WORLD`,
  `EU27_2020`, `EA19`), unallocated partners (flag `unallocated_partner`); the IMF's own
  aggregates without a group in the store are skipped and counted; an unknown name fails.
- A partner listed twice (the export lists Australia first and again among the advanced
  economies) is stored once when both rows agree, and fails when they differ.
- Product: `TOTAL` (all goods). The rows are the reporter's own declarations: the partner's
  file gives the mirror view. Both sheets must name the same reporter, each year once.
- Vintage: the caller's, else the date the portal wrote the workbook (its zip entries' date,
  2022-02-19 for the Italy export), else the file's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Final

import pyarrow as pa

from bilateral.errors import BilateralError, DuplicateRowError, WorkbookFormatError
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.imf_names import Aggregate, UnknownImfNameError, imf_partner
from bilateral.sources.istat_codes import file_date, join_row_flags, report_skips
from bilateral.sources.workbook import (
    SHEET_SEPARATOR,
    WORKBOOK_PREFIX,
    Sheet,
    is_workbook,
    read_sheet,
    sheet_names,
    written_date,
)

SOURCE: Final = "imf_dots"
SHEETS: Final = {"Exports, FOB": "export", "Imports, CIF": "import"}
UNIT: Final = "US Dollars, Millions"
HEADER: Final = WORKBOOK_PREFIX + SHEET_SEPARATOR.join(SHEETS)
_YEAR: Final = re.compile(r"(19|20)[0-9]{2}")
_EMPTY: Final = "empty cell: no figure published (missing, never zero)"


class ImfDots:
    """The IMF DOTS portal's Excel export: one reporter, every partner, annual, USD."""

    name = SOURCE
    header = HEADER
    description = (
        "IMF Direction of Trade Statistics, Excel export (sheets Exports, FOB; Imports, CIF)"
    )
    # Every row is a published total (all goods) with its partner.
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "total"
    # The export sheet is FOB, the import sheet CIF: imports are valued CIF.
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "checked_against_world"

    def matches(self, header: str) -> bool:
        """Say whether `header` is a workbook with a DOTS sheet."""
        if not header.startswith(WORKBOOK_PREFIX):
            return False
        return bool(set(header.removeprefix(WORKBOOK_PREFIX).split(SHEET_SEPARATOR)) & set(SHEETS))

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read both sheets (a few hundred rows each) and yield one batch per sheet."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="IMF Direction of Trade Statistics (Excel export)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=True,
        )


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    stats.bytes_read = data_path.stat().st_size
    names = sheet_names(data_path)
    unknown = [name for name in names if name not in SHEETS]
    if unknown:
        raise WorkbookFormatError(
            path, unknown[0], "not a DOTS sheet", expected=" or ".join(repr(s) for s in SHEETS)
        )
    skipped: Counter[str] = Counter()
    reporters: dict[str, tuple[str, str]] = {}  # each sheet's reporter: name and code
    batches = [_sheet_batch(path, read_sheet(data_path, name), options, stats, skipped, reporters)
               for name in names]  # fmt: skip
    report_skips(stats, skipped)
    yield from (batch for batch in batches if batch.num_rows)


class _SheetReader:
    """One sheet: its layout rows, then its partner rows as canonical columns."""

    def __init__(self, path: Path, sheet: Sheet, options: ReadOptions) -> None:
        self.path = path
        self.sheet = sheet
        self.options = options
        self.reporter_row = 0
        self.reporter_name = ""

    def fail(
        self,
        row: int,
        position: int | None,
        problem: str,
        value: str | None,
        expected: str,
        error: type[WorkbookFormatError] = WorkbookFormatError,
    ) -> None:
        """Raise `error` naming the sheet, the row and the column at `position` in the row."""
        field = None if position is None else self.sheet.letter(position)
        raise error(
            self.path, self.sheet.name, problem, line=row, field=field, value=value,
            expected=expected,
        )  # fmt: skip

    def layout(self) -> tuple[int, list[int], str]:
        """Return the years row's index, the years, and the reporter's canonical code."""
        rows = self.sheet.rows
        index = next((i for i, cells in enumerate(rows) if any(cells[1:])), None)
        if index is None:
            self.fail(1, None, "no row of years", None, "a row of years after the unit row")
        assert index is not None
        labels = [(i, cells[0]) for i, cells in enumerate(rows[:index]) if cells and cells[0]]
        if len(labels) != 3:
            found = "; ".join(str(label) for _, label in labels)
            self.fail(index + 1, 0, "the rows above the years are not title, reporter and unit",
                      found, "three rows: the title, the reporter's name and the unit")  # fmt: skip
        (title_row, title), (reporter_row, reporter), (unit_row, unit) = labels
        self.reporter_row, self.reporter_name = reporter_row + 1, str(reporter)
        if not str(title).startswith(self.sheet.name):
            self.fail(title_row + 1, 0, "title of another sheet", title,
                      f"a title starting {self.sheet.name!r}")  # fmt: skip
        if " ".join(str(unit).split()).lower() != UNIT.lower():
            self.fail(unit_row + 1, 0, "unit other than millions of US dollars", unit, UNIT)
        return index, self._years(index), self._reporter(reporter_row, str(reporter))

    def _years(self, index: int) -> list[int]:
        years: list[int] = []
        for position, cell in enumerate(self.sheet.rows[index][1:], start=1):
            text = (cell or "").strip().removesuffix(".0")
            if not _YEAR.fullmatch(text):
                self.fail(index + 1, position, "year column that is not a year", cell,
                          "a year such as 2020")  # fmt: skip
            years.append(int(text))
        if len(set(years)) != len(years):
            repeated = next(p for p, year in enumerate(years, start=1) if years.index(year) < p - 1)
            self.fail(index + 1, repeated, f"the year {years[repeated - 1]} given twice",
                      str(years[repeated - 1]), "each year once")  # fmt: skip
        return years

    def _reporter(self, row: int, name: str) -> str:
        try:
            found = self.options.resolve(name)
        except BilateralError as error:
            self.fail(row + 1, 0, f"unknown reporter ({error})", name, "a country's name")
            raise
        return found.code


def _sheet_batch(
    path: Path,
    sheet: Sheet,
    options: ReadOptions,
    stats: ReadStats,
    skipped: Counter[str],
    reporters: dict[str, tuple[str, str]],
) -> pa.RecordBatch:
    reader = _SheetReader(path, sheet, options)
    start, years, reporter = reader.layout()
    for other, (named, code) in reporters.items():
        if code != reporter:
            expected = f"{named} as sheet {other!r} names: a workbook is one reporter's figures"
            reader.fail(reader.reporter_row, 0, "another reporter", reader.reporter_name, expected)
    reporters[sheet.name] = (reader.reporter_name, reporter)
    flow = SHEETS[sheet.name]
    seen: dict[tuple[str, int], tuple[int, Decimal]] = {}
    columns: dict[str, list[object]] = {name: [] for name in ("partner", "year", "value", "flags",
                                                              LINE_COLUMN)}  # fmt: skip
    for index in range(start + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        row = index + 1
        if not any(cells):
            continue
        name = cells[0]
        if not name:
            reader.fail(row, 0, "values without a partner name", None, "an IMF partner name")
        try:
            mapped = imf_partner(str(name), options.resolve)
        except UnknownImfNameError as unknown:
            expected = "an IMF country name or listed IMF group"
            reader.fail(row, 0, str(unknown), str(name), expected)
            raise
        for position, (year, cell) in enumerate(zip(years, cells[1:], strict=True), start=1):
            stats.rows_read += 1
            if cell is None or not cell.strip():
                skipped[_EMPTY] += 1
                continue
            if isinstance(mapped, Aggregate):
                skipped[
                    f"partner {mapped.name!r}: an IMF aggregate with no group in the store"
                ] += 1
                continue
            value = _millions(reader, row, position, cell, sheet.numbers[index][position])
            key = (mapped.code, year)
            if key in seen:
                first, earlier = seen[key]
                if earlier != value:
                    problem = f"partner {name!r} also on row {first} with another value"
                    expected = f"{earlier} as on row {first}"
                    reader.fail(row, position, problem, cell, expected, DuplicateWorkbookRowError)
                skipped[f"a partner listed twice with the same figures ({name})"] += 1
                continue
            seen[key] = (row, value)
            columns["partner"].append(mapped.code)
            columns["year"].append(year)
            columns["value"].append(float(value.scaleb(6)))
            columns["flags"].append(join_row_flags({mapped.flag} - {None}, options))  # type: ignore[arg-type]
            columns[LINE_COLUMN].append(row)
    count = len(columns["partner"])
    columns.update(reporter=[reporter] * count, flow=[flow] * count)
    return canonical_rows(columns, options, path)


class DuplicateWorkbookRowError(WorkbookFormatError, DuplicateRowError):
    """Two rows of one sheet that give different figures for the same partner and year."""


def _millions(
    reader: _SheetReader, row: int, position: int, cell: str, number: float | None
) -> Decimal:
    """Return the cell's exact decimal value (from its float: the text is rounded)."""
    value = Decimal("NaN") if number is None else Decimal(repr(number))
    if not value.is_finite():
        reader.fail(row, position, "not a number", cell, "a number of millions of US dollars")
    if value < 0:
        reader.fail(row, position, "negative value", cell, "a value >= 0")
    return value


def _written(path: Path) -> str | None:
    return written_date(path) if is_workbook(path) else None


def canonical_rows(
    columns: dict[str, list[object]], options: ReadOptions, path: Path
) -> pa.RecordBatch:
    """Return IMF figures (USD, all goods) as a batch: `columns` holds reporter, partner,
    flow, year, month, value, flags and line lists."""
    count = len(columns["partner"])
    data = {
        "source": [SOURCE] * count,
        "reporter": columns["reporter"],
        "partner": columns["partner"],
        "flow": columns["flow"],
        "year": columns["year"],
        "month": columns.get("month", [None] * count),
        "product": ["TOTAL"] * count,
        "product_scheme": ["TOTAL"] * count,
        "product_cpa": [None] * count,
        "value": columns["value"],
        "currency": ["USD"] * count,
        "quantity_kg": [None] * count,
        "flags": columns["flags"],
        "trade_type": [None] * count,
        "stat_procedure": [None] * count,
        "vintage": [options.vintage or _written(path) or file_date(path)] * count,
        LINE_COLUMN: columns[LINE_COLUMN],
    }
    return pa.RecordBatch.from_pydict(data, schema=BATCH_SCHEMA)
