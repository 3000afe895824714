"""IMF Direction of Trade Statistics: the portal's Excel export of Italy, read by the store.

The expected figures come from the real workbook read here with openpyxl (not the fastexcel
reader under test): every value of both sheets, in millions of US dollars, times a million.
Bad files are written by the tests with openpyxl.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.errors import DuplicateRowError, WorkbookFormatError
from bilateral.reference import resolve
from bilateral.sources import FORMATS
from bilateral.sources.imf_dots import ImfDots
from bilateral.sources.imf_names import IMF_AGGREGATES, Aggregate, imf_partner
from shared_files import COMTRADE_2022, SHARED_DATA, shared

DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"
FLOWS = {"Exports, FOB": "export", "Imports, CIF": "import"}
# IMF names and the partner the test expects, written from the IMF's and ISO's lists.
NAMES = {
    "Belgium": "BEL",
    "Belgium-Luxembourg": "BLX",
    "China, P.R.: Mainland": "CHN",
    "Korea, Rep. of": "KOR",
    "Taiwan Province of China": "TWN",
    "Netherlands, The": "NLD",
    "Estonia, Rep. of": "EST",
    "Congo, Rep. of": "COG",
    "Eastern Germany": "DDR",
    "World": "WORLD",
    "European Union": "EU27_2020",
    "Euro Area": "EA19",
    "Countries & Areas not specified": "_X",
    "Special Categories": "XSC",
}
Key = tuple[str, str, int]  # flow, IMF name, year


def workbook_figures() -> tuple[dict[Key, float], dict[str, int]]:
    """Return every non-empty value of the workbook in dollars, and each name's count of rows."""
    book = openpyxl.load_workbook(shared(DOTS), read_only=True)
    figures: dict[Key, float] = {}
    listed: dict[str, int] = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[4][1] == "US Dollars, Millions"
        assert rows[3][1] == "Italy"
        years = [int(str(cell)) for cell in rows[6][2:]]
        for row in rows[7:]:
            name = str(row[1])
            listed[name] = listed.get(name, 0) + 1
            for year, cell in zip(years, row[2:], strict=True):
                if cell is not None:
                    dollars = Decimal(repr(cell)) * 1_000_000
                    figures[(FLOWS[sheet.title], name, year)] = float(dollars)
    return figures, listed


@pytest.fixture(scope="module")
def dots_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = bilateral.open(tmp_path_factory.mktemp("dots") / "store")
    store.ingest(shared(DOTS), vintage="2022-02-19")
    yield store


def stored_rows(store: Store) -> list[dict[str, Any]]:
    from deltalake import DeltaTable

    return DeltaTable(str(store.root / "flows")).to_pyarrow_table().to_pylist()


def test_the_vintage_is_the_date_the_portal_wrote_the_workbook(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(shared(DOTS)) as archive:
        stamp = archive.getinfo("xl/workbook.xml").date_time
    assert stamp[:3] == (2022, 2, 19)
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(DOTS))
    assert {r["vintage"] for r in stored_rows(store)} == {"2022-02-19"}


def test_the_format_declares_its_traits() -> None:
    dots = next(f for f in FORMATS if f.name == "imf_dots")
    assert isinstance(dots, ImfDots)
    assert (dots.import_valuation, dots.complete_products) == ("CIF", True)


@pytest.mark.parametrize(("name", "code"), sorted(NAMES.items()))
def test_imf_names_map_to_territories(name: str, code: str) -> None:
    assert imf_partner(name, resolve).code == code  # type: ignore[union-attr]


def test_every_value_of_the_workbook_is_stored_exactly(dots_store: Store) -> None:
    figures, listed = workbook_figures()
    rows = stored_rows(dots_store)
    stored = {(r["flow"], r["partner"], r["year"]): r for r in rows}
    assert len(stored) == len(rows)  # one row per flow, partner and year
    expected: dict[tuple[str, str, int], float] = {}
    for (flow, name, year), value in figures.items():
        partner = imf_partner(name, resolve)
        if isinstance(partner, Aggregate):
            assert name in IMF_AGGREGATES
            continue
        expected[(flow, partner.code, year)] = value
    assert stored.keys() == expected.keys()
    for key, value in expected.items():
        assert stored[key]["value"] == value, key
    assert {(r["source"], r["reporter"], r["currency"], r["product"]) for r in rows} == {
        ("imf_dots", "ITA", "USD", "TOTAL")
    }
    assert {r["vintage"] for r in rows} == {"2022-02-19"}
    assert listed["Australia"] == 4  # twice in each sheet, with the same figures: stored once
    unallocated = {r["partner"] for r in rows if r["flags"] == "unallocated_partner"}
    assert unallocated == {"_X", "XNA", "XNM", "XNW", "XSC", "E19", "F19"}


def test_empty_cells_are_missing_never_zero(dots_store: Store) -> None:
    figures, _ = workbook_figures()
    rows = stored_rows(dots_store)
    # Belgium alone from 1999; before, Belgium-Luxembourg: no Belgian row before 1999.
    belgium = sorted(r["year"] for r in rows if r["partner"] == "BEL" and r["flow"] == "export")
    assert belgium == sorted(y for (f, n, y) in figures if n == "Belgium" and f == "export")
    assert belgium[0] == 1999
    zeros = {(r["flow"], r["partner"], r["year"]) for r in rows if r["value"] == 0}
    written = {(f, imf_partner(n, resolve), y) for (f, n, y), v in figures.items() if v == 0}
    assert zeros == {(f, p.code, y) for f, p, y in written if not isinstance(p, Aggregate)}
    assert not any(r["partner"] == "BLX" and r["year"] >= 1999 for r in rows)


def test_the_profile_gives_italy_and_belgium_from_the_file(dots_store: Store) -> None:
    figures, _ = workbook_figures()
    profile = dots_store.profile("IT", "BE", "2019-2020")
    own = {row.year: row for row in profile.rows if row.source == "imf_dots"}
    assert own[2020].exports == figures[("export", "Belgium", 2020)] == 17_040_717_126.0
    assert own[2019].exports == figures[("export", "Belgium", 2019)]
    assert own[2019].imports == figures[("import", "Belgium", 2019)] == 22_148_913_101.0
    assert own[2020].imports == figures[("import", "Belgium", 2020)]
    assert own[2020].currency == "USD"
    assert own[2020].import_valuation == "CIF"
    assert own[2020].products == "TOTAL only"


@pytest.mark.parametrize(
    ("partner", "name", "years"),
    [
        ("WORLD", "World", (1960, 1999, 2019, 2020)),
        ("CN", "China, P.R.: Mainland", (1990, 2020)),
        ("KR", "Korea, Rep. of", (1975, 2020)),
        ("EU27_2020", "European Union", (1960, 2020)),
        ("_X", "Countries & Areas not specified", (1990, 2019)),
    ],
)
def test_series_follow_the_file(
    dots_store: Store, partner: str, name: str, years: tuple[int, ...]
) -> None:
    figures, _ = workbook_figures()
    series = dots_store.series("IT", partner, years=f"{min(years)}-{max(years)}")
    points = {(p.flow, p.year): p.value for p in series.points if p.source == "imf_dots"}
    for year in years:
        assert points[("export", year)] == figures[("export", name, year)]
        assert points[("import", year)] == figures[("import", name, year)]


def belgian_file(path: Path, values: dict[str, dict[int, float | None]]) -> Path:
    """Write a DOTS export as the portal lays it out, for Belgium, with `values` by sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, by_year in values.items():
        sheet = book.create_sheet(title)
        sheet["B2"] = f"{title} {'to' if title.startswith('Exports') else 'from'} Partner Countries"
        sheet["B4"], sheet["B5"] = "Belgium", "US Dollars, Millions"
        for column, year in enumerate(sorted(by_year), start=3):
            sheet.cell(7, column, str(year))
            sheet.cell(8, 2, "Italy")
            sheet.cell(8, column, by_year[year])
    book.save(path)
    return path


def test_two_reporters_files_give_the_mirror(dots_store: Store, tmp_path: Path) -> None:
    figures, _ = workbook_figures()
    belgium = belgian_file(
        tmp_path / "DOTS_124_Belgium.xlsx",
        {
            "Exports, FOB": {2019: 20000.5, 2020: 19000.25},
            "Imports, CIF": {2019: 16500.0, 2020: None},
        },
    )
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(DOTS))
    store.ingest(belgium)
    mirror = store.mirror("IT", "BE", "2019-2020")
    rows = {(r.year, r.exporter, r.importer): r for r in mirror.rows if r.source == "imf_dots"}
    italy_to_belgium = rows[(2019, "ITA", "BEL")]
    assert italy_to_belgium.exports_reported == figures[("export", "Belgium", 2019)]
    assert italy_to_belgium.imports_reported == 16_500_000_000.0
    assert rows[(2019, "BEL", "ITA")].exports_reported == 20_000_500_000.0
    assert rows[(2019, "BEL", "ITA")].imports_reported == figures[("import", "Belgium", 2019)]
    assert rows[(2020, "ITA", "BEL")].imports_reported is None  # an empty cell: missing


# --- bad files ------------------------------------------------------------------------------


def test_a_unit_other_than_millions_of_dollars_is_refused(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Exports, FOB": {2020: 1.0}})
    book = openpyxl.load_workbook(path)
    book["Exports, FOB"]["B5"] = "US Dollars, Thousands"
    book.save(path)
    with pytest.raises(WorkbookFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    message = str(caught.value)
    assert "dots.xlsx, sheet 'Exports, FOB', row 5, column B" in message
    assert "US Dollars, Thousands" in message and "US Dollars, Millions" in message


def test_an_unknown_partner_name_names_the_closest(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Exports, FOB": {2020: 1.0}})
    book = openpyxl.load_workbook(path)
    book["Exports, FOB"]["B8"] = "Belgum"
    book.save(path)
    with pytest.raises(WorkbookFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    message = str(caught.value)
    assert "row 8, column B" in message and "'Belgum'" in message
    closest = message.split("closest: ")[1].split(" (found")[0].split(", ")
    assert closest[0] == "Belgium" and len(closest) == len(set(closest)), message


def test_a_year_column_that_is_no_year_is_refused(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Imports, CIF": {2019: 1.0, 2020: 2.0}})
    book = openpyxl.load_workbook(path)
    book["Imports, CIF"]["D7"] = "2020Q1"
    book.save(path)
    with pytest.raises(WorkbookFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert "sheet 'Imports, CIF', row 7, column D: year column that is not a year" in str(
        caught.value
    )


def test_a_year_given_twice_names_its_column(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Imports, CIF": {2019: 1.0, 2020: 2.0}})
    book = openpyxl.load_workbook(path)
    book["Imports, CIF"]["D7"] = "2019"
    book.save(path)
    with pytest.raises(WorkbookFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert "sheet 'Imports, CIF', row 7, column D: the year 2019 given twice" in str(caught.value)


def test_sheets_of_two_reporters_are_refused(tmp_path: Path) -> None:
    values = {"Exports, FOB": {2020: 1.0}, "Imports, CIF": {2020: 2.0}}
    path = belgian_file(tmp_path / "dots.xlsx", values)
    book = openpyxl.load_workbook(path)
    book["Imports, CIF"]["B4"] = "France"
    book.save(path)
    with pytest.raises(WorkbookFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    message = str(caught.value)
    assert "sheet 'Imports, CIF', row 4, column B: another reporter (found 'France')" in message
    assert "expected Belgium as sheet 'Exports, FOB' names" in message


def test_a_value_that_is_no_number_is_refused(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Exports, FOB": {2020: 1.0}})
    book = openpyxl.load_workbook(path)
    book["Exports, FOB"]["C8"] = "n.a."
    book.save(path)
    with pytest.raises(
        WorkbookFormatError, match=r"row 8, column C: not a number \(found 'n.a.'\)"
    ):
        bilateral.open(tmp_path / "store").ingest(path)


def test_a_partner_twice_with_other_figures_is_a_duplicate(tmp_path: Path) -> None:
    path = belgian_file(tmp_path / "dots.xlsx", {"Exports, FOB": {2020: 1.0}})
    book = openpyxl.load_workbook(path)
    book["Exports, FOB"]["B9"], book["Exports, FOB"]["C9"] = "Italy", 2.0
    book.save(path)
    with pytest.raises(DuplicateRowError, match="row 9, column C: partner 'Italy' also on row 8"):
        bilateral.open(tmp_path / "store").ingest(path)


def test_the_brief_on_italy_and_belgium_uses_the_file_and_says_so(dots_store: Store) -> None:
    figures, _ = workbook_figures()
    brief = dots_store.brief("IT", "BE", year=2020)
    figured = brief.figures
    exports = figures[("export", "Belgium", 2020)]
    imports = figures[("import", "Belgium", 2020)]
    assert figured.value("headline.exports") == exports
    assert figured.value("headline.imports") == imports
    assert figured.value("headline.total") == exports + imports
    footnote = "International Monetary Fund, Direction of Trade Statistics (IMTS); period"
    assert footnote in brief.text("md") and "data vintage 2022-02-19" in brief.text("md")
    assert brief.shown()["headline.exports"] == "USD 17.0 billion"
    assert figured.import_valuation == "CIF"


def comtrade_file(path: Path, exports: int, imports: int) -> Path:
    """Write a Comtrade Plus download of Italy's 2020 trade with Belgium, in the real file's
    columns (its header and first row as the template)."""
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        header, template = list(csv.reader(handle))[:2]
    with path.open("w", encoding="latin-1", newline="") as handle:
        writer = csv.DictWriter(handle, header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for flow, text, value in (("X", "Export", exports), ("M", "Import", imports)):
            row = dict(zip(header, template[: len(header)], strict=True))  # a trailing comma
            row.update(refPeriodId="20200101", refYear="2020", period="2020", reporterCode="380",
                       reporterISO="ITA", reporterDesc="Italy", flowCode=flow, flowDesc=text,
                       partnerCode="56", partnerISO="BEL", partnerDesc="Belgium",
                       primaryValue=str(value), cifvalue=str(value) if flow == "M" else "",
                       fobvalue=str(value) if flow == "X" else "")  # fmt: skip
            writer.writerow(row)
    return path


def test_the_profile_shows_each_usd_source_in_its_own_table(tmp_path: Path) -> None:
    figures, _ = workbook_figures()
    store = tmp_path / "store"
    comtrade = comtrade_file(tmp_path / "comtrade.csv", 16_000_000_000, 21_000_000_000)
    runner = CliRunner()
    ingested = runner.invoke(
        app, ["ingest", "--store", str(store), str(shared(DOTS)), str(comtrade)]
    )
    assert ingested.exit_code == 0, ingested.output
    shown = runner.invoke(
        app, ["profile", "IT", "BE", "--years", "2019-2020", "--store", str(store)]
    )
    assert shown.exit_code == 0, shown.output
    tables: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for line in shown.output.splitlines():
        cells = line.split()
        if cells[:1] in (["2019"], ["2020"]):
            rows.append(cells)
        elif cells and cells[0] in ("comtrade,", "imf_dots,"):
            tables[cells[0].rstrip(",")], rows = rows, []
    assert tables["comtrade"] == [
        ["2020", "16.00", "21.00", "37.00", "-5.00", "–", "–", "n/m", "annual"]
    ]
    billions = {year: f"{figures[('export', 'Belgium', year)] / 1e9:.2f}" for year in (2019, 2020)}
    assert [(row[0], row[1]) for row in tables["imf_dots"]] == [
        ("2019", billions[2019]),
        ("2020", billions[2020]),
    ]
