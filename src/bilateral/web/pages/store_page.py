"""The store page: sources, vintages, history, reference tables, and how to add data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bilateral.api import Store
from bilateral.web.pages.rendering import page
from bilateral.web.state import store_of

router = APIRouter()


@router.get("/store", include_in_schema=False)
def store_page(request: Request, store: Annotated[Store, Depends(store_of)]) -> HTMLResponse:
    """What the store holds and how it came to hold it."""
    history = store.history()
    tables = store.reference.tables()
    return page(
        request,
        "store.html.j2",
        {
            "info": store.info(),
            "history": list(reversed(history.entries)),
            "tables": tables,
        },
    )
