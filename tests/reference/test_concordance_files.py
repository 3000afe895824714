"""Tests for the readers of the official concordance files, against the real files.

Expected counts were computed from the raw sheets (fastexcel, csv) independently of the readers
and are checked again here from raw cells where the check is cheap.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

import fastexcel
import pytest

from bilateral.errors import DuplicateRowError, EncodingError, SourceFormatError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordance_files import (
    CN_CHANGES_SCHEMA,
    LINK_SCHEMA,
    TABLE_SPECS,
    cn_edition,
    read_cn_changes,
    read_conversion_sheet,
    workbook_edition,
)

from .conftest import shared_file

FILES = {
    "hs2022_hs2017": "concordances/UNSD_HS2022_to_HS2017_ConversionAndCorrelationTables.xlsx",
    "hs2017_hs2012": "concordances/UNSD_HS2017_to_HS2012_ConversionAndCorrelationTables.xlsx",
    "hs2022_sitc4": "concordances/UNSD_HS2022_to_SITC4_ConversionAndCorrelationTables.xlsx",
    "hs2017_sitc4": "concordances/UNSD_HS2017_to_SITC4_ConversionAndCorrelationTables.xlsx",
    "hs2022_bec4": "concordances/UNSD_HS2022_to_BEC4_ConversionAndCorrelationTables.csv",
    "hs2017_bec4": "concordances/UNSD_HS2017_to_BEC4_ConversionAndCorrelationTables.csv",
    "cn_changes": "concordances/Eurostat_CN_concordances_1988_2025.xls",
}
SPECS = {spec.name: spec for spec in TABLE_SPECS}
# name: (links, source codes, target codes, header line, blank rows)
SHAPES = {
    "hs2022_hs2017": (15657, 5613, 5387, 2, 0),
    "hs2017_hs2012": (6141, 5388, 5206, 2, 0),
    "hs2022_sitc4": (13191, 5611, 2969, 2, 0),
    "hs2017_sitc4": (6003, 5386, 2969, 2, 0),
    "hs2022_bec4": (5926, 5611, 19, 1, 265),
    "hs2017_bec4": (5511, 5386, 19, 1, 0),
}
# Links by relationship as published; each agrees with the multiplicities (checked below).
RELATIONSHIP_COUNTS = {
    "hs2022_hs2017": {"1:1": 4097, "1:n": 54, "n:1": 1392, "n:n": 10114},
    "hs2017_hs2012": {"1:1": 4744, "1:n": 44, "n:1": 578, "n:n": 775},
    "hs2022_sitc4": {"1:1": 1257, "1:n": 23, "n:1": 4156, "n:n": 7755},
    "hs2017_sitc4": {"1:1": 1779, "1:n": 24, "n:1": 3496, "n:n": 704},
    "hs2022_bec4": {"n:1": 5468, "n:n": 458},
    "hs2017_bec4": {"n:1": 5286, "n:n": 225},
}
CODE_PATTERNS = {"HS": r"\d{6}", "SITC": r"\d{4,5}", "BEC": r"[1-7]\d{0,2}", "CN": r"\d{8}"}
TARGET_KIND = {"hs2022_hs2017": "HS", "hs2017_hs2012": "HS", "hs2022_sitc4": "SITC"}
TARGET_KIND |= {"hs2017_sitc4": "SITC", "hs2022_bec4": "BEC", "hs2017_bec4": "BEC"}
LINK_TABLES = tuple(SHAPES)


def read(name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = SPECS[name].read(shared_file(FILES[name])).to_pylist()
    return rows


def raw_sheet(name: str, word: str) -> list[list[str | None]]:
    """Return the cells of the sheet with `word` in its name, as text, without header logic."""
    reader = fastexcel.read_excel(shared_file(FILES[name]))
    sheet = next(sheet for sheet in reader.sheet_names if word in sheet.casefold())
    table = reader.load_sheet_by_name(sheet, header_row=None, skip_rows=0, dtypes="string")
    return [list(row.values()) for row in table.to_arrow().to_pylist()]


def raw_links(name: str) -> list[tuple[str, str, str]]:
    """Return the rows of a correlation whose first cell is six digits, read plainly."""
    if FILES[name].endswith(".csv"):
        text = shared_file(FILES[name]).read_text(encoding="utf-8-sig")
        rows: list[list[str | None]] = [list(row) for row in csv.reader(text.splitlines())]
    else:
        rows = raw_sheet(name, "correlation")
    return [
        (str(row[0]), str(row[1]), str(row[2]))
        for row in rows
        if row[0] is not None and re.fullmatch(r"\d{6}", row[0])
    ]


@pytest.mark.parametrize("name", LINK_TABLES)
def test_link_tables_hold_every_raw_row_once_with_well_formed_codes(name: str) -> None:
    table = SPECS[name].read(shared_file(FILES[name]))
    rows = [(r["source_code"], r["target_code"], r["relationship"]) for r in table.to_pylist()]
    links, sources, targets, header_line, blank = SHAPES[name]
    assert table.schema.equals(LINK_SCHEMA)
    assert rows == raw_links(name)
    assert len(rows) == links == len({(s, t) for s, t, _ in rows})
    assert len({s for s, _, _ in rows}) == sources
    assert len({t for _, t, _ in rows}) == targets
    assert all(re.fullmatch(CODE_PATTERNS["HS"], source) for source, _, _ in rows)
    assert all(re.fullmatch(CODE_PATTERNS[TARGET_KIND[name]], target) for _, target, _ in rows)
    metadata = table.schema.metadata
    assert metadata[b"header_line"] == str(header_line).encode()
    assert metadata[b"blank_rows"] == str(blank).encode()
    assert metadata[b"repadded_codes"] == b"0"


@pytest.mark.parametrize("name", LINK_TABLES)
def test_published_relationships_agree_with_the_multiplicities(name: str) -> None:
    rows = read(name)
    targets_of: Counter[str] = Counter(row["source_code"] for row in rows)
    sources_of: Counter[str] = Counter(row["target_code"] for row in rows)
    disagreements = 0
    for row in rows:
        many_targets, many_sources = (
            targets_of[row["source_code"]] > 1,
            sources_of[row["target_code"]] > 1,
        )
        counted = ("n" if many_sources else "1") + ":" + ("n" if many_targets else "1")
        disagreements += counted != row["relationship"]
    assert disagreements == 0
    assert Counter(row["relationship"] for row in rows) == RELATIONSHIP_COUNTS[name]


def test_codes_of_the_same_hs_edition_agree_across_tables_except_known_gaps() -> None:
    hs2022 = {
        name: {r["source_code"] for r in read(name)}
        for name in ("hs2022_hs2017", "hs2022_sitc4", "hs2022_bec4")
    }
    assert hs2022["hs2022_hs2017"] - hs2022["hs2022_sitc4"] == {"710820", "711890"}
    assert hs2022["hs2022_bec4"] == hs2022["hs2022_sitc4"]
    hs2017_targets = {r["target_code"] for r in read("hs2022_hs2017")}
    hs2017_sources = {r["source_code"] for r in read("hs2017_hs2012")}
    # UNSD's HS 2022 table links no HS 2022 code to HS 2017 300219.
    assert hs2017_sources - hs2017_targets == {"300219"}
    assert hs2017_targets <= hs2017_sources
    sitc = {r["source_code"] for r in read("hs2017_sitc4")}
    assert hs2017_sources - sitc == {"710820", "711890"}  # monetary gold and coin
    assert {r["source_code"] for r in read("hs2017_bec4")} == sitc


def test_sitc_codes_keep_their_leading_zeros_and_bec_includes_the_fuels_group() -> None:
    sitc = {(r["source_code"], r["target_code"]) for r in read("hs2022_sitc4")}
    assert ("010121", "0015") in sitc
    bec = Counter(r["target_code"] for r in read("hs2022_bec4"))
    assert bec["32"] == 3  # 271012, 271019, 271020: BEC 32 rather than 321 or 322
    assert bec["7"] == 37


@pytest.mark.parametrize(
    ("name", "rows", "kinds"),
    [
        ("hs2022_hs2017", 5613, {"link": 5613}),
        ("hs2017_hs2012", 5388, {"link": 5388}),
        ("hs2022_sitc4", 5611, {"link": 5562, "parent of all": 36, "parent of some": 13}),
        ("hs2017_sitc4", 5386, {"link": 5310, "parent of all": 21, "parent of some": 55}),
    ],
)
def test_conversion_sheet_pairs_are_correlation_links_or_their_parent_groups(
    name: str, rows: int, kinds: dict[str, int]
) -> None:
    conversion = read_conversion_sheet(shared_file(FILES[name]), name).to_pylist()
    targets: defaultdict[str, set[str]] = defaultdict(set)
    for row in read(name):
        targets[row["source_code"]].add(row["target_code"])
    counted: Counter[str] = Counter()
    for pair in conversion:
        linked = targets[pair["source_code"]]
        inside = [t.startswith(pair["target_code"]) for t in linked]
        kind = "link" if pair["target_code"] in linked else "parent of all" if all(inside) else ""
        counted[kind or ("parent of some" if any(inside) else "other")] += 1
    assert len(conversion) == rows
    assert {pair["source_code"] for pair in conversion} == set(targets)
    assert counted == kinds


def test_cn_changes_periods_codes_and_spacing() -> None:
    path = shared_file(FILES["cn_changes"])
    table = read_cn_changes(path)
    rows = table.to_pylist()
    raw = raw_sheet("cn_changes", "relatnc")
    assert table.schema.equals(CN_CHANGES_SCHEMA)
    assert raw[0] == ["Period", "Origin code", "Destination code"]
    assert len(rows) == len(raw) - 1 == 16962
    spaced = [row for row in raw[1:] if " " in str(row[1])]
    assert len(spaced) == 2928
    assert min(int(str(row[0])[:4]) for row in spaced) == 2013
    assert [(r["source_code"], r["target_code"]) for r in rows] == [
        (str(row[1]).replace(" ", ""), str(row[2]).replace(" ", "")) for row in raw[1:]
    ]
    assert all(re.fullmatch(CODE_PATTERNS["CN"], r["source_code"]) for r in rows)
    assert all(re.fullmatch(CODE_PATTERNS["CN"], r["target_code"]) for r in rows)
    assert all(r["to_year"] == r["from_year"] + 1 for r in rows)
    assert len({(r["from_year"], r["source_code"], r["target_code"]) for r in rows}) == len(rows)
    per_year = Counter(r["from_year"] for r in rows)
    assert (min(per_year), max(per_year), len(per_year)) == (1988, 2024, 37)
    assert (per_year[1988], per_year[2016], per_year[2021], per_year[2024]) == (168, 1329, 1128, 66)
    assert sum(r["source_code"] == r["target_code"] for r in rows) == 1194
    assert cn_edition(path) == "1988-2025"


def test_editions_and_file_patterns() -> None:
    assert workbook_edition(shared_file(FILES["hs2022_hs2017"])) == "2025-05-25"
    assert workbook_edition(shared_file(FILES["hs2017_sitc4"])) == "2017-06-06"
    publisher_names = {
        "hs2022_hs2017": "HS2022toHS2017ConversionAndCorrelationTables.xlsx",
        "hs2017_hs2012": "HS 2017 to HS 2012 ConversionAndCorrelationTables.xlsx",
        "hs2022_sitc4": "HS2022toSITC4ConversionAndCorrelationTables.xlsx",
        "hs2017_sitc4": "HS2017toSITC4ConversionAndCorrelationTables.xlsx",
        "hs2022_bec4": "HS2022 to BEC Conversion and Correlation Tables.csv",
        "hs2017_bec4": "HS2017 to BEC Conversion and Correlation Tables.csv",
        "cn_changes": "CN_concordances_1988_2025_XLS_FORMAT.xls",
    }
    for name in FILES:
        for file_name in (publisher_names[name], Path(FILES[name]).name):
            assert [spec.name for spec in TABLE_SPECS if spec.matches(Path(file_name))] == [name]
    # HS 1992 tables (no copy in the shared data): UNSD's names and the copies' spelling.
    hs1992_names = {
        "hs2017_hs1992": "UNSD_HS2017_to_HS1992_ConversionAndCorrelationTables.xlsx",
        "hs1992_sitc4": "HS1992toSITC4ConversionAndCorrelationTables.xlsx",
        "hs1992_bec4": "HS1992 to BEC Conversion and Correlation Tables.csv",
    }
    for name, file_name in hs1992_names.items():
        assert [spec.name for spec in TABLE_SPECS if spec.matches(Path(file_name))] == [name]
    assert set(SPECS) == {*FILES, *hs1992_names}
    for spec in TABLE_SPECS:
        assert spec.url.startswith("https://")


def test_catalogue_imports_every_table_from_the_shared_folder(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path, TABLE_SPECS)
    report = catalogue.import_dir(shared_file(FILES["cn_changes"]).parent)
    assert sorted(entry.name for entry in report.imported) == sorted(FILES)
    assert catalogue.table("hs2022_hs2017").num_rows == 15657
    assert catalogue.table("cn_changes").schema.metadata[b"sheet"] == b"relatnc1988_2025"


# Malformed files, written by the tests.


SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


def write_xlsx(path: Path, sheets: dict[str, list[list[str | None]]]) -> Path:
    """Write a minimal workbook whose cells are inline strings (None: no cell)."""
    numbers = range(1, len(sheets) + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{XLSX_TYPE}.worksheet+xml"/>'
        for i in numbers
    )
    content_types = (
        f'<Types xmlns="{PACKAGE}/2006/content-types">'
        f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{XLSX_TYPE}.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    relationships = "".join(
        f'<Relationship Id="rId{i}" Type="{OFFICE}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in numbers
    )
    listed = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in zip(numbers, sheets, strict=True)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE}/2006/relationships"><Relationship Id="rId1" '
            f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{SPREADSHEET}" xmlns:r="{OFFICE}">'
            f"<sheets>{listed}</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PACKAGE}/2006/relationships">{relationships}</Relationships>',
        )
        for i, rows in zip(numbers, sheets.values(), strict=True):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows))
    return path


def sheet_xml(rows: list[list[str | None]]) -> str:
    """Return a worksheet holding `rows` from row 1, skipping None cells."""
    xml_rows = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{"ABC"[column]}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            for column, value in enumerate(row)
            if value is not None
        )
        xml_rows.append(f'<row r="{number}">{cells}</row>')
    return (
        f'<worksheet xmlns="{SPREADSHEET}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>'
    )


HEADER = [None, None, None]


def hs_workbook(tmp_path: Path, rows: list[list[str | None]]) -> Path:
    sheets = {
        "HS2022-HS2017 Conversions": [["From HS2022", "To HS2017"], ["010121", "010121"]],
        "Correlation Tables": [HEADER, ["HS2022", " HS2017", "Relationship"], *rows],
    }
    return write_xlsx(tmp_path / "HS2022toHS2017ConversionAndCorrelationTables.xlsx", sheets)


def test_a_small_workbook_reads_with_sheet_row_numbers_and_repadded_codes(tmp_path: Path) -> None:
    path = hs_workbook(tmp_path, [["10121", "010121", "1:1"], HEADER, ["010129", "10129.0", "1:1"]])
    table = SPECS["hs2022_hs2017"].read(path)
    assert table.to_pylist() == [
        {"source_code": "010121", "target_code": "010121", "relationship": "1:1"},
        {"source_code": "010129", "target_code": "010129", "relationship": "1:1"},
    ]
    assert table.schema.metadata[b"repadded_codes"] == b"2"
    assert table.schema.metadata[b"blank_rows"] == b"1"
    assert table.schema.metadata[b"header_line"] == b"2"


@pytest.mark.parametrize(
    ("rows", "line", "field", "message"),
    [
        ([["010121", "0101211", "1:1"]], 3, "HS 2017", "malformed HS code"),
        ([["010121", "010121", "1-1"]], 3, "Relationship", "unknown relationship"),
        ([["010121", "010121", "1:1"], ["010121", None, "1:1"]], 4, "HS 2017", "empty cell"),
        ([["01O121", "010121", "1:1"]], 3, "HS 2022", "malformed HS code"),
    ],
)
def test_malformed_cells_name_the_sheet_row_and_field(
    tmp_path: Path, rows: list[list[str | None]], line: int, field: str, message: str
) -> None:
    with pytest.raises(SourceFormatError) as raised:
        SPECS["hs2022_hs2017"].read(hs_workbook(tmp_path, rows))
    assert (raised.value.line, raised.value.field) == (line, field)
    assert message in str(raised.value)
    assert "HS2022toHS2017ConversionAndCorrelationTables.xlsx, line" in str(raised.value)


def test_a_repeated_link_and_a_missing_header_are_errors(tmp_path: Path) -> None:
    row = ["010121", "010121", "1:1"]
    with pytest.raises(DuplicateRowError, match="first at line 3") as raised:
        SPECS["hs2022_hs2017"].read(hs_workbook(tmp_path, [row, row]))
    assert raised.value.line == 4
    path = write_xlsx(tmp_path / "x.xlsx", {"Correlation Tables": [["HS", "SITC", "Rel"], row]})
    with pytest.raises(SourceFormatError, match="no header row"):
        SPECS["hs2022_hs2017"].read(path)
    with pytest.raises(SourceFormatError, match="0 sheets have 'correlation'"):
        SPECS["hs2022_hs2017"].read(write_xlsx(tmp_path / "y.xlsx", {"Sheet1": [row]}))
    (tmp_path / "z.xlsx").write_text("not a workbook")
    with pytest.raises(SourceFormatError, match="cannot be read as a workbook"):
        SPECS["hs2022_hs2017"].read(tmp_path / "z.xlsx")


def test_csv_quirks_bom_blank_rows_and_bad_bec_codes(tmp_path: Path) -> None:
    path = tmp_path / "HS2017 to BEC Conversion and Correlation Tables.csv"
    path.write_bytes(b"\xef\xbb\xbfHS 2017,BEC,Relationship\n010121,41,n:1\n,,\n")
    assert SPECS["hs2017_bec4"].read(path).to_pylist() == [
        {"source_code": "010121", "target_code": "41", "relationship": "n:1"}
    ]
    path.write_text("HS 2017,BEC,Relationship\n010121,8,n:1\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="malformed BEC4 code") as raised:
        SPECS["hs2017_bec4"].read(path)
    assert (raised.value.line, raised.value.field, raised.value.value) == (2, "BEC", "8")
    path.write_bytes(b"HS 2017,BEC,Relationship\n010121,41,n:1\xff\n")
    with pytest.raises(EncodingError):
        SPECS["hs2017_bec4"].read(path)
    path.write_text("HS 2017,BEC,Relationship\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="no data rows"):
        SPECS["hs2017_bec4"].read(path)


def test_cn_periods_must_be_consecutive_years(tmp_path: Path) -> None:
    header = ["Period", "Origin code", "Destination code"]
    good = ["19881989.0", "0201 20 11", "2012021"]
    path = write_xlsx(tmp_path / "cn.xlsx", {"relatnc1988_2025": [header, good]})
    assert read_cn_changes(path).to_pylist() == [
        {"from_year": 1988, "to_year": 1989, "source_code": "02012011", "target_code": "02012021"}
    ]
    bad = write_xlsx(tmp_path / "bad.xlsx", {"relatnc": [header, ["19881990", *good[1:]]]})
    with pytest.raises(SourceFormatError, match="malformed period") as raised:
        read_cn_changes(bad)
    assert (raised.value.line, raised.value.field) == (2, "Period")
    with pytest.raises(SourceFormatError, match="cannot tell which years"):
        cn_edition(bad)
