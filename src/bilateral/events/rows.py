"""Events as store rows and back, and which events of a file the store does not hold yet."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bilateral.events.validate import FileEvent
from bilateral.results.events import EVENT_KINDS, Event, EventKind, Participant


def event_key(event: Event) -> str:
    """Return the identity of an event: its date, kind, pair of territories and title.

    The pair is unordered and the title compared without case or repeated spaces, so the same
    meeting given as A-B in one file and B-A in another is one event.
    """
    title = " ".join(event.title.casefold().split())
    parts = [event.date.isoformat(), event.kind, *sorted(event.territories), title]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def event_row(event: Event, ingest_id: str) -> dict[str, Any]:
    """Return the store row of an event (participants, themes and sectors as JSON text)."""
    return {
        "event_key": event_key(event),
        "date": event.date,
        "kind": event.kind,
        "title": event.title,
        "territory_a": event.territories[0],
        "territory_b": event.territories[1],
        "place": event.place,
        "participants": json.dumps(
            [[p.name, p.role, p.organisation] for p in event.participants], ensure_ascii=False
        ),
        "themes": json.dumps(list(event.themes), ensure_ascii=False),
        "sectors": json.dumps(list(event.sectors)),
        "link": event.link,
        "source_file": event.source_file,
        "ingest_id": ingest_id,
    }


def row_event(row: Mapping[str, Any]) -> Event:
    """Return the event of a store row."""
    return Event(
        date=row["date"],
        kind=_kind(str(row["kind"])),
        title=row["title"],
        territories=(row["territory_a"], row["territory_b"]),
        place=row["place"],
        participants=tuple(
            Participant(name, role, organisation)
            for name, role, organisation in json.loads(row["participants"])
        ),
        themes=tuple(json.loads(row["themes"])),
        sectors=tuple(json.loads(row["sectors"])),
        link=row["link"],
        source_file=row["source_file"],
    )


def _kind(text: str) -> EventKind:
    return next(kind for kind in EVENT_KINDS if kind == text)


@dataclass(frozen=True)
class ImportPlan:
    """The events of a file to store, and how many the store or the file already held."""

    new: tuple[Event, ...]
    already_stored: int
    repeated: int
    notes: tuple[str, ...]


def plan_import(events: Sequence[FileEvent], stored: Sequence[Mapping[str, Any]]) -> ImportPlan:
    """Return the file's events that are neither stored nor repeated from an earlier line.

    An event already stored, or repeated in the file, with other details (place, participants,
    ...) is noted: the first version is kept, nothing is overwritten.
    """
    held = {str(row["event_key"]): _same_details(row_event(row)) for row in stored}
    first_line: dict[str, tuple[int, Event]] = {}
    new: list[Event] = []
    notes: list[str] = []
    already = repeated = 0
    for located in events:
        key, details = event_key(located.event), _same_details(located.event)
        what = f"line {located.line} ({located.event.date}, {located.event.title})"
        if key in held:
            already += 1
            if held[key] != details:
                notes.append(f"{what} is already stored with other details; kept as stored")
        elif key in first_line:
            repeated += 1
            line, first = first_line[key]
            differs = " with other details" if _same_details(first) != details else ""
            notes.append(f"{what} repeats line {line}{differs}; stored once, as on line {line}")
        else:
            first_line[key] = (located.line, located.event)
            new.append(located.event)
    return ImportPlan(tuple(new), already, repeated, tuple(notes))


def _same_details(event: Event) -> Event:
    """Return the event without what does not make it different: its file, the pair's order."""
    first, second = sorted(event.territories)
    return replace(event, source_file=None, territories=(first, second))
