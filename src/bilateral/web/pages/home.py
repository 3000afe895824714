"""The home page: two territory boxes, years, and what the store holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bilateral.api import Store
from bilateral.web.pages.rendering import page
from bilateral.web.state import store_of

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request, store: Annotated[Store, Depends(store_of)]) -> HTMLResponse:
    """The form that opens a pair's page, with the store's sources, years and vintages."""
    return page(request, "home.html.j2", {"info": store.info()})
