"""The versions of the store's tables that the ingest log publishes: the store's commit point.

Every write (an ingest, an events import, a repair) ends with one log entry that records the
version of every table once it was done (`table_versions`). Readers open each table at the
version the last entry pins, so a write is seen whole or not at all. Entries written before
the log kept versions pin only the flows table; the other tables are then read at their latest
version, as such a store was always read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from bilateral.errors import VintageNotFoundError
from bilateral.store.layout import TABLES, TableName

PINNED_TABLES: Final[tuple[TableName, ...]] = tuple(name for name in TABLES if name != "ingest_log")

Entry = dict[str, Any]
Pins = dict[TableName, int]
LatestVersion = Callable[[TableName], int]


def entry_pins(entry: Entry) -> Pins | None:
    """Return the versions one log entry publishes, or None for an entry of an older store."""
    text = entry.get("table_versions")
    if not text:
        return None
    versions = json.loads(str(text))
    return {name: int(versions[name]) for name in PINNED_TABLES if name in versions}


def current_pins(entries: Sequence[Entry], latest: LatestVersion) -> Pins:
    """Return the versions the log publishes now: those its last entry pins.

    In a store whose entries pin nothing (written before the log kept versions) every table is
    read at its latest version; in a store whose log is empty, at its first, empty version.
    """
    pinned = [(e, p) for e in entries if (p := entry_pins(e)) is not None]
    if pinned:
        last = max(pinned, key=lambda item: _committed(item[0]))[1]
        return {name: last.get(name, 0) for name in PINNED_TABLES}
    if entries:
        return {name: latest(name) for name in PINNED_TABLES}
    return dict.fromkeys(PINNED_TABLES, 0)


def pins_as_of(
    entries: Sequence[Entry], as_of: int | datetime, latest: LatestVersion, created_ms: int
) -> Pins:
    """Return the versions published when the flows table was at version `as_of`, or at a time.

    A version between two entries' is read as the earlier entry left the store: a commit no
    entry published (an interrupted ingest) is never read.
    """
    newest = current_pins(entries, latest)["flows"] if entries else 0
    if isinstance(as_of, datetime):
        moment = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
        if moment.timestamp() * 1000 < created_ms:
            created = datetime.fromtimestamp(created_ms / 1000, tz=UTC)
            raise VintageNotFoundError(
                f"the store did not exist yet at {as_of.isoformat()}: it was created at "
                f"{created.isoformat(timespec='seconds')}; give a later date or a version from "
                "`bilateral store history`"
            )
        earlier = [e for e in entries if _committed(e) <= moment]
    else:
        if as_of < 0 or as_of > newest:
            raise VintageNotFoundError(
                f"the store has no version {as_of} of its flows (it has 0 to {newest}); see "
                "`bilateral store history` for the versions it has"
            )
        earlier = [e for e in entries if int(e["flows_version"]) <= as_of]
    if not earlier:
        return dict.fromkeys(PINNED_TABLES, 0)
    last = max(earlier, key=lambda e: (int(e["flows_version"]), _committed(e)))
    pins = entry_pins(last)
    if pins is None:  # an older store's entry: its flows version, the other tables as they are
        pins = {name: latest(name) for name in PINNED_TABLES}
        pins["flows"] = int(last["flows_version"])
    return {name: pins.get(name, 0) for name in PINNED_TABLES}


def _committed(entry: Entry) -> datetime:
    moment = entry.get("committed_at") or entry["started_at"]
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def encode_pins(pins: Pins) -> str:
    """Return the pins as the JSON text a log entry keeps."""
    return json.dumps({name: pins[name] for name in PINNED_TABLES if name in pins})
