"""A command that fails before writing anything leaves no store behind in a folder it made.

Run as a user runs it (`python -m bilateral`, whose `main` maps errors to exit codes): a fetch
that cannot download and an ingest of a file of no known format, each into a new folder, exit 1
and leave no folder; into a store that holds data they change nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import bilateral
from bilateral.synthetic import write_demo_files


def run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BILATERAL_CACHE": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *args], capture_output=True, text=True, env=env
    )


def test_a_failed_fetch_into_a_new_folder_leaves_no_store(tmp_path: Path) -> None:
    store = tmp_path / "new" / "store"
    done = run(
        "fetch", "comext-api", "--reporter", "IT", "--partner", "BE", "--years", "2021",
        "--offline", "--store", str(store), cache=tmp_path / "cache",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "cannot download" in done.stderr
    assert not store.exists()


def test_a_failed_ingest_into_a_new_folder_leaves_no_store(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Italy's exports to Belgium were EUR 5 billion in 2021.\n")
    store = tmp_path / "store"
    done = run("ingest", str(text), "--store", str(store), cache=tmp_path / "cache")
    assert done.returncode == 1, done.stderr
    assert "notes.txt, line 1" in done.stderr
    assert not store.exists()


def test_a_failed_ingest_into_a_store_with_data_keeps_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    opened = bilateral.open(store)
    opened.ingest(write_demo_files(tmp_path)[4], synthetic=True)
    before = sorted(p.relative_to(store) for p in store.rglob("*") if "_write.lock" not in p.name)
    text = tmp_path / "notes.txt"
    text.write_text("no trade figures here\n")
    done = run("ingest", str(text), "--store", str(store), cache=tmp_path / "cache")
    assert done.returncode == 1, done.stderr
    after = sorted(p.relative_to(store) for p in store.rglob("*") if "_write.lock" not in p.name)
    assert after == before
