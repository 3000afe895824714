"""The HTML pages: home, pair, check, store; server-rendered, enhanced where it helps."""

from __future__ import annotations

from fastapi import APIRouter

from bilateral.web.pages import assets, check, home, pair, store_page

router = APIRouter()
for module in (home, pair, check, store_page, assets):
    router.include_router(module.router)
