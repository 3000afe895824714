"""Reading the ingest log without pandas: the same rows as pyarrow's and deltalake's own reads."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.store.snapshots import log_entries, open_at, python_rows, read_table
from store.comext_files import row, write_full_v2

SOURCE = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("log")
    for name, year in (("full_202052.dat", 2020), ("full_202152.dat", 2021)):
        data = write_full_v2(folder / name, [row("IT", "BE", "export", year, 100 + year)])
        result = CliRunner().invoke(app, ["ingest", str(data), "--store", str(folder / "store")])
        assert result.exit_code == 0, result.output
    return folder / "store"


def test_python_rows_give_what_to_pylist_gives() -> None:
    moments = [datetime(2024, 3, 1, 12, 30, 5, 123456, tzinfo=UTC), None]
    table = pa.table(
        {
            "at": pa.array(moments, pa.timestamp("us", tz="UTC")),
            "rome": pa.array(moments, pa.timestamp("ms", tz="Europe/Rome")),
            "naive": pa.array([datetime(2024, 1, 2), None], pa.timestamp("us")),
            "name": ["a", None],
        }
    )
    rows = python_rows(table)
    assert rows == table.to_pylist()
    assert rows[0]["at"].tzinfo == ZoneInfo("UTC")
    assert rows[0]["rome"].utcoffset().total_seconds() == 3600  # 13:30 in Rome, in winter
    assert rows[0]["rome"].hour == 13
    assert rows[1] == {"at": None, "rome": None, "naive": None, "name": None}


def test_the_log_reads_as_deltalake_reads_it(store: Path) -> None:
    log = open_at(store, "ingest_log")
    own = read_table(log)
    theirs = log.to_pyarrow_dataset().to_table()
    assert own.schema == theirs.schema
    assert own.sort_by("ingest_id").equals(theirs.sort_by("ingest_id"))
    entries = log_entries(store)
    assert sorted(e["file_name"] for e in entries) == ["full_202052.dat", "full_202152.dat"]
    assert all(e["committed_at"].tzinfo == ZoneInfo("UTC") for e in entries)
    assert sorted(entries, key=lambda e: e["ingest_id"]) == sorted(
        theirs.to_pylist(), key=lambda e: e["ingest_id"]
    )


def test_reading_the_log_loads_no_pandas(store: Path) -> None:
    probe = (
        "import sys; from pathlib import Path; "
        "from bilateral.store.snapshots import log_entries; "
        f"entries = log_entries(Path({str(store)!r})); "
        "print(len(entries), 'pandas' in sys.modules, 'pyarrow.dataset' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(SOURCE)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["2", "False", "False"]
