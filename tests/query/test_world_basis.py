"""Denominators that are not the world: withheld, with the reason, on the real files and at random.

The BACI subset holds two exporters (Afghanistan and South Africa); the 2022 Comtrade file two
reporters (China and Germany). Expected figures are computed here with the csv module.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral.api import Store
from bilateral.query.coverage import MIN_WORLD_REPORTERS
from bilateral.query.pair_indicators import Completeness, compute_indicators
from bilateral.results.notes import code_of
from shared_files import BACI_SUBSET, COMTRADE_2022, comtrade_value, shared

NOT_PARTNERS = {"W00", "CHN", "_X", "X1", "A59", "A79", "E19", "F19"}


@pytest.fixture(scope="module")
def baci(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("baci") / "store")
    store.ingest(shared(BACI_SUBSET))
    return store


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE_2022))
    return store


def baci_exports_to_italy() -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    with shared(BACI_SUBSET).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["j"] == "380":
                totals[line["i"]] += float(line["v"]) * 1000
    return totals


def test_market_share_in_italys_imports_needs_more_than_two_exporters(baci: Store) -> None:
    exporters = baci_exports_to_italy()
    assert set(exporters) == {"4", "710"}
    # What a "world" of two exporters would give: most of Italy's imports.
    assert exporters["710"] / sum(exporters.values()) > 0.8
    rows = {row.name: row for row in baci.indicators("ZAF", "ITA", 2021).rows}
    share = rows["Market share in the partner's imports"]
    assert (share.value, share.withheld) == (None, "incomplete_world")
    for name in ("Trade intensity", "Trade complementarity"):
        assert (rows[name].value, rows[name].withheld) == (None, "incomplete_world")
    rca = rows["Highest revealed comparative advantage (chapter)"]
    assert (rca.value, rca.withheld) == (None, "incomplete_world")
    # Italy's exports to South Africa are not in the store: no Grubel-Lloyd of 0.
    gl = rows["Grubel-Lloyd intra-industry trade (HS chapters)"]
    assert (gl.value, gl.withheld) == (None, "no_reverse_flow")
    # What needs no world is still computed.
    assert rows["HHI of exported chapters"].value is not None


def test_the_mirror_of_world_from_germany_alone_is_withheld_with_the_reporters_held(
    comtrade: Store,
) -> None:
    profile = comtrade.profile("CHN", "WORLD", 2022)
    # Germany's imports from China are in the store, but they are not the world's.
    assert comtrade_value("DEU", "M", "CHN") > 0
    assert [row.reported_by for row in profile.rows] == ["CHN"]
    (own,) = profile.rows
    assert own.members_complete is None
    assert own.exports == pytest.approx(comtrade_value("CHN", "X", "W00"))
    assert own.imports == pytest.approx(comtrade_value("CHN", "M", "W00"))
    withheld = [note for note in profile.notes if code_of(note) == "partial_group_mirror"]
    assert [(n.values["group"], n.values["members"], n.values["year"]) for n in withheld] == [
        ("WORLD", ["DEU"], 2022)
    ]
    assert not [note for note in profile.notes if code_of(note) == "mirror_view"]
    # A country partner keeps its mirror: Germany's own declarations are Germany's figure.
    pair = comtrade.profile("CHN", "DEU", 2022)
    (mirror,) = [row for row in pair.rows if row.mirror]
    assert mirror.exports == pytest.approx(comtrade_value("DEU", "M", "CHN"))


def test_a_reconciled_source_is_not_said_to_value_its_mirror_cif(baci: Store) -> None:
    profile = baci.profile("ZAF", "ITA", 2021)
    expected = baci_exports_to_italy()["710"]
    assert [row.exports for row in profile.rows] == [pytest.approx(expected)] * 2
    codes = [code_of(note) for note in profile.notes]
    assert "reconciled_views" in codes
    assert "mirror_view" not in codes


def test_mirror_gaps_against_a_partial_world_are_withheld(comtrade: Store) -> None:
    result = comtrade.mirror("CHN", "WORLD", 2022)
    assert result.rows
    for row in result.rows:
        assert (row.gap, row.gap_share, row.gap_withheld) == (None, None, "partial_group")
        assert False in (row.exporter_complete, row.importer_complete)
    assert result.chapters == ()
    pair = comtrade.mirror("CHN", "DEU", 2022)
    assert all(row.gap is not None and row.gap_withheld is None for row in pair.rows)


# Property: an indicator that needs a world is never computed on a partial one, and
# Grubel-Lloyd never without both flows of the pair.
chapters = st.dictionaries(st.sampled_from(["27", "29", "30", "84", "85"]), st.floats(1, 1e9))
WORLD_NAMES = ("Trade intensity", "Highest revealed comparative advantage (chapter)")


@given(
    st.fixed_dictionaries(
        {
            ("pair", "export"): chapters,
            ("pair", "import"): chapters,
            ("pair_mirror", "import"): chapters,
            ("first_world", "export"): chapters,
            ("second_world", "export"): chapters,
            ("second_world", "import"): chapters,
            ("store_world", "export"): chapters,
            ("store_world", "import"): chapters,
        }
    ),
    st.integers(min_value=0, max_value=2 * MIN_WORLD_REPORTERS),
    st.booleans(),
)
def test_no_indicator_uses_a_partial_world(
    slices: dict[tuple[str, str], dict[str, float]], reporters: int, reconciled: bool
) -> None:
    marked = frozenset({("second_world", "import")}) if reconciled else frozenset()
    complete = Completeness(reporters, marked)
    found = {name: (value, withheld) for name, value, _, withheld in compute_indicators(
        slices, {}, complete
    )}  # fmt: skip
    for name in WORLD_NAMES:
        if reporters < MIN_WORLD_REPORTERS:
            assert found[name][0] is None
    share = found["Market share in the partner's imports"]
    if reconciled and reporters < MIN_WORLD_REPORTERS:
        assert share[0] is None
        if slices["pair_mirror", "import"] and slices["second_world", "import"]:
            assert share[1] == "incomplete_world"
    gl = found["Grubel-Lloyd intra-industry trade (HS chapters)"]
    if bool(slices["pair", "export"]) != bool(slices["pair", "import"]):
        assert gl == (None, "no_reverse_flow")


def test_imports_from_the_published_world_row_say_their_valuation(comtrade: Store) -> None:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        (line,) = [
            line
            for line in csv.DictReader(handle)
            if (line["reporterISO"], line["flowCode"], line["partnerISO"]) == ("CHN", "M", "W00")
        ]
    assert line["cifvalue"] == line["primaryValue"] and line["fobvalue"] == ""
    (own,) = comtrade.profile("CHN", "WORLD", 2022).rows
    assert own.imports == pytest.approx(float(line["cifvalue"]))
    assert (own.import_valuation, own.import_other_value) == ("CIF", None)
    # A sum of members' rows (no published EU row in the file) has no one basis.
    (summed,) = comtrade.profile("DEU", "EU27_2020", 2022).rows
    assert summed.import_valuation is None


def test_indicators_of_a_file_of_published_totals_use_its_world_rows(comtrade: Store) -> None:
    exports: dict[str, float] = {}
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        for line in csv.DictReader(handle):
            if (line["reporterISO"], line["flowCode"]) == ("CHN", "X"):
                exports[line["partnerISO"].strip()] = float(line["primaryValue"])
    # Partner territories only: no World row, no areas nes, bunkers or the reporter itself.
    kept = {code: v for code, v in exports.items() if code not in NOT_PARTNERS}
    every = sum(kept.values())
    expected_hhi = sum((value / every) ** 2 for value in kept.values())
    rows = {row.name: row for row in comtrade.indicators("CHN", "DEU", 2022).rows}
    assert rows["HHI of export partners"].value == pytest.approx(expected_hhi)
    share = comtrade_value("DEU", "M", "CHN") / comtrade_value("DEU", "M", "W00")
    assert rows["Market share in the partner's imports"].value == pytest.approx(share)
    for name in ("HHI of exported chapters", "Grubel-Lloyd intra-industry trade (HS chapters)"):
        assert (rows[name].value, rows[name].withheld) == (None, "no_product_detail")
