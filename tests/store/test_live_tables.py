"""An open store sees what another process ingests at its next query, and nothing before it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import bilateral
from bilateral.errors import NoDataError
from bilateral.synthetic import write_demo_files

INGEST = """
import sys, bilateral
bilateral.open(sys.argv[1]).ingest(sys.argv[2], synthetic=True)
"""


def test_a_query_sees_an_ingest_made_by_another_process(tmp_path: Path) -> None:
    files = {int(path.name[8:12]): path for path in write_demo_files(tmp_path / "files")}
    root = tmp_path / "store"
    store = bilateral.open(root)
    store.ingest(files[2020], synthetic=True)
    before = store._pipeline.current()
    assert store.products("IT", "BE", 2020, depth=2, top=3).rows
    with pytest.raises(NoDataError):
        store.products("IT", "BE", 2021, depth=2, top=3)
    assert store._pipeline.current() is before  # nothing new: the snapshot read is kept

    src = Path(bilateral.__file__).parents[1]
    done = subprocess.run(
        [sys.executable, "-c", INGEST, str(root), str(files[2021])],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    seen = store.products("IT", "BE", 2021, depth=2, top=3)
    fresh = bilateral.open(root).products("IT", "BE", 2021, depth=2, top=3)
    assert seen.rows and seen.rows == fresh.rows
    after = store._pipeline.current()
    assert after.versions["ingest_log"] > before.versions["ingest_log"]
    assert after.versions["flows"] > before.versions["flows"]
