"""The demo's events carry their titles and places in every interface language but English."""

from __future__ import annotations

import csv
import dataclasses
from importlib import resources
from pathlib import Path

from bilateral.events import event_key, read_events_file, write_demo_events
from bilateral.events.demo import DEMO_TITLES_FILE, event_place, event_title
from bilateral.reference import resolve
from bilateral.web.i18n import LANGUAGES


def test_every_demo_event_has_a_title_in_each_language(tmp_path: Path) -> None:
    events = [found.event for found in read_events_file(write_demo_events(tmp_path), resolve)]
    text = resources.files("bilateral.events").joinpath("data", DEMO_TITLES_FILE).read_text()
    rows = list(csv.DictReader(text.splitlines()))
    by_key = {event_key(event): event for event in events}
    assert len(events) == 4
    assert {(row["event_key"], row["language"]) for row in rows} == {
        (key, language) for key in by_key for language in LANGUAGES if language != "en"
    }
    for row in rows:
        event = by_key[row["event_key"]]
        assert row["english"] == event.title
        assert event_title(event, row["language"]) == row["title"] != event.title
        assert event_title(event, "en") == event.title
        assert row["english_place"] == event.place == event_place(event, "en")
        assert event_place(event, row["language"]) == row["place"]
        synthetic = event.title.startswith("SYNTHETIC demo:")
        assert row["title"].startswith("SINTETICO (dimostrativo):") == synthetic


def test_an_event_of_a_users_file_keeps_its_title(tmp_path: Path) -> None:
    [first, *_] = [found.event for found in read_events_file(write_demo_events(tmp_path), resolve)]
    renamed = dataclasses.replace(first, title="Incontro a Bologna")
    assert event_title(renamed, "it") == "Incontro a Bologna"
    moved = dataclasses.replace(first, date=first.date.replace(year=2020))
    assert event_title(moved, "it") == first.title
    elsewhere = dataclasses.replace(renamed, place="Parma")
    assert event_place(elsewhere, "it") == "Parma"


def test_the_italian_demo_places_are_italian(tmp_path: Path) -> None:
    events = [found.event for found in read_events_file(write_demo_events(tmp_path), resolve)]
    places = {event.place: event_place(event, "it") for event in events}
    assert places == {
        "Bologna": "Bologna",
        "Brussels": "Bruxelles",
        "Demo town, Emilia-Romagna": "Città dimostrativa, Emilia-Romagna",
    }
