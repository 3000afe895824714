"""ISTAT Coeweb CSV export (territory x country x ATECO x year), on a fixture the project wrote.

The fixture follows the documented Coeweb tables (SOURCES.md 7.3); its values are invented at
the scale ISTAT published (Emilia-Romagna's exports 2020 = 61,148 M EUR, imports 33,642 M EUR).
Expected figures are computed here from the file with the `csv` module.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import bilateral
from bilateral.errors import SourceFormatError
from bilateral.sources import FORMATS, detect
from sources.files import header_line, stored_flows

FIXTURE = (
    Path(__file__).parent / "fixtures" / "istat" / "coeweb_territorio_paese_ateco_2019-2021.csv"
)
CODE_LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "istat"
NUTS_2021 = {"ITD5": "ITH5", "ITD55": "ITH55", "ITC4": "ITC4", "ITD3": "ITH3"}
PARTNERS = {"BE": "BEL", "DE": "DEU", "WORLD": "WORLD"}
SKIPPED_PRODUCTS = {"CL291": "groups (3 digits)", "89": "residual code"}
TABLE_HEADER = "TERRITORIO;PAESE;MERCE;IMP2019;EXP2019;IMP2020;EXP2020;IMP2021*;EXP2021*"
Key = tuple[str, str, str, int, str]  # reporter, partner, flow, year, product


def table(path: Path, delimiter: str = ";") -> tuple[int, list[dict[str, str]]]:
    """Return the line number of the table header and the table's rows, read by `csv`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("TERRITORIO"))
    end = lines.index("", start)
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[start:end])), delimiter=delimiter))
    return start + 1, rows


def code(cell: str) -> str:
    return cell.split(" ", 1)[0]


def expected_figures(path: Path) -> tuple[dict[Key, float], Counter[str]]:
    """Return the figures the fixture should store, and its value cells by fate."""
    _, rows = table(path)
    fate: Counter[str] = Counter()
    figures: dict[Key, float] = {}
    for row in rows:
        product = code(row["MERCE"])
        for column in list(row)[3:]:
            fate["read"] += 1
            if product in SKIPPED_PRODUCTS:
                fate[product] += 1
            elif row[column] == "-":
                fate["no figure"] += 1
            else:
                flow = "import" if column.startswith("IMP") else "export"
                stored = "TOTAL" if product == "0010" else product[2:]
                key = (NUTS_2021[code(row["TERRITORIO"])], PARTNERS[code(row["PAESE"])], flow,
                       int(column[3:7]), stored)  # fmt: skip
                figures[key] = float(row[column].replace(".", ""))
    return figures, fate


def key_of(row: dict[str, Any]) -> Key:
    return row["reporter"], row["partner"], row["flow"], row["year"], row["product"]


def ingest(tmp_path: Path, path: Path = FIXTURE, **options: Any) -> tuple[bilateral.Store, Any]:
    store = bilateral.open(tmp_path / "store")
    return store, store.ingest(path, **options)


def test_the_export_is_detected_from_its_title_line() -> None:
    assert detect(FIXTURE, header_line(FIXTURE)).name == "istat_coeweb"
    assert sum(known.matches(header_line(FIXTURE)) for known in FORMATS) == 1
    assert detect(FIXTURE, TABLE_HEADER).name == "istat_coeweb"  # a file without titles
    assert table(FIXTURE)[0] == 5


def test_every_figure_is_stored_or_counted_with_its_reason(tmp_path: Path) -> None:
    expected, fate = expected_figures(FIXTURE)
    store, report = ingest(tmp_path)
    assert report.source == "istat_coeweb"
    assert report.rows_read == fate["read"] == 18 * 6
    assert report.rows_stored == len(expected)
    assert report.rows_stored + report.rows_quarantined == report.rows_read
    notes = "\n".join(report.notes)
    assert f"{fate['no figure']} rows not stored: empty or '-' value cells" in notes
    assert f"{fate['CL291']} rows not stored: products at the level of groups (3 digits)" in notes
    assert f"{fate['89']} rows not stored: product 89 is a residual code" in notes
    stored = {key_of(row): row["value"] for row in stored_flows(store.root)}
    assert stored == expected


def test_codes_regions_flags_and_schemes(tmp_path: Path) -> None:
    store, _ = ingest(tmp_path)
    rows = stored_flows(store.root)
    assert {r["reporter"] for r in rows} == {"ITH5", "ITH55", "ITC4", "ITH3"}
    assert {r["partner"] for r in rows} == {"BEL", "DEU", "WORLD"}
    assert {(r["product"], r["product_scheme"], r["product_cpa"]) for r in rows} == {
        ("TOTAL", "TOTAL", None),
        *((d, "CPA21", d) for d in ("20", "21", "22", "28", "29", "30")),
    }
    assert {r["year"]: r["flags"] for r in rows if r["year"] != 2021} == {2019: None, 2020: None}
    assert {r["flags"] for r in rows if r["year"] == 2021} == {"provisional"}
    assert {(r["currency"], r["month"]) for r in rows} == {("EUR", None)}


def test_emilia_romagna_world_totals_are_the_published_scale(tmp_path: Path) -> None:
    store, _ = ingest(tmp_path)
    row = store.profile("Emilia-Romagna", "WORLD", years=2020).rows[0]
    assert round(row.exports / 1e6) == 61_148
    assert round(row.imports / 1e6) == 33_642


def test_sectors_and_profile_of_emilia_romagna_and_belgium(tmp_path: Path) -> None:
    expected, _ = expected_figures(FIXTURE)
    store, _ = ingest(tmp_path)
    for year in (2019, 2020, 2021):
        sectors = store.sectors("ITH5", "BEL", year=year, scheme="cpa")
        got = {(r.flow, r.code): r.value for r in sectors.rows if r.source == "istat_coeweb"}
        want = {(k[2], k[4]): v for k, v in expected.items()
                if k[:2] == ("ITH5", "BEL") and k[3] == year and k[4] != "TOTAL"}  # fmt: skip
        assert got == pytest.approx(want)
        assert len(want) == 12
    profile = store.profile("ITD5", "BE", years=[2019, 2020, 2021])
    for row in profile.rows:
        assert row.exports == expected[("ITH5", "BEL", "export", row.year, "TOTAL")]
        assert row.imports == expected[("ITH5", "BEL", "import", row.year, "TOTAL")]
    assert [r.year for r in profile.rows] == [2019, 2020, 2021]
    shares = {
        r.code: r.share for r in store.sectors("ITH5", "BEL", 2020).rows if r.flow == "export"
    }
    assert max(shares, key=lambda code: shares[code] or 0) == "28"


def test_belgium_is_a_plausible_fraction_of_emilia_romagnas_trade() -> None:
    expected, _ = expected_figures(FIXTURE)
    for flow in ("export", "import"):
        for year in (2019, 2020, 2021):
            world = expected[("ITH5", "WORLD", flow, year, "TOTAL")]
            belgium = expected[("ITH5", "BEL", flow, year, "TOTAL")]
            key = ("ITH5", "BEL", flow, year)
            divisions = sum(v for k, v in expected.items() if k[:4] == key and k[4] != "TOTAL")
            assert 0.02 < belgium / world < 0.06
            assert divisions < belgium


def test_fixture_codes_exist_in_istat_code_lists() -> None:
    lists = {name: code_list(name) for name in ("ITTER107", "GEONOM", "ATECO_2007_MERCE")}
    for row in table(FIXTURE)[1]:
        assert code(row["TERRITORIO"]) in lists["ITTER107"]
        assert code(row["PAESE"]) in lists["GEONOM"]
        product = code(row["MERCE"])
        assert (product if product[0].isdigit() else product[2:]) in lists["ATECO_2007_MERCE"]
        assert product[:2] in lists["ATECO_2007_MERCE"] or product[0].isdigit()


def test_comma_separated_export_with_quoted_italian_numbers(tmp_path: Path) -> None:
    header_at, rows = table(FIXTURE)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()[: header_at - 1]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLE_HEADER.split(";"))
    for row in rows:
        writer.writerow(list(row.values()))
    path = tmp_path / "comma.csv"
    path.write_text("\n".join(lines) + "\n" + out.getvalue(), encoding="utf-8")
    expected, _ = expected_figures(FIXTURE)
    store, _ = ingest(tmp_path, path)
    assert {key_of(r): r["value"] for r in stored_flows(store.root)} == expected


def write(tmp_path: Path, *lines: str, title: str = "Istat - Coeweb", unit: str = "") -> Path:
    path = tmp_path / "export.csv"
    head = [title, *([unit] if unit else []), "", "TERRITORIO;PAESE;MERCE;IMP2020;EXP2020"]
    path.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8")
    return path


def test_units_names_numeric_partners_and_leading_zeros(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ITD5;4 - Germania;AA01 Prodotti agricoli;1.234,5;10",
        "Emilia-Romagna;17 Belgio;01;2;3",
        "ITTOT Italia;EL Grecia;0010 Totale;5;6",
        unit="Valori in migliaia di euro",
    )
    store, _ = ingest(tmp_path, path)
    rows = {(r["reporter"], r["partner"], r["flow"], r["product"]): r["value"]
            for r in stored_flows(store.root)}  # fmt: skip
    assert rows == {
        ("ITH5", "DEU", "import", "01"): 1_234_500.0, ("ITH5", "DEU", "export", "01"): 10_000.0,
        ("ITH5", "BEL", "import", "01"): 2_000.0, ("ITH5", "BEL", "export", "01"): 3_000.0,
        ("ITA", "GRC", "import", "TOTAL"): 5_000.0, ("ITA", "GRC", "export", "TOTAL"): 6_000.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("ITD5;BE;CE20;12x;1", "IMP2020", "Italian format (1.234.567 or 1.234,5)"),
        ("ITD5;BE;CE20;1;-7", "EXP2020", "a value >= 0"),
        ("ITX9 Nowhere;BE;CE20;1;1", "TERRITORIO", "ITTOT (Italy), a region (ITD5)"),
        ("ITD5;ZZZ9 Paese;CE20;1;1", "PAESE", "GEONOM code of CL_COEWEB_GEONOM"),
        ("ITD5;999;CE20;1;1", "PAESE", "numeric GEONOM code"),
        ("ITD5;BE;BB20 Chimica;1;1", "MERCE", "section letter of division 20: C"),
        ("ITD5;BE;2A;1;1", "MERCE", "0010 (total), a division (20)"),
    ],
)
def test_malformed_lines_name_file_line_field_and_what_is_valid(
    tmp_path: Path, line: str, field: str, expected: str
) -> None:
    path = write(tmp_path, "ITD5;BE;CE20;1.000;2.000", line)
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(SourceFormatError) as raised:
        store.ingest(path)
    error = raised.value
    assert (error.line, error.field) == (5, field)
    assert str(error).startswith(f"export.csv, line 5, field {field}")
    assert expected in str(error)
    assert stored_flows(store.root) == []


def test_data_after_the_end_of_the_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "ITD5;BE;CE20;1;2", "", "Fonte: Istat", "ITD5;DE;CE20;3;4")
    with pytest.raises(SourceFormatError, match=r"line 7: a data row after the blank line"):
        ingest(tmp_path, path)


def test_a_file_without_a_table_header_says_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Istat - Coeweb\nTERRITORIO;PAESE;MERCE;VALORE\nITD5;BE;20;1\n", "utf-8")
    with pytest.raises(SourceFormatError, match=r"no table header.*IMP<year>/EXP<year>"):
        ingest(tmp_path, path)


def code_list(name: str) -> set[str]:
    path = CODE_LISTS / f"istat_CL_COEWEB_{name}.csv"
    if not path.is_file():
        pytest.fail(f"missing shared code list {path} (see ../shared/data/SOURCES.md 7.1)")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle)}
