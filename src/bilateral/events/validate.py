"""Checking one event as a file gives it, field by field, into an `Event`.

Every problem raises `SourceFormatError` naming the file, the line, the field, the value found
and what would be valid; YAML problems also name the item (`item 3: ...`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bilateral.errors import (
    AmbiguousTerritoryError,
    InvalidArgumentError,
    SourceFormatError,
    UnknownTerritoryError,
)
from bilateral.reference import Territory
from bilateral.reference.sectors import resolve_sector
from bilateral.results.events import EVENT_KINDS, Event, EventKind, Participant

Resolve = Callable[[str], Territory]
Item = str | Mapping[str, str | None]
Value = str | tuple[Item, ...] | None

FIELDS: Final = (
    "date",
    "place",
    "type",
    "title",
    "territory_a",
    "territory_b",
    "participants",
    "themes",
    "sectors",
    "link",
)
REQUIRED: Final = ("date", "type", "title", "territory_a", "territory_b")
PARTICIPANT_KEYS: Final = ("name", "role", "organisation")
PARTICIPANT_SYNTAX: Final = "Name (Role, Organisation); Name (Role); Name"
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTICIPANT: Final = re.compile(r"(?P<name>[^();,]*[^();,\s])\s*(?:\((?P<details>[^()]*)\))?")
_LINK: Final = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Cell:
    """One field of one event as the file gives it, and the line it is on."""

    value: Value
    line: int


@dataclass(frozen=True)
class RawEvent:
    """One event as the file gives it: its fields, its first line and, in YAML, its item."""

    cells: Mapping[str, Cell]
    line: int
    item: int | None = None


@dataclass(frozen=True)
class FileEvent:
    """One checked event and the line of the file it starts on."""

    event: Event
    line: int


class _Checker:
    """Check the fields of one raw event, raising errors that say where and what."""

    def __init__(self, path: Path, raw: RawEvent) -> None:
        self.path = path
        self.raw = raw

    def fail(
        self,
        field: str,
        problem: str,
        *,
        value: str | None = None,
        expected: str | None = None,
    ) -> SourceFormatError:
        """Return the error for `field` of this event, at the field's line if it has one."""
        cell = self.raw.cells.get(field)
        prefix = "" if self.raw.item is None else f"item {self.raw.item}: "
        return SourceFormatError(
            self.path,
            prefix + problem,
            line=self.raw.line if cell is None else cell.line,
            field=field,
            value=value,
            expected=expected,
        )

    def text(self, field: str, *, required: bool = False) -> str | None:
        """Return a field's text, stripped; None when empty (an error if `required`)."""
        cell = self.raw.cells.get(field)
        value = None if cell is None else cell.value
        if isinstance(value, tuple):
            raise self.fail(field, f"{field} is a list", expected="a single value")
        text = None if value is None else value.strip() or None
        if text is None and required:
            raise self.fail(field, f"missing {field}", expected=f"a {field} on every event")
        return text

    def items(self, field: str) -> tuple[Item, ...]:
        """Return a field's list items; a text value is split at `;`."""
        cell = self.raw.cells.get(field)
        value = None if cell is None else cell.value
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value

    def strings(self, field: str) -> tuple[str, ...]:
        """Return a field's items as non-empty texts."""
        found: list[str] = []
        for item in self.items(field):
            if not isinstance(item, str):
                raise self.fail(field, f"a {field} item is a mapping", expected="plain texts")
            if item.strip():
                found.append(item.strip())
        return tuple(found)


def check_event(path: Path, raw: RawEvent, resolve: Resolve) -> Event:
    """Return the event `raw` describes, its territories resolved and its sectors as codes."""
    checker = _Checker(path, raw)
    for field in REQUIRED:
        checker.text(field, required=True)
    first = _territory(checker, "territory_a", resolve)
    second = _territory(checker, "territory_b", resolve)
    if first == second:
        raise checker.fail(
            "territory_b",
            "territory_b is the same territory as territory_a",
            value=checker.text("territory_b"),
            expected=f"a territory other than {first}",
        )
    return Event(
        date=_date(checker),
        kind=_kind(checker),
        title=" ".join(str(checker.text("title")).split()),
        territories=(first, second),
        place=checker.text("place"),
        participants=_participants(checker),
        themes=checker.strings("themes"),
        sectors=_sectors(checker),
        link=_link(checker),
        source_file=path.name,
    )


def _date(checker: _Checker) -> dt.date:
    text = str(checker.text("date"))
    expected = "an ISO date YYYY-MM-DD such as 2023-03-11"
    if not _ISO_DATE.fullmatch(text):
        raise checker.fail("date", "not an ISO date", value=text, expected=expected)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise checker.fail("date", "no such day", value=text, expected=expected) from None


def _kind(checker: _Checker) -> EventKind:
    text = str(checker.text("type"))
    for kind in EVENT_KINDS:
        if text.casefold() == kind:
            return kind
    close = difflib.get_close_matches(text.casefold(), EVENT_KINDS, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise checker.fail(
        "type",
        f"unknown event type {text!r}",
        expected="one of " + ", ".join(EVENT_KINDS) + hint,
    )


def _territory(checker: _Checker, field: str, resolve: Resolve) -> str:
    text = str(checker.text(field))
    try:
        return resolve(text).code
    except UnknownTerritoryError as error:
        closest = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
        raise checker.fail(
            field,
            f"unknown territory {text!r}",
            expected=f"a territory name or code such as Belgium, Belgio, BE, ITH5{closest}",
        ) from None
    except AmbiguousTerritoryError as error:
        raise checker.fail(
            field,
            f"ambiguous territory {text!r}",
            expected="one of the codes " + ", ".join(error.candidates),
        ) from None


def _participants(checker: _Checker) -> tuple[Participant, ...]:
    found: list[Participant] = []
    for item in checker.items("participants"):
        if isinstance(item, str):
            found.append(_participant_text(checker, item))
        else:
            found.append(_participant_mapping(checker, item))
    return tuple(found)


def _participant_text(checker: _Checker, text: str) -> Participant:
    match = _PARTICIPANT.fullmatch(text.strip())
    if match is None:
        raise checker.fail(
            "participants",
            f"bad participant {text.strip()!r}",
            expected=f"participants written as {PARTICIPANT_SYNTAX}",
        )
    role, _, organisation = (match.group("details") or "").partition(",")
    return Participant(
        " ".join(match.group("name").split()),
        role.strip() or None,
        organisation.strip() or None,
    )


def _participant_mapping(checker: _Checker, item: Mapping[str, str | None]) -> Participant:
    unknown = sorted(set(item) - set(PARTICIPANT_KEYS))
    name = (item.get("name") or "").strip()
    if unknown or not name:
        problem = f"unknown participant key {unknown[0]!r}" if unknown else "participant name"
        raise checker.fail(
            "participants",
            problem if unknown else f"missing {problem}",
            expected="a mapping with name and optionally role and organisation, "
            f"or a text {PARTICIPANT_SYNTAX}",
        )
    role, organisation = item.get("role"), item.get("organisation")
    return Participant(name, (role or "").strip() or None, (organisation or "").strip() or None)


def _sectors(checker: _Checker) -> tuple[str, ...]:
    codes: list[str] = []
    for text in checker.strings("sectors"):
        try:
            found = resolve_sector(text, "cpa")
        except InvalidArgumentError as error:
            raise checker.fail(
                "sectors", f"unknown sector {text!r}", expected=error.expected
            ) from None
        codes.extend(code for code in found if code not in codes)
    return tuple(codes)


def _link(checker: _Checker) -> str | None:
    text = checker.text("link")
    if text is not None and not _LINK.fullmatch(text):
        raise checker.fail(
            "link", "not a web address", value=text, expected="an address starting with https://"
        )
    return text
