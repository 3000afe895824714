"""The checks of a query's arguments, made once for the command line, the web app and Python.

Each check returns the argument as the query takes it, or raises `InvalidArgumentError`
naming the argument and what would be valid (the CLI and the API say the same).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bilateral.errors import InvalidArgumentError
from bilateral.store import snapshot
from bilateral.years import FIRST_YEAR, LAST_YEAR

AsOf = int | str | datetime | None


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
        snapshot(root, parse_as_of(as_of))
    return as_of


def checked_year(year: int, name: str = "year") -> int:
    """Return `year` if it is one the store can hold."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidArgumentError(name, year, f"a year from {FIRST_YEAR} to {LAST_YEAR}")
    return year
