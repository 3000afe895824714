"""Profiles and mirror statistics on the real UN Comtrade and CEPII BACI samples.

Expected figures are computed here with the csv module from the files in ../shared/data.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from shared_files import BACI_SUBSET, COMTRADE_2022, COMTRADE_PREVIEW, comtrade_value, shared

COMTRADE = COMTRADE_2022
BACI = BACI_SUBSET


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE))
    return store


def test_mirror_of_china_and_germany_gives_the_files_own_gap(comtrade: Store) -> None:
    china_exports = comtrade_value("CHN", "X", "DEU")
    germany_imports = comtrade_value("DEU", "M", "CHN")
    germany_exports = comtrade_value("DEU", "X", "CHN")
    china_imports = comtrade_value("CHN", "M", "DEU")
    mirror = comtrade.mirror("CHN", "DEU", 2022)
    rows = {row.direction: row for row in mirror.rows}
    to_germany, to_china = rows["CHN->DEU"], rows["DEU->CHN"]
    assert to_germany.exports_reported == pytest.approx(china_exports)
    assert to_germany.imports_reported == pytest.approx(germany_imports)
    assert to_germany.gap == pytest.approx(germany_imports - china_exports)
    assert to_germany.gap_share == pytest.approx((germany_imports - china_exports) / china_exports)
    assert to_china.gap == pytest.approx(china_imports - germany_exports)
    assert to_germany.currency == "USD"


def test_profile_shows_both_reporters_views(comtrade: Store) -> None:
    views = {row.reported_by: row for row in comtrade.profile("China", "Germany", 2022).rows}
    assert views["CHN"].exports == pytest.approx(comtrade_value("CHN", "X", "DEU"))
    # In the mirror view Germany reports: its imports from China are China's exports.
    assert views["DEU"].exports == pytest.approx(comtrade_value("DEU", "M", "CHN"))
    assert views["DEU"].source == "comtrade"


def test_china_and_germany_to_world_use_the_published_world_rows(comtrade: Store) -> None:
    (own,) = [r for r in comtrade.profile("CHN", "WORLD", 2022).rows if r.reported_by == "CHN"]
    assert own.exports == pytest.approx(comtrade_value("CHN", "X", "W00"))
    assert own.imports == pytest.approx(comtrade_value("CHN", "M", "W00"))


def test_baci_rows_are_both_views(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(BACI))
    totals: dict[tuple[str, str], float] = defaultdict(float)
    with shared(BACI).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            totals[line["i"], line["j"]] += float(line["v"]) * 1000
    profile = store.profile("South Africa", "Italy", 2021)
    views = {row.reported_by: row for row in profile.rows}
    expected = totals["710", "380"]
    assert views["ZAF"].exports == pytest.approx(expected)
    assert views["ITA"].exports == pytest.approx(expected)  # Italy's imports: the same row
    assert views["ITA"].imports is None or views["ITA"].imports == pytest.approx(
        totals["380", "710"]
    )
    assert any("reconciled" in note for note in profile.notes)


PREVIEW = COMTRADE_PREVIEW


def test_mirror_measures_the_cif_fob_margin_an_importer_publishes(tmp_path: Path) -> None:
    records = json.loads(shared(PREVIEW).read_text(encoding="utf-8"))["data"]
    [imports] = [r for r in records if r["flowCode"] == "M"]
    store = bilateral.open(tmp_path)
    store.ingest(PREVIEW)
    result = store.mirror("Japan", "United States", 2023)
    [note] = [n for n in result.notes if "both CIF" in n]
    margin = (imports["cifvalue"] - imports["fobvalue"]) / imports["fobvalue"]
    assert f"CIF (USD {imports['cifvalue']:,.0f})" in note
    assert f"FOB (USD {imports['fobvalue']:,.0f})" in note
    assert f"margin of {margin:.1%}" in note
