"""Writers at once: the same file twice, two files, and one killed beside one that lands.

Writers take turns on the store's lock: every ingest that should land lands, none undoes
another's commit, and the figures equal those computed from the files' rows.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import bilateral
from bilateral.errors import StoreBusyError
from store.fault_files import (
    expected,
    leftovers,
    observed,
    reached,
    same,
    start_child,
    write_files,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return write_files(tmp_path / "files")


@pytest.fixture
def root(tmp_path: Path, files: dict[str, Path]) -> Path:
    store = tmp_path / "store"
    bilateral.open(store).ingest(files["A"])
    return store


def _finish(children: list) -> list[str]:  # type: ignore[type-arg]
    """Wait for every child; all must succeed. A failure kills the others before it reports."""
    finished = []
    try:
        for child in children:
            out, err = child.communicate(timeout=180)
            finished.append((child.returncode, out.strip(), err))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
    for code, out, err in finished:
        assert code == 0, f"exit {code}; stdout {out!r}; stderr {err}"
    return [out for _, out, _ in finished]


def test_the_same_file_twice_at_once_lands_once(root: Path, files: dict[str, Path]) -> None:
    children = [start_child(root, files["B"], "none", "-") for _ in range(2)]
    statuses = sorted(_finish(children))
    assert statuses == ["revised", "unchanged"]
    assert same(observed(root), expected("A", "B"))
    history = bilateral.open(root).history().entries
    assert [e.file_name for e in history].count(files["B"].name) == 1
    assert leftovers(root) == []


def test_two_files_at_once_both_land(root: Path, files: dict[str, Path]) -> None:
    children = [start_child(root, files[name], "none", "-") for name in ("B", "C")]
    assert sorted(_finish(children)) == ["added", "revised"]
    assert same(observed(root), expected("A", "B", "C"))
    assert leftovers(root) == []


def test_a_killed_writer_beside_one_that_lands(root: Path, files: dict[str, Path]) -> None:
    killed = start_child(root, files["B"], "hold", "flows committed")
    assert reached(root, killed), "the first writer did not reach its flows commit"
    waiting = start_child(root, files["C"], "none", "-")
    time.sleep(1.0)
    assert waiting.poll() is None  # it waits for the lock the first writer holds
    killed.kill()
    killed.communicate()
    assert _finish([waiting]) == ["added"]
    # The killed writer's commit was removed; the other's rows are all there.
    assert same(observed(root), expected("A", "C"))
    assert leftovers(root) == []
    assert bilateral.open(root).ingest(files["B"]).status == "revised"
    assert same(observed(root), expected("A", "C", "B"))


def test_a_writer_that_will_not_wait_says_who_holds_the_store(
    root: Path, files: dict[str, Path]
) -> None:
    holder = start_child(root, files["C"], "hold", "journal")
    try:
        assert reached(root, holder), "the holder did not take the lock"
        told: list[str] = []
        with pytest.raises(StoreBusyError) as caught:
            bilateral.open(root).ingest(files["B"], wait=0.5, on_wait=told.append)
        assert told == [caught.value.holder]
        assert f"process {holder.pid}" in caught.value.holder
        assert "waited" in str(caught.value)
    finally:
        holder.kill()
        holder.communicate()
    assert same(observed(root), expected("A"))
    assert bilateral.open(root).ingest(files["B"]).status == "revised"
    assert leftovers(root) == []


def test_the_same_events_file_imported_twice_at_once(root: Path, tmp_path: Path) -> None:
    from bilateral.events import write_demo_events

    events = write_demo_events(tmp_path / "events")
    children = [start_child(root, events, "events", "-") for _ in range(2)]
    assert sorted(_finish(children)) == ["added", "unchanged"]
    timeline = bilateral.open(root).events("Belgio", "Emilia-Romagna")
    assert len(timeline.events) == len({(e.date, e.title) for e in timeline.events}) > 0
    assert leftovers(root) == []
