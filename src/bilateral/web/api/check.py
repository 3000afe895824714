"""The claim check: the trade figures quoted in a text, verified against the store."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from bilateral.errors import InvalidArgumentError
from bilateral.render.claims import claims_html, claims_json
from bilateral.web.api.parameters import AsOf
from bilateral.web.api.respond import JSON_MEDIA, Served

router = APIRouter(tags=["check"])

_TEXT_SCHEMA = {"type": "string", "description": "The text to check (UTF-8)."}
_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The text: a plain-text body, or a form with `text` or a `file` upload.",
        "content": {
            "text/plain": {"schema": _TEXT_SCHEMA},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": _TEXT_SCHEMA,
                        "file": {"type": "string", "format": "binary"},
                    },
                }
            },
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"text": _TEXT_SCHEMA}}
            },
        },
    }
}


@router.post("/check", summary="Check the trade figures quoted in a text", openapi_extra=_BODY)
async def check(
    request: Request,
    state: Served,
    output: Annotated[
        Literal["json", "html"],
        Query(alias="format", description="json: one object per claim; html: the text annotated."),
    ] = "json",
    as_of: AsOf = None,
) -> Response:
    """Check the trade figures quoted in a text (press release, article) against the data
    (`bilateral check`). The text is data: the HTML escapes everything it shows."""
    text = await _text_of(request)
    report = await run_in_threadpool(state.ask, lambda store: store.check(text, as_of=as_of))
    if output == "html":
        return Response(claims_html(report), media_type="text/html; charset=utf-8")
    return Response(claims_json(report), media_type=JSON_MEDIA)


async def _text_of(request: Request) -> str:
    """Return the text a request carries: its body, its form's `text` or its `file`."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        async with request.form(max_files=1, max_fields=4) as form:
            given = form.get("file")
            if isinstance(given, UploadFile):
                return _decoded(await given.read(), given.filename or "file")
            if isinstance(given, str) and given:
                return given
            text = form.get("text")
            if isinstance(text, str):
                return text
        raise InvalidArgumentError("text", None, "a form field `text` or a `file` upload")
    if kind in ("text/plain", ""):
        return _decoded(await request.body(), "body")
    raise InvalidArgumentError(
        "Content-Type",
        kind,
        "text/plain, multipart/form-data (text or file) or application/x-www-form-urlencoded",
    )


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidArgumentError(name, f"{len(data)} bytes", "a UTF-8 text") from None
