"""ISTAT's Italian titles of CPA 2.1 divisions and groups, as an imported reference table.

ISTAT publishes the CPA 2.1 titles in Italian as product names ("Prodotti chimici"); its
trade-analysis tool ships them as two tab-separated files without header (`code<TAB>title`,
codes without dots: `20`, `201`). `bilateral reference import DIR` loads them as the tables
`cpa21_divisions_it` and `cpa21_groups_it`; `italian_division_titles` gives the imported
division titles where loaded and the packaged product titles (`data/cpa21_divisions.csv`)
for every other division.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pyarrow as pa

from bilateral.errors import EncodingError, SourceFormatError
from bilateral.reference.catalogue import Catalogue, TableSpec
from bilateral.reference.sectors import all_divisions

TITLE_SCHEMA: Final = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
    ]
)
DIVISIONS_TABLE: Final = "cpa21_divisions_it"
GROUPS_TABLE: Final = "cpa21_groups_it"
_PUBLISHER: Final = "ISTAT (Istituto nazionale di statistica)"
_EDITION: Final = "CPA 2.1"


def read_cpa_titles(path: Path, digits: int) -> pa.Table:
    """Read one ISTAT CPA 2.1 title file (`code<TAB>title`, codes of `digits` digits).

    Accepts CRLF or LF line ends and a UTF-8 byte-order mark; every code is `digits` digits
    of a CPA 2.1 division, once, with a title. Raises `SourceFormatError` naming the line.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EncodingError(path, f"byte {error.start} is not UTF-8", expected="UTF-8") from None
    divisions = {division.code for division in all_divisions()}
    titles: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise SourceFormatError(
                path, f"{len(fields)} tab-separated fields", line=number, expected="code<TAB>title"
            )
        code, title = fields[0].strip(), " ".join(fields[1].split())
        example = "20".ljust(digits, "1")
        if not re.fullmatch(rf"\d{{{digits}}}", code) or code[:2] not in divisions:
            raise SourceFormatError(
                path,
                "invalid CPA 2.1 code",
                line=number,
                field="code",
                value=code,
                expected=f"{digits} digits of a CPA 2.1 division (such as {example})",
            )
        if code in titles or not title:
            problem = "repeated code" if code in titles else "empty title"
            raise SourceFormatError(path, problem, line=number, field="code", value=code)
        titles[code] = title
    if not titles:
        raise SourceFormatError(path, "no titles", expected="lines code<TAB>title")
    return pa.table({"code": list(titles), "title": list(titles.values())}, schema=TITLE_SCHEMA)


def italian_division_titles(catalogue: Catalogue | None) -> dict[str, str]:
    """Return the Italian product title of every CPA 2.1 division, ISTAT's where imported.

    >>> italian_division_titles(None)["20"]
    'Prodotti chimici'
    """
    titles = {division.code: division.title_it for division in all_divisions()}
    table = None if catalogue is None else catalogue.optional(DIVISIONS_TABLE)
    if table is not None:
        titles.update(zip(table["code"].to_pylist(), table["title"].to_pylist(), strict=True))
    return titles


TABLE_SPECS: Final[tuple[TableSpec, ...]] = (
    TableSpec(
        name=DIVISIONS_TABLE,
        title="CPA 2.1 divisions, Italian product titles (ISTAT)",
        publisher=_PUBLISHER,
        url="https://github.com/istat-methodology/terra/tree/main/cls",
        file_patterns=("CPA21_2digit_titles_ita.tsv", "cpa2.1_2digit_ita.csv"),
        read=lambda path: read_cpa_titles(path, 2),
        edition=lambda path: _EDITION,
        fetch_note=(
            "ISTAT ships it with its trade-analysis tool (terra, folder cls); save "
            "cpa2.1_2digit_ita.csv and load it with `bilateral reference import DIR`"
        ),
    ),
    TableSpec(
        name=GROUPS_TABLE,
        title="CPA 2.1 groups, Italian product titles (ISTAT)",
        publisher=_PUBLISHER,
        url="https://github.com/istat-methodology/terra/tree/main/cls",
        file_patterns=("CPA21_3digit_titles_ita.tsv", "CPA_2_1_3digits_ita.csv"),
        read=lambda path: read_cpa_titles(path, 3),
        edition=lambda path: _EDITION,
        fetch_note=(
            "ISTAT ships it with its trade-analysis tool (terra, folder cls); save "
            "CPA_2_1_3digits_ita.csv and load it with `bilateral reference import DIR`"
        ),
    ),
)
