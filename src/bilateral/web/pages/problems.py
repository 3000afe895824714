"""Pages for requests the store cannot answer: unknown or ambiguous territory, bad argument."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from bilateral.errors import (
    AmbiguousTerritoryError,
    BilateralError,
    InvalidArgumentError,
    NoDataError,
    UnknownTerritoryError,
    VintageNotFoundError,
)
from bilateral.web.pages.rendering import page


def status_of(error: BilateralError) -> int:
    """Return the HTTP status of a user's error: 404 for what is not there, 400 otherwise."""
    if isinstance(error, UnknownTerritoryError | NoDataError | VintageNotFoundError):
        return 404
    if isinstance(error, AmbiguousTerritoryError | InvalidArgumentError):
        return 400
    return 400


def problem_page(request: Request, error: BilateralError) -> HTMLResponse:
    """Return the page that says what was wrong and what would do, with a proper 4xx status."""
    suggestions: tuple[str, ...] = ()
    if isinstance(error, UnknownTerritoryError):
        suggestions = error.suggestions
    elif isinstance(error, AmbiguousTerritoryError):
        suggestions = error.candidates
    choices = [(label, label.rsplit("(", 1)[-1].rstrip(")")) for label in suggestions]
    return page(
        request,
        "problem.html.j2",
        {"message": str(error), "choices": choices, "query": getattr(error, "query", None)},
        status_of(error),
    )
