"""Shared fixtures of the events tests: the fixture files and a fresh store."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return bilateral.open(tmp_path / "store")
