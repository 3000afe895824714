"""The checks of a query's arguments, made once for the command line, the web app and Python.

Each check returns the argument as the query takes it, or raises `InvalidArgumentError`
naming the argument and what would be valid (the CLI and the API say the same). The year
check lives in `bilateral.years`, light enough for the command line's parsing.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from bilateral.errors import InvalidArgumentError
from bilateral.years import checked_year

__all__ = ["AsOf", "checked_as_of", "checked_choice", "checked_count", "checked_year"]

AsOf = int | str | datetime | None
T = TypeVar("T")


def parse_as_of(as_of: int | str | datetime) -> int | datetime:
    """Return a store version number or a moment from `as_of` ("3", "2024-03-01").

    >>> parse_as_of(" 3 "), parse_as_of("2024-03-01")
    (3, datetime.datetime(2024, 3, 1, 0, 0))
    """
    if isinstance(as_of, int | datetime):
        return as_of
    text = as_of.strip()
    if text.isdigit():
        return int(text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArgumentError(
            "as_of", as_of, "a store version number or an ISO date/time such as 2024-03-01"
        ) from None


def checked_as_of(root: Path, as_of: AsOf) -> AsOf:
    """Return `as_of` if the store at `root` can be read as of it (None: as published now).

    Raises `InvalidArgumentError` for a text that is neither a version nor a date, and
    `VintageNotFoundError` for a version the store never had or a time before it existed.
    """
    if as_of is not None:
        from bilateral.store import snapshot

        snapshot(root, parse_as_of(as_of))
    return as_of


def checked_count(name: str, value: int | None, things: str) -> int | None:
    """Return `value` if it is None or a count >= 1 (`top`, `span`, `top_chapters`)."""
    if value is not None and (isinstance(value, bool) or value < 1):
        raise InvalidArgumentError(name, value, f"a number of {things} >= 1")
    return value


def checked_choice(name: str, value: T, choices: Collection[T], expected: str = "") -> T:
    """Return `value` if it is one of `choices` (a scheme, a flow)."""
    if value not in choices:
        said = expected or f"one of {', '.join(str(choice) for choice in choices)}"
        raise InvalidArgumentError(name, value, said)
    return value
