"""The pages the browser tests open, and the press release they paste on the check page."""

from __future__ import annotations

from playwright.sync_api import Page

LANGUAGES = ("en", "it")
PAGES = {
    "home": "/",
    "pair": "/pair/ITA/BEL?years=2019-2021",
    "region pair": "/pair/ITH5/BEL?years=2019-2021",
    "check": "/check",
    "store": "/store",
}
# A press release of the kind the check page is for; the demo store holds its pair and years.
PRESS_RELEASE = (
    "In 2021, according to the Belgian foreign trade agency, overall trade between Italy and "
    "Belgium was nearly 40 billion euros. Italian exports to Belgium reached around 18 billion "
    "euros (+22% on 2020), while imports exceeded 22 billion (+16%)."
)


def in_language(path: str, language: str) -> str:
    """Return `path` asking for `language` (`?lang=`)."""
    return f"{path}{'&' if '?' in path else '?'}lang={language}"


def paste_and_check(page: Page, text: str) -> None:
    """Fill the check page's text box with `text` and submit its form."""
    page.locator("textarea").first.fill(text)
    page.locator("form:has(textarea) [type=submit]").first.click()
    page.wait_for_load_state("load")
