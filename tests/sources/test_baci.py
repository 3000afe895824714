"""Conformance of the CEPII BACI reader and its ingest, on a real published BACI HS92 subset.

Every expected figure is computed here from the file itself with the `csv` module, and country
codes are mapped with CEPII's own country table (V202501); the code under test is only used to
read and to ingest. Malformed variants are written in the BACI layout in `tmp_path`.
"""

from __future__ import annotations

import math
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import DuplicateRowError, SourceFormatError, UnknownFormatError
from bilateral.sources import ReadOptions, detect, open_source
from bilateral.sources.baci import Baci
from sources.conftest import SHARED_DATA
from sources.files import csv_rows, header_line, stored_flows

BACI = SHARED_DATA / "cepii_baci"
SUBSET = BACI / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
COUNTRIES = BACI / "country_codes_V202501.csv"
OFFICIAL_NAME = "BACI_HS92_Y2021_V202301.csv"
HEADER = '"t","i","j","k","v","q"'
# Two real lines of the subset (Afghanistan -> Angola, 2021).
ROW_1 = '2021,4,24,382390,52.051,"       13.235"'
ROW_2 = '2021,4,24,481890,0.041,"        0.022"'
ROW_3 = '2021,4,24,690790,3.403,"        1.854"'
# Exporter-importer pairs of the subset (115 for AFG, 204 for ZAF), counted with the csv module.
PAIRS = 319

Totals = dict[tuple[str, str], tuple[float, float, int]]


def _shared(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"missing shared data file {path} (see ../shared/data/SOURCES.md)")
    return path


@pytest.fixture(scope="module")
def subset() -> Path:
    """Return the real BACI HS92 2021 subset (exporters Afghanistan and South Africa)."""
    return _shared(SUBSET)


@pytest.fixture(scope="module")
def iso3() -> dict[str, str]:
    """Return CEPII's own mapping of BACI country codes to ISO3 (490 Other Asia is S19)."""
    rows = csv_rows(_shared(COUNTRIES))
    return {row["country_code"]: row["country_iso3"] for row in rows}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, subset: Path) -> dict[str, Any]:
    """Ingest the real subset once into a fresh store, for the read-only tests below."""
    root = tmp_path_factory.mktemp("baci-store")
    store = bilateral.open(root)
    report = store.ingest(subset)
    flows = DeltaTable(str(store.root / "flows")).to_pyarrow_table().to_pylist()
    return {"root": root, "report": report, "flows": flows}


def csv_totals(rows: list[dict[str, str]], iso3: dict[str, str]) -> Totals:
    """Sum v * 1000 and numeric q * 1000 and count rows by exporter and importer."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    quantities: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        key = (iso3[row["i"]], iso3[row["j"]])
        values[key].append(float(row["v"]) * 1000)
        if row["q"].strip() not in ("", "NA"):
            quantities[key].append(float(row["q"]) * 1000)
    return {k: (math.fsum(values[k]), math.fsum(quantities[k]), len(values[k])) for k in values}


def stored_totals(flows: list[dict[str, Any]]) -> Totals:
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    quantities: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in flows:
        key = (row["reporter"], row["partner"])
        values[key].append(row["value"])
        if row["quantity_kg"] is not None:
            quantities[key].append(row["quantity_kg"])
    return {k: (math.fsum(values[k]), math.fsum(quantities[k]), len(values[k])) for k in values}


def baci_file(folder: Path, *lines: str, name: str = "baci.csv", header: str = HEADER) -> Path:
    path = folder / name
    path.write_text("\r\n".join([header, *lines]) + "\r\n", encoding="utf-8")
    return path


def store_state(root: Path) -> tuple[int, int]:
    flows = DeltaTable(str(root / "flows"))
    return flows.version(), flows.to_pyarrow_table().num_rows


# -- the file itself ---------------------------------------------------------------------------


def test_subset_is_the_published_layout(subset: Path) -> None:
    assert header_line(subset) == HEADER
    rows = csv_rows(subset)
    assert len(rows) == 28_742
    assert Counter(row["i"] for row in rows) == {"710": 25_672, "4": 3_070}
    assert {row["t"] for row in rows} == {"2021"}
    # The quirks: q padded to 13 characters, NA quantities, k without its leading zero.
    assert {len(row["q"]) for row in rows} == {13}
    assert sum(row["q"].strip() == "NA" for row in rows) == 820
    assert Counter(len(row["k"]) for row in rows) == {6: 24_300, 5: 4_442}


def test_detected_by_quoted_and_plain_header(subset: Path) -> None:
    assert isinstance(detect(subset, HEADER), Baci)
    assert isinstance(detect(subset, "t,i,j,k,v,q"), Baci)


# -- ingest: stored rows against the file ------------------------------------------------------


def test_ingest_report_counts_every_row(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert report.status == "added"
    assert report.source == "baci"
    assert report.dataset == "CEPII BACI HS1992 V202301 (extract)"
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (28_742, 28_742, 0)
    assert report.periods == "2021"
    assert report.vintage == "V202301"


def test_stored_totals_equal_csv_totals(
    ingested: dict[str, Any], subset: Path, iso3: dict[str, str]
) -> None:
    want = csv_totals(csv_rows(subset), iso3)
    got = stored_totals(ingested["flows"])
    assert got.keys() == want.keys()
    assert len(want) == PAIRS
    for key, (value, quantity, count) in want.items():
        assert got[key][0] == pytest.approx(value, rel=1e-12), key
        assert got[key][1] == pytest.approx(quantity, rel=1e-12), key
        assert got[key][2] == count, key
    assert stored_totals(stored_flows(ingested["root"])) == got


def test_rows_to_italy_and_belgium(
    ingested: dict[str, Any], subset: Path, iso3: dict[str, str]
) -> None:
    rows = [row for row in csv_rows(subset) if row["j"] in ("380", "56")]
    # SOURCES.md counts 1,349 rows to Italy and Belgium in the uncut original; this subset keeps
    # South Africa's chapters 01-49 only (counted here with the csv module: 225 + 328).
    assert Counter(row["j"] for row in rows) == {"380": 225, "56": 328}
    stored = [row for row in ingested["flows"] if row["partner"] in ("ITA", "BEL")]
    assert len(stored) == len(rows) == 553
    want = csv_totals(rows, iso3)
    got = stored_totals(stored)
    assert got.keys() == want.keys() == {
        ("AFG", "ITA"), ("AFG", "BEL"), ("ZAF", "ITA"), ("ZAF", "BEL")
    }  # fmt: skip
    for key in want:
        assert got[key] == pytest.approx(want[key], rel=1e-12), key


def test_each_line_is_stored_once_as_a_reconciled_export(
    ingested: dict[str, Any], subset: Path, iso3: dict[str, str]
) -> None:
    flows = ingested["flows"]
    by_key = {(r["reporter"], r["partner"], r["product"]): r for r in flows}
    assert len(by_key) == len(flows) == 28_742
    for line in csv_rows(subset):
        stored = by_key[(iso3[line["i"]], iso3[line["j"]], line["k"].zfill(6))]
        assert stored["value"] == pytest.approx(float(line["v"]) * 1000, rel=1e-15)
        q = line["q"].strip()
        if q == "NA":
            assert stored["quantity_kg"] is None
        else:
            assert stored["quantity_kg"] == pytest.approx(float(q) * 1000, rel=1e-15)
    expected = {
        "source": "baci", "flow": "export", "year": 2021, "month": None, "currency": "USD",
        "product_scheme": "HS1992", "product_cpa": None, "flags": "reconciled",
        "trade_type": None, "stat_procedure": None, "vintage": "V202301",
    }  # fmt: skip
    for name, value in expected.items():
        assert {row[name] for row in flows} == {value}, name
    assert sum(row["quantity_kg"] is None for row in flows) == 820


def test_products_keep_six_digits(ingested: dict[str, Any], subset: Path) -> None:
    stored = Counter(row["product"] for row in ingested["flows"])
    assert stored == Counter(row["k"].zfill(6) for row in csv_rows(subset))
    assert all(isinstance(code, str) and len(code) == 6 for code in stored)
    assert stored["081310"] > 0 and "81310" not in stored  # dried apricots, k = 81310


def test_first_line_by_hand(ingested: dict[str, Any]) -> None:
    # Line 2: 2021,4,24,382390,52.051,"       13.235" (Afghanistan -> Angola).
    [row] = [
        r for r in ingested["flows"] if (r["reporter"], r["partner"], r["product"])
        == ("AFG", "AGO", "382390")
    ]  # fmt: skip
    assert row["value"] == pytest.approx(52_051.0)
    assert row["quantity_kg"] == pytest.approx(13_235.0)


# -- file names: scope, dataset, vintage --------------------------------------------------------


def test_official_name_replaces_the_year(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, ROW_2, name=OFFICIAL_NAME)
    with open_source(path) as read:
        assert (read.replace_scope, read.complete_products) == ("period", True)
        assert read.dataset == "CEPII BACI HS1992 V202301"
        [batch] = list(read.batches)
    assert batch.column("vintage").to_pylist() == ["V202301"] * 2


def test_subset_is_an_extract(subset: Path) -> None:
    with open_source(subset, ReadOptions(vintage="2023-01-31")) as read:
        assert (read.replace_scope, read.complete_products) == ("key", False)
        first = next(read.batches)
    assert set(first.column("vintage").to_pylist()) == {"2023-01-31"}


def test_official_year_file_replaces_an_earlier_ingest(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(baci_file(tmp_path, ROW_1, ROW_2, ROW_3, name=OFFICIAL_NAME))
    (tmp_path / "v2").mkdir()
    revised = baci_file(
        tmp_path / "v2", ROW_1, "2021,4,24,481890,0.050,NA", name="BACI_HS92_Y2021_V202401.csv"
    )
    report = store.ingest(revised)
    assert (report.status, report.rows_stored) == ("revised", 2)
    # 382390 as before, 481890 revised, 690790 no longer in the year.
    changes = (report.rows_added, report.rows_replaced, report.rows_unchanged, report.rows_removed)
    assert changes == (0, 1, 1, 1)
    flows = {r["product"]: r for r in stored_flows(store.root)}
    assert flows.keys() == {"382390", "481890"}
    assert flows["481890"]["value"] == pytest.approx(50.0)
    assert flows["481890"]["quantity_kg"] is None
    assert flows["481890"]["vintage"] == "V202401"


def test_plain_header_and_later_revision(tmp_path: Path) -> None:
    path = baci_file(
        tmp_path,
        "2022,380,56,10121,1.5,       NA",
        name="BACI_HS17_Y2022_V202401.csv",
        header="t,i,j,k,v,q",
    )
    with open_source(path) as read:
        assert read.dataset == "CEPII BACI HS2017 V202401"
        [batch] = list(read.batches)
    row = batch.to_pylist()[0]
    assert (row["reporter"], row["partner"], row["product"]) == ("ITA", "BEL", "010121")
    assert (row["value"], row["quantity_kg"]) == (1500.0, None)


def test_codes_depend_on_the_year(tmp_path: Path) -> None:
    # 58 is Belgium-Luxembourg until 1998; 490 is "Other Asia, nes".
    path = baci_file(tmp_path, "1998,58,490,010121,1,1")
    bilateral.open(tmp_path / "store").ingest(path)
    [row] = stored_flows(tmp_path / "store")
    assert (row["reporter"], row["partner"]) == ("BLX", "S19")


def test_verbatim_repeated_line_is_stored_once_and_counted(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, ROW_2, ROW_1)
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (3, 2, 1)


def test_synthetic_option_adds_its_flag(tmp_path: Path) -> None:
    with open_source(baci_file(tmp_path, ROW_1), ReadOptions(synthetic=True)) as read:
        [batch] = list(read.batches)
    # The file's name gives no release: its vintage is the file's date, and says so.
    assert batch.column("flags").to_pylist() == ["reconciled,synthetic,file_dated"]


# -- malformed files ---------------------------------------------------------------------------

MALFORMED = [
    ("v-not-a-number", [ROW_1, '2021,4,24,481890,0.0x1,"        0.022"'], 3, "v"),
    ("v-missing", [ROW_1, ROW_2, '2021,4,24,690790,,"        1.854"'], 4, "v"),
    ("v-negative", ['2021,4,24,382390,-52.051,"       13.235"'], 2, "v"),
    ("q-not-a-number", [ROW_1, '2021,4,24,481890,0.041,"      0.0.22"'], 3, "q"),
    ("i-unknown-code", [ROW_1, ROW_2, '2021,999,24,690790,3.403,"        1.854"'], 4, "i"),
    ("j-outside-its-years", [ROW_1, '2021,4,58,481890,0.041,"        0.022"'], 3, "j"),
    ("j-not-numeric", ['2021,4,AGO,382390,52.051,"       13.235"'], 2, "j"),
    ("k-four-digits", [ROW_1, '2021,4,24,4818,0.041,"        0.022"'], 3, "k"),
    ("t-not-a-year", [ROW_1, ROW_2, '21,4,24,690790,3.403,"        1.854"'], 4, "t"),
]


@pytest.mark.parametrize(
    ("lines", "line", "field"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_field_names_line_and_field(
    tmp_path: Path, lines: list[str], line: int, field: str
) -> None:
    path = baci_file(tmp_path, *lines)
    with pytest.raises(SourceFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    error = caught.value
    assert (error.line, error.field) == (line, field)
    assert error.path.name == "baci.csv"
    assert error.expected
    assert f"line {line}, field {field}" in str(error)


def test_unknown_code_says_what_is_valid(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, '2021,4,58,481890,0.041,"        0.022"')
    with pytest.raises(SourceFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert caught.value.value == "58"
    assert "BLX 1900-1998" in str(caught.value)
    assert "CEPII BACI country code" in str(caught.value)


def test_wrong_header_names_the_closest_format(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, header='"t","i","j","k","v","qty"')
    with pytest.raises(UnknownFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert caught.value.line == 1
    assert caught.value.field is None  # a header matches no format: no field to name
    assert "closest: baci" in str(caught.value)
    assert "CEPII BACI" in str(caught.value)


def test_conflicting_duplicate_names_both_lines(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, ROW_2, '2021,4,24,382390,60.000,"       13.235"', ROW_3)
    with pytest.raises(DuplicateRowError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    error = caught.value
    assert (error.line, error.field, error.value) == (4, "v", "60.000")
    assert "lines 2 and 4" in str(error)


def test_conflicting_quantity_names_q(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, '2021,4,24,382390,52.051,"           NA"')
    with pytest.raises(DuplicateRowError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (caught.value.line, caught.value.field) == (3, "q")


def test_year_must_match_an_official_name(tmp_path: Path) -> None:
    path = baci_file(tmp_path, ROW_1, ROW_2.replace("2021", "2020", 1), name=OFFICIAL_NAME)
    with pytest.raises(SourceFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (caught.value.line, caught.value.field, caught.value.value) == (3, "t", "2020")


def test_failed_ingest_changes_nothing(tmp_path: Path, subset: Path) -> None:
    root = tmp_path / "store"
    store = bilateral.open(root)
    store.ingest(baci_file(tmp_path, ROW_1, ROW_2))
    before = store_state(root)
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copy(subset, bad / "subset.csv")
    with (bad / "subset.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write('2021,710,999,010121,1.0,"        1.000"\r\n')
    with pytest.raises(SourceFormatError) as caught:
        store.ingest(bad / "subset.csv")
    assert (caught.value.line, caught.value.field) == (28_744, "j")
    assert store_state(root) == before
