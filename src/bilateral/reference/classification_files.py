"""Readers of the HS code lists: UN Comtrade classification files and CEPII BACI product codes.

Each list becomes a table of `PRODUCT_SCHEMA` (code, level, parent, description) for
`bilateral.reference.products`; `TABLE_SPECS` registers the lists (`hs2022`, `hs2017`,
`hs1992`) with the catalogue.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Final

import pyarrow as pa

from bilateral.errors import EncodingError, SourceFormatError
from bilateral.reference.catalogue import TableSpec

PRODUCT_SCHEMA: Final = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("level", pa.int8(), nullable=False),
        pa.field("parent", pa.string()),
        pa.field("description", pa.string(), nullable=False),
    ]
)

_COMTRADE_AGGREGATES: Final = frozenset({"ALL", "TOTAL", "AG2", "AG4", "AG6"})
_CODE_LENGTHS: Final = (2, 4, 6)


def _clean_text(text: str) -> str:
    return " ".join(text.split())


def _load_json(path: Path) -> Any:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EncodingError(
            path, f"byte {error.start} is not UTF-8", expected="a UTF-8 JSON file"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceFormatError(
            path, f"invalid JSON: {error.msg}", line=error.lineno, expected="a JSON object"
        ) from None


def _comtrade_entry(path: Path, index: int, entry: object) -> tuple[str, str | None, str] | None:
    """Return (code, parent, text) of one `results` entry, or None for an aggregate."""
    where = f"results entry {index}"
    if not isinstance(entry, dict) or not all(
        isinstance(entry.get(key), str) for key in ("id", "text", "parent")
    ):
        raise SourceFormatError(
            path, f"{where} is malformed", expected='{"id": ..., "text": ..., "parent": ...}'
        )
    code, text, parent = entry["id"], _clean_text(entry["text"]), entry["parent"]
    if code in _COMTRADE_AGGREGATES:
        return None
    if not (code.isascii() and code.isdigit() and len(code) in _CODE_LENGTHS):
        raise SourceFormatError(
            path, f"{where}: invalid code", field="id", value=code, expected="2, 4 or 6 digits"
        )
    expected_parent = "TOTAL" if len(code) == 2 else code[:-2]
    if parent != expected_parent:
        raise SourceFormatError(
            path,
            f"{where} ({code}): wrong parent",
            field="parent",
            value=parent,
            expected=expected_parent,
        )
    text = re.sub(rf"^{code}\s+-(\s|$)", "", text).strip()
    if not text:
        raise SourceFormatError(path, f"{where} ({code}): empty text", field="text")
    return code, (None if len(code) == 2 else parent), text


def read_comtrade_classification(path: Path, class_code: str) -> pa.Table:
    """Read a UN Comtrade HS classification file (H0, H5, H6 ... JSON) into `PRODUCT_SCHEMA`.

    Keeps chapters, headings and subheadings with their parent links; drops the aggregates
    `ALL`, `TOTAL`, `AG2`, `AG4`, `AG6`; strips the `"0101 - "` code prefix of the text and
    collapses its runs of spaces. Every parent must be listed.
    """
    document = _load_json(path)
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise SourceFormatError(path, "no results list", expected='{"results": [...]}')
    if document.get("classCode") != class_code:
        raise SourceFormatError(
            path,
            "wrong classification",
            field="classCode",
            value=str(document.get("classCode")),
            expected=class_code,
        )
    rows: dict[str, tuple[str, str | None, str]] = {}
    for index, entry in enumerate(document["results"], start=1):
        row = _comtrade_entry(path, index, entry)
        if row is None:
            continue
        if row[0] in rows:
            raise SourceFormatError(
                path, f"results entry {index}: duplicate code", field="id", value=row[0]
            )
        rows[row[0]] = row
    orphans = sorted(code for code, parent, _ in rows.values() if parent and parent not in rows)
    if orphans or not rows:
        raise SourceFormatError(
            path,
            "codes whose parent is not listed",
            value=", ".join(orphans[:5]) or None,
            expected="every heading and subheading under a listed chapter and heading",
        )
    return _product_table([rows[code] for code in sorted(rows)])


def _product_table(rows: list[tuple[str, str | None, str]]) -> pa.Table:
    return pa.table(
        {
            "code": [code for code, _, _ in rows],
            "level": [len(code) for code, _, _ in rows],
            "parent": [parent for _, parent, _ in rows],
            "description": [text for _, _, text in rows],
        },
        schema=PRODUCT_SCHEMA,
    )


def read_baci_product_codes(path: Path) -> pa.Table:
    """Read BACI's `product_codes_HS92_V*.csv` (`code,description`) into `PRODUCT_SCHEMA`.

    BACI writes codes as numbers, losing leading zeros (`10111`): they are left-padded to six
    digits. All rows are subheadings (level 6) whose parent heading is not in the table.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
    except UnicodeDecodeError as error:
        raise EncodingError(path, f"byte {error.start} is not UTF-8", expected="UTF-8") from None
    if not lines or lines[0] != ["code", "description"]:
        raise SourceFormatError(path, "unexpected header", line=1, expected="code,description")
    rows: dict[str, tuple[str, str | None, str]] = {}
    for number, fields in enumerate(lines[1:], start=2):
        if len(fields) != 2:
            raise SourceFormatError(path, f"{len(fields)} fields", line=number, expected="2")
        code, text = fields[0].strip(), _clean_text(fields[1])
        if not (code.isascii() and code.isdigit() and 5 <= len(code) <= 6):
            raise SourceFormatError(
                path,
                "invalid product code",
                line=number,
                field="code",
                value=code,
                expected="an HS6 code of 5 or 6 digits (leading zero lost)",
            )
        code = code.zfill(6)
        if code in rows or not text:
            problem = "duplicate code" if code in rows else "empty description"
            raise SourceFormatError(path, problem, line=number, field="code", value=code)
        rows[code] = (code, code[:4], text)
    if not rows:
        raise SourceFormatError(path, "no product codes", line=2)
    return _product_table([rows[code] for code in sorted(rows)])


def _comtrade_edition(path: Path) -> str:
    document = _load_json(path)
    name = document.get("className") if isinstance(document, dict) else None
    if not isinstance(name, str) or not name:
        raise SourceFormatError(path, "no classification name", field="className")
    return name


def _baci_edition(path: Path) -> str:
    match = re.search(r"_(V\d{6})", path.name)
    if match is None:
        raise SourceFormatError(
            path, "no BACI release in the file name", expected="a name like *_V202301.csv"
        )
    return match.group(1)


def _comtrade_spec(class_code: str, year: str) -> TableSpec:
    return TableSpec(
        name=f"hs{year}",
        title=f"HS {year} chapters, headings and subheadings (UN Comtrade {class_code})",
        publisher="United Nations Statistics Division, UN Comtrade",
        url=f"https://comtradeapi.un.org/files/v1/app/reference/{class_code}.json",
        file_patterns=(f"{class_code}.json", f"*classification{class_code}*.json"),
        read=lambda path: read_comtrade_classification(path, class_code),
        edition=_comtrade_edition,
    )


TABLE_SPECS: Final[tuple[TableSpec, ...]] = (
    _comtrade_spec("H6", "2022"),
    _comtrade_spec("H5", "2017"),
    TableSpec(
        name="hs1992",
        title="HS 1992 subheadings (CEPII BACI product codes, inside the BACI HS92 zip)",
        publisher="CEPII",
        url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
        file_patterns=("product_codes_HS92_V*.csv",),
        read=read_baci_product_codes,
        edition=_baci_edition,
        fetch_note=(
            "its address is CEPII's BACI page; unpack product_codes_HS92_V*.csv from the BACI "
            "HS92 zip and load it with `bilateral reference import DIR`"
        ),
    ),
)
