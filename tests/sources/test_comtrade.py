"""Conformance of the UN Comtrade Plus readers (CSV and API JSON) on the real published files.

Every expected figure is computed here from the files themselves, with the `csv` module
(Latin-1) or `json`; malformed variants are written in tmp_path from the real header and rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import (
    DuplicateRowError,
    EncodingError,
    SourceFormatError,
    UnknownFormatError,
)
from bilateral.sources import LINE_COLUMN, VALUED_BATCH_SCHEMA, ReadOptions, detect, open_source
from bilateral.sources.comtrade import HEADER, read_table
from sources.conftest import SHARED_DATA

COMTRADE = SHARED_DATA / "un_comtrade"
CSV_FILE = COMTRADE / "comtradeplus_2022_A_TOTAL_reporters_CHN_DEU_by_partner.csv"
JSON_CHN = COMTRADE / "comtradeplus_api_data_v1_get_C_A_HS_2010_CHN_ARG-DEU-DDR.json"
JSON_USA = COMTRADE / "comtradeplus_api_public_v1_preview_C_A_HS_2023_USA_JPN_TOTAL.json"
JSON_EMPTY = COMTRADE / "comtradeplus_api_data_v1_get_S_A_EB_empty_result.json"
ROWS = 905
REL = 1e-9

Key = tuple[str, str, str]  # reporter, partner, flow


def shared(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"missing shared data file {path} (see ../shared/data/SOURCES.md)")
    return path


def latin1_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="latin-1", newline="") as handle:
        return list(csv.DictReader(handle))


def canonical_iso(iso: str) -> str:
    """Return the store's code of a Comtrade ISO column (`W00` is World; `_X ` is padded)."""
    return "WORLD" if iso == "W00" else iso.strip()


def csv_totals(path: Path) -> dict[Key, tuple[float, int]]:
    grouped: dict[Key, list[float]] = defaultdict(list)
    for row in latin1_rows(path):
        flow = {"X": "export", "M": "import"}[row["flowCode"]]
        key = (row["reporterISO"], canonical_iso(row["partnerISO"]), flow)
        grouped[key].append(float(row["primaryValue"]))
    return {key: (math.fsum(values), len(values)) for key, values in grouped.items()}


def stored(root: Path) -> list[dict[str, Any]]:
    return DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("comtrade-store")
    report = bilateral.open(root).ingest(shared(CSV_FILE))
    return {"root": root, "report": report, "flows": stored(root)}


# -- the real CSV ------------------------------------------------------------------------------


def test_file_is_the_published_layout() -> None:
    raw = shared(CSV_FILE).read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == ROWS + 1  # CRLF everywhere
    assert b"C\xf4te d'Ivoire" in raw  # Latin-1, not UTF-8
    header, *lines = raw.split(b"\r\n")[:-1]
    assert header.decode("ascii") == HEADER
    assert all(line.endswith(b'",') for line in lines)  # the trailing comma
    rows = latin1_rows(CSV_FILE)
    assert len(rows) == ROWS
    assert {row["refMonth"] for row in rows} == {"52"}
    assert {row["fobvalue"] for row in rows if row["flowCode"] == "M"} == {""}


def test_ingest_report(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert (report.status, report.source) == ("added", "comtrade")
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (ROWS, ROWS, 0)
    assert report.periods == "2022"
    assert "HS products are coded in HS2022 (H6)" in report.notes
    assert any("netWgt 0" in note for note in report.notes)


def test_stored_totals_equal_csv_totals(ingested: dict[str, Any]) -> None:
    got: dict[Key, list[float]] = defaultdict(list)
    for row in ingested["flows"]:
        got[(row["reporter"], row["partner"], row["flow"])].append(row["value"])
    want = csv_totals(CSV_FILE)
    assert len(want) == ROWS  # one row per reporter, partner and flow
    assert got.keys() == want.keys()
    for key, (value, count) in want.items():
        assert math.fsum(got[key]) == pytest.approx(value, rel=REL), key
        assert len(got[key]) == count, key


def test_rows_per_reporter_and_flow(ingested: dict[str, Any]) -> None:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in ingested["flows"]:
        counts[(row["reporter"], row["flow"])] += 1
    assert counts == {
        ("DEU", "import"): 233,
        ("DEU", "export"): 233,
        ("CHN", "import"): 220,
        ("CHN", "export"): 219,
    }


def test_fractional_usd_values_are_kept(ingested: dict[str, Any]) -> None:
    fractional = [r for r in latin1_rows(CSV_FILE) if "." in r["primaryValue"]]
    assert fractional
    values = {row["value"] for row in ingested["flows"]}
    for row in fractional:
        assert float(row["primaryValue"]) in values


def test_codes_and_constants(ingested: dict[str, Any]) -> None:
    flows = ingested["flows"]
    assert {row["reporter"] for row in flows} == {"CHN", "DEU"}
    assert {"WORLD", "ITA", "BEL", "FRA", "USA", "CHE", "_X", "X1"} <= {r["partner"] for r in flows}
    assert {(r["source"], r["currency"], r["year"], r["month"]) for r in flows} == {
        ("comtrade", "USD", 2022, None)
    }
    assert {(r["product"], r["product_scheme"]) for r in flows} == {("TOTAL", "TOTAL")}
    # netWgt is 0 (not available) or empty on every row: no quantity, hence no estimate flag.
    assert {r["quantity_kg"] for r in flows} == {None}
    # The CSV names no release: every row's vintage is the file's date, flagged so.
    assert {r["partner"] for r in flows if r["flags"] != "file_dated"} == {"_X"}
    assert {r["flags"] for r in flows if r["partner"] == "_X"} == {"unallocated_partner,file_dated"}
    for name in ("product_cpa", "trade_type", "stat_procedure"):
        assert {row[name] for row in flows} == {None}, name


def test_partner_codes_agree_with_the_iso_column(ingested: dict[str, Any]) -> None:
    italy = [r for r in latin1_rows(CSV_FILE) if r["partnerCode"] == "380"]
    assert {r["partnerISO"] for r in italy} == {"ITA"}  # 380 in Comtrade Plus, 381 legacy
    world = {(r["reporter"], r["flow"]) for r in ingested["flows"] if r["partner"] == "WORLD"}
    assert len(world) == 4  # partner 0 / W00 is WORLD, for both reporters and flows
    assert len([r for r in ingested["flows"] if r["partner"] == "ITA"]) == len(italy) == 4


def test_latin1_text_is_read_byte_exact() -> None:
    table = read_table(CSV_FILE, CSV_FILE)
    names = set(table.column("partnerDesc").to_pylist())
    assert {"Côte d'Ivoire", "Curaçao", "Türkiye", "Saint Barthélemy"} <= names
    assert table.num_rows == ROWS and table.num_columns == 47


def test_detect_names_the_comtrade_format() -> None:
    assert detect(CSV_FILE, HEADER).name == "comtrade"
    assert detect(CSV_FILE, HEADER + ",").name == "comtrade"
    assert detect(CSV_FILE, ",".join(f'"{name}"' for name in HEADER.split(","))).name == "comtrade"


def test_open_source_yields_canonical_batches_with_lines() -> None:
    rows = latin1_rows(CSV_FILE)
    with open_source(CSV_FILE, ReadOptions()) as read:
        assert (read.source, read.replace_scope, read.complete_products) == (
            "comtrade",
            "key",
            False,
        )
        table = pa.Table.from_batches(list(read.batches), schema=VALUED_BATCH_SCHEMA)
        assert (read.stats.rows_read, read.stats.rows_quarantined) == (ROWS, 0)
    for record in table.to_pylist():
        line = rows[record[LINE_COLUMN] - 2]
        assert canonical_iso(line["partnerISO"]) == record["partner"]
        assert float(line["primaryValue"]) == record["value"]
        for column, field in (("value_cif", "cifvalue"), ("value_fob", "fobvalue")):
            published = float(line[field]) if line[field] else None
            assert record[column] == published


def test_given_vintage_overrides_file_date(tmp_path: Path) -> None:
    report = bilateral.open(tmp_path).ingest(CSV_FILE, vintage="2024-11-15")
    assert report.vintage == "2024-11-15"
    assert {row["vintage"] for row in stored(tmp_path)} == {"2024-11-15"}


# -- small files with the real header and a real row --------------------------------------------

# China imports from World, 2022 (without the empty field after the trailing comma).
BASE = {name: value for name, value in latin1_rows(CSV_FILE)[0].items() if name is not None}


def line(**changes: str) -> dict[str, str]:
    fields = dict(BASE)
    for name, value in changes.items():
        assert name in fields, name
        fields[name] = value
    return fields


def write(path: Path, *rows: dict[str, str], header: str = HEADER) -> Path:
    """Write rows as Comtrade does: all quoted, empty unquoted, trailing comma, CRLF, Latin-1."""
    out = io.StringIO()
    out.write(header + "\r\n")
    for fields in rows:
        out.write(",".join(f'"{value}"' if value else "" for value in fields.values()) + ",\r\n")
    path.write_bytes(out.getvalue().encode("latin-1"))
    return path


def fails(tmp_path: Path, path: Path, error: type[SourceFormatError]) -> SourceFormatError:
    with pytest.raises(error) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    return caught.value


def test_wrong_header_names_the_closest_format(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), header=HEADER.replace("primaryValue", "primaryvalue"))
    error = fails(tmp_path, path, UnknownFormatError)
    assert error.line == 1
    assert "closest: comtrade" in str(error) and "primaryValue" in str(error)


def test_bad_number_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="4", primaryValue="12,5"))
    error = fails(tmp_path, path, SourceFormatError)
    assert (error.line, error.field, error.value) == (3, "primaryValue", "12,5")


def test_unknown_territory_code_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="975"))
    error = fails(tmp_path, path, SourceFormatError)
    assert (error.line, error.field, error.value) == (3, "partnerCode", "975")
    assert error.expected is not None and "Comtrade Plus area code" in error.expected


def test_annual_row_needs_ref_month_52(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="4", refMonth="12"))
    error = fails(tmp_path, path, SourceFormatError)
    assert (error.line, error.field, error.value) == (3, "refMonth", "12")


def test_other_classifications_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="4", classificationCode="S4"))
    error = fails(tmp_path, path, SourceFormatError)
    assert (error.line, error.field, error.value) == (3, "classificationCode", "S4")


def test_wrong_field_count_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="4"))
    path.write_bytes(path.read_bytes().replace(b'"Import","4",', b'"Import","4","extra",'))
    error = fails(tmp_path, path, SourceFormatError)
    assert error.line == 3 and "49 fields instead of 48" in str(error)


def test_latin1_bytes_invalid_in_utf8_are_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.csv", line(partnerCode="531", partnerISO="CUW", partnerDesc="Curaçao")
    )
    assert b"Cura\xe7ao" in path.read_bytes()
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert report.rows_stored == 1
    [row] = stored(tmp_path / "store")
    assert row["partner"] == "CUW"


def test_utf16_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\r\n", encoding="utf-16")
    error = fails(tmp_path, path, EncodingError)
    assert error.line == 1


def test_nul_byte_in_a_data_line_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(partnerCode="4"))
    path.write_bytes(path.read_bytes().replace(b'"Import","4",', b'"I\x00m\x00port","4",'))
    error = fails(tmp_path, path, EncodingError)
    assert error.line == 3


def test_duplicate_key_with_different_values(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line(primaryValue="1"))
    error = fails(tmp_path, path, DuplicateRowError)
    assert (error.line, error.field, error.value) == (3, "primaryValue", "1")
    assert not (tmp_path / "store" / "flows" / "_delta_log" / "00000000000000000001.json").exists()


def test_verbatim_repeat_is_stored_once(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", line(), line())
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (2, 1, 1)


def test_sub_flows_and_breakdowns_are_quarantined(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.csv",
        line(),
        line(flowCode="RX", flowDesc="Re-export"),
        line(flowCode="RM", flowDesc="Re-import"),
        line(partner2Code="276", partner2ISO="DEU"),
        line(motCode="1000"),
        line(customsCode="C01"),
    )
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (6, 1, 5)
    notes = " | ".join(report.notes)
    assert "2 rows of sub-flows other than X and M (RX: 1, RM: 1)" in notes
    assert "1 rows of breakdowns by second partner" in notes
    assert "1 rows of breakdowns by mode of transport" in notes
    assert "1 rows of breakdowns by customs procedure" in notes


def test_monthly_hs_row_with_estimated_weight(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.csv",
        line(
            freqCode="M",
            refMonth="3",
            period="202203",
            partnerCode="380",
            cmdCode="300490",
            netWgt="1500.5",
            isNetWgtEstimated="true",
            cifvalue="1000",
            fobvalue="950",
            primaryValue="1000",
        ),
    )
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert any("1 rows publish CIF and FOB values that differ" in note for note in report.notes)
    [row] = stored(tmp_path / "store")
    assert (row["partner"], row["month"], row["product"], row["product_scheme"]) == (
        "ITA",
        3,
        "300490",
        "HS2022",
    )
    assert (row["value"], row["quantity_kg"]) == (1000.0, 1500.5)
    assert row["flags"] == "estimated,file_dated"


# -- API JSON ----------------------------------------------------------------------------------


def json_records(path: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(shared(path).read_text(encoding="utf-8"))["data"]
    return records


@pytest.mark.parametrize("path", [JSON_CHN, JSON_USA], ids=["CHN-2010", "USA-JPN-2023"])
def test_json_response_is_stored_as_published(tmp_path: Path, path: Path) -> None:
    records = json_records(path)
    assert detect(path, path.read_text(encoding="utf-8").splitlines()[0]).name == "comtrade_json"
    report = bilateral.open(tmp_path).ingest(path)
    assert (report.source, report.rows_read, report.rows_stored) == (
        "comtrade",
        len(records),
        len(records),
    )
    got = {(r["reporter"], r["partner"], r["flow"], r["year"]): r for r in stored(tmp_path)}
    for record in records:
        flow = {"X": "export", "M": "import"}[record["flowCode"]]
        row = got[(record["reporterISO"], record["partnerISO"], flow, record["refYear"])]
        assert row["value"] == record["primaryValue"]
        assert (row["value_cif"], row["value_fob"]) == (record["cifvalue"], record["fobvalue"])
        assert (row["product_scheme"], row["month"], row["currency"]) == ("TOTAL", None, "USD")
        assert row["quantity_kg"] is None  # null, or 0 beside a positive value


def test_json_import_value_is_the_cif_value(tmp_path: Path) -> None:
    report = bilateral.open(tmp_path).ingest(JSON_USA)
    assert any("1 rows publish CIF and FOB values that differ" in n for n in report.notes)
    [imports] = [r for r in stored(tmp_path) if r["flow"] == "import"]
    assert imports["value"] == 151580564290.0
    # Both valuations are kept apart, as the response publishes them.
    assert (imports["value_cif"], imports["value_fob"]) == (151580564290.0, 147340317186.0)
    [exports] = [r for r in stored(tmp_path) if r["flow"] == "export"]
    assert exports["value_cif"] is None
    assert exports["value_fob"] == exports["value"]


def test_json_empty_result_is_an_error(tmp_path: Path) -> None:
    error = fails(tmp_path, shared(JSON_EMPTY), SourceFormatError)
    assert (error.field, error.value) == ("data", "[]")


def test_json_errors_name_record_line_and_field(tmp_path: Path) -> None:
    records = json_records(JSON_CHN)
    records[2]["partnerCode"] = 975
    path = tmp_path / "r.json"
    body = {"elapsedTime": "0.1 secs", "count": 4, "data": records, "error": ""}
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")
    error = fails(tmp_path, path, SourceFormatError)
    starts = [n for n, text in enumerate(path.read_text().splitlines(), 1) if text == "    {"]
    assert (error.line, error.field, error.value) == (starts[2], "partnerCode", "975")
    assert str(error.problem).startswith("record 3 of data")


def test_json_duplicate_with_different_values(tmp_path: Path) -> None:
    records = json_records(JSON_CHN)
    records.append({**records[0], "primaryValue": 1.0})
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"count": 5, "data": records, "error": ""}), encoding="utf-8")
    error = fails(tmp_path, path, DuplicateRowError)
    assert (error.line, error.field, error.value) == (1, "primaryValue", "1")
    assert error.problem.startswith("record 5 of data")
