"""Relations between two territories: meetings, agreements, visits, investments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
