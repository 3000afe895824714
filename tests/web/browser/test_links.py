"""Every link of every page, in both languages, answers: the downloads, switches and menus.

The brief's downloads are left to test_new_user.py (one PDF there; each takes seconds).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from playwright.sync_api import Page

from web.browser.pages import LANGUAGES, PAGES, in_language

pytestmark = pytest.mark.slow


def test_every_link_answers(page: Page, api: httpx.Client, base_url: str) -> None:
    links: dict[str, str] = {}
    visited = set()
    for name, path in PAGES.items():
        for language in LANGUAGES:
            response = page.goto(in_language(path, language))
            assert response is not None and response.status == 200
            visited.add(page.url)
            for href in page.locator("a[href]").evaluate_all("all => all.map(a => a.href)"):
                url = urljoin(page.url, href)
                if urlsplit(url).fragment and url.split("#")[0] == page.url.split("#")[0]:
                    assert page.locator(f"[id='{urlsplit(url).fragment}']").count() == 1, url
                    continue
                links.setdefault(url.split("#")[0], f"{name} ({language})")
    outside = [url for url in links if not url.startswith(base_url + "/")]
    assert outside == []
    asked = [url for url in links if "/api/v1/brief/" not in url and url not in visited]
    assert len(asked) >= 40
    failed = []
    for url in asked:
        response = api.get(url.removeprefix(base_url), follow_redirects=True)
        if response.status_code != 200:
            failed.append(f"{response.status_code} {url} (on {links[url]})")
    assert failed == []
