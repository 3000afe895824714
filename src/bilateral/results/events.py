"""Relations between two territories: meetings, agreements, visits, investments."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

from bilateral.results.base import Tabular

EventKind = Literal[
    "meeting", "agreement", "visit", "investment", "mission", "fair", "call", "other"
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "meeting",
    "agreement",
    "visit",
    "investment",
    "mission",
    "fair",
    "call",
    "other",
)


@dataclass(frozen=True)
class Participant:
    """One person at an event, with the role and organisation they came in."""

    name: str
    role: str | None = None
    organisation: str | None = None

    def __str__(self) -> str:
        details = ", ".join(part for part in (self.role, self.organisation) if part)
        return f"{self.name} ({details})" if details else self.name


@dataclass(frozen=True)
class Event:
    """One dated event between two territories (codes as the store resolves them)."""

    date: dt.date
    kind: EventKind
    title: str
    territories: tuple[str, str]
    place: str | None = None
    participants: tuple[Participant, ...] = ()
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    link: str | None = None
    source_file: str | None = None


@dataclass(frozen=True)
class EventList(Tabular):
    """The events between two territories, oldest first."""

    territories: tuple[str, str]
    events: tuple[Event, ...]

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                "date": event.date.isoformat(),
                "kind": event.kind,
                "title": event.title,
                "territory_a": event.territories[0],
                "territory_b": event.territories[1],
                "place": event.place,
                "participants": "; ".join(str(p) for p in event.participants),
                "themes": "; ".join(event.themes),
                "sectors": "; ".join(event.sectors),
                "link": event.link,
            }
            for event in self.events
        ]


EventImportStatus = Literal["added", "unchanged"]


@dataclass(frozen=True)
class EventImportReport(Tabular):
    """What importing one events file did.

    `read` counts the file's events, `added` those newly stored, `already_stored` those the
    store held before (same date, kind, pair of territories and title), `repeated` those given
    twice in the file (stored once). A file imported before is `unchanged` and reads nothing.
    `events_version` is the events table's version after the import.
    """

    file: str
    status: EventImportStatus
    read: int
    added: int
    already_stored: int
    repeated: int
    years: str
    events_version: int
    seconds: float
    notes: tuple[str, ...] = ()

    def records(self) -> list[dict[str, Any]]:
        """Return the report as one record."""
        record = asdict(self)
        record["notes"] = "; ".join(self.notes)
        return [record]

    def __repr__(self) -> str:
        return (
            f"<EventImportReport {self.file}: {self.status}, {self.added} of {self.read} events "
            f"added, {self.already_stored} already stored, version {self.events_version}>"
        )
