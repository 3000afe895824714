"""A store's parent folder given as the store: named, never made a second store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli.app import app
from bilateral.errors import StoreNotFoundError, StoreParentError
from store.comext_files import row, write_full_v2

runner = CliRunner()


@pytest.fixture
def parent(tmp_path: Path) -> Path:
    """A folder holding one store with Italy's 2021 exports to Belgium, and a file beside it."""
    folder = tmp_path / "stores"
    data = write_full_v2(tmp_path / "full_v2_202152.dat", [row("IT", "BE", "export", 2021, 1500.0)])
    bilateral.open(folder / "italy").ingest(data)
    return folder


def test_writing_into_the_parent_makes_no_store(parent: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreParentError) as raised:
        bilateral.open(parent)
    assert raised.value.within == (parent / "italy",)
    assert f"--store {parent / 'italy'}" in str(raised.value)
    assert sorted(p.name for p in parent.iterdir()) == ["italy"]

    ingested = runner.invoke(
        app, ["ingest", str(tmp_path / "full_v2_202152.dat"), "--store", str(parent)]
    )
    assert ingested.exit_code == 1
    assert isinstance(ingested.exception, StoreParentError)
    assert "nothing was written" in str(ingested.exception)
    assert sorted(p.name for p in parent.iterdir()) == ["italy"]


def test_reading_the_parent_names_the_store_below(parent: Path) -> None:
    shown = runner.invoke(app, ["profile", "IT", "BE", "--store", str(parent)])
    assert shown.exit_code == 1
    assert isinstance(shown.exception, StoreNotFoundError)
    assert shown.exception.within == (parent / "italy",)

    right = runner.invoke(
        app, ["profile", "IT", "BE", "--years", "2021", "--store", str(parent / "italy")]
    )
    assert right.exit_code == 0, right.output
    assert "1,500" in right.output or "1.5" in right.output


def test_several_stores_below_are_all_named(parent: Path) -> None:
    bilateral.open(parent / "belgium")
    with pytest.raises(StoreParentError) as raised:
        bilateral.open(parent)
    assert raised.value.within == (parent / "belgium", parent / "italy")
    assert str(parent / "belgium") in str(raised.value)
    assert str(parent / "italy") in str(raised.value)


def test_a_folder_without_stores_below_becomes_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    (folder / "drafts").mkdir(parents=True)
    store = bilateral.open(folder)
    assert (folder / "flows").is_dir()
    assert store.root == folder
