"""Reader of the NUTS 2021 code list (Eurostat GISCO's `NUTS_AT_2021.csv` and its copies).

The list becomes a table of `NUTS_SCHEMA`, one row per region of levels 1-3 with the ISO
alpha-3 code of its country; `TABLE_SPECS` registers it with the catalogue.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import pyarrow as pa
import pycountry

from bilateral.errors import EncodingError, InvalidArgumentError, SourceFormatError
from bilateral.reference.catalogue import TableSpec

NUTS_SCHEMA: Final = pa.schema(
    [
        pa.field("nuts_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("level", pa.int8(), nullable=False),
        pa.field("nuts_country", pa.string(), nullable=False),  # EL, UK: NUTS's own codes
        pa.field("country", pa.string(), nullable=False),  # ISO 3166-1 alpha-3
    ]
)
NOTES_KEY: Final = b"bilateral.notes"
NUTS_ID: Final = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")
_NUTS_TO_ALPHA3: Final = {"EL": "GRC", "UK": "GBR"}


def nuts_country(code: str) -> str:
    """Return the ISO alpha-3 code of a NUTS country code (`EL` is Greece, `UK` the UK).

    >>> nuts_country("EL"), nuts_country("IT")
    ('GRC', 'ITA')
    """
    if code in _NUTS_TO_ALPHA3:
        return _NUTS_TO_ALPHA3[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        raise InvalidArgumentError("NUTS country code", code, "ISO alpha-2, or EL or UK")
    return str(country.alpha_3)


def read_nuts2021(path: Path) -> pa.Table:
    """Read a NUTS 2021 code list: columns `NUTS_ID` and `NAME_LATN`, `;` or `,` separated.

    Reads GISCO's `NUTS_AT_2021.csv` (comma-separated; its `LEVL_CODE` and `CNTR_CODE` are
    checked against the id when present) and the semicolon-separated `NUTS_ID;NAME_LATN`
    copies of it. Rows after the last region (level 1-3) that have two-character codes are a
    country list that some copies append (`1A;Kosovo`, `AL;Albania` a second time): they are
    left out and counted in the table's notes (`nuts2021_notes`). Every other row must have a
    valid, unique id whose parent is in the list, and a name.
    """
    rows = _csv_rows(path)
    header, body = rows[0][1], rows[1:]
    columns = {name.strip(): index for index, name in enumerate(header)}
    for required in ("NUTS_ID", "NAME_LATN"):
        if required not in columns:
            header_text, expected = ",".join(header), "a header with NUTS_ID and NAME_LATN"
            raise _error(path, 1, f"no {required} column", header_text, expected, field=None)
    ids = [_cell(row, columns["NUTS_ID"]) for _, row in body]
    last_region = max((i for i, code in enumerate(ids) if 3 <= len(code) <= 5), default=-1)
    tail = body[last_region + 1 :]
    if any(len(_cell(row, columns["NUTS_ID"])) != 2 for _, row in tail):
        tail = []  # not a country list: every row is checked, and the first bad one reported
    regions = body[: len(body) - len(tail)]
    if not regions:
        raise SourceFormatError(path, "no NUTS regions", expected="ids of 3 to 5 characters")
    records = [(line, _nuts_record(path, line, row, columns, len(header))) for line, row in regions]
    _check_hierarchy(path, records)
    notes = []
    if tail:
        notes.append(
            f"lines {tail[0][0]}-{tail[-1][0]}: {len(tail)} rows after the last NUTS region "
            f"list countries by two-letter code (first {tail[0][1][0]!r}), not NUTS regions; "
            "left out"
        )
    table = pa.Table.from_pylist([record for _, record in records], schema=NUTS_SCHEMA)
    return table.replace_schema_metadata({NOTES_KEY: json.dumps(notes).encode()})


def nuts2021_edition(path: Path) -> str:
    """Return the NUTS version of a code list file: always "2021" for this table."""
    return "2021"


def nuts2021_notes(table: pa.Table) -> tuple[str, ...]:
    """Return what `read_nuts2021` left out of `table`, one sentence per block of rows."""
    metadata = table.schema.metadata or {}
    return tuple(json.loads(metadata.get(NOTES_KEY, b"[]")))


TABLE_SPECS: Final = (
    TableSpec(
        name="nuts2021",
        title="NUTS 2021 code list (levels 0-3, Latin-script names)",
        publisher="Eurostat (GISCO)",
        # GISCO's attribute table of the NUTS 2021 regions: NUTS_ID, NAME_LATN, LEVL_CODE, ...
        url="https://gisco-services.ec.europa.eu/distribution/v2/nuts/csv/NUTS_AT_2021.csv",
        file_patterns=("NUTS_AT_2021.csv", "NUTS2021*.csv"),
        read=read_nuts2021,
        edition=nuts2021_edition,
    ),
)


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EncodingError(path, "not UTF-8", line=line, expected="UTF-8 text") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader]
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # blank lines at the end of the file
    if not rows:
        raise SourceFormatError(path, "empty file", expected="a header NUTS_ID;NAME_LATN")
    return rows


def _error(
    path: Path, line: int, problem: str, value: str, expected: str, field: str | None = "NUTS_ID"
) -> SourceFormatError:
    return SourceFormatError(path, problem, line=line, field=field, value=value, expected=expected)


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _nuts_record(
    path: Path, line: int, row: list[str], columns: Mapping[str, int], width: int
) -> dict[str, object]:
    if len(row) != width:
        raise SourceFormatError(
            path, f"{len(row)} fields", line=line, value=";".join(row), expected=f"{width}"
        )
    code, name = _cell(row, columns["NUTS_ID"]), _cell(row, columns["NAME_LATN"])
    if not NUTS_ID.fullmatch(code):
        expected = "two capital letters and up to three letters or digits (ITH55)"
        raise _error(path, line, "invalid NUTS id", code, expected)
    if not name:
        raise SourceFormatError(path, f"{code} has no name", line=line, field="NAME_LATN")
    try:
        country = nuts_country(code[:2])
    except InvalidArgumentError:
        expected = "an id starting with an ISO alpha-2 code, EL or UK"
        raise _error(path, line, "unknown country", code, expected) from None
    level = len(code) - 2
    for column, expected in (("LEVL_CODE", str(level)), ("CNTR_CODE", code[:2])):
        if column in columns and _cell(row, columns[column]) != expected:
            problem, found = f"{column} disagrees with NUTS_ID {code}", _cell(row, columns[column])
            raise _error(path, line, problem, found, expected, field=column)
    return dict(nuts_id=code, name=name, level=level, nuts_country=code[:2], country=country)


def _check_hierarchy(path: Path, records: list[tuple[int, dict[str, object]]]) -> None:
    lines: dict[str, int] = {}
    for line, record in records:
        code = str(record["nuts_id"])
        if code in lines:
            problem = f"duplicate NUTS id (first on line {lines[code]})"
            raise _error(path, line, problem, code, "each id once")
        lines[code] = line
    for code, line in lines.items():
        if len(code) > 2 and code[:-1] not in lines:
            problem = f"{code} has no parent region in the list"
            raise _error(path, line, problem, code, f"a row for {code[:-1]}")
