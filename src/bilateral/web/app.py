"""The FastAPI application: the JSON API under /api/v1/ and the HTML pages, on one store."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

import bilateral
from bilateral.web import api, docs, pages, problems
from bilateral.web.replay import ReplayedAnswers
from bilateral.web.security import BodyLimit, SecurityHeaders
from bilateral.web.state import CHECK_UPLOAD_LIMIT, INGEST_UPLOAD_LIMIT, ServedStore

# Bodies other than a text to check or a file to ingest: forms, small JSON.
DEFAULT_BODY_LIMIT = 100_000


def create_app(
    store: Path | None = None,
    *,
    allow_writes: bool = False,
    token: str | None = None,
    check_limit: int = CHECK_UPLOAD_LIMIT,
    ingest_limit: int = INGEST_UPLOAD_LIMIT,
) -> FastAPI:
    """Return the app serving the store at `store` (default: $BILATERAL_STORE or the user's).

    Read-only unless `allow_writes`, and then only for requests carrying `token`.
    """
    opened = bilateral.open(store)
    app = FastAPI(
        title="bilateral",
        version=bilateral.__version__,
        description="Bilateral trade figures from official statistics, with their sources. "
        "Every query of the command line, with the same parameters and the same fields as its "
        "`--format json` (or `--format csv` with `format=csv`).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.served = served = ServedStore(
        opened.root,
        opened,
        allow_writes=allow_writes,
        token=token,
        check_limit=check_limit,
        ingest_limit=ingest_limit,
    )
    problems.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    docs.install(app)

    def limit_for(path: str) -> int:
        if path in ("/api/v1/check", "/check"):  # the API and the check page
            return check_limit + 10_000  # the form's own bytes around the text
        if path == "/api/v1/store/ingest":
            return ingest_limit + 10_000
        return DEFAULT_BODY_LIMIT

    app.add_middleware(BodyLimit, limit_for=limit_for, default=DEFAULT_BODY_LIMIT)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ReplayedAnswers, served=served)  # outermost: keeps the headers above
    return app
