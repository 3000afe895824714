"""The check page: a pasted text or an uploaded file comes back with each figure's verdict.

The text is data: the template escapes every piece of it, marked or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Final

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from bilateral.errors import BilateralError
from bilateral.results.claims import CheckReport, ClaimCheck
from bilateral.web.pages.problems import problem_page
from bilateral.web.pages.rendering import page
from bilateral.web.state import served

router = APIRouter()

MAX_TEXT: Final = 200_000  # characters of a pasted text (the app limits its bytes too)


@dataclass(frozen=True)
class Piece:
    """A run of the text: plain, or a figure with its claim's number and check."""

    text: str
    number: int | None = None
    check: ClaimCheck | None = None


def pieces(report: CheckReport) -> list[Piece]:
    """Cut the text into plain runs and marked figures (overlapping figures: the first wins)."""
    numbered = sorted(enumerate(report.checks, start=1), key=lambda pair: pair[1].claim.start)
    result: list[Piece] = []
    cursor = 0
    for number, check in numbered:
        start, end = check.claim.start, check.claim.end
        if start < cursor:
            continue
        result.append(Piece(report.text[cursor:start]))
        result.append(Piece(report.text[start:end], number, check))
        cursor = end
    result.append(Piece(report.text[cursor:]))
    return [piece for piece in result if piece.text]


def _show(request: Request, text: str, report: CheckReport | None, problem: str | None,
          status_code: int = 200, as_of: str | None = None) -> HTMLResponse:  # fmt: skip
    context = {
        "text": text,
        "as_of": as_of or "",
        "report": report,
        "pieces": pieces(report) if report is not None else [],
        "checks": list(enumerate(report.checks, start=1)) if report is not None else [],
        "problem": problem,
        "max_text": MAX_TEXT,
    }
    return page(request, "check.html.j2", context, status_code)


@router.get("/check", include_in_schema=False)
def check_form(request: Request) -> HTMLResponse:
    """The form to paste a text or upload a file."""
    return _show(request, "", None, None)


@router.post("/check", include_in_schema=False)
async def check_text(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    as_of: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Check the figures of the pasted text, or of the uploaded file when one is given.

    `as_of` (a store version or a date; empty: as published now) checks against the store
    as it was then."""
    asked = as_of.strip() or None
    if file is not None and file.filename:
        limit = served(request).check_limit
        data = await file.read(limit + 1)
        if len(data) > limit:
            return _show(request, "", None, "file_too_large", 413, asked)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _show(request, "", None, "file_not_text", 400, asked)
    if not text.strip():
        return _show(request, text, None, "empty", 400, asked)
    # Off the event loop, and on the store's one engine only when no other query runs.
    ask = served(request).ask
    try:
        report = await run_in_threadpool(ask, lambda store: store.check(text, as_of=asked))
    except BilateralError as error:
        return problem_page(request, error)
    return _show(request, text, report, None, as_of=asked)
