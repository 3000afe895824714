"""The stores every engine is tested on, and one Spark session shared by the whole run.

The demo store holds the synthetic Comext years 2019-2021, the regional file, the events and
the correlation tables; the real store holds every trade file of ../shared/data, the
correlation tables and the ECB rates. Each store is opened once per engine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import bilateral
from bilateral.api import Store
from bilateral.engine.spark.session import OWN_SETTINGS, PYTHON_VARIABLE
from bilateral.events import write_demo_events
from bilateral.synthetic import write_demo_files, write_regional_demo_file
from bilateral.synthetic.demo import DEMO_YEARS
from shared_files import SHARED_DATA, shared

# Files of ../shared/data that are not trade figures: code lists, classifications,
# concordances, rates, a data dictionary, a bulk file listing and an empty API answer.
NOT_TRADE = {
    "SOURCES.md",
    "country_codes_V202301.csv",
    "country_codes_V202501.csv",
    "product_codes_HS92_V202301.csv",
    "comext_full_v2_data_dictionary_FULL.txt",
    "NUTS2021_NUTS_ID_NAME_LATN.csv",
    "eurostat_comext_GEONOM_partner_codes.csv",
    "comtrade_classificationH5_HS2017.json",
    "comtrade_classificationH6_HS2022.json",
    "comtrade_legacy_partnerAreas.json",
    "comtrade_legacy_reporterAreas.json",
    "comtradeplus_api_bulk_v1_get_C_A_HS_file_listing_prettyprinted.json",
    "comtradeplus_api_data_v1_get_S_A_EB_empty_result.json",
    "comtradeplus_ref_ModeOfTransportCodes.json",
    "comtradeplus_ref_Reporters.json",
    "comtradeplus_ref_TradeDataItems.json",
}
NOT_TRADE_FOLDERS = {"concordances", "ecb_fx", "istat"}
CORRELATIONS = (
    "UNSD_HS2017_to_BEC4_ConversionAndCorrelationTables.csv",
    "UNSD_HS2017_to_SITC4_ConversionAndCorrelationTables.xlsx",
    "UNSD_HS2022_to_BEC4_ConversionAndCorrelationTables.csv",
    "UNSD_HS2022_to_SITC4_ConversionAndCorrelationTables.xlsx",
)


def trade_files() -> list[Path]:
    """Return every trade file of ../shared/data."""
    return [
        path
        for path in sorted(shared(SHARED_DATA).glob("*/*"))
        if path.name not in NOT_TRADE and path.parent.name not in NOT_TRADE_FOLDERS
    ]


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """Return the Spark session every Spark engine of the run opens on: two local cores."""
    os.environ.setdefault(PYTHON_VARIABLE, sys.executable)  # the executors run bilateral
    builder = SparkSession.builder.master("local[2]")
    for key, value in {**OWN_SETTINGS, "spark.sql.shuffle.partitions": "2"}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _correlations(folder: Path) -> Path:
    tables = folder / "correlations"
    tables.mkdir()
    for name in CORRELATIONS:
        (tables / name).write_bytes(shared(SHARED_DATA / "concordances" / name).read_bytes())
    return tables


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the demo store: Comext 2019-2021, a region, events, correlations."""
    folder = tmp_path_factory.mktemp("demo")
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder / "files"), strict=True))
    for year in (2019, 2020, 2021):
        store.ingest(files[year], synthetic=True)
    store.ingest(write_regional_demo_file(folder / "files"), synthetic=True)
    store.import_events(write_demo_events(folder / "files"))
    store.reference.import_dir(_correlations(folder))
    return folder / "store"


@pytest.fixture(scope="session")
def real_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of a store of every trade file in ../shared/data, with the
    correlation tables and the ECB rates."""
    folder = tmp_path_factory.mktemp("real")
    store = bilateral.open(folder / "store")
    for path in trade_files():
        store.ingest(path)
    store.reference.import_dir(_correlations(folder))
    store.reference.import_dir(shared(SHARED_DATA / "ecb_fx"))
    return folder / "store"


@pytest.fixture(scope="session")
def stores(demo_root: Path, real_root: Path, spark: SparkSession) -> dict[tuple[str, str], Store]:
    """Return each store opened on each engine, by (store, engine): opened once for the run."""
    engines = {"duckdb": "duckdb", "spark": spark}
    return {
        (name, engine): bilateral.open(root, engine=choice)
        for name, root in (("demo", demo_root), ("real", real_root))
        for engine, choice in engines.items()
    }
