"""The served app in Chromium: what the watch on every page catches, the CSP, the API docs page."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, Page

from web.browser.conftest import watched_context
from web.browser.pages import PAGES


def test_the_watch_catches_outside_requests_and_script_errors(
    browser: Browser, base_url: str
) -> None:
    context, watch = watched_context(browser, base_url)
    page = context.new_page()
    page.goto("/")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "http://192.0.2.1/pixel.png";
            document.body.appendChild(image);
            setTimeout(() => { throw new Error("thrown on purpose"); }, 0);
        }"""
    )
    page.wait_for_timeout(500)
    context.close()
    text = "\n".join(watch.problems)
    # The page's Content-Security-Policy refuses the image before any request leaves.
    assert "violates the following Content Security Policy directive" in text
    assert "192.0.2.1" in text
    assert "JavaScript error: thrown on purpose" in text


@pytest.mark.parametrize("name", ["home", "pair", "check", "store"])
def test_pages_carry_the_security_headers(page: Page, name: str) -> None:
    response = page.goto(PAGES[name])
    assert response is not None and response.ok
    headers = response.all_headers()
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"


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
