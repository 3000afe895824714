"""The demo relations timeline: the scenario's meeting and a few SYNTHETIC events."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEMO_EVENTS_FILE = "demo_events.yaml"


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
