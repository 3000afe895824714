"""The pages with JavaScript off: everything reads, the forms work, the charts are static SVG."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from web.browser.conftest import VIEWPORT, Watch, watched_context
from web.browser.pages import PRESS_RELEASE

pytestmark = pytest.mark.slow


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[tuple[BrowserContext, Watch]]:
    context, seen = watched_context(
        browser, base_url, java_script_enabled=False, locale="it-IT", viewport=VIEWPORT
    )
    yield context, seen
    context.close()
    assert seen.problems == [], "\n".join(seen.problems)


@pytest.fixture
def page(watched: tuple[BrowserContext, Watch]) -> Page:
    context, _ = watched
    return context.new_page()


def test_scripts_do_not_run(page: Page) -> None:
    page.goto("/")
    assert page.evaluate("() => 1") == 1  # the test's own evaluation still runs
    assert page.locator("script").count() >= 1  # the page has scripts; the browser ignores them
    assert page.locator("datalist option").count() == 0
    page.locator("#a").press_sequentially("Belgio", delay=10)
    page.wait_for_timeout(500)
    assert page.locator("datalist option").count() == 0  # no suggestion without JavaScript


def test_home_form_opens_the_pair_page(page: Page, api: httpx.Client) -> None:
    page.goto("/")
    # The browser's language (Italian) picks the interface's.
    expect(page.locator("html")).to_have_attribute("lang", "it")
    store_info: dict[str, Any] = api.get("/api/v1/store/info").json()
    sources = page.locator("section[aria-labelledby=holds] tbody th[scope=row]")
    expect(sources).to_have_text([s["source"] for s in store_info["sources"]])

    page.locator("#a").fill("Emilia-Romagna")
    page.locator("#b").fill("Belgio")
    page.locator("#years").fill("2019-2021")
    page.locator("form.pair-form [type=submit]").click()
    assert page.url.endswith("/pair/ITH5/BEL?years=2019-2021"), page.url
    expect(page.locator("h1")).to_have_text("Emilia-Romagna – Belgio")
    cells = page.locator("table.headline td[data-figure=exports]")
    expect(cells.first).to_be_visible()
    expect(cells.first).to_contain_text("miliardi di euro")
    # The charts are there as the server drew them.
    chart = page.locator("figure.chart .chart-svg svg").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    # The sector scheme switch and the language switch are plain links.
    page.locator("#sectors nav.switch a[href*='scheme=hs2']").first.click()
    assert "scheme=hs2" in page.url
    page.locator("nav.languages a[hreflang=en]").click()
    expect(page.locator("h1")).to_have_text("Emilia-Romagna – Belgium")


def test_unknown_territory_says_what_it_knows(watched: tuple[BrowserContext, Watch]) -> None:
    context, seen = watched
    seen.allowed_statuses.add(404)
    page = context.new_page()
    page.goto("/?lang=en")
    page.locator("#a").fill("Italia")
    page.locator("#b").fill("Belgioo")
    page.locator("form.pair-form [type=submit]").click()
    expect(page.locator("[role=alert]")).to_contain_text("unknown territory 'Belgioo'")
    expect(page.locator("ul.choices")).to_contain_text("Belgium (BEL)")


def test_check_form_works(page: Page) -> None:
    page.goto("/check")
    page.locator("textarea").fill(PRESS_RELEASE)
    page.locator("form.check-form [type=submit]").click()
    marks = page.locator(".checked-text mark")
    expect(marks).to_have_count(5)
    expect(marks.first).to_be_visible()
    expect(page.locator("ol.checks > li")).to_have_count(5)
    # The evidence opens without JavaScript (a <details>).
    page.locator("ol.checks details summary").first.click()
    expect(page.locator("ol.checks details table").first).to_be_visible()


def test_store_page_reads(page: Page, api: httpx.Client) -> None:
    page.goto("/store")
    info: dict[str, Any] = api.get("/api/v1/store/info").json()
    rows = page.locator("section[aria-labelledby=sources-heading] tbody tr")
    expect(rows).to_have_count(len(info["sources"]))
    for row, source in zip(rows.all(), info["sources"], strict=True):
        expect(row.locator("th")).to_have_text(source["source"])
        # Italian grouping: 575.064
        expect(row.locator("td").last).to_have_text(f"{source['rows']:,}".replace(",", "."))
    history = api.get("/api/v1/store/history").json()
    expect(page.locator("section[aria-labelledby=history-heading] tbody tr")).to_have_count(
        len(history)
    )
