"""A page's sections: one store query each, its footnote, its downloads, or why it is empty.

A section whose query finds no data (or lacks a reference table) keeps the error's message to
show in its place: the rest of the page still renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote, urlencode

from bilateral.errors import (
    AmbiguousTerritoryError,
    BilateralError,
    UnknownTerritoryError,
)
from bilateral.results.base import Provenance

T = TypeVar("T")


@dataclass(frozen=True)
class Footnote:
    """Where a section's figures come from, and the command that prints them."""

    sources: tuple[str, ...]
    vintages: tuple[str, ...]
    period: str
    currency: str
    conversion: str | None
    command: str


@dataclass(frozen=True)
class Section(Generic[T]):
    """One query's result with its footnote and downloads, or the message of its absence."""

    result: T | None
    message: str | None
    footnote: Footnote | None
    downloads: dict[str, str] = field(default_factory=dict)
    error: BilateralError | None = None  # why there is no result, as data to word


def api_url(path: str, **query: object) -> str:
    """Return the relative URL of the JSON API's `path` with the options that are set."""
    pairs = {k: str(v) for k, v in query.items() if v is not None}
    return f"/api/v1/{path}" + (f"?{urlencode(pairs)}" if pairs else "")


def segment(code: str) -> str:
    """Return a territory code as a URL path segment."""
    return quote(code, safe="")


def downloads(path: str, **query: object) -> dict[str, str]:
    """Return the CSV and JSON download URLs of an API table."""
    return {kind: api_url(path, **query, format=kind) for kind in ("csv", "json")}


def footnote(result: Any, command: str) -> Footnote | None:
    """Return the footnote of `result`'s provenance, or None for a result without one."""
    provenance: Provenance | None = getattr(result, "provenance", None)
    if provenance is None:
        return Footnote((), (), "", "", None, command)
    return Footnote(
        provenance.sources,
        provenance.vintages,
        provenance.period,
        provenance.currency,
        provenance.conversion,
        command,
    )


def run(call: Callable[[], T], command: str, links: dict[str, str] | None = None) -> Section[T]:
    """Run one section's query; a user-fixable error becomes the section's message."""
    try:
        result = call()
    except (UnknownTerritoryError, AmbiguousTerritoryError):
        raise  # the page's own territories were resolved before: this is no section's business
    except BilateralError as error:
        return Section(None, str(error), None, links or {}, error)
    return Section(result, None, footnote(result, command), links or {})
