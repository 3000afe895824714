"""One demo store for the brief tests: the synthetic Comext and regional files, and events."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.events import write_demo_events
from bilateral.synthetic import write_demo_files, write_regional_demo_file
from bilateral.synthetic.demo import DEMO_YEARS

# The years the briefs below use: 2021 and the one before, and a trend from 2019.
YEARS = (2019, 2020, 2021)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Return a store with the demo's Comext years 2019-2021, its regional file and events."""
    folder = tmp_path_factory.mktemp("brief")
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder / "files"), strict=True))
    for year in YEARS:
        store.ingest(files[year], vintage="synthetic-demo", synthetic=True)
    store.ingest(
        write_regional_demo_file(folder / "files"), vintage="synthetic-demo", synthetic=True
    )
    store.import_events(write_demo_events(folder / "files"))
    return store


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder for the briefs the tests write."""
    return tmp_path_factory.mktemp("briefs")
