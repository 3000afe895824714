"""The store: what it holds, its history; with --allow-writes, an upload to ingest."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path, PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from bilateral.render.common import records_json
from bilateral.render.store import info_document
from bilateral.web.api.respond import JSON_MEDIA, FormatParameter, Served, answer, safe_name
from bilateral.web.state import ServedStore, served

router = APIRouter(tags=["store"])


@router.get("/store/info", summary="What the store holds")
def info(request: Request, state: Served, output: FormatParameter = "json") -> Response:
    """Sources, years, rows, vintages and size (`bilateral store info`)."""
    return answer(
        request,
        state,
        lambda store: store.info(),
        info_document,
        lambda result: result.records(),
        output,
        "store-info",
    )


@router.get("/store/history", summary="Every ingest; each version is a vintage")
def history(request: Request, state: Served, output: FormatParameter = "json") -> Response:
    """The ingests that changed the store, oldest first (`bilateral store history`)."""
    return answer(
        request,
        state,
        lambda store: store.history(),
        lambda result: result.records(),
        lambda result: result.records(),
        output,
        "store-history",
    )


def writer(request: Request) -> ServedStore:
    """Return the served store if this request may write to it (a FastAPI dependency).

    Writes need `--allow-writes` and the token the server printed at start, as
    `Authorization: Bearer TOKEN`.
    """
    state = served(request)
    if not state.allow_writes or state.token is None:
        raise HTTPException(
            403, "this server is read-only; start it with `bilateral serve --allow-writes`"
        )
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), state.token):
        raise HTTPException(
            401,
            "writes need the token `bilateral serve --allow-writes` printed at start, "
            "as the header Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return state


Writer = Annotated[ServedStore, Depends(writer)]


@router.post("/store/ingest", summary="Ingest an uploaded file (--allow-writes and its token)")
async def ingest(
    state: Writer,
    file: UploadFile,
    vintage: Annotated[str | None, Form(description="The vintage to record.")] = None,
) -> Response:
    """Ingest one uploaded file in one commit, or change nothing (`bilateral ingest`). Its name
    is kept (a publisher's file name carries its period) but no path: it is written into a
    folder of the server's own."""
    name = safe_name(PurePath(file.filename or "upload").name.lstrip(".")) or "upload"
    with tempfile.TemporaryDirectory(prefix="bilateral-upload-") as folder:
        target = Path(folder) / name
        with target.open("wb") as out:
            await run_in_threadpool(shutil.copyfileobj, file.file, out)
        report = await run_in_threadpool(
            lambda: state.store.ingest(target, vintage=vintage, wait=30)
        )
    return Response(records_json(report.records()), media_type=JSON_MEDIA)
