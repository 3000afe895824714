"""ISTAT SDMX-CSV of its trade dataflows (139_176, regional DCSE), both DSD layouts, on fixtures.

The fixtures follow the documented layouts (SOURCES.md 7.3); their values are invented at the
scale ISTAT published (Emilia-Romagna's exports 2020 = 61,148 M EUR). Expected figures are
computed here from the files with the `csv` module.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

import bilateral
from bilateral.errors import DuplicateRowError, SourceFormatError
from bilateral.reference import resolve
from bilateral.sources import FORMATS, detect
from bilateral.sources.istat_codes import GROUPS
from bilateral.sources.istat_sdmx import HEADER, NEW_HEADER, IstatSdmx
from sources.files import csv_rows, header_line, stored_flows

FIXTURES = Path(__file__).parent / "fixtures" / "istat"
OLD = FIXTURES / "istat_139_176_old_dsd.csv"
NEW = FIXTURES / "istat_139_176_new_dsd.csv"
CODE_LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "istat"
# The fixtures' territories as the test expects them stored (NUTS 2021).
NUTS_2021 = {"ITTOT": "ITA", "ITD5": "ITH5", "ITD55": "ITH55", "ITE2": "ITI2", "ITD3": "ITH3"}
FLOWS = {"EV": "export", "IV": "import"}
COLUMNS = {  # role -> (old column, new column)
    "territory": ("ITTER107", "REF_AREA"),
    "data_type": ("TIPO_DATO", "DATA_TYPE"),
    "product": ("MERCE_ATECO_2007", "CPA_ATECO2007_COE"),
    "partner": ("PAESE_PARTNER", "PARTNER_COUNTRY"),
}
Key = tuple[str, str, str, int, int | None, str]  # reporter, partner, flow, year, month, product


def role(row: dict[str, str], name: str) -> str:
    old, new = COLUMNS[name]
    return row[old] if old in row else row[new]


def expected_rows(path: Path) -> tuple[dict[Key, float], Counter[str]]:
    """Return the figures the file should store (euro) and its rows by fate, from the file."""
    fate: Counter[str] = Counter()
    stored: dict[Key, float] = {}
    quarters: dict[Key, list[float]] = defaultdict(list)
    annual: set[Key] = set()
    for row in csv_rows(path):
        fate["read"] += 1
        data_type = role(row, "data_type")
        if data_type not in FLOWS:
            fate["not a flow"] += 1
            continue
        period = row["TIME_PERIOD"]
        year, month = int(period[:4]), int(period[5:]) if row["FREQ"] == "M" else None
        product = "TOTAL" if role(row, "product") == "0010" else role(row, "product")
        key = (NUTS_2021[role(row, "territory")], role(row, "partner"), FLOWS[data_type], year,
               month, product)  # fmt: skip
        if row["FREQ"] == "Q":
            quarters[key].append(float(row["OBS_VALUE"]) * 1e6)
            continue
        annual.add(key) if row["FREQ"] == "A" else None
        stored[key] = float(row["OBS_VALUE"]) * 1e6
    for key, values in quarters.items():
        if key in annual:
            fate["quarters of an annual year"] += len(values)
        elif len(values) < 4:
            fate["quarters of an incomplete year"] += len(values)
        else:
            stored[key] = sum(values)
            fate["quarters summed"] += 4
    return stored, fate


def ingest(tmp_path: Path, path: Path, **options: Any) -> tuple[bilateral.Store, Any]:
    store = bilateral.open(tmp_path / "store")
    return store, store.ingest(path, **options)


def key_of(row: dict[str, Any]) -> Key:
    return (row["reporter"], row["partner"], row["flow"], row["year"], row["month"],
            row["product"])  # fmt: skip


@pytest.mark.parametrize("path", [OLD, NEW], ids=["old DSD", "new DSD"])
def test_both_layouts_are_detected_from_their_header(path: Path) -> None:
    assert detect(path, header_line(path)).name == "istat"
    assert sum(known.matches(header_line(path)) for known in FORMATS) == 1
    assert header_line(path) in (HEADER, NEW_HEADER)


@pytest.mark.parametrize("path", [OLD, NEW], ids=["old DSD", "new DSD"])
def test_every_row_is_stored_or_counted_with_its_reason(tmp_path: Path, path: Path) -> None:
    expected, fate = expected_rows(path)
    store, report = ingest(tmp_path, path)
    assert report.source == "istat"
    assert report.rows_read == fate["read"]
    summed_away = fate["quarters summed"] * 3 // 4  # four quarters make one stored row
    assert report.rows_stored + report.rows_quarantined + summed_away == report.rows_read
    annual_from_quarters = fate["quarters summed"] // 4
    direct = len(expected) - annual_from_quarters  # monthly and annual lines stored as read
    assert report.rows_stored == len(expected)
    assert report.rows_quarantined == fate["read"] - fate["quarters summed"] - direct
    stored = {key_of(row): row["value"] for row in stored_flows(store.root)}
    assert stored.keys() == expected.keys()
    for key, value in expected.items():
        assert stored[key] == pytest.approx(value, rel=1e-12), key
    notes = "\n".join(report.notes)
    assert "balance" in notes and "seasonally adjusted" in notes


def test_old_layout_notes_count_each_reason(tmp_path: Path) -> None:
    _, fate = expected_rows(OLD)
    _, report = ingest(tmp_path, OLD)
    notes = "\n".join(report.notes)
    assert f"{fate['quarters summed']} quarterly rows summed into" in notes
    incomplete = fate["quarters of an incomplete year"]
    assert f"{incomplete} rows not stored: quarters of an incomplete" in notes
    assert "3 rows not stored: trade balance (TBV)" in notes
    skipped = fate["not a flow"] + fate["quarters of an incomplete year"]
    assert report.rows_quarantined == skipped


def test_territories_are_nuts_2021_and_italy_is_ita(tmp_path: Path) -> None:
    store, _ = ingest(tmp_path, OLD)
    rows = stored_flows(store.root)
    assert {row["reporter"] for row in rows} == {"ITA", "ITH5", "ITH55", "ITI2"}
    italy = [row for row in rows if row["reporter"] == "ITA"]
    assert {row["partner"] for row in italy} == {"EU", "EXT_EU", "WORLD"}
    assert {(row["currency"], row["product"], row["product_scheme"]) for row in rows} == {
        ("EUR", "TOTAL", "TOTAL")
    }


def test_quarters_make_a_year_and_emilia_romagna_has_its_published_totals(
    tmp_path: Path,
) -> None:
    store, _ = ingest(tmp_path, OLD)
    store.ingest(NEW)
    profile = store.profile("ITD5", "WORLD", years=[2020, 2022])
    by_year = {row.year: row for row in profile.rows if row.source == "istat"}
    assert by_year[2020].exports == pytest.approx(61_148e6)
    assert by_year[2020].imports == pytest.approx(33_642e6)
    assert by_year[2022].exports == pytest.approx(84_100e6)
    assert {row.coverage for row in by_year.values()} == {"annual"}
    yearly = [r for r in stored_flows(store.root) if r["reporter"] == "ITH5"]
    assert {(r["year"], r["month"]) for r in yearly} == {(2020, None), (2022, None)}


def test_provisional_and_confidential_statuses_become_flags(tmp_path: Path) -> None:
    store, _ = ingest(tmp_path, OLD)
    flags = {(r["year"], r["month"]): r["flags"] for r in stored_flows(store.root)}
    assert flags[(2024, 2)] == "provisional"
    assert flags[(2024, 1)] is None
    path = write(tmp_path / "c.csv", row(value="10", conf="C", status="E"))
    store = bilateral.open(tmp_path / "other")
    store.ingest(path)
    assert stored_flows(store.root)[0]["flags"] == "confidential,estimated"


def test_vintage_is_the_callers_or_the_file_date(tmp_path: Path) -> None:
    store, _ = ingest(tmp_path, NEW, vintage="2025-03-14")
    assert {r["vintage"] for r in stored_flows(store.root)} == {"2025-03-14"}
    other = bilateral.open(tmp_path / "other")
    other.ingest(OLD)
    (vintage,) = {r["vintage"] for r in stored_flows(other.root)}
    assert len(vintage) == 10 and vintage[:2] == "20"


def test_fixture_codes_exist_in_istat_code_lists() -> None:
    lists = {name: code_list(name) for name in ("ITTER107", "GEONOM", "ATECO_2007_MERCE")}
    types = code_list("TIPO_DATO_COEIMPEX")
    for path in (OLD, NEW):
        for row in csv_rows(path):
            assert role(row, "territory") in lists["ITTER107"]
            assert role(row, "partner") in lists["GEONOM"]
            assert role(row, "product") in lists["ATECO_2007_MERCE"]
            assert role(row, "data_type") in types


def test_store_groups_named_by_istat_are_the_stores_groups() -> None:
    assert code_list("GEONOM") >= GROUPS
    for code in GROUPS:
        assert resolve(code).code == code


# --- files written by the tests --------------------------------------------------------------


def row(
    *,
    freq: str = "A",
    territory: str = "ITD5",
    data_type: str = "EV",
    product: str = "0010",
    partner: str = "WORLD",
    period: str = "2021",
    value: str = "1.5",
    conf: str = "F",
    status: str = "",
    unit_mult: str = "6",
    dataflow: str = "IT1:139_176(1.0)",
) -> dict[str, str]:
    return {
        "DATAFLOW": dataflow, "FREQ": freq, "MERCE_ATECO_2007": product,
        "PAESE_PARTNER": partner, "ITTER107": territory, "TIPO_DATO": data_type,
        "TIME_PERIOD": period, "OBS_VALUE": value, "BREAK": "", "CONF_STATUS": conf,
        "OBS_PRE_BREAK": "", "OBS_STATUS": status, "BASE_PER": "", "UNIT_MEAS": "EUR",
        "UNIT_MULT": unit_mult, "METADATA_EN": "", "METADATA_IT": "",
    }  # fmt: skip


def write(path: Path, *rows: dict[str, str], columns: list[str] | None = None) -> Path:
    names = columns or HEADER.split(",")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def code_list(name: str) -> set[str]:
    path = CODE_LISTS / f"istat_CL_COEWEB_{name}.csv"
    if not path.is_file():
        pytest.fail(f"missing shared code list {path} (see ../shared/data/SOURCES.md 7.1)")
    return {line["code"] for line in csv_rows(path)}


def quarters(year: str, values: list[str], **fields: str) -> list[dict[str, str]]:
    return [
        row(freq="Q", period=f"{year}-Q{n}", value=value, **fields)
        for n, value in enumerate(values, start=1)
    ]


def test_new_layout_is_read_by_column_names_in_any_order(tmp_path: Path) -> None:
    old_columns = ("ITTER107", "TIPO_DATO", "MERCE_ATECO_2007", "PAESE_PARTNER")
    new_columns = ("REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")
    new_names = dict(zip(old_columns, new_columns, strict=True))
    renamed = {new_names.get(k, k): v for k, v in row(value="2.25", partner="BE").items()}
    columns = sorted(renamed)  # attributes before dimensions: positions mean nothing
    path = write(tmp_path / "new.csv", renamed, columns=columns)
    assert IstatSdmx().matches(header_line(path))
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    (stored,) = stored_flows(store.root)
    assert (stored["reporter"], stored["partner"], stored["value"]) == ("ITH5", "BEL", 2.25e6)


def test_unit_mult_scales_and_must_not_contradict_millions(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.csv", row(value="3", unit_mult=""))
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    assert stored_flows(store.root)[0]["value"] == 3e6
    path = write(tmp_path / "bad.csv", row(), row(unit_mult="3"))
    with pytest.raises(SourceFormatError) as raised:
        store.ingest(path)
    assert (raised.value.line, raised.value.field) == (3, "UNIT_MULT")
    assert "bad.csv" in str(raised.value) and "6 (millions" in str(raised.value)


REGIONAL = "IT1:DF_DCSE_CPA_AT2007_COE_OPT_A_REG_ALL_REG(1.0)"


@pytest.mark.parametrize(("unit_mult", "value"), [("0", 1.5), ("", 1.5), ("3", 1500.0)])
def test_regional_dataflows_scale_by_their_unit_mult(
    tmp_path: Path, unit_mult: str, value: float
) -> None:
    path = write(tmp_path / "r.csv", row(dataflow=REGIONAL, product="ALL", unit_mult=unit_mult))
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    (stored,) = stored_flows(store.root)
    assert (stored["product"], stored["value"]) == ("TOTAL", value)


def test_a_regional_unit_mult_that_is_no_power_of_ten_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", row(dataflow=REGIONAL, unit_mult="2"))
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (raised.value.line, raised.value.field, raised.value.value) == (2, "UNIT_MULT", "2")


def test_sections_are_stored_where_the_file_has_no_division(tmp_path: Path) -> None:
    sections = ["ALL", "C", "J"]
    path = write(tmp_path / "s.csv", *(row(dataflow=REGIONAL, product=c) for c in sections))
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    stored = {(r["product"], r["product_scheme"]) for r in stored_flows(store.root)}
    assert stored == {("TOTAL", "TOTAL"), ("C", "CPA21_SECTION"), ("J", "CPA21_SECTION")}
    mixed = write(tmp_path / "m.csv", *(row(dataflow=REGIONAL, product=c) for c in ["C", "20"]))
    report = bilateral.open(tmp_path / "other").ingest(mixed)
    assert report.rows_stored == 1
    assert any("sections (one letter) beside divisions" in note for note in report.notes)


def test_a_dataflow_of_another_agency_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", row(dataflow="ESTAT:DS-045409(1.0)"))
    with pytest.raises(SourceFormatError, match="not an ISTAT dataflow"):
        bilateral.open(tmp_path / "store").ingest(path)


def test_quarterly_rule(tmp_path: Path) -> None:
    path = write(
        tmp_path / "q.csv",
        *quarters("2020", ["1", "2", "3", "4.5"], status="P"),
        *quarters("2021", ["1", "2"]),  # incomplete: skipped
        *quarters("2019", ["1", "1", "1", "1"]),
        row(period="2019", value="4.1"),  # the annual figure wins over the 2019 quarters
    )
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    rows = {(r["year"], r["month"]): (r["value"], r["flags"]) for r in stored_flows(store.root)}
    assert rows == {(2020, None): (10.5e6, "provisional"), (2019, None): (4.1e6, None)}
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (11, 2, 6)
    notes = "\n".join(report.notes)
    assert "2 rows not stored: quarters of an incomplete year" in notes
    assert "4 rows not stored: quarters of a year the file also gives annually" in notes
    assert "4 quarterly rows summed into 1 annual rows" in notes


def test_a_quarter_given_twice_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", *quarters("2020", ["1", "2", "3", "4"]), row(
        freq="Q", period="2020-Q3", value="9"))  # fmt: skip
    with pytest.raises(DuplicateRowError, match="lines 4 and 6"):
        bilateral.open(tmp_path / "store").ingest(path)


def test_product_levels_kept_or_skipped_with_leading_zeros(tmp_path: Path) -> None:
    codes = ["0010", "01", "20", "201", "2014", "20141", "C", "CE", "0040", "89", "X01130"]
    path = write(tmp_path / "p.csv", *(row(product=code) for code in codes))
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    stored = {
        (r["product"], r["product_scheme"], r["product_cpa"]) for r in stored_flows(store.root)
    }
    assert stored == {("TOTAL", "TOTAL", None), ("01", "CPA21", "01"), ("20", "CPA21", "20")}
    assert report.rows_quarantined == len(codes) - 3
    notes = "\n".join(report.notes)
    for level in ("groups (3 digits)", "classes (4 digits)", "categories (5 digits)",
                  "sections", "sub-sections", "main industrial groupings", "residual"):  # fmt: skip
        assert level in notes


def test_partners_greece_twice_groups_and_istat_aggregates(tmp_path: Path) -> None:
    partners = ["GR", "EL", "EXT_EU27_2020", "EU", "BRICS", "AFR_N", "QV"]
    path = write(tmp_path / "g.csv", *(row(partner=p, period=str(2010 + i))
                                       for i, p in enumerate(partners)))  # fmt: skip
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    stored = {r["year"]: (r["partner"], r["flags"]) for r in stored_flows(store.root)}
    assert stored == {
        2010: ("GRC", None), 2011: ("GRC", None), 2012: ("EXT_EU27_2020", None),
        2013: ("EU", None), 2016: ("QV", "unallocated_partner"),
    }  # fmt: skip
    assert report.rows_quarantined == 2
    assert "partner BRICS is an ISTAT aggregate" in "\n".join(report.notes)


def test_istat_territory_quirks(tmp_path: Path) -> None:
    territories = ["ITC45", "IT108", "ITDA", "ITZZZ", "ITD"]
    path = write(tmp_path / "t.csv", *(row(territory=t, period=str(2010 + i))
                                       for i, t in enumerate(territories)))  # fmt: skip
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    stored = {r["year"]: r["reporter"] for r in stored_flows(store.root)}
    assert stored == {2010: "ITC4C", 2011: "ITC4D", 2012: "IT-32", 2014: "ITH"}
    assert "territory ITZZZ is an ISTAT grouping" in "\n".join(report.notes)


@pytest.mark.parametrize(
    ("fields", "field", "expected"),
    [
        ({"value": "12,5"}, "OBS_VALUE", "a number in millions of euro"),
        ({"value": "-4"}, "OBS_VALUE", "a value >= 0"),
        ({"territory": "ITX9"}, "ITTER107", "ITTOT (Italy), a region (ITD5)"),
        ({"territory": "FR10"}, "ITTER107", "ITTOT (Italy)"),
        ({"partner": "XY1"}, "PAESE_PARTNER", "GEONOM code of CL_COEWEB_GEONOM"),
        ({"product": "2A"}, "MERCE_ATECO_2007", "0010 (total), a division (20)"),
        ({"product": "04"}, "MERCE_ATECO_2007", "a division"),
        ({"data_type": "XV"}, "TIPO_DATO", "EV, IV, TBV"),
        ({"freq": "W"}, "FREQ", "A, Q, M"),
        ({"period": "2021-13", "freq": "M"}, "TIME_PERIOD", "YYYY-MM for M"),
        ({"conf": "Z"}, "CONF_STATUS", "F, A, C"),
    ],
)
def test_malformed_lines_name_file_line_field_and_what_is_valid(
    tmp_path: Path, fields: dict[str, str], field: str, expected: str
) -> None:
    bad = row(**{"period": "2019", **fields})
    path = write(tmp_path / "bad.csv", row(), row(period="2020"), bad)
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(SourceFormatError) as raised:
        store.ingest(path)
    error = raised.value
    assert (error.line, error.field) == (4, field)
    assert str(error).startswith("bad.csv, line 4, field " + field)
    assert expected in str(error)
    assert stored_flows(store.root) == []


def test_new_layout_errors_name_the_new_columns(tmp_path: Path) -> None:
    good = ",ITD5,EV,0010,WORLD,2022-Q3"
    text = NEW.read_text(encoding="utf-8").replace(good, good.replace("WORLD", "ZZZ9"))
    path = tmp_path / "new.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (raised.value.line, raised.value.field) == (4, "PARTNER_COUNTRY")


def test_a_short_line_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "short.csv", row())
    text = path.read_text(encoding="utf-8") + "IT1:139_176(1.0),A,0010\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"short.csv, line 3: 3 fields instead of 17"):
        bilateral.open(tmp_path / "store").ingest(path)


def test_sdmx_csv_2_structure_columns_and_empty_values(tmp_path: Path) -> None:
    first = {"STRUCTURE": "dataflow", "STRUCTURE_ID": "IT1:139_176(1.0)", "ACTION": "I"}
    cases: list[dict[str, str]] = [{"period": "2020"}, {"period": "2021", "value": "", "conf": "C"}]
    rows = [
        {**first, **{k: v for k, v in row(**fields).items() if k != "DATAFLOW"}} for fields in cases
    ]
    path = write(tmp_path / "v2.csv", *rows, columns=list(rows[0]))
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    assert (report.source, report.rows_stored, report.rows_quarantined) == ("istat", 1, 1)
    assert "1 row not stored: empty OBS_VALUE" in "\n".join(report.notes)
