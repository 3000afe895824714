"""The mirror view is a field of each row (`mirror`), and its note is made from that field.

Figures are read with the csv module from the real UN Comtrade sample in ../shared/data.
"""

from __future__ import annotations

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.notes import code_of
from shared_files import COMTRADE_2022, comtrade_value, shared


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE_2022))
    return store


def test_profile_rows_say_which_view_is_the_partners_declaration(comtrade: Store) -> None:
    profile = comtrade.profile("China", "Germany", 2022)
    flags = {row.reported_by: (row.mirror, row.exports, row.imports) for row in profile.rows}
    assert flags == {
        "CHN": (False, pytest.approx(comtrade_value("CHN", "X", "DEU")),
                pytest.approx(comtrade_value("CHN", "M", "DEU"))),
        "DEU": (True, pytest.approx(comtrade_value("DEU", "M", "CHN")),
                pytest.approx(comtrade_value("DEU", "X", "CHN"))),
    }  # fmt: skip
    (note,) = [note for note in profile.notes if code_of(note) == "mirror_view"]
    assert note.values == {"a": "CHN", "b": "DEU"}
    assert note.startswith("mirror view: China's exports as Germany declares its imports (CIF)")


def test_series_points_carry_the_same_flag_and_note(comtrade: Store) -> None:
    series = comtrade.series("DEU", "CHN", flow="export", years=[2022])
    points = {(p.reported_by, p.flow): (p.mirror, p.value) for p in series.points}
    assert points == {
        ("DEU", "export"): (False, pytest.approx(comtrade_value("DEU", "X", "CHN"))),
        ("CHN", "export"): (True, pytest.approx(comtrade_value("CHN", "M", "DEU"))),
    }
    notes = [note for note in series.notes if code_of(note) == "mirror_view"]
    assert [note.values for note in notes] == [{"a": "DEU", "b": "CHN"}]


def test_no_mirror_note_where_only_the_reporter_declares(comtrade: Store) -> None:
    profile = comtrade.profile("CHN", "USA", 2022)  # the sample holds no declaration of the USA
    assert [row.mirror for row in profile.rows] == [False]
    assert profile.rows[0].exports == pytest.approx(comtrade_value("CHN", "X", "USA"))
    assert "mirror_view" not in {code_of(note) for note in profile.notes}
