"""The API's docs page: Swagger UI from the package that ships it, nothing from outside.

The page lists every endpoint server-side (readable without JavaScript); Swagger UI, served
from the `swagger-ui-bundle` package's files, makes it interactive.
"""

from __future__ import annotations

from html import escape
from typing import Any

import swagger_ui_bundle  # type: ignore[import-untyped]
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/api/docs/assets"
_INIT = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui",
    deepLinking: true, presets: [SwaggerUIBundle.presets.apis] });
  var listed = document.getElementById("listed");
  if (listed) { listed.hidden = true; }
});
"""

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def docs(request: Request) -> HTMLResponse:
    """The docs page: every endpoint listed, Swagger UI over it where JavaScript runs."""
    schema: dict[str, Any] = request.app.openapi()
    items = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            parameters = ", ".join(
                escape(p["name"]) for p in operation.get("parameters", []) if p["in"] == "query"
            )
            items.append(
                f"<li><code>{escape(method.upper())} {escape(path)}</code> "
                f"{escape(operation.get('summary', ''))}"
                + (f" <small>({parameters})</small>" if parameters else "")
                + "</li>"
            )
    title = escape(f"{schema['info']['title']} {schema['info']['version']} API")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"></head>
<body><main>
<div id="listed"><h1>{title}</h1>
<p>The OpenAPI document is <a href="/openapi.json">/openapi.json</a>. Errors are
<code>application/problem+json</code>; tables answer <code>format=json</code> or
<code>format=csv</code>.</p><ul>{"".join(items)}</ul></div>
<div id="swagger-ui"></div></main>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>"""
    return HTMLResponse(page)


@router.get("/api/docs/init.js")
def init() -> Response:
    """The script that starts Swagger UI on the app's OpenAPI document."""
    return Response(_INIT, media_type="text/javascript")


def install(app: FastAPI) -> None:
    """Add the docs page and Swagger UI's files to `app`."""
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")
