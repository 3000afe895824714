"""Fixtures of the source tests: the real published files in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
COMEXT = SHARED_DATA / "eurostat_comext"
BULK_SAMPLE = COMEXT / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
SDMX_EXTRACT = COMEXT / "DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv"


def _shared(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"missing shared data file {path} (see ../shared/data/SOURCES.md)")
    return path


@pytest.fixture(scope="session")
def bulk_sample() -> Path:
    """Return the 13 real rows of Comext full_v2 202402 (Austria -> Andorra)."""
    return _shared(BULK_SAMPLE)


@pytest.fixture(scope="session")
def sdmx_extract() -> Path:
    """Return the real DS-045409 SDMX-CSV extract (41 CN8 codes, IT and BE to WORLD)."""
    return _shared(SDMX_EXTRACT)
