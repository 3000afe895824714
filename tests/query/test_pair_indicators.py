"""A pair's trade indicators, each computed by hand here from the rows the test writes.

Chapters: 29011000 -> 29, 30049000 -> 30, 84713000 -> 84. Reporters IT, BE and DE, 2021.
"""

from __future__ import annotations

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import NoDataError
from bilateral.query import pair_indicators
from bilateral.results.indicators import Indicators
from store.comext_files import row, write_full_v2

ROWS = [
    row("IT", "BE", "export", 2021, 60, product="29011000"),
    row("IT", "BE", "export", 2021, 40, product="30049000"),
    row("IT", "BE", "import", 2021, 30, product="29011000"),
    row("IT", "BE", "import", 2021, 10, product="84713000"),
    row("IT", "DE", "export", 2021, 100, product="84713000"),
    row("BE", "IT", "import", 2021, 50, product="30049000"),
    row("BE", "DE", "import", 2021, 20, product="84713000"),
    row("BE", "DE", "export", 2021, 80, product="29011000"),
    row("DE", "BE", "export", 2021, 25, product="84713000"),
    row("DE", "IT", "import", 2021, 90, product="84713000"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("indicators")
    opened: Store = bilateral.open(folder / "store")
    opened.ingest(write_full_v2(folder / "full_v2_202152.dat", ROWS))
    return opened


@pytest.fixture(scope="module")
def result(store: Store) -> Indicators:
    return store.indicators("Italy", "Belgium", 2021)


@pytest.fixture(scope="module")
def values(store: Store) -> dict[str, float | None]:
    """Return the indicators with the store's 3 reporters taken as a whole world."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pair_indicators, "MIN_WORLD_REPORTERS", 3)
        result = store.indicators("Italy", "Belgium", 2021)
    assert {row.source for row in result.rows} == {"comext"}
    return {row.name: row.value for row in result.rows}


WORLD_INDICATORS = ("Trade intensity", "Highest revealed comparative advantage (chapter)")


def test_indicators_that_need_a_world_are_withheld_on_three_reporters(result: Indicators) -> None:
    rows = {row.name: row for row in result.rows}
    for name in WORLD_INDICATORS:
        assert (rows[name].value, rows[name].withheld) == (None, "incomplete_world")
    # Belgium's imports from all partners are its own declarations: whole without a world.
    share = rows["Market share in the partner's imports"]
    assert (share.value, share.withheld) == (pytest.approx(50 / 70), None)


def test_grubel_lloyd(values: dict[str, float | None]) -> None:
    # chapter 29: X 60, M 30 -> 90 - 30 = 60; chapter 30: X 40, M 0 -> 0; chapter 84: 0.
    assert values["Grubel-Lloyd intra-industry trade (HS chapters)"] == pytest.approx(60 / 140)


def test_concentration(values: dict[str, float | None]) -> None:
    assert values["HHI of exported chapters"] == pytest.approx(0.6**2 + 0.4**2)
    assert values["HHI of export partners"] == pytest.approx(0.5**2 + 0.5**2)


def test_market_share_from_the_partners_declarations(values: dict[str, float | None]) -> None:
    # Belgium declares 50 of imports from Italy, 70 from all partners.
    assert values["Market share in the partner's imports"] == pytest.approx(50 / 70)


def test_trade_intensity_against_the_stores_world(values: dict[str, float | None]) -> None:
    # Italy: 100 of its 200 exports go to Belgium; Belgium declares 70 of the store's imports,
    # which are Italy's 40, Belgium's 70 and Germany's 90.
    assert values["Trade intensity"] == pytest.approx((100 / 200) / (70 / 200))


def test_structures(values: dict[str, float | None]) -> None:
    italy = {"29": 60 / 200, "30": 40 / 200, "84": 100 / 200}
    belgium_imports = {"30": 50 / 70, "84": 20 / 70}
    belgium_exports = {"29": 1.0}
    chapters = ("29", "30", "84")
    overlap = sum(abs(belgium_imports.get(c, 0) - italy[c]) for c in chapters) / 2
    assert values["Trade complementarity"] == pytest.approx(100 * (1 - overlap))
    similarity = sum(min(italy[c], belgium_exports.get(c, 0)) for c in chapters)
    assert values["Export similarity"] == pytest.approx(100 * similarity)
    # world exports: 29 -> 60 + 80, 30 -> 40, 84 -> 100 + 25; total 305
    rca = {"29": (60 / 200) / (140 / 305), "30": (40 / 200) / (40 / 305),
           "84": (100 / 200) / (125 / 305)}  # fmt: skip
    assert values["Highest revealed comparative advantage (chapter)"] == pytest.approx(
        max(rca.values())
    )


def test_no_pair_data(tmp_path: object) -> None:
    store = bilateral.open(str(tmp_path))
    with pytest.raises(NoDataError):
        store.indicators("IT", "BE", 2021)
