"""CPA sectors placed from HS codes, and errors that say what is missing, on real files.

Expected figures are summed here with the csv module: DS-045409's lines by the division that
the project's HS to CPA 2.1 table (read as CSV) gives their heading, else their chapter.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import NoDataError
from shared_files import COMTRADE_2022, DS_045409, shared


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("placement") / "store")
    opened.ingest(shared(DS_045409))
    opened.ingest(shared(COMTRADE_2022))
    return opened


def mapping() -> dict[str, str]:
    text = resources.files("bilateral.reference").joinpath("data", "hs_to_cpa21.csv").read_text()
    return {row["hs"]: row["division"] for row in csv.DictReader(text.splitlines())}


def division_of(code: str, table: dict[str, str]) -> str:
    return table.get(code[:4]) or table[code[:2]]


def csv_divisions(reporter: str, flow: str, year: int) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    table = mapping()
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if (
                line["reporter"] == reporter
                and line["flow"] == flow
                and line["indicators"] == "VALUE_IN_EUROS"
                and line["TIME_PERIOD"].startswith(str(year))
            ):
                totals[division_of(line["product"], table)] += float(line["OBS_VALUE"])
    return dict(totals)


@pytest.mark.parametrize(
    ("reporter", "flow", "code"), [("IT", "2", "export"), ("BE", "1", "import")]
)
def test_cpa_sectors_of_cn8_data_are_placed_through_the_hs_mapping(
    store: Store, reporter: str, flow: str, code: str
) -> None:
    want = csv_divisions(reporter, flow, 2024)
    assert len(want) >= 3
    sectors = store.sectors(reporter, "WORLD", 2024, scheme="cpa", flow=code)  # type: ignore[arg-type]
    own = {row.code: row.value for row in sectors.rows if row.view.startswith("reported by")}
    assert own.keys() == want.keys()
    for division, value in want.items():
        assert own[division] == pytest.approx(value, rel=1e-12), division
    assert any("HS to CPA 2.1 mapping" in note for note in sectors.notes)


def test_totals_only_trade_is_not_called_no_trade(store: Store) -> None:
    with pytest.raises(NoDataError) as raised:
        store.sectors("CHN", "DEU", 2022)
    assert raised.value.reason == "no_product_detail"
    with pytest.raises(NoDataError) as raised:
        store.products("CHN", "DEU", 2022)
    assert raised.value.reason == "no_product_detail"
    # The profile of the same pair reads the totals.
    assert store.profile("CHN", "DEU", 2022).rows


def test_a_year_not_held_is_named(store: Store) -> None:
    with pytest.raises(NoDataError) as raised:
        store.profile("CHN", "DEU", 2021)
    assert raised.value.reason == "years_not_held"
    assert "in 2022 (comtrade), not in 2021" in str(raised.value)


def test_no_trade_only_where_nothing_is_held(store: Store) -> None:
    with pytest.raises(NoDataError) as raised:
        store.profile("IT", "BE", 2024)
    assert raised.value.reason == "no_trade"
