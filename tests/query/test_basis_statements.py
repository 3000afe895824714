"""What results say about their data: products summed, confidentiality, reconciled figures.

On the real Comtrade TOTAL files and the BACI subset in ../shared/data: a published total
is all trade (not an extract) and hides confidential products (not measurable, not 0.0%);
a reconciled BACI figure is one figure, not two declarations that agree, and no gap cause
is offered for it. Expected figures are read here with the csv and json modules.
"""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest

import bilateral
from bilateral.api import Store
from bilateral.brief.gather import gap_causes, mirror_lines
from shared_files import BACI_SUBSET, COMTRADE_2022, COMTRADE_PREVIEW, comtrade_value, shared


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE_2022))
    store.ingest(shared(COMTRADE_PREVIEW))
    return store


@pytest.fixture(scope="module")
def baci(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("baci") / "store")
    store.ingest(shared(BACI_SUBSET))
    return store


def test_a_published_total_is_all_trade_and_hides_confidentiality(comtrade: Store) -> None:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        codes = {line["cmdCode"] for line in csv.DictReader(handle)}
    assert codes == {"TOTAL"}
    document = json.loads(shared(COMTRADE_PREVIEW).read_text(encoding="utf-8"))
    assert {line["cmdCode"] for line in document["data"]} == {"TOTAL"}
    for first, second, year in (("DEU", "CHN", 2022), ("USA", "JPN", 2023)):
        profile = comtrade.profile(first, second, year)
        for row in profile.rows:
            assert row.products == "TOTAL only"
            assert (row.confidentiality, row.confidential_share) == ("not measurable", None)
        assert not any("extract" in note for note in profile.notes)
        series = comtrade.series(first, second, years=year)
        assert not any("extract" in note for note in series.notes)
    (own,) = [r for r in comtrade.profile("DEU", "CHN", 2022).rows if r.reported_by == "DEU"]
    assert own.exports == pytest.approx(comtrade_value("DEU", "X", "CHN"))


def test_a_mirror_of_published_totals_does_not_measure_confidential_products(
    comtrade: Store,
) -> None:
    mirror = comtrade.mirror("DEU", "CHN", 2022)
    for row in mirror.rows:
        assert row.confidentiality == "not measurable"
        assert (row.confidential_exporter, row.confidential_importer) == (None, None)
        assert not row.reconciled
        assert "confidential" in gap_causes(row)  # not measured: still a possible cause


def test_a_reconciled_figure_is_one_figure_with_no_gap_causes(baci: Store) -> None:
    profile = baci.profile("ZAF", "ITA", 2021)
    assert all(row.confidentiality == "not measurable" for row in profile.rows)
    assert all(row.confidential_share is None for row in profile.rows)
    mirror = baci.mirror("ZAF", "ITA", 2021)
    (row,) = [r for r in mirror.rows if r.direction == "ZAF->ITA"]
    with shared(BACI_SUBSET).open(encoding="utf-8", newline="") as handle:
        expected = sum(
            float(line["v"]) * 1000
            for line in csv.DictReader(handle)
            if (line["i"], line["j"]) == ("710", "380")
        )
    assert row.exports_reported == pytest.approx(expected)
    assert row.imports_reported == pytest.approx(expected)
    # One figure has no gap between declarations: withheld, not printed as zero.
    assert row.reconciled and row.gap is None and row.gap_share is None
    assert row.gap_withheld == "reconciled" and row.within_band is None
    assert mirror.chapters == ()
    assert not any("CIF/FOB valuation" in note for note in mirror.notes)
    assert not any("Quasi-transit" in note for note in mirror.notes)
    assert any("reconciled" in note for note in mirror.notes)
    _, lines = mirror_lines(mirror, 2021, "mirror")
    (line,) = [line for line in lines if (line.exporter, line.importer) == ("ZAF", "ITA")]
    assert line.reconciled


def test_causes_measured_as_zero_are_not_offered(comtrade: Store) -> None:
    (row, *_) = comtrade.mirror("DEU", "CHN", 2022).rows
    measured = dataclasses.replace(
        row,
        confidentiality="measured",
        confidential_exporter=0.0,
        confidential_importer=0.0,
        unallocated_exporter=0.0,
        unallocated_importer=0.0,
    )
    assert gap_causes(measured) == ("third_country",)
    some = dataclasses.replace(measured, confidential_importer=1.0e6, unallocated_exporter=0.01)
    assert gap_causes(some) == ("confidential", "unallocated", "third_country")


def test_unallocated_shares_count_comtrades_areas_not_elsewhere_specified(
    comtrade: Store,
) -> None:
    nes = {"_X", "A59", "A79", "E19", "F19"}
    flows: dict[tuple[str, str], dict[str, float]] = {}
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        for line in csv.DictReader(handle):
            key = (line["reporterISO"], line["flowCode"])
            flows.setdefault(key, {})[line["partnerISO"].strip()] = float(line["primaryValue"])

    def unallocated(reporter: str, flow: str) -> float:
        lines = flows[reporter, flow]
        every = sum(value for code, value in lines.items() if code != "W00")
        return sum(value for code, value in lines.items() if code in nes) / every

    assert unallocated("DEU", "M") > 0.04  # Germany's imports from "Areas, nes": 78 billion
    rows = {row.direction: row for row in comtrade.mirror("CHN", "DEU", 2022).rows}
    assert rows["CHN->DEU"].unallocated_importer == pytest.approx(unallocated("DEU", "M"))
    assert rows["CHN->DEU"].unallocated_exporter == pytest.approx(unallocated("CHN", "X"))
    assert rows["DEU->CHN"].unallocated_exporter == pytest.approx(unallocated("DEU", "X"))
    assert rows["DEU->CHN"].unallocated_importer == pytest.approx(unallocated("CHN", "M"))
