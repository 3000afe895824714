"""Conformance of the Comext CPA-group extraction reader, on the real December 2019 file.

Expected figures are computed here from the file with the `csv` module; malformed files are
written by the tests (their values are invented).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pycountry
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import DuplicateRowError, SourceFormatError, UnknownFormatError
from bilateral.sources import FORMATS, detect
from bilateral.sources.comext_cpa import HEADER, ComextCpa
from sources.files import csv_rows, header_line

COMEXT = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eurostat_comext"
CPA_FILE = COMEXT / "comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
ROWS = 65_533
FLOWS = {"1": "import", "2": "export"}
DECLARANTS = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK"}
REL = 1e-9

# Every distinct PARTNER_ISO of the real file, by the decision taken for it.
# fmt: off
ISO_PARTNERS = (  # ISO 3166-1 alpha-2: stored as the alpha-3 code
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AT", "AU", "AW", "AZ", "BA", "BB",
    "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BW",
    "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CL", "CM", "CN", "CO", "CR", "CU", "CV",
    "CW", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "ER", "ES", "ET", "FI",
    "FJ", "FK", "FO", "FR", "GA", "GB", "GD", "GE", "GH", "GI", "GL", "GM", "GN", "GQ", "GT", "GU",
    "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IR", "IS", "IT",
    "JM", "JO", "JP", "KE", "KG", "KH", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MD", "ME", "MG", "MH", "MK", "ML", "MM",
    "MN", "MO", "MP", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NC", "NE", "NG", "NI",
    "NL", "NO", "NP", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PS", "PT",
    "PY", "QA", "RO", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SK", "SL", "SM",
    "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK",
    "TL", "TM", "TN", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC",
    "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "ZA", "ZM", "ZW",
)
# fmt: on
GEONOM_COUNTRIES = {"GR": "GRC", "XK": "XKX", "XS": "SRB"}  # Comext's own codes for countries
GEONOM_TERRITORIES = {"XC": "XC", "XL": "XL"}  # Ceuta, Melilla: kept as GEONOM codes
SPECIAL_PARTNERS = {"QP": "QP", "QR": "QR", "QS": "QS"}  # high seas; stores and provisions
UNALLOCATED_PARTNERS = {"QV": "QV", "QW": "QW"}  # not specified: flag unallocated_partner
CONFIDENTIAL_PARTNERS = {"QY": "QY", "QZ": "QZ"}  # kept secret: flag confidential_partner
RESIDUAL_PRODUCTS = [
    "01M", "10M", "10S", "13M", "14M", "16M", "17M", "17S", "20M",
    "20S", "23I", "23M", "25I", "25M", "25S", "30M", "32M", "32S",
]  # fmt: skip


def stored(root: Path) -> list[dict[str, Any]]:
    return DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()


def write(path: Path, *lines: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cpa_file() -> Path:
    if not CPA_FILE.is_file():
        pytest.fail(f"missing shared data file {CPA_FILE} (see ../shared/data/SOURCES.md)")
    return CPA_FILE


@pytest.fixture(scope="module")
def rows(cpa_file: Path) -> list[dict[str, str]]:
    return csv_rows(cpa_file)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, cpa_file: Path) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("cpa-store")
    store = bilateral.open(root)
    report = store.ingest(cpa_file, vintage="2022-10-17")
    return {"store": store, "report": report, "flows": stored(store.root)}


# -- the file and its detection ----------------------------------------------------------------


def test_file_is_the_published_layout(cpa_file: Path, rows: list[dict[str, str]]) -> None:
    assert header_line(cpa_file) == HEADER
    assert len(rows) == ROWS
    assert {row["DECLARANT_ISO"] for row in rows} == DECLARANTS
    assert {row["PERIOD"] for row in rows} == {"201912"}
    assert {row["FLOW"] for row in rows} == set(FLOWS)
    products = {row["PRODUCT"] for row in rows}
    assert "011" in products
    assert sorted(code for code in products if not code.isdigit()) == RESIDUAL_PRODUCTS


def test_header_is_detected_exactly(cpa_file: Path) -> None:
    assert isinstance(detect(cpa_file, HEADER), ComextCpa)
    assert sum(known.matches(HEADER) for known in FORMATS) == 1
    assert not ComextCpa().matches(HEADER.lower())
    assert not ComextCpa().matches(HEADER + ",QUANTITY_IN_KG")


def test_every_partner_code_has_a_decision(rows: list[dict[str, str]]) -> None:
    decided = [
        *ISO_PARTNERS,
        *GEONOM_COUNTRIES,
        *GEONOM_TERRITORIES,
        *SPECIAL_PARTNERS,
        *UNALLOCATED_PARTNERS,
        *CONFIDENTIAL_PARTNERS,
    ]
    assert len(decided) == len(set(decided)) == 231
    assert {row["PARTNER_ISO"] for row in rows} == set(decided)


# -- ingest ------------------------------------------------------------------------------------


def test_ingest_report(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert (report.status, report.source) == ("added", "comext_cpa")
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (ROWS, ROWS, 0)
    assert report.periods == "2019-12"
    assert report.vintage == "2022-10-17"
    assert len(ingested["flows"]) == ROWS


def test_rows_are_stored_in_the_canonical_schema(ingested: dict[str, Any]) -> None:
    flows = ingested["flows"]
    assert {r["source"] for r in flows} == {"comext_cpa"}
    assert {(r["year"], r["month"]) for r in flows} == {(2019, 12)}
    assert {r["product_scheme"] for r in flows} == {"CPA21"}
    assert all(r["product_cpa"] == r["product"] for r in flows)
    assert {r["currency"] for r in flows} == {"EUR"}
    assert {r["quantity_kg"] for r in flows} == {None}
    assert {r["trade_type"] for r in flows} == {r["stat_procedure"] for r in flows} == {None}
    assert "011" in {r["product"] for r in flows}  # leading zero kept


def test_stored_totals_equal_csv_totals(
    ingested: dict[str, Any], rows: list[dict[str, str]]
) -> None:
    """Totals per declarant, partner and flow, read by csv and by the store, agree."""
    partners = _partner_codes()
    want: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for row in rows:
        key = (
            _iso3(row["DECLARANT_ISO"]),
            partners[row["PARTNER_ISO"]],
            FLOWS[row["FLOW"]],
        )
        want[key].append(float(row["VALUE_IN_EUROS"]))
    got: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for row in ingested["flows"]:
        got[(row["reporter"], row["partner"], row["flow"])].append(row["value"])
    assert got.keys() == want.keys()
    for key, values in want.items():
        assert len(got[key]) == len(values), key
        assert math.fsum(got[key]) == pytest.approx(math.fsum(values), rel=REL), key


def test_special_partners_are_kept_with_their_flags(
    ingested: dict[str, Any], rows: list[dict[str, str]]
) -> None:
    in_file = Counter(row["PARTNER_ISO"] for row in rows)
    flags = defaultdict(set)
    counts: Counter[str] = Counter()
    for row in ingested["flows"]:
        flags[row["partner"]].add(row["flags"])
        counts[row["partner"]] += 1
    for code in (*SPECIAL_PARTNERS, *GEONOM_TERRITORIES):
        assert (counts[code], flags[code]) == (in_file[code], {None}), code
    for code in UNALLOCATED_PARTNERS:
        assert (counts[code], flags[code]) == (in_file[code], {"unallocated_partner"}), code
    for code in CONFIDENTIAL_PARTNERS:
        assert (counts[code], flags[code]) == (in_file[code], {"confidential_partner"}), code
    assert counts["GRC"] == in_file["GR"]
    assert counts["SRB"] == in_file["XS"]


def test_belgium_italy_facts(ingested: dict[str, Any], rows: list[dict[str, str]]) -> None:
    pair = [r for r in rows if (r["DECLARANT_ISO"], r["PARTNER_ISO"]) == ("BE", "IT")]
    assert len(pair) == 196
    stored_pair = [r for r in ingested["flows"] if (r["reporter"], r["partner"]) == ("BEL", "ITA")]
    assert len(stored_pair) == 196
    profile = ingested["store"].profile("BE", "IT", 2019)
    assert len(profile.rows) == 1
    row = profile.rows[0]
    assert (row.reported_by, row.source, row.coverage) == ("BEL", "comext_cpa", "1 month")
    assert row.imports == 1_074_883_187
    assert row.exports == 1_339_111_170


def test_belgium_italy_sectors_sum_to_the_totals(
    ingested: dict[str, Any], rows: list[dict[str, str]]
) -> None:
    want: dict[tuple[str, str], float] = defaultdict(float)
    for r in rows:
        if (r["DECLARANT_ISO"], r["PARTNER_ISO"]) == ("BE", "IT"):
            want[(FLOWS[r["FLOW"]], r["PRODUCT"][:2])] += float(r["VALUE_IN_EUROS"])
    sectors = ingested["store"].sectors("BE", "IT", 2019)
    got = {(s.flow, s.code): s.value for s in sectors.rows}
    assert got == pytest.approx(dict(want))
    by_flow = {
        flow: math.fsum(s.value for s in sectors.rows if s.flow == flow)
        for flow in ("import", "export")
    }
    assert by_flow == {"import": 1_074_883_187, "export": 1_339_111_170}


def test_residual_codes_land_in_their_division(
    ingested: dict[str, Any], rows: list[dict[str, str]]
) -> None:
    """Germany's exports to Italy, with 20M, 20S, 23I, 23M, in CPA divisions 20 and 23."""
    picked = [
        r for r in rows if (r["DECLARANT_ISO"], r["PARTNER_ISO"], r["FLOW"]) == ("DE", "IT", "2")
    ]
    products = {r["PRODUCT"] for r in picked}
    assert {"20M", "20S", "23M"} <= products
    sectors = ingested["store"].sectors("DE", "IT", 2019)
    got = {s.code: s.value for s in sectors.rows if s.flow == "export"}
    for division in ("20", "23"):
        want = math.fsum(float(r["VALUE_IN_EUROS"]) for r in picked if r["PRODUCT"][:2] == division)
        assert got[division] == pytest.approx(want), division
    assert not any(code.endswith(("M", "S", "I")) or code == "XX" for code in got)


def test_a_small_file_maps_residual_codes_and_annual_periods(tmp_path: Path) -> None:
    path = write(
        tmp_path / "small.csv",
        "IT,BE,2,201,202152,100",
        "IT,BE,2,20M,202152,30",
        "IT,BE,2,23I,202152,7",
        "IT,NA,1,011,202103,5",
    )
    store = bilateral.open(tmp_path / "store")
    assert store.ingest(path).rows_stored == 4
    flows = {(r["partner"], r["product"]): r for r in stored(store.root)}
    assert flows[("BEL", "20M")]["month"] is None
    assert flows[("BEL", "20M")]["product_cpa"] == "20M"
    assert flows[("NAM", "011")]["month"] == 3  # NA is Namibia
    sectors = store.sectors("IT", "BE", 2021)
    assert {(s.code, s.value) for s in sectors.rows} == {("20", 130.0), ("23", 7.0)}


def test_an_extraction_replaces_only_its_keys(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(write(tmp_path / "at.csv", "AT,IT,2,201,201912,10", "AT,IT,2,202,201912,20"))
    assert store.ingest(write(tmp_path / "be.csv", "BE,IT,2,201,201912,5")).rows_stored == 1
    revised = store.ingest(write(tmp_path / "at2.csv", "AT,IT,2,201,201912,11"))
    assert revised.status == "revised"
    values = {(r["reporter"], r["product"]): r["value"] for r in stored(store.root)}
    assert values == {("AUT", "201"): 11.0, ("AUT", "202"): 20.0, ("BEL", "201"): 5.0}


def test_lines_repeated_verbatim_are_stored_once_and_counted(tmp_path: Path) -> None:
    path = write(tmp_path / "repeated.csv", "BE,IT,1,201,201912,5", "BE,IT,1,201,201912,5")
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (2, 1, 1)
    assert any("repeated verbatim" in note for note in report.notes)


# -- malformed files ---------------------------------------------------------------------------

GOOD = "BE,IT,1,201,201912,5"


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("BE,IT,1,201,201912,12x5", "VALUE_IN_EUROS", "a number"),
        ("BE,IT,1,201,201912,", "VALUE_IN_EUROS", "a number"),
        ("BE,IT,1,201,201912,-5", "VALUE_IN_EUROS", "a value >= 0"),
        ("BE,I1,1,201,201912,5", "PARTNER_ISO", "GEONOM code"),
        ("BE,WORLDX,1,201,201912,5", "PARTNER_ISO", "GEONOM code"),
        ("BX,IT,1,201,201912,5", "DECLARANT_ISO", "GEONOM code"),
        ("BE,IT,1,201,2019-12,5", "PERIOD", "YYYYMM"),
        ("BE,IT,1,201,201913,5", "PERIOD", "YYYY52"),
        ("BE,IT,3,201,201912,5", "FLOW", "one of 1, 2"),
        ("BE,IT,1,20.1,201912,5", "PRODUCT", "CPA 2.1 group"),
        ("BE,IT,1,20X,201912,5", "PRODUCT", "ending in I, M or S"),
        ("BE,IT,1,041,201912,5", "PRODUCT", "CPA 2.1 division"),
    ],
)
def test_bad_lines_name_line_field_and_valid_values(
    tmp_path: Path, line: str, field: str, expected: str
) -> None:
    path = write(tmp_path / "bad.csv", GOOD, line)
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(SourceFormatError) as raised:
        store.ingest(path)
    error = raised.value
    assert (error.path, error.line, error.field) == (path, 3, field)
    assert expected in str(error)
    assert stored(store.root) == []


def test_duplicate_key_with_different_values(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dup.csv",
        GOOD,
        "BE,DE,1,201,201912,7",
        "BE,IT,1,201,201912,6",
    )
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(DuplicateRowError) as raised:
        store.ingest(path)
    error = raised.value
    assert (error.line, error.field, error.value) == (4, "VALUE_IN_EUROS", "6")
    assert "lines 2 and 4" in str(error)
    assert stored(store.root) == []


def test_gr_and_el_are_one_partner(tmp_path: Path) -> None:
    path = write(tmp_path / "greece.csv", "BE,GR,1,201,201912,5", "BE,EL,1,201,201912,6")
    with pytest.raises(DuplicateRowError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (raised.value.line, raised.value.field) == (3, "VALUE_IN_EUROS")


def test_wrong_header_names_the_missing_column(tmp_path: Path) -> None:
    header = HEADER.replace("VALUE_IN_EUROS", "VALUE_IN_EURO")
    path = write(tmp_path / "header.csv", GOOD, header=header)
    with pytest.raises(UnknownFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    error = raised.value
    assert (error.line, error.field) == (1, None)
    assert "closest: comext_cpa" in str(error)
    assert "missing ['VALUE_IN_EUROS']" in str(error)


def test_short_line_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "short.csv", GOOD, "BE,IT,1,201,201912")
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    assert raised.value.line == 3
    assert "5 fields instead of 6" in str(raised.value)


def _iso3(alpha2: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha2)
    assert country is not None, alpha2
    return str(country.alpha_3)


def _partner_codes() -> dict[str, str]:
    codes = {code: _iso3(code) for code in ISO_PARTNERS}
    for group in (
        GEONOM_COUNTRIES,
        GEONOM_TERRITORIES,
        SPECIAL_PARTNERS,
        UNALLOCATED_PARTNERS,
        CONFIDENTIAL_PARTNERS,
    ):
        codes.update(group)
    return codes
