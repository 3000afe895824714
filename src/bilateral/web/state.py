"""The one store a running app serves, opened once and kept warm between requests.

FastAPI runs the API's endpoints in a pool of threads; the store's pipeline keeps one engine
and the store's open tables between queries, which one thread at a time may use. Every query
runs under `ServedStore.lock`: bench/web_concurrency.py compares it with an engine per
thread (8 threads on the demo store: p95 0.73x the per-thread engines', p50 1.31x).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fastapi import Request

import bilateral

if TYPE_CHECKING:
    from bilateral.api import Store

T = TypeVar("T")

# Uploads larger than these are refused (413) before they are read whole.
CHECK_UPLOAD_LIMIT = 1_000_000  # bytes of a text to check
INGEST_UPLOAD_LIMIT = 2_000_000_000  # bytes of a file to ingest
ANSWERS_KEPT = 128  # pages and answers kept in memory for the store's current version


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

    def remembered(self, version: Version, key: Hashable, question: Callable[[Store], T]) -> T:
        """Return `question`'s answer on the store at `version`, asked once per version.

        A store version never changes, so neither does what is read from it: a page or an
        answer asked again is served from memory (the last `ANSWERS_KEPT` of them) until the
        store gains a version. `key` names the question, its arguments and its language.
        """
        with self.lock:
            if (version.tag, key) in self._answers:
                self._answers.move_to_end((version.tag, key))
                return self._answers[(version.tag, key)]  # type: ignore[return-value]
            answer = question(self.store)
            self._answers[(version.tag, key)] = answer
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.popitem(last=False)
            return answer

    def ask(self, question: Callable[[Store], T]) -> T:
        """Run `question` on the warm store, one query at a time."""
        with self.lock:
            return question(self.store)

    def version(self) -> Version:
        """Return the validators of the store as now published (a new ingest changes them)."""
        with self.lock:
            versions = self.store.versions()
        manifest = self.root / "reference" / "manifest.json"
        reference = manifest.stat().st_mtime_ns if manifest.exists() else 0
        said = ";".join(f"{name}={number}" for name, number in sorted(versions.items()))
        text = f"{bilateral.__version__};{said};reference={reference}"
        tag = hashlib.sha256(text.encode()).hexdigest()[:20]
        if tag not in self._modified:
            self._modified[tag] = self._last_ingest()
        return Version(tag, self._modified[tag])

    def _last_ingest(self) -> datetime | None:
        entries = self.ask(lambda store: store.history().entries)
        if not entries:
            return None
        return max(datetime.fromisoformat(entry.started_at) for entry in entries)


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
