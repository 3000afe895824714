"""Vacuum, `as_of` through the log's pins, and `store info` agreeing with `store history`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli.app import app
from bilateral.errors import VintageNotFoundError
from bilateral.store.pins import PINNED_TABLES
from store.fault_files import FILES, expected, observed, profile_exports, same, write_files


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """A store with file A, then file B revising A's 2021."""
    files = write_files(tmp_path / "files")
    root = tmp_path / "store"
    store = bilateral.open(root)
    store.ingest(files["A"])
    store.ingest(files["B"])
    return root, files


def test_vacuum_keeps_every_vintage_by_default(story: tuple[Path, dict[str, Path]]) -> None:
    root, _ = story
    report = bilateral.open(root).vacuum()
    assert (report.files_removed, report.unreadable_before) == (0, None)
    first = profile_exports(root, [2021])  # now
    old = bilateral.open(root).profile("IT", "BE", years=2021, as_of=1)
    a_2021 = expected("A")[("IT", "BE", "export", 2021)]
    assert [r.exports for r in old.rows if r.reported_by == "ITA"] == [a_2021]
    assert first == {2021: expected("A", "B")[("IT", "BE", "export", 2021)]}


def test_vacuum_with_a_retention_drops_replaced_vintages(
    story: tuple[Path, dict[str, Path]],
) -> None:
    root, _ = story
    before = list(root.rglob("*.parquet"))
    report = bilateral.open(root).vacuum(retention_days=0)
    # A's 2021 flows file, and the rollup files the revision rewrote, were replaced.
    assert report.files_removed >= 2
    assert report.unreadable_before == 2  # the revision's commit removed A's 2021 file
    assert len(list(root.rglob("*.parquet"))) == len(before) - report.files_removed
    with pytest.raises(VintageNotFoundError, match="vacuum"):
        bilateral.open(root).profile("IT", "BE", years=2021, as_of=1)
    assert same(observed(root), expected("A", "B"))
    assert bilateral.open(root).verify().ok


def test_every_log_entry_pins_every_table(story: tuple[Path, dict[str, Path]]) -> None:
    from deltalake import DeltaTable

    root, _ = story
    log = DeltaTable(str(root / "ingest_log")).to_pyarrow_table().to_pylist()
    assert len(log) == 2
    for entry in log:
        pins = json.loads(entry["table_versions"])
        assert set(pins) == set(PINNED_TABLES)
        assert pins["flows"] == entry["flows_version"]
    last = max(log, key=lambda e: e["committed_at"])
    latest = {name: DeltaTable(str(root / name)).version() for name in PINNED_TABLES}
    assert json.loads(last["table_versions"]) == latest


def test_as_of_a_version_past_the_published_ones(story: tuple[Path, dict[str, Path]]) -> None:
    root, _ = story
    with pytest.raises(VintageNotFoundError, match="has 0 to 2"):
        bilateral.open(root).profile("IT", "BE", years=2021, as_of=3)


def test_info_and_history_agree(story: tuple[Path, dict[str, Path]]) -> None:
    root, _ = story
    store = bilateral.open(root)
    info, history = store.info(), store.history()
    assert info.flows_version == history.entries[-1].flows_version == 2
    assert info.files_ingested == len(history.entries) == 2
    [comext] = info.sources
    assert comext.years == "2020-2022"
    a_2020 = [line for line in FILES["A"] if line["PERIOD"].startswith("2020")]
    assert comext.rows == len(a_2020) + len(FILES["B"])
    a_2021 = len(FILES["A"]) - len(a_2020)
    assert [e.rows_replaced for e in history.entries] == [0, a_2021]


def test_the_vacuum_command(story: tuple[Path, dict[str, Path]]) -> None:
    root, _ = story
    result = CliRunner().invoke(app, ["store", "vacuum", "--store", str(root)])
    assert result.exit_code == 0, result.output
    assert "every version stays readable" in result.output
