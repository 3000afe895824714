"""Reading the first line of a data file, and finding the line a parser choked on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

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
