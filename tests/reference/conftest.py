"""Fixtures of the reference tests: the real published files in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_file(relative: str) -> Path:
    """Return the path of a real file in ../shared/data; fail the test if it is missing."""
    path = SHARED_DATA / relative
    if not path.is_file():
        pytest.fail(f"missing shared data file {path}")
    return path
