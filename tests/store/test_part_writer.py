"""Rollup parts write their text columns of one value as Parquet dictionaries, read as text.

`PartWriter` writes a text column that comes as an Arrow dictionary as a Parquet dictionary,
and notes the table's schema in the footer, so pyarrow, polars, DuckDB and deltalake read text.
On the real BACI file (ingested under its official name, so that it is rolled up run by run),
the chapter rows' one-value columns are stored so, and the chapters' rows and sums equal those
of the file's lines computed here with the csv module.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.store.part_writer import PartWriter
from bilateral.store.parts import list_parts

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
OFFICIAL_NAME = "BACI_HS92_Y2021_V202301.csv"
# Written as dictionaries too: the pair's codes and chapter (the pairs' as enums), row counts.
MANY_VALUES = ("reporter", "partner", "code", "rows")
ONE_VALUE = ("flow", "product_level", "classification", "currency", "flags", "vintage")


def _chapters_in_file() -> dict[str, tuple[int, float, int]]:
    """Return each chapter's lines, export value (USD) and (exporter, importer) pairs."""
    lines: dict[str, int] = defaultdict(int)
    values: dict[str, float] = defaultdict(float)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with REAL_BACI.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            chapter = line["k"].zfill(6)[:2]
            lines[chapter] += 1
            values[chapter] += float(line["v"]) * 1000
            pairs[chapter].add((line["i"], line["j"]))
    return {code: (lines[code], values[code], len(pairs[code])) for code in lines}


def test_chapter_rows_of_the_real_file_store_one_value_columns_as_dictionaries(
    tmp_path: Path,
) -> None:
    path = tmp_path / OFFICIAL_NAME
    path.write_bytes(REAL_BACI.read_bytes())
    assert bilateral.open(tmp_path / "store").ingest(path).status == "added"
    parts = list_parts(tmp_path / "store" / "rollup_products")
    assert parts
    for part in parts:
        metadata = pq.read_metadata(part.file)
        names = metadata.schema.names
        for group in range(metadata.num_row_groups):
            for name in (*ONE_VALUE, *MANY_VALUES):
                column = metadata.row_group(group).column(names.index(name))
                assert column.has_dictionary_page, (part.file, name)
        texts = (*ONE_VALUE, "reporter", "partner", "code")
        assert all(pq.read_schema(part.file).field(name).type == pa.string() for name in texts)
        assert pq.read_schema(part.file).field("rows").type == pa.int64()
        polars_schema = pl.read_parquet_schema(part.file)
        assert all(polars_schema[name] == pl.String for name in texts)

    stored = pl.from_arrow(
        DeltaTable(str(tmp_path / "store" / "rollup_products")).to_pyarrow_table()
    )
    assert isinstance(stored, pl.DataFrame)
    assert all(stored.schema[name] == pl.String for name in ONE_VALUE)
    exports = stored.filter(flow="export", classification="HS2")
    found = {
        code: (rows, value, pairs)
        for code, rows, value, pairs in exports.group_by("code")
        .agg(pl.col("rows").sum(), pl.col("value").sum(), pl.len())
        .iter_rows()
    }
    expected = _chapters_in_file()
    assert sorted(found) == sorted(expected)
    for code, (rows, value, pairs) in expected.items():
        assert found[code][0] == rows, code
        assert found[code][1] == pytest.approx(value, rel=1e-9), code
        assert found[code][2] == pairs, code
    files = [str(part.file) for part in parts]
    [(levels,)] = duckdb.execute(
        "SELECT list(DISTINCT product_level) FROM read_parquet(?) WHERE classification = 'HS2'",
        [files],
    ).fetchall()
    assert levels == ["HS6"]


def test_dictionary_and_plain_batches_mixed_keep_every_row_as_text(tmp_path: Path) -> None:
    """A file's first batch fixes which columns are dictionaries; later batches in the other
    form, and partition values given as a dictionary of several values, are cast to it."""

    def batch(sources: list[str], flows: pa.Array) -> pa.RecordBatch:
        height = len(sources)
        return pa.RecordBatch.from_pydict(
            {
                "source": pa.array(sources).dictionary_encode(),
                "reporter": ["AFG"] * height,
                "partner": ["ZAF"] * height,
                "flow": flows,
                "year": pa.array([2021] * height, pa.int16()),
                "month": pa.array([None] * height, pa.int8()),
                "product_level": ["TOTAL"] * height,
                "value": [float(row) for row in range(height)],
                "confidential_value": [0.0] * height,
                "quantity_kg": [None] * height,
                "rows": [1] * height,
                "currency": ["USD"] * height,
                "flags": [None] * height,
                "vintage": ["V1"] * height,
            }
        )

    writer = PartWriter(tmp_path / "rollup_totals", "rollup_totals")
    writer.write(batch(["baci"] * 2, pa.array(["export", "export"]).dictionary_encode()))
    writer.write(batch(["baci"] * 3, pa.array(["import", "export", "import"])))
    writer.write(batch(["comext", "baci"], pa.array(["export", "import"]).dictionary_encode()))
    writer.close()
    assert writer.rows == 7
    read = {
        part.partition_values["source"]: pl.read_parquet(part.file)
        for part in list_parts(tmp_path / "rollup_totals")
    }
    assert sorted(read) == ["baci", "comext"]
    assert read["baci"].schema["flow"] == pl.String
    assert read["baci"]["flow"].to_list() == [
        "export", "export", "import", "export", "import", "import"
    ]  # fmt: skip
    assert read["comext"]["flow"].to_list() == ["export"]
