"""Damage at rest: files and logs deleted, cut short or overwritten in a store's folder.

Reading a damaged store names the table and the file (never a traceback or "internal error");
`store check` finds each kind of damage; `--repair` restores the figures computed from the
files' rows while the ingested files are still on disk, and says which it could not restore.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli.app import app
from bilateral.errors import StoreDamagedError
from store.fault_files import expected, leftovers, observed, profile_exports, same, write_files

ALL = expected("A", "B")
YEARS = (2020, 2021, 2022)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("damage")
    files = write_files(folder / "files")
    root = folder / "store"
    store = bilateral.open(root)
    store.ingest(files["A"])
    store.ingest(files["B"])
    return root, files


@pytest.fixture
def root(pristine: tuple[Path, dict[str, Path]], tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine[0], tmp_path / "store"))


def _data_file(root: Path, table: str, year: int | None = None) -> Path:
    files = sorted((root / table).rglob("*.parquet"))
    live = set(bilateral.open(root).snapshot_files(table))  # type: ignore[arg-type]
    chosen = [f for f in files if str(f) in live and (year is None or f"year={year}" in str(f))]
    return chosen[0]


def _delete(path: Path) -> None:
    path.unlink()


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _overwrite(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-40:] = b"\x00" * 40  # the footer and its magic bytes
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "flows file deleted": ("flows", _delete, "file-missing"),
    "flows file truncated": ("flows", _truncate, "file-size"),
    "flows file overwritten": ("flows", _overwrite, "file-unreadable"),
    "rollup file deleted": ("rollup_totals", _delete, "file-missing"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_data_file_is_named_found_and_repaired(root: Path, kind: str) -> None:
    table, damage, problem = DAMAGE[kind]
    target = _data_file(root, table, 2021 if table == "flows" else None)
    damage(target)
    with pytest.raises(StoreDamagedError) as caught:
        if table == "flows":
            bilateral.open(root).products("IT", "BE", 2021)
        else:
            bilateral.open(root).profile("IT", "BE", years=2021)
    assert caught.value.table == table
    assert caught.value.file is not None and target.name in caught.value.file
    assert "store check --repair" in str(caught.value)
    found = Store.for_repair(root).verify()
    assert [(f.table, f.problem) for f in found.findings] == [(table, problem)]
    assert found.findings[0].file == str(target)
    repaired = Store.for_repair(root).repair()
    assert repaired.ok, repaired.findings
    assert repaired.repaired
    assert same(observed(root), ALL)
    assert profile_exports(root, YEARS) == {y: ALL[("IT", "BE", "export", y)] for y in YEARS}


def test_a_deleted_flows_log_is_an_error_and_repair_rebuilds_the_table(root: Path) -> None:
    shutil.rmtree(root / "flows" / "_delta_log")
    with pytest.raises(StoreDamagedError) as caught:
        bilateral.open(root)
    assert caught.value.table == "flows"
    assert not (root / "flows" / "_delta_log").exists()  # never silently recreated empty
    assert [f.problem for f in Store.for_repair(root).verify().findings] == ["log-missing"]
    repaired = Store.for_repair(root).repair()
    assert repaired.ok, repaired.findings
    assert same(observed(root), ALL)


def test_a_damaged_commit_of_the_flows_log(root: Path) -> None:
    (root / "flows" / "_delta_log" / f"{1:020d}.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreDamagedError) as caught:
        bilateral.open(root).products("IT", "BE", 2021)
    assert caught.value.table == "flows"
    assert caught.value.file is not None and caught.value.file.endswith(f"{1:020d}.json")
    repaired = Store.for_repair(root).repair()
    assert repaired.ok, repaired.findings
    assert same(observed(root), ALL)


def test_a_damaged_ingest_log_keeps_the_data(root: Path) -> None:
    last = sorted((root / "ingest_log" / "_delta_log").glob("*.json"))[-1]
    last.write_text("garbage", encoding="utf-8")
    with pytest.raises(StoreDamagedError) as caught:
        bilateral.open(root).profile("IT", "BE", years=2021)
    assert caught.value.table == "ingest_log"
    repaired = Store.for_repair(root).repair()
    assert repaired.ok, repaired.findings
    assert same(observed(root), ALL)
    assert any("history is lost" in line for line in repaired.repaired)


def test_a_stray_file_is_an_orphan_that_repair_removes(root: Path) -> None:
    stray = root / "flows" / "source=comext" / "year=2021" / "part-stray.parquet"
    shutil.copy(_data_file(root, "flows", 2021), stray)
    assert same(observed(root), ALL)  # nothing reads it
    found = Store.for_repair(root).verify()
    assert [(f.problem, f.file) for f in found.findings] == [("orphan-file", str(stray))]
    assert Store.for_repair(root).repair().ok
    assert not stray.exists()


def test_a_file_that_is_gone_is_named_and_can_be_ingested_again(
    pristine: tuple[Path, dict[str, Path]], root: Path, tmp_path: Path
) -> None:
    files = pristine[1]
    moved = tmp_path / files["B"].name
    shutil.move(files["B"], moved)
    try:
        _data_file(root, "flows", 2022).unlink()  # only file B had rows of 2022
        repaired = Store.for_repair(root).repair()
        assert repaired.ok, repaired.findings
        assert any(files["B"].name in line and "could not" in line for line in repaired.repaired)
        # Only the damaged year is gone (B's 2021 rows were intact) until B is ingested again.
        assert same(observed(root), {k: v for k, v in ALL.items() if k[3] != 2022})
        shutil.move(moved, files["B"])
        assert bilateral.open(root).ingest(files["B"]).status == "revised"
        assert same(observed(root), ALL)
        assert leftovers(root) == []
    finally:
        if moved.exists():
            shutil.move(moved, files["B"])


def test_the_check_command_exit_codes_and_output(root: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["store", "check", "--store", str(root)])
    assert ok.exit_code == 0, ok.output
    assert "consistent" in ok.output
    _data_file(root, "flows", 2020).unlink()
    bad = runner.invoke(app, ["store", "check", "--store", str(root), "--format", "json"])
    assert bad.exit_code == 1
    assert '"problem": "file-missing"' in bad.output
    fixed = runner.invoke(app, ["store", "check", "--repair", "--store", str(root)])
    assert fixed.exit_code == 0, fixed.output
    assert "repaired:" in fixed.output
    assert same(observed(root), ALL)
