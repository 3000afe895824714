"""Tests for the synthetic BACI writer: the real BACI layout, distinct keys, seeded figures."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.synthetic.baci import HEADER, baci_countries, write_baci
from shared_files import BACI_SUBSET

REAL = BACI_SUBSET
ROWS = 5_000


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("baci") / "BACI_HS92_Y2021_V202301.csv"
    write_baci(path, rows=ROWS, seed=7)
    return path


def test_layout_matches_the_real_file(written: Path) -> None:
    real_header = REAL.read_text(encoding="utf-8").splitlines()[0]
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0] == real_header == HEADER
    line = re.compile(r'^2021,\d{1,3},\d{1,3},\d{5,6},\d+(\.\d{1,3})?,"[ \d.NA]{13}"$')
    assert all(line.match(text) for text in lines[1:]), next(
        text for text in lines[1:] if not line.match(text)
    )


def test_keys_are_distinct_and_in_baci_order(written: Path) -> None:
    with written.open(encoding="utf-8", newline="") as handle:
        keys = [(int(r["i"]), int(r["j"]), int(r["k"])) for r in csv.DictReader(handle)]
    assert len(keys) == len(set(keys)) == ROWS
    assert keys == sorted(keys)
    assert {i for i, _, _ in keys} <= set(baci_countries(2021))
    assert all(i != j for i, j, _ in keys)


def test_same_seed_same_file(written: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.csv"
    write_baci(again, rows=ROWS, seed=7)
    assert again.read_bytes() == written.read_bytes()


def test_the_file_ingests_whole(written: Path, tmp_path: Path) -> None:
    with written.open(encoding="utf-8", newline="") as handle:
        total = sum(float(r["v"]) for r in csv.DictReader(handle)) * 1000
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(written, synthetic=True)
    assert (report.rows_read, report.rows_stored) == (ROWS, ROWS)
    flows = DeltaTable(str(tmp_path / "store" / "flows")).to_pyarrow_table().to_pylist()
    assert sum(r["value"] for r in flows if r["flow"] == "export") == pytest.approx(total)
    assert {r["source"] for r in flows} == {"baci"}
