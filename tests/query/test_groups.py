"""Queries on groups: members summed as of each period, or the published aggregate, never both.

The expected figures are summed by hand in this file from the rows it writes and from the
accession dates stated here (Croatia joined the EU in July 2013, the United Kingdom left at
the end of January 2020), not from the group tables under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import NoDataError
from store.comext_files import row, write_full_v2

MONTHLY_2013 = [
    row("IT", "HR", "export", 2013, 10, month=6),  # Croatia not yet in the EU
    row("IT", "HR", "export", 2013, 20, month=7),  # Croatia in the EU from July 2013
    row("IT", "DE", "export", 2013, 100, month=6),
    row("IT", "DE", "export", 2013, 100, month=7),
    row("IT", "US", "export", 2013, 1000, month=6),
    row("IT", "US", "export", 2013, 1000, month=7),
    row("IT", "QY", "export", 2013, 5, month=7),  # intra-EU, partner not specified
]
MONTHLY_2020 = [
    row("IT", "GB", "export", 2020, 30, month=1),  # the UK still in the EU
    row("IT", "GB", "export", 2020, 40, month=2),  # the UK outside the EU
    row("IT", "DE", "export", 2020, 200, month=1),
    row("IT", "DE", "export", 2020, 200, month=2),
    row("IT", "US", "export", 2020, 2000, month=2),
]
ANNUAL_1998 = [
    row("IT", "BE", "export", 1998, 80),  # Comext BE = Belgium-Luxembourg until 1998
    row("IT", "DE", "export", 1998, 20),
]
ANNUAL_2019 = [
    row("IT", "GB", "export", 2019, 300),
    row("IT", "DE", "export", 2019, 700),
    row("IT", "CH", "export", 2019, 50),
    row("IT", "NO", "export", 2019, 25),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("groups")
    opened = bilateral.open(folder / "store")
    files = {
        "full_v2_201306.dat": [r for r in MONTHLY_2013 if r["PERIOD"] == "201306"],
        "full_v2_201307.dat": [r for r in MONTHLY_2013 if r["PERIOD"] == "201307"],
        "full_v2_202001.dat": [r for r in MONTHLY_2020 if r["PERIOD"] == "202001"],
        "full_v2_202002.dat": [r for r in MONTHLY_2020 if r["PERIOD"] == "202002"],
        "full_v2_201952.dat": ANNUAL_2019,
        "full_v2_199852.dat": ANNUAL_1998,
    }
    for name, rows in files.items():
        opened.ingest(write_full_v2(folder / name, rows))
    return opened


def exports(store: Store, partner: str, year: int) -> float | None:
    profile = store.profile("IT", partner, year)
    (own,) = [r for r in profile.rows if r.reported_by == "ITA" and r.year == year]
    return own.exports


def test_monthly_files_hold_what_the_test_wrote(store: Store) -> None:
    assert store.info().sources[0].rows == 7 + 5 + 4 + 2


def test_eu_of_2013_counts_croatia_from_july_only(store: Store) -> None:
    # Germany 100 + 100, Croatia only in July (20), the intra-EU unspecified partner not at all.
    assert exports(store, "EU", 2013) == 220


def test_eu27_2020_is_the_same_27_in_every_period(store: Store) -> None:
    # Croatia is one of the 27 of 2020, in June 2013 as well.
    assert exports(store, "EU27_2020", 2013) == 230
    # The UK is not one of them, even in 2019.
    assert exports(store, "EU27_2020", 2019) == 700


def test_eu28_keeps_the_united_kingdom(store: Store) -> None:
    assert exports(store, "EU28", 2019) == 1000
    assert exports(store, "EU28", 2020) == 200 + 200 + 30 + 40


def test_eu_of_2020_drops_the_united_kingdom_after_january(store: Store) -> None:
    assert exports(store, "EU", 2020) == 200 + 200 + 30
    assert exports(store, "EU", 2019) == 1000


def test_extra_eu_is_the_rest_of_the_world(store: Store) -> None:
    assert exports(store, "EXT_EU27_2020", 2019) == 300 + 50 + 25
    # Croatia in June 2013 was outside the EU of its time.
    assert exports(store, "EXT_EU", 2013) == 10 + 1000 + 1000


def test_world_sums_every_partner(store: Store) -> None:
    assert exports(store, "WORLD", 2013) == 10 + 20 + 200 + 2000 + 5
    assert exports(store, "WORLD", 2020) == 30 + 40 + 400 + 2000


def test_efta_members(store: Store) -> None:
    assert exports(store, "EFTA", 2019) == 75


def test_a_group_profile_says_how_it_was_summed(store: Store) -> None:
    notes = " ".join(store.profile("IT", "EU", 2013).notes)
    assert "EU" in notes and "as of each period" in notes


def test_published_aggregate_rows_win_over_members(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    header = (
        "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"
    )
    lines = [header]
    for partner, value in (("WORLD", 5000), ("DE", 700), ("US", 900)):
        lines.append(
            f"ESTAT:DS-045409(1.0),13/02/26 11:00:00,A,IT,{partner},TOTAL,2,"
            f"VALUE_IN_EUROS,2021,{value}"
        )
    extract = tmp_path / "extract.csv"
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opened.ingest(extract)
    # The published WORLD row (5000), not the two members in the store (1600), nor both.
    assert exports(opened, "WORLD", 2021) == 5000


def test_belgium_luxembourg_counts_in_world_and_eu_before_1999(store: Store) -> None:
    assert exports(store, "WORLD", 1998) == 100
    assert exports(store, "EU", 1998) == 100
    with pytest.raises(NoDataError):
        store.profile("IT", "EXT_EU", 1998)
