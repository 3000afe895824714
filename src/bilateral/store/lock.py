"""The store's write lock: one writer at a time, others wait or give up with a clear message.

Readers take no lock: they read the versions the ingest log pins, which a writer changes only
with its last commit. The lock is an OS file lock (`filelock`), released by the kernel when its
holder dies, so a killed writer never leaves the store locked. A process that already holds the
lock of a store takes it again freely (an ingest started by a repair).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from filelock import FileLock, Timeout

from bilateral.errors import StoreBusyError
from bilateral.store.layout import lock_path

WAIT_VARIABLE: Final = "BILATERAL_LOCK_WAIT"
"""Seconds a writer waits for another to finish before `StoreBusyError` (unset: no limit)."""

_FIRST_TRY: Final = 0.2
_held: dict[Path, int] = {}

OnWait = Callable[[str], None]
"""Called once, with who holds the lock, when a writer has to wait for it."""


def default_wait() -> float | None:
    """Return the wait in seconds from `$BILATERAL_LOCK_WAIT`, or None to wait as long as needed."""
    configured = os.environ.get(WAIT_VARIABLE, "").strip()
    return float(configured) if configured else None


@contextlib.contextmanager
def write_lock(
    root: Path, *, wait: float | None = None, on_wait: OnWait | None = None
) -> Iterator[None]:
    """Hold the store's write lock for the block; wait up to `wait` seconds (None: no limit)."""
    key = root.resolve()
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    lock = FileLock(str(lock_path(root)), is_singleton=False)
    started = time.monotonic()
    try:
        lock.acquire(timeout=_FIRST_TRY)
    except Timeout:
        holder = _holder(root)
        if on_wait is not None:
            on_wait(holder)
        limit = default_wait() if wait is None else wait
        try:
            lock.acquire(timeout=-1 if limit is None else max(limit - _FIRST_TRY, 0.0))
        except Timeout:
            raise StoreBusyError(root, holder, time.monotonic() - started) from None
    _held[key] = 1
    try:
        _holder_path(root).write_text(_describe_self(), encoding="utf-8")
        yield
    finally:
        del _held[key]
        _holder_path(root).unlink(missing_ok=True)
        lock.release()


def _holder_path(root: Path) -> Path:
    return lock_path(root).with_suffix(".holder")


def _describe_self() -> str:
    command = " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:2]) if sys.argv else "python"
    since = datetime.now(UTC).isoformat(timespec="seconds")
    return f"process {os.getpid()} ({command}) since {since}"


def _holder(root: Path) -> str:
    try:
        return _holder_path(root).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"
