"""The real published files in ../shared/data that several test packages read.

Tests compute their expected figures from these files with the standard library, never with
the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
COMTRADE_2022 = (
    SHARED_DATA / "un_comtrade" / "comtradeplus_2022_A_TOTAL_reporters_CHN_DEU_by_partner.csv"
)
COMTRADE_PREVIEW = (
    SHARED_DATA
    / "un_comtrade"
    / ("comtradeplus_api_public_v1_preview_C_A_HS_2023_USA_JPN_TOTAL.json")
)
DS_045409 = (
    SHARED_DATA
    / "eurostat_comext"
    / "DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv"
)
BACI_SUBSET = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"


def shared(path: Path) -> Path:
    """Return `path` in the shared data, failing the test clearly when it is missing."""
    if not path.exists():
        pytest.fail(f"missing shared data file {path} (see ../shared/data/SOURCES.md)")
    return path


def comtrade_value(reporter: str, flow: str, partner: str) -> float:
    """Return primaryValue (USD) of one line of the 2022 Comtrade sample, read with csv."""
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        for line in csv.DictReader(handle):
            if (line["reporterISO"], line["flowCode"], line["partnerISO"]) == (
                reporter,
                flow,
                partner,
            ):
                return float(line["primaryValue"])
    raise AssertionError(f"no {reporter} {flow} {partner} line")
