"""axe-core (shipped by axe-playwright-python, nothing fetched) on every page, in both languages.

No violation of serious or critical impact is allowed; minor and moderate ones are listed in
the failure message only when a serious one fails the test.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from web.browser.pages import LANGUAGES, PAGES, PRESS_RELEASE, in_language, paste_and_check

pytestmark = pytest.mark.slow
BLOCKING = ("serious", "critical")
axe = Axe()


def described(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:5]]
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}) at {'; '.join(targets)}")
    return "\n".join(lines)


def blocking(page: Page) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = axe.run(page).response["violations"]
    return [v for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violation(page: Page, name: str, language: str) -> None:
    page.goto(in_language(PAGES[name], language), wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == language
    found = blocking(page)
    assert found == [], described(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_violation_on_checked_text(page: Page, language: str) -> None:
    page.goto(in_language("/check", language), wait_until="networkidle")
    paste_and_check(page, PRESS_RELEASE)
    found = blocking(page)
    assert found == [], described(found)
