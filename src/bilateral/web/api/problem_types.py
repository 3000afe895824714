"""The pages the `type` of every problem+json answer names: what the problem is, what to do.

`/api/v1/problems/no-data` answers a page (HTML, in the request's language) describing the
kind of problem, its HTTP status and its title; a name the app never emits is a 404 problem.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from bilateral.web.pages.rendering import page
from bilateral.web.problems import problem_types

router = APIRouter(tags=["problems"])


@router.get(
    "/problems/{name}",
    summary="What a problem type means",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}}},
)
def problem_type(request: Request, name: str) -> HTMLResponse:
    """The page of a problem type: the `type` member of every error answer links here."""
    kind = problem_types().get(name)
    if kind is None:
        known = ", ".join(sorted(problem_types()))
        raise HTTPException(404, f"no problem type {name!r}; the types are {known}")
    key = name.replace("-", "_")
    return page(request, "problem_type.html.j2", {"kind": kind, "key": key})
