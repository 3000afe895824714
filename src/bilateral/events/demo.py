"""The demo relations timeline: the scenario's meeting and a few SYNTHETIC events, with their
titles and places in the interface's other languages."""

from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path

from bilateral.events.rows import event_key
from bilateral.results.events import Event

DEMO_EVENTS_FILE = "demo_events.yaml"
DEMO_TITLES_FILE = "demo_event_titles.csv"


def write_demo_events(directory: Path) -> Path:
    """Write the demo events file (YAML) into `directory` and return its path.

    Emilia-Romagna and Belgium: the meeting of 11 March 2023 in Bologna from the design's
    scenario, and three events titled `SYNTHETIC demo: ...` that did not happen. The bytes are
    always the same, so importing it into a store a second time changes nothing.
    """
    data = resources.files("bilateral.events").joinpath("data", DEMO_EVENTS_FILE).read_bytes()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DEMO_EVENTS_FILE
    path.write_bytes(data)
    return path


@functools.cache
def _demo_texts() -> dict[tuple[str, str], dict[str, str]]:
    """Return the demo events' translated fields by event key and language
    (`data/demo_event_titles.csv`)."""
    text = resources.files("bilateral.events").joinpath("data", DEMO_TITLES_FILE).read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {(row["event_key"], row["language"]): row for row in rows}


def event_title(event: Event, language: str) -> str:
    """Return the title of `event` in `language`: a demo event's translation, else its own.

    An events file gives one title, shown as written; the demo's events, known by their key,
    carry their titles in the interface's languages.
    """
    row = _demo_texts().get((event_key(event), language))
    return row["title"] if row else event.title


def event_place(event: Event, language: str) -> str | None:
    """Return the place of `event` in `language` ("Bruxelles"): a demo event's translation, else
    the place its file gives (None when it gives none)."""
    row = _demo_texts().get((event_key(event), language))
    return row["place"] if row and event.place == row["english_place"] else event.place
