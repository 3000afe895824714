"""The stores the API is tested on, each served by an app through FastAPI's TestClient.

The demo store holds the synthetic Comext years 2019-2021, the regional file, the events and
the ECB's real rates; the real store holds real files of ../shared/data: UN Comtrade 2022
(China's and Germany's partners), a Comext SDMX extract (Italy, Belgium, 2023-2025)
and a BACI subset.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import bilateral
from bilateral.events import write_demo_events
from bilateral.synthetic import write_demo_files, write_regional_demo_file
from bilateral.synthetic.demo import DEMO_YEARS
from bilateral.web.app import create_app
from shared_files import BACI_SUBSET, COMTRADE_2022, DS_045409, SHARED_DATA, shared


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Return the demo's synthetic Comext file of each year."""
    folder = tmp_path_factory.mktemp("web-demo-files")
    return dict(zip(DEMO_YEARS, write_demo_files(folder), strict=True))


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory, demo_files: dict[int, Path]) -> Path:
    """Return the folder of the demo store: Comext 2019-2021, a region, events."""
    folder = tmp_path_factory.mktemp("web-demo")
    store = bilateral.open(folder / "store")
    for year in (2019, 2020, 2021):
        store.ingest(demo_files[year], vintage="synthetic-demo", synthetic=True)
    store.ingest(write_regional_demo_file(folder), vintage="synthetic-demo", synthetic=True)
    store.import_events(write_demo_events(folder))
    store.reference.import_dir(shared(SHARED_DATA / "ecb_fx"))
    return folder / "store"


@pytest.fixture(scope="session")
def real_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of a store of real files of ../shared/data."""
    folder = tmp_path_factory.mktemp("web-real")
    store = bilateral.open(folder / "store")
    for path in (COMTRADE_2022, DS_045409, BACI_SUBSET):
        store.ingest(shared(path))
    return folder / "store"


@pytest.fixture(scope="session")
def demo(demo_root: Path) -> Iterator[TestClient]:
    """Return a client of the app serving the demo store (read-only)."""
    with TestClient(create_app(demo_root)) as client:
        yield client


@pytest.fixture(scope="session")
def real(real_root: Path) -> Iterator[TestClient]:
    """Return a client of the app serving the real store (read-only)."""
    with TestClient(create_app(real_root)) as client:
        yield client
