"""The FastAPI application: the JSON API under /api/v1/ and the HTML pages, on one store."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

import bilateral
from bilateral.web import api, pages
from bilateral.web.state import ServedStore


def create_app(
    store: Path | None = None, *, allow_writes: bool = False, token: str | None = None
) -> FastAPI:
    """Return the app serving the store at `store` (default: $BILATERAL_STORE or the user's)."""
    opened = bilateral.open(store)
    app = FastAPI(
        title="bilateral",
        version=bilateral.__version__,
        description="Bilateral trade figures from official statistics, with their sources.",
    )
    app.state.served = ServedStore(opened.root, opened, allow_writes=allow_writes, token=token)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
