"""A store written before a nullable column was added still opens, reads and takes new files.

The earlier store is made by rewriting a store's flows without the valuation columns
(`value_cif`, `value_fob`), as bilateral wrote them before they existed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from deltalake import DeltaTable, write_deltalake

import bilateral
from bilateral.schema import VALUATION_COLUMNS
from shared_files import COMTRADE_PREVIEW
from store.comext_files import row, write_full_v2

PREVIEW = COMTRADE_PREVIEW
PUBLISHING_COLUMNS = ("table_versions", "committed_at", "replay")  # added with the commit point


@pytest.fixture
def earlier_store(tmp_path: Path) -> Path:
    """Return a store whose flows table has the columns of the earlier version only."""
    current = tmp_path / "current"
    sample = write_full_v2(
        tmp_path / "full_v2_202152.dat",
        [row("IT", "BE", "export", 2021, 700), row("BE", "IT", "import", 2021, 760)],
    )
    bilateral.open(current).ingest(sample)
    flows = DeltaTable(str(current / "flows")).to_pyarrow_table()
    earlier = tmp_path / "earlier"
    shutil.copytree(current, earlier)
    shutil.rmtree(earlier / "flows")
    old = flows.drop_columns(list(VALUATION_COLUMNS))
    write_deltalake(str(earlier / "flows"), old, partition_by=["source", "year"])
    log = DeltaTable(str(current / "ingest_log")).to_pyarrow_table()
    shutil.rmtree(earlier / "ingest_log")
    write_deltalake(str(earlier / "ingest_log"), log.drop_columns(list(PUBLISHING_COLUMNS)))
    return earlier


def test_the_first_write_adds_the_missing_columns(earlier_store: Path) -> None:
    before = DeltaTable(str(earlier_store / "flows"))
    assert not set(VALUATION_COLUMNS) & set(before.schema().to_arrow().names)
    store = bilateral.open(earlier_store)
    assert DeltaTable(str(earlier_store / "flows")).version() == before.version()  # reading
    profile = store.profile("IT", "BE", 2021)
    [own] = [r for r in profile.rows if r.reported_by == "ITA"]
    assert own.exports == 700
    store.ingest(PREVIEW)
    after = DeltaTable(str(earlier_store / "flows"))
    assert set(VALUATION_COLUMNS) <= set(after.schema().to_arrow().names)
    assert after.version() == before.version() + 2  # the columns, then the file
    log = DeltaTable(str(earlier_store / "ingest_log")).schema().to_arrow().names
    assert set(PUBLISHING_COLUMNS) <= set(log)
    profile = store.profile("IT", "BE", 2021)
    [own] = [r for r in profile.rows if r.reported_by == "ITA"]
    assert own.exports == 700
    assert store.mirror("IT", "BE", 2021).rows


def test_new_files_and_old_files_are_read_together(earlier_store: Path) -> None:
    store = bilateral.open(earlier_store)
    store.ingest(PREVIEW)
    files = DeltaTable(str(earlier_store / "flows")).to_pyarrow_table()
    valued = files.filter(pa.compute.is_valid(files["value_cif"]))
    assert valued.num_rows == 1  # the import valued both ways
    assert any("both CIF" in note for note in store.mirror("USA", "JPN", 2023).notes)
    [own] = [r for r in store.profile("IT", "BE", 2021).rows if r.reported_by == "ITA"]
    assert own.exports == 700


def test_the_earlier_version_stays_readable(earlier_store: Path) -> None:
    store = bilateral.open(earlier_store)
    store.ingest(PREVIEW)
    first = store.profile("IT", "BE", 2021, as_of=0)
    assert [r.exports for r in first.rows if r.reported_by == "ITA"] == [700]
