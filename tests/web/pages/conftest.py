"""The stores the pages are tested on, each served by an app through FastAPI's TestClient.

The demo store holds the synthetic Comext years 2019-2021, the monthly demo file, the regional
file and the events; the real store holds real files of ../shared/data: UN Comtrade 2022
(China's and Germany's partners) and a Comext SDMX extract (Italy, Belgium, 2023-2025).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import bilateral
from bilateral.api import Store
from bilateral.events import write_demo_events
from bilateral.synthetic import (
    write_demo_files,
    write_monthly_demo_file,
    write_regional_demo_file,
)
from bilateral.synthetic.demo import DEMO_YEARS
from bilateral.web.app import create_app
from shared_files import COMTRADE_2022, DS_045409, shared


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Return the demo store: Comext 2019-2021, monthly demo file, a region, events."""
    folder = tmp_path_factory.mktemp("pages-demo")
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder), strict=True))
    for year in (2019, 2020, 2021):
        store.ingest(files[year], vintage="synthetic-demo", synthetic=True)
    for path in (write_monthly_demo_file(folder), write_regional_demo_file(folder)):
        store.ingest(path, vintage="synthetic-demo", synthetic=True)
    store.import_events(write_demo_events(folder))
    return store


@pytest.fixture(scope="session")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Return a store of real files of ../shared/data."""
    store = bilateral.open(tmp_path_factory.mktemp("pages-real") / "store")
    for path in (COMTRADE_2022, DS_045409):
        store.ingest(shared(path))
    return store


@pytest.fixture(scope="session")
def demo_app(demo_store: Store) -> FastAPI:
    """Return the app serving the demo store (one for the session: its queries stay warm)."""
    return create_app(demo_store.root)


@pytest.fixture(scope="session")
def real_app(real_store: Store) -> FastAPI:
    """Return the app serving the real store."""
    return create_app(real_store.root)


@pytest.fixture
def demo(demo_app: FastAPI) -> Iterator[TestClient]:
    """Return a new client of the demo app: no language cookie from another test."""
    with TestClient(demo_app) as client:
        yield client


@pytest.fixture
def real(real_app: FastAPI) -> Iterator[TestClient]:
    """Return a new client of the real store's app."""
    with TestClient(real_app) as client:
        yield client
