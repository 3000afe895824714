"""Tests for the events table through the API: round trips, queries, duplicates, failures."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from deltalake import DeltaTable

from bilateral.api import Store
from bilateral.errors import InvalidArgumentError, SourceFormatError, UnknownTerritoryError
from bilateral.events import write_demo_events
from bilateral.results.events import Event, Participant
from bilateral.store.layout import TABLES
from events.conftest import FIXTURES

# The codes the fixtures' names stand for (resolved with the packaged reference).
CODES = {
    "Emilia-Romagna": "ITH5",
    "ITH5": "ITH5",
    "Belgio": "BEL",
    "Belgique": "BEL",
    "België": "BEL",
    "Lombardia": "ITC4",
    "Deutschland": "DEU",
}


def versions(root: Path) -> dict[str, int]:
    return {name: DeltaTable(str(root / name)).version() for name in TABLES}


def listed(store: Store) -> list[Event]:
    """Return every stored event of the fixtures, in the files' order."""
    pairs = [("ITH5", "BEL"), ("BEL", "ITC4"), ("ITH5", "DEU")]
    found = [event for pair in pairs for event in store.events(*pair).events]
    order = ["2023-03-11", "2021-06-15", "2019-11-20", "2022-09-01"]
    return sorted(found, key=lambda event: order.index(event.date.isoformat()))


def as_participant(item: Any) -> Participant:
    if isinstance(item, dict):
        return Participant(item["name"], item.get("role"), item.get("organisation"))
    name, _, details = str(item).partition(" (")
    role, _, organisation = details.rstrip(")").partition(", ")
    return Participant(name, role or None, organisation or None)


def test_yaml_round_trips_field_by_field(store: Store) -> None:
    report = store.import_events(FIXTURES / "events.yaml")
    assert (report.status, report.read, report.added, report.already_stored) == ("added", 4, 4, 0)
    items = yaml.safe_load((FIXTURES / "events.yaml").read_text(encoding="utf-8"))["events"]
    events = listed(store)
    assert len(events) == len(items)
    for item, event in zip(items, events, strict=True):
        assert event.date == item["date"]
        assert event.kind == item["type"]
        assert event.title == item["title"]
        assert event.territories == (CODES[item["territory_a"]], CODES[item["territory_b"]])
        assert event.place == item.get("place")
        assert event.participants == tuple(as_participant(p) for p in item.get("participants", []))
        assert event.themes == tuple(item.get("themes", []))
        assert event.sectors == tuple(item.get("sectors", []))
        assert event.link == item.get("link")
        assert event.source_file == "events.yaml"


def test_csv_round_trips_field_by_field(store: Store) -> None:
    store.import_events(FIXTURES / "events.csv")
    with (FIXTURES / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row, event in zip(rows, listed(store), strict=True):
        record = {
            "date": event.date.isoformat(),
            "place": event.place or "",
            "type": event.kind,
            "title": event.title,
            "territory_a": event.territories[0],
            "territory_b": event.territories[1],
            "participants": "; ".join(str(p) for p in event.participants),
            "themes": "; ".join(event.themes),
            "sectors": "; ".join(event.sectors),
            "link": event.link or "",
        }
        expected = {**row, "territory_a": CODES[row["territory_a"]]}
        expected["territory_b"] = CODES[row["territory_b"]]
        assert record == expected


def test_records_match_the_csv_layout(store: Store) -> None:
    store.import_events(FIXTURES / "events.csv")
    (record,) = store.events("ITH5", "BEL", years=2023).records()
    assert record["participants"] == (
        "Anna Rossi (President, Regione Emilia-Romagna); "
        "Jan Peeters (Ambassador, Embassy of Belgium)"
    )
    assert record["sectors"] == "20; 21; 28; 22; 29"
    assert store.events("ITH5", "BEL").to_pandas()["date"].tolist() == ["2021-06-15", "2023-03-11"]


def test_order_of_the_pair_and_names_do_not_matter(store: Store) -> None:
    store.import_events(FIXTURES / "events.yaml")
    expected = store.events("ITH5", "BEL").events
    assert [event.date for event in expected] == [dt.date(2021, 6, 15), dt.date(2023, 3, 11)]
    for a, b in [
        ("BEL", "ITH5"),
        ("Belgium", "Emilia-Romagna"),
        ("Belgio", "ITH5"),
        ("BE", "ITH5"),
    ]:
        result = store.events(a, b)
        assert result.events == expected
    assert store.events("Belgien", "Emilia-Romagna").territories == ("BEL", "ITH5")


def test_years_filter(store: Store) -> None:
    store.import_events(FIXTURES / "events.yaml")

    def dates(years: Any) -> list[str]:
        return [e.date.isoformat() for e in store.events("ITH5", "BEL", years=years).events]

    assert dates(2023) == ["2023-03-11"]
    assert dates("2019-2021") == ["2021-06-15"]
    assert dates([2021, 2023]) == ["2021-06-15", "2023-03-11"]
    assert dates("2024") == []
    with pytest.raises(InvalidArgumentError):
        store.events("ITH5", "BEL", years="soon")


def test_queries_check_their_territories(store: Store) -> None:
    with pytest.raises(UnknownTerritoryError, match="Belgium"):
        store.events("ITH5", "Belgum")
    with pytest.raises(InvalidArgumentError, match="a territory other than"):
        store.events("BE", "Belgio")
    assert store.events("ITA", "BEL").events == ()


def test_same_file_twice_is_a_no_op(store: Store) -> None:
    store.import_events(FIXTURES / "events.yaml")
    before = versions(store.root)
    again = store.import_events(FIXTURES / "events.yaml")
    assert (again.status, again.read, again.added) == ("unchanged", 0, 0)
    assert "was imported before as events.yaml" in again.notes[0]
    assert versions(store.root) == before
    assert len(store.events("ITH5", "BEL").events) == 2


def test_events_already_stored_are_not_duplicated(store: Store) -> None:
    store.import_events(FIXTURES / "events.yaml")
    same = store.import_events(FIXTURES / "events.csv")
    assert (same.status, same.read, same.added, same.already_stored) == ("added", 4, 0, 4)
    assert same.notes == ()
    more = store.import_events(FIXTURES / "more_events.csv")
    assert (more.read, more.added, more.already_stored, more.repeated) == (3, 1, 1, 1)
    assert any(
        "line 3" in note and "already stored with other details" in note for note in more.notes
    )
    assert any("line 4" in note and "repeats line 2" in note for note in more.notes)
    events = store.events("ITH5", "BEL").events
    assert [e.date.isoformat() for e in events] == ["2021-06-15", "2023-03-11", "2024-02-05"]
    assert events[-1].kind == "call"
    assert events[-1].sectors == ("21", "20")
    assert events[-1].territories == ("BEL", "ITH5")
    assert events[1].source_file == "events.yaml"


@pytest.mark.parametrize(
    "bad",
    [
        "2023-03-12,Bologna,meting,Bad,ITH5,BEL,,,,\n",
        "2023-03-12,Bologna,meeting,Bad,ITH5,Belgum,,,,\n",
        "2023-03-12,Bologna,meeting,Bad,ITH5,BEL,Anna (President,,,\n",
    ],
)
def test_a_failed_import_stores_nothing(store: Store, tmp_path: Path, bad: str) -> None:
    store.import_events(FIXTURES / "events.yaml")
    before = versions(store.root)
    header, *rows = (FIXTURES / "more_events.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "partly_bad.csv"
    good = "2024-05-05,Bologna,meeting,A new meeting,ITH5,BEL,,,,\n"
    path.write_text((FIXTURES / "events.csv").read_text().splitlines()[0] + "\n" + good + bad)
    with pytest.raises(SourceFormatError) as caught:
        store.import_events(path)
    assert (caught.value.path.name, caught.value.line) == ("partly_bad.csv", 3)
    assert versions(store.root) == before
    assert [e.date.year for e in store.events("ITH5", "BEL").events] == [2021, 2023]
    assert [entry.file_name for entry in store.history().entries] == ["events.yaml"]
    assert header and rows


def test_missing_file_is_a_format_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="no such file"):
        store.import_events(tmp_path / "nothing.yaml")


def test_store_info_history_and_flows_are_untouched(store: Store) -> None:
    report = store.import_events(FIXTURES / "events.yaml")
    assert report.events_version == 1
    info = store.info()
    assert (info.flows_version, info.sources, info.files_ingested) == (0, (), 1)
    (entry,) = store.history().entries
    assert (entry.file_name, entry.source, entry.status, entry.rows_stored) == (
        "events.yaml",
        "events",
        "added",
        4,
    )
    assert entry.periods == "2019, 2021-2023"
    assert store.snapshot_files("events")


def test_demo_timeline_has_the_scenario_meeting(store: Store, tmp_path: Path) -> None:
    report = store.import_events(write_demo_events(tmp_path))
    assert (report.read, report.added) == (4, 4)
    events = store.events("Emilia-Romagna", "Belgium").events
    (meeting,) = [event for event in events if event.date == dt.date(2023, 3, 11)]
    assert (meeting.kind, meeting.place, meeting.territories) == (
        "meeting",
        "Bologna",
        ("ITH5", "BEL"),
    )
    assert meeting.themes == ("trade", "investment")
    assert meeting.sectors == ("20", "21", "28", "22", "29")
    others = [event for event in events if event is not meeting]
    assert len(others) == 3
    assert all(event.title.startswith("SYNTHETIC demo:") for event in others)
    assert store.import_events(write_demo_events(tmp_path)).status == "unchanged"
