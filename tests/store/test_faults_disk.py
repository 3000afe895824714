"""A full disk under the store: a small tmpfs filled to several levels before an ingest.

Each ingest either lands or fails with `StoreFullError` naming the store's folder, and the
store keeps the figures before it; once space is freed the same file ingests exactly.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import bilateral
from bilateral.errors import StoreFullError
from store.fault_files import expected, leftovers, observed, same, write_files

pytestmark = pytest.mark.slow
# Free space left before the ingest: the lowest fail while the parts are written (pyarrow),
# those around 52-72 KiB while the tables are committed (delta-rs, or DuckDB rewriting a file
# that also holds other years), the highest succeed.
FREE_LEVELS = [0, 16 << 10, *range(52 << 10, 76 << 10, 4 << 10), 512 << 10]


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of `size` at `folder` for the block (the tests run as root in CI)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                   check=True)  # fmt: skip
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Write a filler file until the disk has about `leave` bytes free."""
    filler = disk / "filler"
    chunk = b"\0" * (64 << 10)
    with filler.open("wb") as handle:
        while shutil.disk_usage(disk).free > leave + len(chunk):
            handle.write(chunk)
            handle.flush()
        with contextlib.suppress(OSError):
            rest = shutil.disk_usage(disk).free - leave
            if rest > 0:
                handle.write(b"\0" * rest)
                handle.flush()
    return filler


def test_a_full_disk_fails_cleanly_at_every_level(tmp_path: Path) -> None:
    files = write_files(tmp_path / "files")
    failures: list[str] = []
    for level in FREE_LEVELS:
        with small_disk(tmp_path / f"disk-{level}", "24m") as disk:
            root = disk / "store"
            bilateral.open(root).ingest(files["A"])
            filler = _fill(disk, level)
            try:
                report = bilateral.open(root).ingest(files["B"])
            except StoreFullError as error:
                written = "Error writing bytes" in str(error.__cause__)  # pyarrow's parts
                failures.append("parts" if written else "commit")
                assert str(disk) in str(error.folder)
                assert "full" in str(error) and "nothing was written" in str(error)
                assert same(observed(root), expected("A"))
            else:
                assert report.status == "revised"
                assert same(observed(root), expected("A", "B"))
            filler.unlink()
            bilateral.open(root).ingest(files["C"])  # the next write cleans up
            assert leftovers(root) == []
            bilateral.open(root).ingest(files["B"])
            assert same(observed(root), expected("A", "B", "C"))
    # The disk ran out both while the parts were written and while the tables were committed.
    assert set(failures) == {"parts", "commit"}, failures
