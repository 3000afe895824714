"""The brief's files: PDF text, HTML in headless Chromium, chart images beside the brief."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from bilateral.api import Store
from bilateral.brief import Brief

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def region_it(demo_store: Store) -> Brief:
    return demo_store.brief("ITH5", "BEL", year=2021, lang="it")


def test_pdf_text_holds_the_headline(region_it: Brief, out_dir: Path) -> None:
    [path] = region_it.write(out_dir / "brief_it.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    words = " ".join(text.split())
    assert "Emilia-Romagna – Belgio: scheda sull'interscambio commerciale 2021" in words
    assert "3,9 miliardi di euro (+23% rispetto al 2020)" in words
    assert "2,1 miliardi di euro (+22% rispetto al 2020)" in words
    assert "Secondo i dati del Belgio" in words
    assert 1 <= len(reader.pages) <= 6


def test_charts_are_written_beside_the_brief(region_it: Brief, out_dir: Path) -> None:
    written = region_it.write(out_dir / "charts" / "brief.md", charts=True)
    names = sorted(path.name for path in written)
    assert names == ["brief.md", "brief_trend.png", "brief_trend.svg", "brief_trend.vl.json"]
    folder = out_dir / "charts"
    assert (folder / "brief_trend.png").read_bytes().startswith(b"\x89PNG")
    svg = (folder / "brief_trend.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Esportazioni" in svg and "miliardi di euro" in svg
    assert "![Esportazioni e importazioni" in (folder / "brief.md").read_text(encoding="utf-8")


def test_html_is_self_contained(region_it: Brief) -> None:
    html = str(region_it.render("html"))
    assert html.count("<svg") == 1
    for remote in ("http://", "https://", "<link", "<script", "src="):
        assert remote not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
        ), remote


@pytest.mark.slow
def test_html_in_headless_chromium(region_it: Brief, out_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    [path] = region_it.write(out_dir / "brief_it.html")
    url = path.resolve().as_uri()
    console: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            heading = page.inner_text("h1")
            chart_box = page.locator("figure svg").first.bounding_box()
            shot = out_dir / "brief_it.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert heading == "Emilia-Romagna – Belgio: scheda sull'interscambio commerciale 2021"
    assert chart_box is not None and chart_box["width"] > 300
    assert [m for m in console if m.startswith(("error", "pageerror"))] == []
    assert requests == [url]
    assert shot.read_bytes().startswith(b"\x89PNG")
    shutil.copy(shot, out_dir / "screenshot_copy.png")
