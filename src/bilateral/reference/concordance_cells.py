"""Cells of the official concordance files: code formats, sheets and rows read as text.

Codes are read as text and kept with their leading zeros. A cell that a spreadsheet stored as a
number (`10121`, `10121.0`) is padded back to its fixed width (HS 6, CN 8 digits) and counted;
SITC and BEC codes have no fixed width, so a malformed one is an error. Rows are numbered as in
the sheet (leading blank rows included) or the file (the header is line 1).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from bilateral.deferred import deferred
from bilateral.errors import EncodingError, SourceFormatError

if TYPE_CHECKING:
    import fastexcel
else:
    fastexcel = deferred("fastexcel")  # loaded when a workbook is read

RELATIONSHIPS: Final = ("1:1", "1:n", "n:1", "n:n")
# BEC Rev. 4 basic categories; UNSD links some HS codes to a higher one (`32`), so the codes
# accepted are these and every category containing them.
BEC4_BASIC: Final = ("111", "112", "121", "122", "21", "22", "31", "321", "322", "41", "42")
BEC4_BASIC_REST: Final = ("51", "521", "522", "53", "61", "62", "63", "7")
BEC4_CODES: Final = frozenset(
    code[:digits] for code in BEC4_BASIC + BEC4_BASIC_REST for digits in range(1, len(code) + 1)
)

_HEADER_SEARCH_ROWS: Final = 10
_NUMBER_CELL = re.compile(r"^(\d+)\.0+$")


@dataclass(frozen=True)
class CodeFormat:
    """What a code of one classification looks like: a pattern, or a closed set of codes."""

    scheme: str
    expected: str
    pattern: re.Pattern[str] | None = None
    width: int | None = None  # fixed width: shorter all-digit codes are zero-padded back
    codes: frozenset[str] = frozenset()

    def valid(self, code: str) -> bool:
        """Return whether `code` is a well-formed code of this classification."""
        if self.codes:
            return code in self.codes
        return self.pattern is not None and self.pattern.fullmatch(code) is not None


HS6: Final = CodeFormat("HS", "6 digits as text (e.g. 010121)", re.compile(r"\d{6}"), 6)
CN8: Final = CodeFormat("CN", "8 digits, spaces allowed (e.g. 0201 20 11)", re.compile(r"\d{8}"), 8)
SITC4: Final = CodeFormat("SITC4", "4 or 5 digits as text (e.g. 0015)", re.compile(r"\d{4,5}"))
SITC4_GROUP: Final = CodeFormat("SITC4", "3 to 5 digits as text (e.g. 035)", re.compile(r"\d{3,5}"))
BEC4: Final = CodeFormat(
    "BEC4", f"a BEC Rev. 4 category ({', '.join(sorted(BEC4_CODES))})", codes=BEC4_CODES
)


@dataclass
class Cleaner:
    """Normalise the cells of one file, counting what it repairs."""

    path: Path
    repadded: int = 0

    def code(self, raw: str, code_format: CodeFormat, line: int, field: str) -> str:
        code = raw.replace(" ", "").replace("\u00a0", "")
        number = _NUMBER_CELL.fullmatch(code)
        if number is not None:
            code = number.group(1)
        width = code_format.width
        if width is not None and code.isdigit() and len(code) < width:
            code = code.zfill(width)
            self.repadded += 1
        if not code_format.valid(code):
            raise SourceFormatError(
                self.path,
                f"malformed {code_format.scheme} code",
                line=line,
                field=field,
                value=raw,
                expected=code_format.expected,
            )
        return code

    def relationship(self, raw: str, line: int, field: str) -> str:
        relationship = raw.strip().casefold()
        if relationship not in RELATIONSHIPS:
            raise SourceFormatError(
                self.path,
                "unknown relationship",
                line=line,
                field=field,
                value=raw,
                expected=" or ".join(RELATIONSHIPS),
            )
        return relationship


def header_key(cell: str | None) -> str:
    return re.sub(r"[\s.]", "", cell or "").casefold()


def sheet_rows(path: Path, sheet_word: str) -> tuple[str, list[list[str | None]]]:
    """Return the name and the cells (as text, row 1 first) of the one sheet named `*word*`."""
    try:
        reader = fastexcel.read_excel(path)
    except fastexcel.FastExcelError as error:
        raise SourceFormatError(
            path, f"cannot be read as a workbook: {str(error).splitlines()[0]}"
        ) from None
    names = [name for name in reader.sheet_names if sheet_word in name.casefold()]
    if len(names) != 1:
        raise SourceFormatError(
            path,
            f"{len(names)} sheets have {sheet_word!r} in their name",
            value=", ".join(reader.sheet_names),
            expected=f"one sheet whose name contains {sheet_word!r}",
        )
    # header_row=None with skip_rows=0 keeps leading blank rows, so index + 1 is the sheet row.
    sheet = reader.load_sheet_by_name(names[0], header_row=None, skip_rows=0, dtypes="string")
    columns = sheet.to_arrow().columns
    return names[0], [list(row) for row in zip(*(c.to_pylist() for c in columns), strict=True)]


def csv_rows(path: Path) -> list[list[str | None]]:
    """Return the cells of a CSV file, without its UTF-8 byte-order mark."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise EncodingError(path, f"not UTF-8 at byte {error.start}", expected="UTF-8") from None
    return [[cell or None for cell in row] for row in csv.reader(text.splitlines())]


def header_index(rows: list[list[str | None]], headers: Sequence[frozenset[str]]) -> int | None:
    """Return the index of the first row whose leading cells are the `headers`, if any."""
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        keys = [header_key(cell) for cell in row[: len(headers)]]
        if len(keys) == len(headers) and all(k in h for k, h in zip(keys, headers, strict=True)):
            return index
    return None


def data_rows(
    path: Path, where: str, rows: list[list[str | None]], headers: Sequence[frozenset[str]]
) -> tuple[int, list[tuple[int, list[str | None]]], int]:
    """Find the header row and return its 1-based line, the data rows by line, and blank rows."""
    index = header_index(rows, headers)
    if index is None:
        spelled = ", ".join("/".join(sorted(h)) for h in headers)
        raise SourceFormatError(
            path,
            f"no header row in the first {_HEADER_SEARCH_ROWS} rows of {where}",
            expected=f"columns {spelled} (case, spaces and dots ignored)",
        )
    data: list[tuple[int, list[str | None]]] = []
    blank = 0
    for line, row in enumerate(rows[index + 1 :], start=index + 2):
        cells = [(cell.strip() if cell else None) or None for cell in row]
        cells += [None] * (len(headers) - len(cells))
        if all(cell is None for cell in cells):
            blank += 1
        else:
            data.append((line, cells[: len(headers)]))
    if not data:
        raise SourceFormatError(path, f"{where} has a header but no data rows", line=index + 1)
    return index + 1, data, blank


def require_cells(
    path: Path, cells: list[str | None], names: Sequence[str], line: int
) -> list[str]:
    for cell, name in zip(cells, names, strict=True):
        if cell is None:
            raise SourceFormatError(path, "empty cell", line=line, field=name, expected="a code")
    return [cell for cell in cells if cell is not None]
