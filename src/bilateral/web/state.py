"""The one store a running app serves, opened once and kept warm between requests.

FastAPI runs the API's endpoints in a pool of threads; the store's pipeline keeps one engine
and the store's open tables between queries, which one thread at a time may use. Every query
runs under `ServedStore.lock`: bench/web_concurrency.py compares it with an engine per
thread (8 threads on the demo store: p95 0.73x the per-thread engines', p50 1.31x). An answer
already remembered is handed out without that lock, so a long query does not hold it up.

Every request asks the store's version (for its validators and its remembered answers). A
version is read from the ingest log once and then kept while the stamp of what publishing
changes (the ingest log's folder of commits, the reference manifest) stays the same: a stat
of two paths instead of a read of the log.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fastapi import Request

import bilateral
from bilateral.store.layout import table_path

if TYPE_CHECKING:
    from bilateral.api import Store

T = TypeVar("T")

# Uploads larger than these are refused (413) before they are read whole.
CHECK_UPLOAD_LIMIT = 1_000_000  # bytes of a text to check
INGEST_UPLOAD_LIMIT = 2_000_000_000  # bytes of a file to ingest
ANSWERS_KEPT = 128  # pages and answers kept in memory for the store's current version
# A stamp whose newest time is this close to now is not trusted: a file system's times are
# coarse (a few ms), so a second commit in the same tick would leave the stamp as it was.
SETTLED_NS = 2_000_000_000

Stamp = tuple[int, ...]


@dataclass(frozen=True)
class Version:
    """What a response's validators are made of: the store's versions and its last ingest."""

    tag: str  # the ETag's opaque value
    modified: datetime | None  # the last ingest's time (None: nothing ingested yet)


@dataclass
class ServedStore:
    """The store an app serves and how it may be used."""

    root: Path
    store: Store
    allow_writes: bool = False
    token: str | None = None  # required by write requests when writes are allowed
    check_limit: int = CHECK_UPLOAD_LIMIT
    ingest_limit: int = INGEST_UPLOAD_LIMIT
    lock: threading.Lock = field(default_factory=threading.Lock)
    _modified: dict[str, datetime | None] = field(default_factory=dict)
    _answers: OrderedDict[tuple[str, Hashable], object] = field(default_factory=OrderedDict)
    _answers_lock: threading.Lock = field(default_factory=threading.Lock)
    _known: tuple[Stamp, Version] | None = None  # the version read at a settled stamp

    def remembered(self, version: Version, key: Hashable, question: Callable[[Store], T]) -> T:
        """Return `question`'s answer on the store at `version`, asked once per version.

        A store version never changes, so neither does what is read from it: a page or an
        answer asked again is served from memory (the last `ANSWERS_KEPT` of them) until the
        store gains a version. `key` names the question, its arguments and its language.
        A remembered answer does not wait for the query running; the same question asked
        while it runs waits for it and is not asked twice.
        """
        named = (version.tag, key)
        found = self._recall(named)
        if found is not None:
            return found[0]  # type: ignore[return-value]
        with self.lock:
            found = self._recall(named)
            if found is not None:
                return found[0]  # type: ignore[return-value]
            answer = question(self.store)
        with self._answers_lock:
            self._answers[named] = answer
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.popitem(last=False)
        return answer

    def _recall(self, named: tuple[str, Hashable]) -> tuple[object] | None:
        with self._answers_lock:
            if named not in self._answers:
                return None
            self._answers.move_to_end(named)
            return (self._answers[named],)

    def ask(self, question: Callable[[Store], T]) -> T:
        """Run `question` on the warm store, one query at a time."""
        with self.lock:
            return question(self.store)

    def version(self) -> Version:
        """Return the validators of the store as now published (a new ingest changes them)."""
        known = self.known_version()
        if known is not None:
            return known
        checked = time.time_ns()
        stamp = publication_stamp(self.root)
        with self.lock:
            versions = self.store.versions()
        said = ";".join(f"{name}={number}" for name, number in sorted(versions.items()))
        text = f"{bilateral.__version__};{said};reference={stamp[-1]}"
        tag = hashlib.sha256(text.encode()).hexdigest()[:20]
        if tag not in self._modified:
            self._modified[tag] = self._last_ingest()
        version = Version(tag, self._modified[tag])
        if max(stamp[2], stamp[-1]) < checked - SETTLED_NS:  # both modification times
            self._known = (stamp, version)
        return version

    def known_version(self) -> Version | None:
        """Return the store's version if nothing was published since it was last read, without
        reading the log or waiting for a query (None: ask `version`)."""
        known = self._known
        if known is not None and known[0] == publication_stamp(self.root):
            return known[1]
        return None

    def _last_ingest(self) -> datetime | None:
        entries = self.ask(lambda store: store.history().entries)
        if not entries:
            return None
        return max(datetime.fromisoformat(entry.started_at) for entry in entries)


def publication_stamp(root: Path) -> Stamp:
    """Return what publishing changes: inode, ctime and mtime of the ingest log's folder of
    commits, then of the reference manifest (zeros for one that is absent)."""
    stamp: list[int] = []
    for path in (
        table_path(root, "ingest_log") / "_delta_log",
        root / "reference" / "manifest.json",
    ):
        try:
            found = path.stat()
        except FileNotFoundError:
            stamp += [0, 0, 0]
        else:
            stamp += [found.st_ino, found.st_ctime_ns, found.st_mtime_ns]
    return tuple(stamp)


def served(request: Request) -> ServedStore:
    """Return the store the app that took `request` serves (a FastAPI dependency)."""
    state: ServedStore = request.app.state.served
    return state


def store_of(request: Request) -> Store:
    """Return the warm `Store` behind `request`'s app, for what needs no query (a dependency).

    Resolving names and reading the store's log and reference need no engine; anything that
    runs a query takes `locked_store` instead.
    """
    return served(request).store
