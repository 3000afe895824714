"""Reading a data file's first line, small CSV files as text, and the line a parser choked on."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from bilateral.errors import EncodingError, SourceFormatError

_BOMS = {b"\xff\xfe": "UTF-16 LE", b"\xfe\xff": "UTF-16 BE"}


def read_header(path: Path) -> str:
    """Return the file's first line as text, without BOM or line end.

    A UTF-16 file, a header with NUL bytes, or a header that is not UTF-8 raises
    `EncodingError`; an empty file raises `SourceFormatError`.
    """
    with path.open("rb") as handle:
        first = handle.readline(1 << 20)
    if not first.strip():
        raise SourceFormatError(path, "the file is empty", line=1, expected="a header line")
    for bom, name in _BOMS.items():
        if first.startswith(bom):
            raise EncodingError(path, f"the file is {name}", line=1, expected="UTF-8 text")
    if b"\x00" in first:
        raise EncodingError(path, "the file holds NUL bytes", line=1, expected="UTF-8 text")
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(path, f"the header is not UTF-8 ({exc.reason})", line=1) from None
    return text.removeprefix("\ufeff").rstrip("\r\n")


def diagnose_csv(path: Path, columns: int, *, delimiter: str = ",") -> SourceFormatError:
    """Find the first line that breaks UTF-8 or the column count, after a fast parser failed."""
    number = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = raw[exc.start : exc.end]
                return EncodingError(
                    path,
                    f"byte {bad!r} at column {exc.start + 1} is not UTF-8",
                    line=number,
                    expected="UTF-8 text",
                )
            if number == 1:
                continue
            if not line.strip():
                return SourceFormatError(
                    path, "blank line", line=number, expected=f"{columns} fields"
                )
            fields = next(csv.reader(io.StringIO(line), delimiter=delimiter))
            if len(fields) != columns:
                return SourceFormatError(
                    path,
                    f"{len(fields)} fields instead of {columns}",
                    line=number,
                    value=line.rstrip("\r\n")[:120],
                    expected=f"{columns} comma-separated fields",
                )
    if number <= 1:
        return SourceFormatError(
            path, "the file has a header but no data rows", line=2, expected="data rows"
        )
    return SourceFormatError(path, "the file cannot be parsed as CSV")


def read_text_csv(path: Path, data_path: Path, columns: Sequence[str]) -> pa.Table:
    """Read a whole CSV file with every column as text (empty stays empty, never null).

    `path` is the file the user named (maybe an archive), `data_path` the plain file; a file
    the parser rejects raises the `SourceFormatError` of the first bad line.
    """
    try:
        return pacsv.read_csv(
            data_path,
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        diagnosis = diagnose_csv(data_path, len(columns))
        diagnosis.path = path
        raise diagnosis from exc
