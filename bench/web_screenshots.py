"""Save screenshots of the web app's pages, in English and Italian, to look at them.

Usage: .venv/bin/python bench/web_screenshots.py OUT_DIR [--store DIR] [--width 1280]

Serves the demo store (or --store) with `bilateral serve` on 127.0.0.1 and opens, in Debian's
Chromium (/usr/bin/chromium, driven by Playwright), the home, pair, check and store pages with
the browser's language set to English, then to Italian; the check page after a press release
was pasted and checked. Writes one full-page PNG per page and language (`home-en.png`,
`pair-it.png`, ...) to OUT_DIR and prints their paths.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from web_server import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip
TIMEOUT_MS = 180_000  # a pair page on a busy machine takes seconds
LOCALES = {"en": "en-GB", "it": "it-IT"}
PAGES = {
    "home": "/",
    "pair": "/pair/ITA/BEL?years=2019-2021",
    "region": "/pair/ITH5/BEL?years=2019-2021",
    "check": "/check",
    "store": "/store",
}
# A press release as the check page receives it, and a figure the demo store contradicts.
PRESS_RELEASE = {
    "en": "In 2021, according to the Belgian foreign trade agency, overall trade between Italy "
    "and Belgium was nearly 40 billion euros. Italian exports to Belgium reached around 18 "
    "billion euros (+22% on 2020), while imports exceeded 22 billion (+16%). Italian exports to "
    "Belgium were 30 billion euros in 2021.",
    "it": "Nel 2021, secondo l'agenzia belga per il commercio estero, l'interscambio tra Italia "
    "e Belgio ha sfiorato i 40 miliardi di euro. Le esportazioni italiane verso il Belgio hanno "
    "raggiunto circa 18 miliardi di euro (+22% sul 2020), le importazioni hanno superato i 22 "
    "miliardi (+16%). Nel 2021 le esportazioni italiane verso il Belgio sono state di 30 miliardi "
    "di euro.",
}


def paste_and_check(page: Page, text: str) -> None:
    """Fill the check page's text box and submit its form."""
    page.locator("textarea").first.fill(text)
    page.locator("form:has(textarea) [type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def shoot(url: str, out: Path, width: int) -> list[Path]:
    written = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LOCALES.items():
            context = browser.new_context(
                base_url=url, locale=locale, viewport={"width": width, "height": 900}
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(path, wait_until="networkidle")
                if name == "check":
                    paste_and_check(page, PRESS_RELEASE[language])
                target = out / f"{name}-{language}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--store", type=Path, help="a store to serve (default: the demo store)")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in pixels")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(args.store) as served:
        for path in shoot(served.url, args.out, args.width):
            print(path)


if __name__ == "__main__":
    main()
