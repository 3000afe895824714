"""Spreadsheets (xlsx) that publishers export: detection and reading a sheet's cells as text.

A workbook has no header line: its "header", for format detection, is the list of its sheets
(`xlsx workbook, sheets: Exports, FOB | Imports, CIF`). Cells are read with fastexcel twice: as
text (to see labels, and text where a number should be) and as numbers (fastexcel's text of a
number is rounded to 9 decimals, its float is the cell's value). Empty cells are None, and
every row keeps its number in the sheet, so errors can name it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pyarrow as pa

from bilateral.deferred import deferred
from bilateral.errors import SourceFormatError

if TYPE_CHECKING:
    import fastexcel
else:
    fastexcel = deferred("fastexcel")  # loaded when a workbook is read

WORKBOOK_PREFIX: Final = "xlsx workbook, sheets: "
SHEET_SEPARATOR: Final = " | "


def is_workbook(path: Path) -> bool:
    """Say whether `path` is an xlsx workbook (a zip holding `xl/workbook.xml`)."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return "xl/workbook.xml" in archive.namelist()


def written_date(path: Path) -> str | None:
    """Return the date the workbook was written (its parts' zip dates), None if not recorded.

    A portal's export carries the date it was made there; a zip date of 1980 means none.
    """
    with zipfile.ZipFile(path) as archive:
        stamp = archive.getinfo("xl/workbook.xml").date_time
    return None if stamp[0] <= 1980 else f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}"


def workbook_header(path: Path) -> str:
    """Return the workbook's detection header: its sheet names, in order."""
    return WORKBOOK_PREFIX + SHEET_SEPARATOR.join(sheet_names(path))


def sheet_names(path: Path) -> list[str]:
    """Return the workbook's sheet names; a workbook fastexcel cannot open is a format error."""
    try:
        return list(fastexcel.read_excel(path).sheet_names)
    except fastexcel.FastExcelError as error:
        raise SourceFormatError(
            path, f"the workbook cannot be read ({error})", expected="an xlsx workbook"
        ) from None


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of the 0-based column `index`.

    >>> [column_letter(i) for i in (0, 1, 25, 26, 61)]
    ['A', 'B', 'Z', 'AA', 'BJ']
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    """A sheet's cells: `rows[i]` is sheet row `i + 1` as text, `numbers[i]` the same cells as
    numbers (None for an empty or text cell); `first_column` is 0-based."""

    name: str
    rows: list[list[str | None]]
    numbers: list[list[float | None]]
    first_column: int

    def letter(self, position: int) -> str:
        """Return the sheet letter of the cell at `position` in a row of `rows`."""
        return column_letter(self.first_column + position)


def read_sheet(path: Path, name: str) -> Sheet:
    """Return the sheet `name` of the workbook `path`, every cell as text or None."""
    try:
        book = fastexcel.read_excel(path)
        text = book.load_sheet_by_name(name, header_row=None, skip_rows=0, dtypes="string")
        numbers = book.load_sheet_by_name(name, header_row=None, skip_rows=0, dtypes="float")
        first = text.available_columns()[0].absolute_index if text.width else 0
        return Sheet(name, _rows(text.to_arrow()), _rows(numbers.to_arrow()), first)
    except fastexcel.FastExcelError as error:
        raise SourceFormatError(
            path, f"sheet {name!r} cannot be read ({error})", expected="an xlsx workbook"
        ) from None


def _rows(table: pa.Table) -> list[list[Any]]:
    columns = [table.column(index).to_pylist() for index in range(table.num_columns)]
    return [list(cells) for cells in zip(*columns, strict=True)] if columns else []
