"""Errors of the disk under a write, told as what they are: a full disk names its folder.

DuckDB, delta-rs and Python each word a full disk their own way ("No space left on device",
"os error 28", DuckDB's "failed to offload" when its spill folder cannot grow); all of them
become `StoreFullError`.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from bilateral.errors import BilateralError, StoreFullError

_FULL_WORDS: Final = ("no space left on device", "os error 28", "enospc", "disk quota exceeded")
_SPILL_WORDS: Final = ("failed to offload", "could not write", "failed to write", "i/o error")
_NEARLY_FULL: Final = 64 << 20


def free_bytes(folder: Path) -> int | None:
    """Return the free bytes of the disk that holds `folder` (or its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def is_disk_full(error: BaseException, folder: Path) -> bool:
    """Say whether `error` comes from the disk holding `folder` having no room left."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(error).lower()
    if any(words in text for words in _FULL_WORDS):
        return True
    free = free_bytes(folder)
    return any(words in text for words in _SPILL_WORDS) and free is not None and free < _NEARLY_FULL


@contextlib.contextmanager
def write_errors(folder: Path) -> Iterator[None]:
    """Turn a full disk under `folder` into `StoreFullError`; other errors pass unchanged."""
    try:
        yield
    except BilateralError:
        raise
    except Exception as error:
        if is_disk_full(error, folder):
            raise StoreFullError(folder, free_bytes(folder)) from error
        raise
