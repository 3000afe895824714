"""Readers of the official concordance files: UNSD HS correlations and Eurostat CN changes.

UNSD publishes each correspondence as a workbook with two sheets. The *Correlation* sheet lists
every link between a code of one classification and a code of the other, with the link's
relationship (`1:1`, `1:n`, `n:1`, `n:n`): it is the full many-to-many correspondence, and it
is what the tables here are read from. The *Conversion* sheet gives each source code a single
target, picking one of several or, for HS to SITC, the parent group that contains them all (a
3-digit SITC group): a one-way simplification for converting code lists, which
`read_conversion_sheet` reads for comparison. The HS to BEC tables are CSV files with the
correlation only.

Codes are read as text with their leading zeros (see `concordance_cells`): HS codes have six
digits, SITC Rev. 4 codes four or five (three in the Conversion sheets), BEC Rev. 4 codes are
categories such as `41` or `111`, CN codes eight digits (written `0201 20 11` since 2013). Blank
rows are skipped and counted. The table's schema metadata records the sheet read, its header
line, the blank rows and the codes padded back to their width (`sheet`, `header_line`,
`blank_rows`, `repadded_codes`).

The UNSD files carry no edition number: their edition is the date the workbook was last saved.
The CN changes file's edition is the years it covers (`1988-2025`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow as pa

from bilateral.deferred import deferred
from bilateral.errors import DuplicateRowError, SourceFormatError
from bilateral.reference.catalogue import TableSpec
from bilateral.reference.concordance_cells import (
    BEC4,
    CN8,
    HS6,
    SITC4,
    SITC4_GROUP,
    Cleaner,
    CodeFormat,
    csv_rows,
    data_rows,
    header_key,
    require_cells,
    sheet_rows,
)

if TYPE_CHECKING:
    import fastexcel
else:
    fastexcel = deferred("fastexcel")  # loaded when a workbook is read

# The page where UNSD lists its correspondence tables, and the folders holding the workbooks.
UNSD_URL: Final = "https://unstats.un.org/unsd/trade/classifications/correspondence-tables.asp"
UNSD_ECON_TABLES: Final = "https://unstats.un.org/unsd/classifications/Econ/tables/"
UNSD_TRADE_TABLES: Final = "https://unstats.un.org/unsd/trade/classifications/tables/"
# The Comext metadata folder of classifications and their relations, which holds the CN changes.
EUROSTAT_CN_URL: Final = (
    "https://ec.europa.eu/eurostat/api/dissemination/files/?sort=1&dir="
    "comext%2FCOMEXT_METADATA%2FCLASSIFICATIONS_AND_RELATIONS%2FENGLISH"
)
LINK_SCHEMA: Final = pa.schema(
    [
        pa.field("source_code", pa.string(), nullable=False),
        pa.field("target_code", pa.string(), nullable=False),
        pa.field("relationship", pa.string(), nullable=False),
    ]
)
CONVERSION_SCHEMA: Final = pa.schema(
    [
        pa.field("source_code", pa.string(), nullable=False),
        pa.field("target_code", pa.string(), nullable=False),
    ]
)
CN_CHANGES_SCHEMA: Final = pa.schema(
    [
        pa.field("from_year", pa.int16(), nullable=False),
        pa.field("to_year", pa.int16(), nullable=False),
        pa.field("source_code", pa.string(), nullable=False),
        pa.field("target_code", pa.string(), nullable=False),
    ]
)


@dataclass(frozen=True)
class _Correlation:
    """The layout of one UNSD correspondence file."""

    source: str  # header spelling of the source column, e.g. "HS 2022"
    target: tuple[str, ...]  # accepted spellings of the target column
    target_format: CodeFormat
    group_format: CodeFormat  # target codes of the Conversion sheet

    def headers(self, source_prefix: str = "", target_prefix: str = "") -> list[frozenset[str]]:
        return [
            frozenset({header_key(source_prefix + self.source)}),
            frozenset(header_key(target_prefix + spelling) for spelling in self.target),
        ]


def _links(path: Path, layout: _Correlation) -> pa.Table:
    """Read the correlation links of a UNSD workbook (`Correlation*` sheet) or CSV file."""
    headers = [*layout.headers(), frozenset({"relationship"})]
    if path.suffix.casefold() == ".csv":
        sheet, rows = "", csv_rows(path)
        where = "the file"
    else:
        sheet, rows = sheet_rows(path, "correlation")
        where = f"sheet {sheet!r}"
    header_line, data, blank = data_rows(path, where, rows, headers)
    names = [layout.source, layout.target[0], "Relationship"]
    cleaner = Cleaner(path)
    seen: dict[tuple[str, str], int] = {}
    columns: list[list[str]] = [[], [], []]
    for line, cells in data:
        source, target, relationship = require_cells(path, cells, names, line)
        link = (
            cleaner.code(source, HS6, line, names[0]),
            cleaner.code(target, layout.target_format, line, names[1]),
        )
        if link in seen:
            raise DuplicateRowError(
                path,
                f"link listed twice in {where}",
                line=line,
                value=f"{link[0]} -> {link[1]}",
                expected=f"each link once (first at line {seen[link]})",
            )
        seen[link] = line
        values = (*link, cleaner.relationship(relationship, line, names[2]))
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    metadata = {"sheet": sheet, "header_line": str(header_line), "blank_rows": str(blank)}
    metadata["repadded_codes"] = str(cleaner.repadded)
    return pa.Table.from_arrays(
        [pa.array(column, pa.string()) for column in columns], schema=LINK_SCHEMA
    ).replace_schema_metadata(metadata)


def read_conversion_sheet(path: Path, table: str) -> pa.Table:
    """Read the Conversion sheet of the UNSD workbook of `table` (e.g. `"hs2022_hs2017"`).

    Each source code has one target there: for HS to SITC, where an HS code spans several SITC
    codes, the target is often their 3-digit parent group rather than one of them.
    """
    layout = CORRELATIONS[table]
    sheet, rows = sheet_rows(path, "conversion")
    headers = layout.headers("from ", "to ")
    header_line, data, blank = data_rows(path, f"sheet {sheet!r}", rows, headers)
    names = [f"From {layout.source}", f"To {layout.target[0]}"]
    cleaner = Cleaner(path)
    pairs: dict[str, tuple[str, int]] = {}
    for line, cells in data:
        source, target = require_cells(path, cells, names, line)
        code = cleaner.code(source, HS6, line, names[0])
        if code in pairs:
            raise DuplicateRowError(
                path,
                f"source code listed twice in sheet {sheet!r}",
                line=line,
                value=code,
                expected=f"each code once (first at line {pairs[code][1]})",
            )
        pairs[code] = (cleaner.code(target, layout.group_format, line, names[1]), line)
    metadata = {"sheet": sheet, "header_line": str(header_line), "blank_rows": str(blank)}
    metadata["repadded_codes"] = str(cleaner.repadded)
    return pa.table(
        {"source_code": list(pairs), "target_code": [target for target, _ in pairs.values()]},
        schema=CONVERSION_SCHEMA,
    ).replace_schema_metadata(metadata)


def read_cn_changes(path: Path) -> pa.Table:
    """Read Eurostat's CN code changes: one row per link of a code in one year to the next.

    The `Period` cell `19881989` (or the number `19881989.0`) means 1988 -> 1989; the codes are
    written `02012011` until 2013 and `0201 20 11` since. Only codes that changed are listed; a
    code that kept its content is absent, and one that kept its number but lost or gained
    content links to itself.
    """
    sheet, rows = sheet_rows(path, "relatnc")
    names = ["Period", "Origin code", "Destination code"]
    headers = [frozenset({header_key(name)}) for name in names]
    header_line, data, blank = data_rows(path, f"sheet {sheet!r}", rows, headers)
    cleaner = Cleaner(path)
    seen: dict[tuple[int, str, str], int] = {}
    years: list[tuple[int, int]] = []
    links: list[tuple[str, str]] = []
    for line, cells in data:
        period, source, target = require_cells(path, cells, names, line)
        match = re.fullmatch(r"((?:19|20)\d\d)((?:19|20)\d\d)(?:\.0+)?", period)
        if match is None or int(match.group(2)) != int(match.group(1)) + 1:
            raise SourceFormatError(
                path,
                "malformed period",
                line=line,
                field=names[0],
                value=period,
                expected="two consecutive years written together, e.g. 19881989",
            )
        link = (
            cleaner.code(source, CN8, line, names[1]),
            cleaner.code(target, CN8, line, names[2]),
        )
        key = (int(match.group(1)), *link)
        if key in seen:
            raise DuplicateRowError(
                path,
                f"link listed twice in sheet {sheet!r}",
                line=line,
                value=f"{period}: {link[0]} -> {link[1]}",
                expected=f"each link once (first at line {seen[key]})",
            )
        seen[key] = line
        years.append((key[0], key[0] + 1))
        links.append(link)
    metadata = {"sheet": sheet, "header_line": str(header_line), "blank_rows": str(blank)}
    metadata["repadded_codes"] = str(cleaner.repadded)
    return pa.table(
        {
            "from_year": pa.array([y[0] for y in years], pa.int16()),
            "to_year": pa.array([y[1] for y in years], pa.int16()),
            "source_code": [link[0] for link in links],
            "target_code": [link[1] for link in links],
        },
        schema=CN_CHANGES_SCHEMA,
    ).replace_schema_metadata(metadata)


def workbook_edition(path: Path) -> str:
    """Return the date a UNSD file was last saved (the workbook's own date, else the file's).

    UNSD does not number its correspondence tables; the date a workbook was last modified,
    recorded inside the xlsx, tells a revised table from an older one. A CSV carries no date,
    so its file date is used.
    """
    if path.suffix.casefold() == ".xlsx":
        try:
            with zipfile.ZipFile(path) as archive:
                core = archive.read("docProps/core.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError, OSError):
            core = ""
        modified = re.search(r"<dcterms:modified[^>]*>(\d{4}-\d\d-\d\d)", core)
        if modified is not None:
            return modified.group(1)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()


def cn_edition(path: Path) -> str:
    """Return the years a CN changes file covers, e.g. `1988-2025`, from its name or sheet."""
    found = re.search(r"((?:19|20)\d\d)[_-]((?:19|20)\d\d)", path.name)
    if found is None:
        try:
            sheets = " ".join(fastexcel.read_excel(path).sheet_names)
        except fastexcel.FastExcelError:
            sheets = ""
        found = re.search(r"relatnc((?:19|20)\d\d)_((?:19|20)\d\d)", sheets)
    if found is None:
        raise SourceFormatError(
            path,
            "cannot tell which years it covers",
            expected="a name or sheet holding the years, e.g. CN_concordances_1988_2025.xls",
        )
    return f"{found.group(1)}-{found.group(2)}"


CORRELATIONS: Final[dict[str, _Correlation]] = {
    "hs2022_hs2017": _Correlation("HS 2022", ("HS 2017",), HS6, HS6),
    "hs2017_hs2012": _Correlation("HS 2017", ("HS 2012",), HS6, HS6),
    "hs2022_sitc4": _Correlation("HS 2022", ("SITC Rev. 4",), SITC4, SITC4_GROUP),
    "hs2017_sitc4": _Correlation("HS 2017", ("SITC Rev. 4",), SITC4, SITC4_GROUP),
    "hs2022_bec4": _Correlation("HS 2022", ("BEC 4", "BEC"), BEC4, BEC4),
    "hs2017_bec4": _Correlation("HS 2017", ("BEC", "BEC 4"), BEC4, BEC4),
    "hs2017_hs1992": _Correlation("HS 2017", ("HS 1992",), HS6, HS6),
    "hs1992_sitc4": _Correlation("HS 1992", ("SITC Rev. 4",), SITC4, SITC4_GROUP),
    "hs1992_bec4": _Correlation("HS 1992", ("BEC", "BEC 4"), BEC4, BEC4),
}


def _reader(name: str) -> Callable[[Path], pa.Table]:
    layout = CORRELATIONS[name]
    return lambda path: _links(path, layout)


def _unsd(name: str, title: str, url: str, pattern: str) -> TableSpec:
    # The file name UNSD publishes (`HS2022toHS2017ConversionAndCorrelationTables.xlsx`) and
    # the copy's (`UNSD_HS2022_to_HS2017_ConversionAndCorrelationTables.xlsx`) both match.
    note = _LISTING_NOTE if url == UNSD_URL else None
    return TableSpec(
        name, title, "UNSD", url, (pattern,), _reader(name), workbook_edition, fetch_note=note
    )


_LISTING_NOTE: Final = (
    "its address is UNSD's list of correspondence tables; download the file from there and "
    "load it with `bilateral reference import DIR`"
)


# The HS to HS and HS 2017 to SITC workbooks are addressed at UNSD's tables folders; for HS 2022
# to SITC and HS to BEC the url is UNSD's list of correspondence tables, which links them.
TABLE_SPECS: Final[tuple[TableSpec, ...]] = (
    _unsd(
        "hs2022_hs2017",
        "HS 2022 to HS 2017 correlation",
        UNSD_ECON_TABLES + "HS2022toHS2017ConversionAndCorrelationTables.xlsx",
        "*HS*2022*to*HS*2017*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs2017_hs2012",
        "HS 2017 to HS 2012 correlation",
        UNSD_ECON_TABLES + "HS2017toHS2012ConversionAndCorrelationTables.xlsx",
        "*HS*2017*to*HS*2012*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs2022_sitc4",
        "HS 2022 to SITC Rev. 4 correlation",
        UNSD_URL,
        "*HS*2022*to*SITC*4*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs2017_sitc4",
        "HS 2017 to SITC Rev. 4 correlation",
        UNSD_TRADE_TABLES + "HS2017toSITC4ConversionAndCorrelationTables.xlsx",
        "*HS*2017*to*SITC*4*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs2022_bec4",
        "HS 2022 to BEC Rev. 4 correlation",
        UNSD_URL,
        "*HS*2022*to*BEC*Conversion*Correlation*.csv",
    ),
    _unsd(
        "hs2017_bec4",
        "HS 2017 to BEC Rev. 4 correlation",
        UNSD_URL,
        "*HS*2017*to*BEC*Conversion*Correlation*.csv",
    ),
    _unsd(
        "hs2017_hs1992",
        "HS 2017 to HS 1992 correlation",
        UNSD_URL,
        "*HS*2017*to*HS*1992*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs1992_sitc4",
        "HS 1992 to SITC Rev. 4 correlation",
        UNSD_URL,
        "*HS*1992*to*SITC*4*Conversion*Correlation*.xlsx",
    ),
    _unsd(
        "hs1992_bec4",
        "HS 1992 to BEC Rev. 4 correlation",
        UNSD_URL,
        "*HS*1992*to*BEC*Conversion*Correlation*.csv",
    ),
    TableSpec(
        "cn_changes",
        "Combined Nomenclature code changes from one year to the next",
        "Eurostat",
        EUROSTAT_CN_URL,
        ("*CN_concordances_*.xls",),
        read_cn_changes,
        cn_edition,
        fetch_note=(
            "its address is the folder of Comext's classification files; download the CN "
            "correspondence table from there and load it with `bilateral reference import DIR`"
        ),
    ),
)
