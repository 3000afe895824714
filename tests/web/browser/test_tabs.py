"""Several tabs at once: a user opening pair pages and checking a text while others load."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from web.browser.conftest import Watch
from web.browser.pages import PRESS_RELEASE

pytestmark = pytest.mark.slow
WAIT_MS = 180_000

PAIRS = ["/pair/ITA/BEL?years=2019-2021", "/pair/ITH5/BEL?years=2019-2021",
         "/pair/BEL/ITA?years=2020-2021", "/pair/ITA/BEL?years=2021&scheme=hs2"]  # fmt: skip


def test_pages_opened_at_once_all_load(watch: tuple[BrowserContext, Watch], base_url: str) -> None:
    context, _ = watch
    checking = context.new_page()
    checking.goto("/check")
    checking.locator("textarea").fill(PRESS_RELEASE)
    tabs = [context.new_page() for _ in PAIRS]
    # Start every navigation before waiting for any: the server gets them together.
    for tab, path in zip(tabs, PAIRS, strict=True):
        tab.evaluate("url => { window.location.href = url; }", base_url + path)
    checking.locator("form.check-form [type=submit]").click(no_wait_after=True)
    # Served one after the other if need be: wait as long as all of them take.
    for tab, path in zip(tabs, PAIRS, strict=True):
        tab.wait_for_url(base_url + path, wait_until="load", timeout=WAIT_MS)
        expect(tab.locator("table.headline td[data-figure=exports]").first).to_be_visible()
    expect(checking.locator(".checked-text mark")).to_have_count(5, timeout=WAIT_MS)
