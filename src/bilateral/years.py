"""Parsing year arguments: `2021`, `2019-2021`, `2019,2021`, or an iterable of ints."""

from __future__ import annotations

from collections.abc import Iterable

from bilateral.errors import InvalidArgumentError

FIRST_YEAR = 1900
LAST_YEAR = 2100
_EXPECTED = (
    f"years from {FIRST_YEAR} to {LAST_YEAR}: a year such as 2021, a range such as 2019-2021, "
    "or a list such as 2019,2021"
)


def checked_year(year: int, name: str = "year") -> int:
    """Return `year` if it is one the store can hold.

    >>> checked_year(1800)
    Traceback (most recent call last):
    bilateral.errors.InvalidArgumentError: invalid year 1800: expected a year from 1900 to 2100
    """
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidArgumentError(name, year, f"a year from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def parse_years(years: int | str | Iterable[int]) -> list[int]:
    """Return the sorted distinct years that `years` names.

    >>> parse_years("2019-2021")
    [2019, 2020, 2021]
    >>> parse_years("2021,2019")
    [2019, 2021]
    >>> parse_years(2020)
    [2020]
    """
    if isinstance(years, int):
        found = [years]
    elif isinstance(years, str):
        found = _parse_text(years)
    else:
        found = [int(year) for year in years]
    if not found or any(not FIRST_YEAR <= year <= LAST_YEAR for year in found):
        raise InvalidArgumentError("years", years, _EXPECTED)
    return sorted(set(found))


def describe_years(years: list[int]) -> str:
    """Return sorted years as short text, runs joined by a dash.

    >>> describe_years([2019, 2020, 2021, 2023])
    '2019-2021, 2023'
    """
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _parse_text(text: str) -> list[int]:
    found: list[int] = []
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise InvalidArgumentError("years", text, _EXPECTED)
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise InvalidArgumentError("years", text, _EXPECTED + " (first year first)")
        found.extend(range(start, end + 1))
    return found
