"""Stores for the claim checks: the real UN Comtrade sample, with and without ECB rates.

Built once per test module from the files in ../shared/data (see its SOURCES.md).
"""

from __future__ import annotations

import csv
import statistics

import pytest

import bilateral
from bilateral.api import Store
from shared_files import COMTRADE_2022, SHARED_DATA, comtrade_value, shared

__all__ = ["comtrade_value", "shared"]

COMTRADE = COMTRADE_2022
ECB = SHARED_DATA / "ecb_fx"
ECB_DAILY = ECB / "eurofxref-hist_1999-01-04_2025-05-09.csv"


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store holding the real Comtrade 2022 sample (reporters China and Germany), in USD."""
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE))
    return store


@pytest.fixture(scope="module")
def comtrade_with_rates(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The same sample, with the ECB euro reference rates loaded."""
    store = bilateral.open(tmp_path_factory.mktemp("comtrade_rates") / "store")
    store.ingest(shared(COMTRADE))
    store.reference.import_dir(shared(ECB))
    return store


def usd_per_eur(year: int) -> float:
    """Return the mean of the ECB daily USD rates of `year`, read with csv."""
    with shared(ECB_DAILY).open(encoding="utf-8", newline="") as handle:
        rates = [
            float(r["USD"]) for r in csv.DictReader(handle) if r["Date"].startswith(f"{year}-")
        ]
    return statistics.fmean(rates)


BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"


@pytest.fixture(scope="module")
def baci(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store holding the real BACI 2021 subset (reconciled flows, chapters 01-49)."""
    store = bilateral.open(tmp_path_factory.mktemp("baci") / "store")
    store.ingest(shared(BACI))
    return store


def baci_total(exporter: str, importer: str) -> float:
    """Return the sum of v (thousand USD) * 1000 of one BACI flow, read with csv."""
    with shared(BACI).open(encoding="utf-8", newline="") as handle:
        return sum(
            float(line["v"]) * 1000
            for line in csv.DictReader(handle)
            if (line["i"], line["j"]) == (exporter, importer)
        )
