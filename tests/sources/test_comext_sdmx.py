"""Conformance of the Comext SDMX-CSV reader and its ingest, on the real DS-045409 extract.

Every expected figure is computed here from the file itself with the `csv` module.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.sources import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, detect, open_source
from sources.files import csv_rows, header_line, stored_flows

VALUE = "VALUE_IN_EUROS"
QUANTITY = "QUANTITY_IN_100KG"
ISO3 = {"IT": "ITA", "BE": "BEL"}
FLOWS = {"1": "import", "2": "export"}
VINTAGE = "2026-02-13T11:00:00"  # LAST UPDATE 13/02/26 11:00:00
VALUE_ROWS = 5737
REL = 1e-6

Key = tuple[str, str, int, int]
Series = tuple[str, str, str, int, int]  # reporter, product, flow, year, month


def series_of(row: dict[str, str]) -> Series:
    year, month = row["TIME_PERIOD"].split("-")
    return ISO3[row["reporter"]], row["product"], FLOWS[row["flow"]], int(year), int(month)


def csv_series(path: Path) -> tuple[dict[Series, float], dict[Series, float]]:
    """Return each series' value in euro and quantity in kg, from the file."""
    values: dict[Series, float] = {}
    quantities: dict[Series, float] = {}
    for row in csv_rows(path):
        target = values if row["indicators"] == VALUE else quantities
        assert row["indicators"] in (VALUE, QUANTITY)
        assert series_of(row) not in target
        target[series_of(row)] = float(row["OBS_VALUE"]) * (1.0 if target is values else 100.0)
    return values, quantities


def totals(
    values: dict[Series, float], quantities: dict[Series, float]
) -> dict[Key, tuple[float, float, int]]:
    grouped_values: dict[Key, list[float]] = defaultdict(list)
    grouped_quantities: dict[Key, list[float]] = defaultdict(list)
    for (reporter, _, flow, year, month), value in values.items():
        grouped_values[(reporter, flow, year, month)].append(value)
    for (reporter, _, flow, year, month), quantity in quantities.items():
        grouped_quantities[(reporter, flow, year, month)].append(quantity)
    return {
        key: (math.fsum(found), math.fsum(grouped_quantities[key]), len(found))
        for key, found in grouped_values.items()
    }


def assert_same_totals(
    got: dict[Key, tuple[float, float, int]], want: dict[Key, tuple[float, float, int]]
) -> None:
    assert got.keys() == want.keys()
    for key, (value, quantity, count) in want.items():
        assert got[key][0] == pytest.approx(value, rel=REL), key
        assert got[key][1] == pytest.approx(quantity, rel=REL), key
        assert got[key][2] == count, key


@pytest.fixture(scope="module")
def expected(sdmx_extract: Path) -> tuple[dict[Series, float], dict[Series, float]]:
    return csv_series(sdmx_extract)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, sdmx_extract: Path) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("sdmx-store")
    store = bilateral.open(root)
    report = store.ingest(sdmx_extract)
    return {"root": root, "store": store, "report": report, "flows": stored_flows(root)}


# -- the file itself ---------------------------------------------------------------------------


def test_extract_is_the_published_layout(sdmx_extract: Path) -> None:
    rows = csv_rows(sdmx_extract)
    assert len(rows) == 11474
    assert sum(row["indicators"] == VALUE for row in rows) == VALUE_ROWS
    assert {row["reporter"] for row in rows} == {"IT", "BE"}
    assert {row["partner"] for row in rows} == {"WORLD"}
    assert {row["LAST UPDATE"] for row in rows} == {"13/02/26 11:00:00"}


# -- ingest ------------------------------------------------------------------------------------


def test_ingest_report(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert (report.status, report.source) == ("added", "comext_sdmx")
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (11474, VALUE_ROWS, 0)
    assert report.vintage == VINTAGE
    assert report.periods == "2023-01..2025-11 (35 periods)"
    assert report.flows_version == 1


def test_stored_row_count_is_the_value_rows(ingested: dict[str, Any]) -> None:
    assert len(ingested["flows"]) == VALUE_ROWS
    assert DeltaTable(str(ingested["root"] / "flows")).to_pyarrow_table().num_rows == VALUE_ROWS


def test_stored_totals_equal_csv_totals(
    ingested: dict[str, Any], expected: tuple[dict[Series, float], dict[Series, float]]
) -> None:
    values: dict[Series, float] = {}
    quantities: dict[Series, float] = {}
    for row in ingested["flows"]:
        series = (row["reporter"], row["product"], row["flow"], row["year"], row["month"])
        assert series not in values
        values[series] = row["value"]
        if row["quantity_kg"] is not None:
            quantities[series] = row["quantity_kg"]
    want = totals(*expected)
    assert len(want) == 2 * 2 * 35  # reporters x flows x months
    assert_same_totals(totals(values, quantities), want)


def test_every_series_is_stored_with_its_figures(
    ingested: dict[str, Any], expected: tuple[dict[Series, float], dict[Series, float]]
) -> None:
    values, quantities = expected
    stored = {
        (r["reporter"], r["product"], r["flow"], r["year"], r["month"]): r
        for r in ingested["flows"]
    }
    assert stored.keys() == values.keys()
    for series, value in values.items():
        assert stored[series]["value"] == pytest.approx(value, rel=REL), series
        quantity = quantities.get(series)
        if quantity is None:
            assert stored[series]["quantity_kg"] is None, series
        else:
            assert stored[series]["quantity_kg"] == pytest.approx(quantity, rel=REL), series


def test_snapshot_files_scanned_with_duckdb_give_the_same_totals(
    ingested: dict[str, Any], expected: tuple[dict[Series, float], dict[Series, float]]
) -> None:
    files = ingested["store"].snapshot_files("flows")
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
    assert_same_totals(got, totals(*expected))


def test_rollup_totals_agree_with_the_file(
    ingested: dict[str, Any], expected: tuple[dict[Series, float], dict[Series, float]]
) -> None:
    # 40 CN8 codes and 481141, whose CN8 codes the file does not hold: one level of detail.
    rollup = DeltaTable(str(ingested["root"] / "rollup_totals")).to_pyarrow_table().to_pylist()
    assert {(r["source"], r["partner"]) for r in rollup} == {("comext_sdmx", "WORLD")}
    got = {
        (r["reporter"], r["flow"], r["year"], r["month"]): (r["value"], r["quantity_kg"], r["rows"])
        for r in rollup
    }
    assert_same_totals(got, totals(*expected))
    assert {r["product_level"] for r in rollup} == {"CN8"}


def test_a_shorter_code_without_its_longer_codes_counts_in_the_totals(
    ingested: dict[str, Any], sdmx_extract: Path
) -> None:
    euros: dict[tuple[str, str], float] = defaultdict(float)
    for row in csv_rows(sdmx_extract):
        if row["indicators"] == VALUE and row["TIME_PERIOD"].startswith("2024"):
            euros[ISO3[row["reporter"]], FLOWS[row["flow"]]] += float(row["OBS_VALUE"])
    assert euros["ITA", "export"] > 0
    for reporter in ("ITA", "BEL"):
        profile = ingested["store"].profile(reporter, "WORLD", 2024)
        (row,) = [r for r in profile.rows if r.view.startswith("reported by")]
        assert row.exports == pytest.approx(euros[reporter, "export"], rel=1e-12)
        assert row.imports == pytest.approx(euros[reporter, "import"], rel=1e-12)
    note = "481141: a 6-digit code with none of its 8-digit codes in the file"
    assert any(n.startswith(note) for n in ingested["report"].notes)


def test_a_shorter_code_beside_its_longer_codes_is_their_aggregate(
    tmp_path: Path, sdmx_extract: Path
) -> None:
    lines = sdmx_extract.read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines[1:] if ",48114900," in line and ",2024-01," in line]
    aggregate = [line.replace(",48114900,", ",481149,") for line in chosen]
    path = tmp_path / "DS-045409_levels.csv"
    path.write_text("\n".join([lines[0], *chosen, *aggregate]) + "\n", encoding="utf-8")
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    schemes = {(r["product"], r["product_scheme"]) for r in stored_flows(tmp_path / "store")}
    assert schemes == {("48114900", "CN2024"), ("481149", "HS6")}
    want = sum(
        float(line.rsplit(",", 1)[1])
        for line in chosen
        if VALUE in line and ",IT," in line and ",2," in line
    )
    (row,) = [r for r in store.profile("IT", "WORLD", 2024).rows if r.view.startswith("reported")]
    assert row.exports == pytest.approx(want, rel=1e-12)


def test_codes_and_constants(ingested: dict[str, Any], sdmx_extract: Path) -> None:
    flows = ingested["flows"]
    assert {row["reporter"] for row in flows} == {"ITA", "BEL"}
    assert {row["partner"] for row in flows} == {"WORLD"}
    assert {row["source"] for row in flows} == {"comext_sdmx"}
    assert {row["vintage"] for row in flows} == {VINTAGE}
    assert {row["currency"] for row in flows} == {"EUR"}
    assert {row["flow"] for row in flows} == {"import", "export"}
    for row in flows:
        # Every code carries its CN edition: 481141 has no CN8 code of the file under it.
        scheme = f"CN{row['year']}"
        assert row["product_scheme"] == scheme, row
    for name in ("product_cpa", "flags", "trade_type", "stat_procedure"):
        assert {row[name] for row in flows} == {None}, name
    products = {row["product"] for row in csv_rows(sdmx_extract)}
    assert len(products) == 41
    assert sorted(p for p in products if len(p) != 8) == ["481141"]
    assert {row["product"] for row in flows} == products


def test_given_vintage_overrides_last_update(tmp_path: Path, sdmx_extract: Path) -> None:
    report = bilateral.open(tmp_path).ingest(sdmx_extract, vintage="2026-03-01")
    assert report.vintage == "2026-03-01"
    flows = DeltaTable(str(tmp_path / "flows")).to_pyarrow_table()
    assert set(flows.column("vintage").to_pylist()) == {"2026-03-01"}


# -- read level --------------------------------------------------------------------------------


def test_detect_names_the_sdmx_format(sdmx_extract: Path) -> None:
    assert detect(sdmx_extract, header_line(sdmx_extract)).name == "comext_sdmx"


def test_open_source_yields_canonical_batches(sdmx_extract: Path) -> None:
    with open_source(sdmx_extract, ReadOptions()) as read:
        assert (read.source, read.replace_scope, read.complete_products) == (
            "comext_sdmx",
            "key",
            False,
        )
        batches = list(read.batches)
        stats = read.stats
    assert batches and all(batch.schema.equals(BATCH_SCHEMA) for batch in batches)
    assert sum(batch.num_rows for batch in batches) == VALUE_ROWS
    assert (stats.rows_read, stats.rows_quarantined) == (11474, 0)
    assert stats.bytes_read == sdmx_extract.stat().st_size


def test_batch_lines_point_at_the_value_lines(sdmx_extract: Path) -> None:
    rows = csv_rows(sdmx_extract)
    with open_source(sdmx_extract) as read:
        table = pa.Table.from_batches(list(read.batches), schema=BATCH_SCHEMA)
    lines = table.column(LINE_COLUMN).to_pylist()
    assert len(set(lines)) == VALUE_ROWS
    for record in table.to_pylist():
        line = rows[record[LINE_COLUMN] - 2]  # line 1 is the header
        assert line["indicators"] == VALUE
        assert series_of(line) == (
            record["reporter"],
            record["product"],
            record["flow"],
            record["year"],
            record["month"],
        )
        assert record["value"] == pytest.approx(float(line["OBS_VALUE"]), rel=REL)


# -- documented handlings on small files with the real header -----------------------------------


def sdmx_line(indicator: str, period: str, value: str, *, freq: str = "M") -> str:
    return (
        f"ESTAT:DS-045409(1.0),13/02/26 11:00:00,{freq},IT,WORLD,35069190,2,{indicator},"
        f"{period},{value}"
    )


def test_annual_series_is_stored_with_month_null(tmp_path: Path, sdmx_extract: Path) -> None:
    path = tmp_path / "annual.csv"
    path.write_text(
        "\n".join(
            [
                header_line(sdmx_extract),
                sdmx_line(VALUE, "2024", "123456.0", freq="A"),
                sdmx_line(QUANTITY, "2024", "12.5", freq="A"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert report.periods == "2024"
    [row] = stored_flows(tmp_path / "store")
    assert (row["year"], row["month"], row["value"], row["quantity_kg"]) == (
        2024,
        None,
        123456.0,
        1250.0,
    )


def test_empty_value_and_orphan_quantity_are_quarantined(
    tmp_path: Path, sdmx_extract: Path
) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "\n".join(
            [
                header_line(sdmx_extract),
                sdmx_line(VALUE, "2024-01", "1000.0"),
                sdmx_line(QUANTITY, "2024-01", "2"),
                sdmx_line(VALUE, "2024-02", ""),
                sdmx_line(QUANTITY, "2024-03", "7"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = bilateral.open(tmp_path / "store").ingest(path)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (4, 1, 2)
    assert len(report.notes) == 2
    [row] = stored_flows(tmp_path / "store")
    assert (row["month"], row["value"], row["quantity_kg"]) == (1, 1000.0, 200.0)
