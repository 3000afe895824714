"""An ingest's own folder under `_staging` is gone when the ingest ends, however it ends."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bilateral.store.layout import staging_path
from bilateral.store.parts import parts_folder


def test_the_folder_is_removed_after_a_writer_that_finishes_late(tmp_path: Path) -> None:
    # An interrupted query's worker threads may go on writing for a moment after Python has
    # the interruption: each of their files would bring the folder back after one removal.
    stop_writing = threading.Event()
    written: list[Path] = []

    def late_writer(folder: Path) -> None:
        deadline = time.monotonic() + 0.35
        while time.monotonic() < deadline:
            part = folder / "flows" / f"part-{len(written)}.parquet"
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(b"PAR1")
            written.append(part)
            time.sleep(0.01)
        stop_writing.set()

    with pytest.raises(KeyboardInterrupt), parts_folder(tmp_path) as folder:
        threading.Thread(target=late_writer, args=(folder,), daemon=True).start()
        time.sleep(0.05)
        raise KeyboardInterrupt
    assert stop_writing.wait(5)
    assert len(written) > 5
    assert not folder.exists()
    assert list(staging_path(tmp_path).iterdir()) == []
