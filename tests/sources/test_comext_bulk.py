"""Conformance of the Comext bulk full_v2 reader and its ingest, on the real published rows.

Every expected figure is computed here from the file itself with the `csv` module; the code
under test is only used to read and to ingest.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import py7zr
import pyarrow as pa
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import ArchiveError, SourceFormatError
from bilateral.sources import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, detect, open_source
from sources.files import csv_rows, header_line, stored_flows

# The codes of the sample, mapped by hand from the Comext GEONOM list and data dictionary.
ISO3 = {"AT": "AUT", "AD": "AND"}
FLOWS = {"1": "import", "2": "export"}
CONFIDENTIAL_PRODUCT = "39XXXXXX"
ARCHIVE_MEMBER = "full_202402.dat"

Key = tuple[str, str, int, int | None]


def period_of(text: str) -> tuple[int, int | None]:
    month = int(text[4:])
    return int(text[:4]), None if month == 52 else month


def csv_totals(rows: list[dict[str, str]]) -> dict[Key, tuple[float, float, int]]:
    """Sum VALUE_EUR and QUANTITY_KG and count rows by reporter, flow and period."""
    values: dict[Key, list[float]] = defaultdict(list)
    quantities: dict[Key, list[float]] = defaultdict(list)
    for row in rows:
        key = (ISO3[row["REPORTER"]], FLOWS[row["FLOW"]], *period_of(row["PERIOD"]))
        values[key].append(float(row["VALUE_EUR"]))
        if row["QUANTITY_KG"]:  # empty: not published
            quantities[key].append(float(row["QUANTITY_KG"]))
    return {
        key: (math.fsum(values[key]), math.fsum(quantities[key]), len(values[key]))
        for key in values
    }


def stored_totals(flows: list[dict[str, Any]]) -> dict[Key, tuple[float, float, int]]:
    values: dict[Key, list[float]] = defaultdict(list)
    quantities: dict[Key, list[float]] = defaultdict(list)
    for row in flows:
        key = (row["reporter"], row["flow"], row["year"], row["month"])
        values[key].append(row["value"])
        if row["quantity_kg"] is not None:
            quantities[key].append(row["quantity_kg"])
    return {
        key: (math.fsum(values[key]), math.fsum(quantities[key]), len(values[key]))
        for key in values
    }


def assert_same_totals(
    got: dict[Key, tuple[float, float, int]], want: dict[Key, tuple[float, float, int]]
) -> None:
    assert got.keys() == want.keys()
    for key, (value, quantity, count) in want.items():
        assert got[key][0] == pytest.approx(value, rel=1e-9), key
        assert got[key][1] == pytest.approx(quantity, rel=1e-9), key
        assert got[key][2] == count, key


def make_archive(source: Path, out: Path) -> Path:
    with py7zr.SevenZipFile(out, "w") as archive:
        archive.write(source, ARCHIVE_MEMBER)
    return out


def store_state(root: Path) -> tuple[int, int, int]:
    """Return the flows version, the flows row count and the ingest-log row count."""
    flows = DeltaTable(str(root / "flows"))
    log = DeltaTable(str(root / "ingest_log"))
    return flows.version(), flows.to_pyarrow_table().num_rows, log.to_pyarrow_table().num_rows


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, bulk_sample: Path) -> dict[str, Any]:
    """Ingest the real sample once into a fresh store, for the read-only tests below."""
    root = tmp_path_factory.mktemp("bulk-store")
    store = bilateral.open(root)
    report = store.ingest(bulk_sample)
    return {"root": root, "store": store, "report": report, "flows": stored_flows(root)}


# -- the file itself ---------------------------------------------------------------------------


def test_sample_is_the_published_full_v2_layout(bulk_sample: Path) -> None:
    columns = header_line(bulk_sample).split(",")
    assert len(columns) == 18
    assert columns[3] == "PRODUCT_NC" and columns[14] == "VALUE_EUR"
    rows = csv_rows(bulk_sample)
    assert len(rows) == 13
    assert all(None not in row and len(row) == 18 for row in rows)


# -- ingest: stored rows against the file ------------------------------------------------------


def test_ingest_report_counts_every_row(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert report.status == "added"
    assert report.source == "comext"
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (13, 13, 0)
    assert report.rows_replaced == 0
    assert report.periods == "2024-02"
    assert report.flows_version == 1
    assert DeltaTable(str(ingested["root"] / "flows")).version() == 1


def test_stored_totals_equal_csv_totals(ingested: dict[str, Any], bulk_sample: Path) -> None:
    want = csv_totals(csv_rows(bulk_sample))
    assert want == {("AUT", "export", 2024, 2): (7713.0, 380.0, 13)}  # summed by hand
    assert_same_totals(stored_totals(ingested["flows"]), want)


def test_snapshot_files_scanned_with_duckdb_give_the_same_totals(
    ingested: dict[str, Any], bulk_sample: Path
) -> None:
    files = ingested["store"].snapshot_files("flows")
    assert files and all(Path(name).is_file() for name in files)
    connection = duckdb.connect()
    try:
        rows = connection.execute(
            """SELECT reporter, flow, year::INTEGER, month::INTEGER,
                      sum(value), sum(quantity_kg), count(*)
               FROM read_parquet(?, hive_partitioning = true)
               GROUP BY ALL""",
            [files],
        ).fetchall()
    finally:
        connection.close()
    got = {(r, f, y, m): (v, q, n) for r, f, y, m, v, q, n in rows}
    assert_same_totals(got, csv_totals(csv_rows(bulk_sample)))


def test_every_line_is_stored_as_published(ingested: dict[str, Any], bulk_sample: Path) -> None:
    by_product = {row["product"]: row for row in ingested["flows"]}
    rows = csv_rows(bulk_sample)
    assert len(by_product) == len(ingested["flows"]) == len(rows)
    for line in rows:
        stored = by_product[line["PRODUCT_NC"]]
        assert stored["value"] == float(line["VALUE_EUR"])
        assert stored["quantity_kg"] == float(line["QUANTITY_KG"])
        assert stored["product_cpa"] == line["PRODUCT_CPA21"]
        assert stored["trade_type"] == line["TRADE_TYPE"]
        assert stored["stat_procedure"] == line["STAT_PROCEDURE"]


def test_codes_periods_and_constants(ingested: dict[str, Any]) -> None:
    flows = ingested["flows"]
    expected = {
        "source": "comext", "reporter": "AUT", "partner": "AND", "flow": "export",
        "year": 2024, "month": 2, "currency": "EUR", "product_scheme": "CN2024",
        "trade_type": "E", "stat_procedure": "1",
    }  # fmt: skip
    for name, value in expected.items():
        assert {row[name] for row in flows} == {value}, name


def test_confidential_row_is_flagged(ingested: dict[str, Any]) -> None:
    flows = ingested["flows"]
    [hidden] = [row for row in flows if row["product"] == CONFIDENTIAL_PRODUCT]
    assert hidden["flags"] == "confidential,file_dated"  # full_v2 files name no release
    assert hidden["product_cpa"] == "XXXX"
    assert hidden["value"] == 89.0
    assert all(row["flags"] == "file_dated" for row in flows if row is not hidden)


def test_product_codes_are_text_as_published(ingested: dict[str, Any], bulk_sample: Path) -> None:
    stored = sorted(row["product"] for row in ingested["flows"])
    assert stored == sorted(row["PRODUCT_NC"] for row in csv_rows(bulk_sample))
    assert all(isinstance(code, str) and len(code) == 8 for code in stored)


def test_leading_zeros_are_kept(tmp_path: Path, bulk_sample: Path) -> None:
    # CN 0101 21 00 (pure-bred breeding horses) is CPA 01.43; SITC 00150; HS section 01.
    path = tmp_path / "full_202402.dat"
    path.write_text(
        header_line(bulk_sample) + "\n"
        "AT,AD,E,01012100,00150,0143,0143,111,111000,01,2,1,p/st,202402,7000,7000,500,1\n",
        encoding="utf-8",
    )
    bilateral.open(tmp_path / "store").ingest(path)
    [row] = stored_flows(tmp_path / "store")
    assert (row["product"], row["product_cpa"]) == ("01012100", "0143")


def test_rollup_totals_agree_with_the_file(ingested: dict[str, Any], bulk_sample: Path) -> None:
    totals = DeltaTable(str(ingested["root"] / "rollup_totals")).to_pyarrow_table().to_pylist()
    assert len(totals) == 1
    [total] = totals
    rows = csv_rows(bulk_sample)
    assert (total["source"], total["reporter"], total["partner"]) == ("comext", "AUT", "AND")
    assert (total["flow"], total["year"], total["month"]) == ("export", 2024, 2)
    assert total["value"] == pytest.approx(math.fsum(float(r["VALUE_EUR"]) for r in rows))
    assert total["quantity_kg"] == pytest.approx(math.fsum(float(r["QUANTITY_KG"]) for r in rows))
    confidential = [float(r["VALUE_EUR"]) for r in rows if "X" in r["PRODUCT_NC"]]
    assert total["confidential_value"] == pytest.approx(math.fsum(confidential))
    assert total["rows"] == len(rows)


def test_default_vintage_is_the_file_date(ingested: dict[str, Any], bulk_sample: Path) -> None:
    mtime = bulk_sample.stat().st_mtime
    day = dt.datetime.fromtimestamp(mtime, tz=dt.UTC).date().isoformat()
    assert {row["vintage"] for row in ingested["flows"]} == {day}
    assert ingested["report"].vintage == day


def test_given_vintage_is_stored(tmp_path: Path, bulk_sample: Path) -> None:
    report = bilateral.open(tmp_path).ingest(bulk_sample, vintage="2024-04-15")
    assert report.vintage == "2024-04-15"
    assert {row["vintage"] for row in stored_flows(tmp_path)} == {"2024-04-15"}


def test_same_file_twice_changes_nothing(tmp_path: Path, bulk_sample: Path) -> None:
    store = bilateral.open(tmp_path)
    store.ingest(bulk_sample)
    before = store_state(tmp_path)
    report = store.ingest(bulk_sample)
    assert report.status == "unchanged"
    assert report.rows_stored == 0
    assert store_state(tmp_path) == before


# -- read level --------------------------------------------------------------------------------


def test_detect_names_the_bulk_format(bulk_sample: Path) -> None:
    assert detect(bulk_sample, header_line(bulk_sample)).name == "comext"


def test_open_source_yields_canonical_batches(bulk_sample: Path) -> None:
    with open_source(bulk_sample) as read:
        assert (read.source, read.replace_scope, read.complete_products) == (
            "comext",
            "period",
            True,
        )
        batches = list(read.batches)
        stats = read.stats
    assert batches and all(batch.schema.equals(BATCH_SCHEMA) for batch in batches)
    table = pa.Table.from_batches(batches, schema=BATCH_SCHEMA)
    assert table.num_rows == 13
    assert stats.rows_read == 13
    assert stats.rows_quarantined == 0
    assert stats.bytes_read == bulk_sample.stat().st_size


def test_batch_lines_point_at_the_file_lines(bulk_sample: Path) -> None:
    with open_source(bulk_sample, ReadOptions(vintage="v1")) as read:
        table = pa.Table.from_batches(list(read.batches), schema=BATCH_SCHEMA)
    rows = csv_rows(bulk_sample)
    for record in table.to_pylist():
        line = rows[record[LINE_COLUMN] - 2]  # line 1 is the header
        assert record["product"] == line["PRODUCT_NC"]
        assert record["value"] == float(line["VALUE_EUR"])
        assert record["vintage"] == "v1"
    assert sorted(table.column(LINE_COLUMN).to_pylist()) == list(range(2, 15))


# -- the published .7z -------------------------------------------------------------------------


def test_archive_reads_like_the_plain_file(tmp_path: Path, bulk_sample: Path) -> None:
    archive = make_archive(bulk_sample, tmp_path / "full_v2_202402.7z")
    with open_source(archive) as read:
        assert read.path == archive
        table = pa.Table.from_batches(list(read.batches), schema=BATCH_SCHEMA)
    assert table.num_rows == 13
    assert sorted(table.column("product").to_pylist()) == sorted(
        row["PRODUCT_NC"] for row in csv_rows(bulk_sample)
    )


def test_archive_ingests_with_the_same_totals(tmp_path: Path, bulk_sample: Path) -> None:
    archive = make_archive(bulk_sample, tmp_path / "full_v2_202402.7z")
    report = bilateral.open(tmp_path / "store").ingest(archive)
    assert (report.file, report.rows_stored) == ("full_v2_202402.7z", 13)
    flows = stored_flows(tmp_path / "store")
    assert_same_totals(stored_totals(flows), csv_totals(csv_rows(bulk_sample)))
    [hidden] = [row for row in flows if row["product"] == CONFIDENTIAL_PRODUCT]
    assert (hidden["flags"], hidden["product_cpa"]) == ("confidential,file_dated", "XXXX")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, -1], ids=["10pct", "half", "90pct", "last-byte"])
def test_truncated_archive_fails_and_changes_nothing(
    tmp_path: Path, bulk_sample: Path, keep: float
) -> None:
    good = make_archive(bulk_sample, tmp_path / "full_v2_202402.7z")
    data = good.read_bytes()
    cut = len(data) - 1 if keep == -1 else int(len(data) * keep)
    truncated = tmp_path / "full_v2_202402_cut.7z"
    truncated.write_bytes(data[:cut])
    store = bilateral.open(tmp_path / "store")
    store.ingest(good)
    before = store_state(tmp_path / "store")
    with pytest.raises(ArchiveError) as caught:
        store.ingest(truncated)
    assert caught.value.path == truncated
    assert store_state(tmp_path / "store") == before
    assert_same_totals(
        stored_totals(stored_flows(tmp_path / "store")), csv_totals(csv_rows(bulk_sample))
    )


def test_archive_without_a_data_file_fails(tmp_path: Path, bulk_sample: Path) -> None:
    archive = tmp_path / "full_v2_202402.7z"
    with py7zr.SevenZipFile(archive, "w") as out:
        out.write(bulk_sample, "readme.pdf")
    with pytest.raises(ArchiveError):
        bilateral.open(tmp_path / "store").ingest(archive)


# -- annual totals -----------------------------------------------------------------------------


def write_annual(folder: Path, header: str) -> Path:
    path = folder / "full_202352.dat"
    path.write_text(
        header + "\n"
        "AT,AD,E,35069190,59229,2052,2059,220,311210,06,2,1,NO_SU,202352,1200,1200,40,0\n"
        "AT,AD,E,39XXXXXX,582XX,XXXX,XXXX,700,31XXXX,07,2,1,NO_SU,202352,300,300,5,0\n"
        "AT,AD,E,40169991,62999,2219,2212,630,211210,07,1,1,NO_SU,202352,25,25,,0\n",
        encoding="utf-8",
    )
    return path


def test_annual_period_is_stored_with_month_null(tmp_path: Path, bulk_sample: Path) -> None:
    path = write_annual(tmp_path, header_line(bulk_sample))
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert report.periods == "2023"
    flows = stored_flows(tmp_path / "store")
    assert len(flows) == 3
    assert {(row["year"], row["month"]) for row in flows} == {(2023, None)}
    assert {row["product_scheme"] for row in flows} == {"CN2023"}
    assert_same_totals(stored_totals(flows), csv_totals(csv_rows(path)))
    [no_quantity] = [row for row in flows if row["flow"] == "import"]
    assert no_quantity["quantity_kg"] is None
    totals = DeltaTable(str(tmp_path / "store" / "rollup_totals")).to_pyarrow_table().to_pylist()
    assert {(row["flow"], row["month"], row["value"]) for row in totals} == {
        ("export", None, 1500.0),
        ("import", None, 25.0),
    }


def test_annual_file_keeps_the_monthly_rows_of_that_year(tmp_path: Path, bulk_sample: Path) -> None:
    monthly = tmp_path / "full_202301.dat"
    monthly.write_text(
        header_line(bulk_sample) + "\n"
        "AT,AD,E,35069190,59229,2052,2059,220,311210,06,2,1,NO_SU,202301,100,100,4,0\n",
        encoding="utf-8",
    )
    store = bilateral.open(tmp_path / "store")
    store.ingest(monthly)
    report = store.ingest(write_annual(tmp_path, header_line(bulk_sample)))
    assert report.rows_replaced == 0
    periods = sorted((row["month"] or 0, row["value"]) for row in stored_flows(tmp_path / "store"))
    assert periods == [(0, 25.0), (0, 300.0), (0, 1200.0), (1, 100.0)]


def test_each_year_gets_its_own_cn_edition(tmp_path: Path, bulk_sample: Path) -> None:
    path = tmp_path / "two_years.dat"
    path.write_text(
        header_line(bulk_sample) + "\n"
        "AT,AD,E,35069190,59229,2052,2059,220,311210,06,2,1,NO_SU,202312,10,10,1,0\n"
        "AT,AD,E,35069190,59229,2052,2059,220,311210,06,2,1,NO_SU,202401,20,20,2,0\n",
        encoding="utf-8",
    )
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert report.periods == "2023-12, 2024-01"
    schemes = {(row["year"], row["month"], row["product_scheme"], row["value"])
               for row in stored_flows(tmp_path / "store")}  # fmt: skip
    assert schemes == {(2023, 12, "CN2023", 10.0), (2024, 1, "CN2024", 20.0)}


# -- files larger than one read block (16 MiB) --------------------------------------------------

BIG_ROWS = 250_000


def write_big(path: Path, header: str, flow_at_line: dict[int, str] | None = None) -> None:
    """Write BIG_ROWS distinct rows (about 18 MB); `flow_at_line` overrides FLOW on some lines."""
    overrides = flow_at_line or {}
    lines = [header]
    for index in range(BIG_ROWS):
        flow = overrides.get(index + 2, "2")
        lines.append(
            f"AT,AD,E,{10000000 + index},59229,2052,2059,220,311210,06,{flow},1,NO_SU,202402,"
            f"{index % 1000},0,{index % 7},0"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_error_beyond_the_first_block_names_its_line(tmp_path: Path, bulk_sample: Path) -> None:
    path = tmp_path / "big.dat"
    bad_line = BIG_ROWS - 5
    write_big(path, header_line(bulk_sample), {bad_line: "3", bad_line + 2: "3"})
    assert path.stat().st_size > 16 << 20
    with pytest.raises(SourceFormatError) as caught:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (caught.value.line, caught.value.field) == (bad_line, "FLOW")


def test_file_of_several_blocks_keeps_every_row(tmp_path: Path, bulk_sample: Path) -> None:
    path = tmp_path / "big.dat"
    write_big(path, header_line(bulk_sample))
    with open_source(path) as read:
        lines = [batch.column(LINE_COLUMN) for batch in read.batches]
    assert len(lines) > 1  # the test is about block boundaries
    assert pa.chunked_array(lines).to_pylist() == list(range(2, BIG_ROWS + 2))
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert report.rows_stored == BIG_ROWS
    flows = DeltaTable(str(tmp_path / "store" / "flows")).to_pyarrow_table()
    grouped = flows.group_by(["reporter", "flow", "year", "month"]).aggregate(
        [("value", "sum"), ("quantity_kg", "sum"), ("product", "count")]
    )
    got = {
        (r["reporter"], r["flow"], r["year"], r["month"]):
            (r["value_sum"], r["quantity_kg_sum"], r["product_count"])
        for r in grouped.to_pylist()
    }  # fmt: skip
    assert_same_totals(got, csv_totals(csv_rows(path)))
