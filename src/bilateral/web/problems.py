"""Errors as `application/problem+json` (RFC 9457), carrying the command line's message.

Each error a request can cause maps to a 4xx status, a `type` naming its kind, the CLI's
message as `detail`, and what the error holds as extra members (`suggestions`, `candidates`,
`argument`, `expected`, `reason`...), so that a client reads them as data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from bilateral import errors

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "/api/v1/problems/"
log = logging.getLogger("bilateral.web")


@dataclass(frozen=True)
class Kind:
    """How one error class answers: its status, kind name and the members it adds."""

    status: int
    name: str
    title: str
    members: Callable[[Any], dict[str, Any]] = lambda error: {}


# The first class an error is an instance of decides (subclasses before their bases).
KINDS: tuple[tuple[type[Exception], Kind], ...] = (
    (
        errors.UnknownTerritoryError,
        Kind(
            404,
            "unknown-territory",
            "Unknown territory",
            lambda e: {"query": e.query, "suggestions": list(e.suggestions)},
        ),
    ),
    (
        errors.AmbiguousTerritoryError,
        Kind(
            422,
            "ambiguous-territory",
            "Ambiguous territory",
            lambda e: {"query": e.query, "candidates": list(e.candidates), "reason": e.reason},
        ),
    ),
    (
        errors.InvalidArgumentError,
        Kind(
            422,
            "invalid-argument",
            "Invalid argument",
            lambda e: {"argument": e.name, "value": _plain(e.value), "expected": e.expected},
        ),
    ),
    (
        errors.NoDataError,
        Kind(404, "no-data", "No data", lambda e: {"reason": e.reason}),
    ),
    (
        errors.RateNotAvailableError,
        Kind(
            404,
            "rate-not-available",
            "Exchange rate not available",
            lambda e: {"currency": e.currency, "period": e.period, "available": list(e.available)},
        ),
    ),
    (
        errors.ReferenceNotLoadedError,
        Kind(
            404,
            "reference-not-loaded",
            "Reference table not loaded",
            lambda e: {"table": e.table, "needed_for": e.needed_for},
        ),
    ),
    (errors.VintageNotFoundError, Kind(404, "vintage-not-found", "Vintage not found")),
    (
        errors.SourceFormatError,
        Kind(
            422,
            "unreadable-file",
            "File not readable",
            lambda e: {"line": e.line, "field": e.field, "expected": e.expected},
        ),
    ),
    (errors.StoreBusyError, Kind(503, "store-busy", "Store busy")),
    (errors.StoreDamagedError, Kind(503, "store-damaged", "Store damaged")),
    (errors.StoreFullError, Kind(507, "store-full", "Disk full")),
    (errors.StoreReadOnlyError, Kind(403, "store-read-only", "Store read-only")),
    (errors.EngineUnavailableError, Kind(503, "engine-unavailable", "Engine unavailable")),
    (errors.FetchError, Kind(502, "fetch-failed", "Download failed")),
    (errors.BriefCheckError, Kind(500, "brief-check-failed", "Brief failed its self-check")),
    (errors.StoreError, Kind(409, "store-error", "Store error")),
    (errors.BilateralError, Kind(400, "bad-request", "Bad request")),
)


def problem(status: int, name: str, title: str, detail: str, **members: Any) -> JSONResponse:
    """Return a problem+json response."""
    body = {"type": PROBLEM_TYPES + name, "title": title, "status": status, "detail": detail}
    body.update({key: value for key, value in members.items() if value is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def kind_of(error: Exception) -> Kind:
    """Return how `error` answers (a `BilateralError` of any class has a kind)."""
    return next(kind for cls, kind in KINDS if isinstance(error, cls))


async def _bilateral_error(request: Request, error: Exception) -> JSONResponse:
    kind = kind_of(error)
    if kind.status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, error)
    response = problem(kind.status, kind.name, kind.title, str(error), **kind.members(error))
    if isinstance(error, errors.StoreBusyError):
        response.headers["Retry-After"] = "5"
    return response


# Answers made for requests FastAPI refuses before any endpoint runs, and for bugs.
INVALID = Kind(422, "invalid-argument", "Invalid argument")
HTTP_KINDS: dict[int, Kind] = {
    401: Kind(401, "unauthorized", "Unauthorized"),
    403: Kind(403, "forbidden", "Forbidden"),
    404: Kind(404, "not-found", "Not found"),
    405: Kind(405, "method-not-allowed", "Method not allowed"),
    413: Kind(413, "too-large", "Too large"),
}
OTHER_HTTP = Kind(400, "error", "Error")
BUG = Kind(500, "internal-error", "Internal error")


def problem_types() -> dict[str, Kind]:
    """Return every kind of problem the app can answer, by the name its `type` URI ends with."""
    kinds = [kind for _, kind in KINDS]
    kinds += [INVALID, *HTTP_KINDS.values(), OTHER_HTTP, BUG]
    return {kind.name: kind for kind in kinds}


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    said = []
    invalid = []
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ()) if part not in ("query", "path")]
        name = ".".join(location) or "request"
        value = item.get("input")
        shown = "" if value is None or isinstance(value, dict) else f" {value!r}"
        said.append(f"invalid {name}{shown}: {item.get('msg', 'invalid')}")
        invalid.append({"argument": name, "value": _plain(value), "expected": item.get("msg")})
    return problem(
        INVALID.status,
        INVALID.name,
        INVALID.title,
        "; ".join(said),
        invalid=invalid,
        **({k: v for k, v in invalid[0].items()} if len(invalid) == 1 else {}),
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    kind = HTTP_KINDS.get(error.status_code, OTHER_HTTP)
    response = problem(error.status_code, kind.name, kind.title, str(error.detail))
    for key, value in (error.headers or {}).items():
        response.headers[key] = value
    return response


async def _bug(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s", request.method, request.url.path, exc_info=error)
    return problem(
        BUG.status,
        BUG.name,
        BUG.title,
        "internal error: this is a bug in bilateral; please report it",
    )


def install(app: FastAPI) -> None:
    """Answer every error of `app` as problem+json."""
    app.add_exception_handler(errors.BilateralError, _bilateral_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _bug)


def _plain(value: Any) -> Any:
    """Return `value` as JSON holds it (anything else as its text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)
