"""The pages' own assets: stylesheet, scripts and the Vega bundle, all served by the app."""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from typing import Final

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

router = APIRouter()

_TYPES: Final = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
VEGA: Final = "vega.js"


@functools.cache
def vega_bundle() -> bytes:
    """Return vega, vega-lite and vega-embed as one script (vl-convert's bundle, built once)."""
    import vl_convert

    bundle = vl_convert.javascript_bundle  # its stub wants a snippet; None gives the default
    return str(bundle(None)).encode("utf-8")  # type: ignore[arg-type]


@functools.cache
def packaged(name: str) -> bytes | None:
    """Return the bytes of static file `name` shipped in the package, None if there is none."""
    folder = resources.files("bilateral.web").joinpath("static")
    names = {entry.name for entry in folder.iterdir() if entry.is_file()}
    return folder.joinpath(name).read_bytes() if name in names else None


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """Point browsers that ask for the conventional icon at the packaged one."""
    return Response(status_code=301, headers={"Location": "/static/favicon.svg"})


@router.get("/static/{name}", include_in_schema=False)
def static_file(name: str, request: Request) -> Response:
    """Serve a packaged stylesheet or script; names are looked up, never joined to a path."""
    body = vega_bundle() if name == VEGA else packaged(name)
    suffix = name[name.rfind(".") :] if "." in name else ""
    if body is None or suffix not in _TYPES:
        raise HTTPException(status_code=404, detail=f"no static file {name!r}")
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "public, max-age=3600"}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=_TYPES[suffix], headers=headers)
