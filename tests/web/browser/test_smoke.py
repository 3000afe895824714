"""The served app answers in Chromium: the OpenAPI document and its docs page, from 127.0.0.1."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page


def test_openapi_document_opens_in_the_browser(page: Page, api: httpx.Client) -> None:
    response = page.goto("/openapi.json")
    assert response is not None and response.ok
    assert response.json() == api.get("/openapi.json").json()


def test_docs_page_loads_nothing_from_outside(page: Page) -> None:
    page.goto("/api/docs", wait_until="networkidle")
    # Swagger UI, from the packaged files, replaced the server-side list with its own.
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert page.locator("#listed").is_hidden()
