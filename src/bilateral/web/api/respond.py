"""Answers of the API: the CLI's JSON document or CSV lines, with the store's validators.

The JSON and CSV are made by `bilateral.render` (the functions `--format json|csv` prints),
never serialised a second way here.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import format_datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, Query, Request, Response

from bilateral.render.common import records_csv, records_json
from bilateral.web.state import ServedStore, Version, served

T = TypeVar("T")
TableFormat = Literal["json", "csv"]
FormatParameter = Annotated[
    TableFormat,
    Query(
        alias="format",
        description="json: the CLI's `--format json` document; csv: its `--format csv` lines.",
    ),
]
Served = Annotated[ServedStore, Depends(served)]
JSON_MEDIA = "application/json"
CSV_MEDIA = "text/csv; charset=utf-8"
Records = list[dict[str, Any]]


def validators(version: Version) -> dict[str, str]:
    """Return the ETag and Last-Modified headers of answers read from `version`."""
    headers = {"ETag": f'W/"{version.tag}"', "Cache-Control": "no-cache"}
    if version.modified is not None:
        headers["Last-Modified"] = format_datetime(version.modified, usegmt=True)
    return headers


def unchanged(request: Request, version: Version) -> Response | None:
    """Return 304 when the request's If-None-Match names `version`'s tag, else None."""
    asked = request.headers.get("if-none-match")
    if asked is not None and names_tag(asked, f'"{version.tag}"'):
        return Response(status_code=304, headers=validators(version))
    return None


def names_tag(if_none_match: str, etag: str) -> bool:
    """Return whether an If-None-Match header's value names `etag` (weak comparison).

    >>> names_tag('W/"a1", "b2"', 'W/"b2"'), names_tag("*", '"c3"'), names_tag('"a1"', '"b2"')
    (True, True, False)
    """
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def answer(
    request: Request,
    state: ServedStore,
    question: Callable[[Any], T],
    document: Callable[[T], Any],
    records: Callable[[T], Records],
    output: TableFormat,
    name: str,
) -> Response:
    """Ask `question` of the store and answer its JSON document or its CSV lines.

    `name` is the CSV download's file name without extension. A request whose If-None-Match
    names the store's version is answered 304 without asking.
    """
    version = state.version()
    cached = unchanged(request, version)
    if cached is not None:
        return cached
    asked = tuple(
        sorted(item for item in request.query_params.multi_items() if item[0] != "format")
    )
    result = state.remembered(version, (request.url.path, asked), question)
    headers = validators(version)
    if output == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{safe_name(name)}.csv"'
        return Response(records_csv(records(result)), media_type=CSV_MEDIA, headers=headers)
    return Response(records_json(document(result)), media_type=JSON_MEDIA, headers=headers)


def safe_name(name: str) -> str:
    """Return a file name made of ASCII letters, digits, '.', '-' and '_' only.

    >>> safe_name("sectors-Côte d'Ivoire/../x")
    'sectors-C_te_d_Ivoire_.._x'
    """
    return "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "_" for c in name)[:120]
