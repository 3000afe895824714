"""A new user's path in Chromium, on the demo store, with JavaScript on.

Home -> type "Emilia-Romagna" and "Belgio" and pick the suggestions -> the pair page, whose
headline figures equal the JSON API's for the same question -> Italian -> the brief's PDF ->
the check page with a press release, its figures coloured by verdict as the API judges them.
"""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from web.browser.pages import PRESS_RELEASE

pytestmark = pytest.mark.slow

YEARS = "2019-2021"
# A figure the demo store contradicts (Italy declares about 17 billion, Belgium about 19).
WRONG = " Italian exports to Belgium were 30 billion euros in 2021."


def pick_suggestion(page: Page, box: str, typed: str, code: str) -> None:
    """Type `typed` into `box` key by key and pick the suggestion whose value is `code`."""
    field = page.locator(box)
    field.click()
    field.press_sequentially(typed, delay=30)
    options = page.locator(f"#{field.get_attribute('list')} option")
    expect(options.first).to_be_attached()
    values = [o.get_attribute("value") for o in options.all()]
    assert code in values, values
    # Choosing an option of a <datalist> puts its value in the box, as this does.
    field.fill(code)


def money_en(value: float) -> str:
    """'EUR 2.1 billion', 'EUR 296.0 million', computed here from the raw figure."""
    if abs(value) >= 1e9:
        return f"EUR {value / 1e9:.1f} billion"
    return f"EUR {value / 1e6:.1f} million"


def money_it(value: float) -> str:
    """'2,1 miliardi di euro', '296,0 milioni di euro'."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:.1f} miliardi di euro".replace(".", ",")
    return f"{value / 1e6:.1f} milioni di euro".replace(".", ",")


def headline(page: Page) -> dict[tuple[str, str], tuple[float, str]]:
    """Return the headline table's cells: (view, figure) -> (raw value, shown text)."""
    table = page.locator("table.headline")
    views = [th.get_attribute("data-view") or "" for th in table.locator("th[data-view]").all()]
    cells: dict[tuple[str, str], tuple[float, str]] = {}
    for row in table.locator("tbody tr:has(td[data-figure])").all():
        for view, cell in zip(views, row.locator("td[data-figure]").all(), strict=True):
            figure = cell.get_attribute("data-figure") or ""
            cells[(view, figure)] = (float(cell.get_attribute("data-value") or "nan"),
                                     cell.inner_text())  # fmt: skip
    return cells


def api_headline(api: httpx.Client, a: str, b: str, year: int) -> dict[tuple[str, str], float]:
    response = api.get(f"/api/v1/profile/{a}/{b}", params={"years": YEARS})
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return {
        (row["view"], figure): row[figure]
        for row in rows
        if row["year"] == year
        for figure in ("exports", "imports", "total", "balance")
    }


def background(mark: Locator) -> str:
    return str(mark.evaluate("element => getComputedStyle(element).backgroundColor"))


def test_new_users_path(page: Page, api: httpx.Client) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    pick_suggestion(page, "#a", "Emilia-Romagna", "ITH5")
    pick_suggestion(page, "#b", "Belgio", "BEL")
    page.locator("#years").fill(YEARS)
    page.locator("form.pair-form [type=submit]").click()

    # The pair page, at its shareable URL, names both territories.
    assert page.url.endswith(f"/pair/ITH5/BEL?years={YEARS}"), page.url
    expect(page.locator("h1")).to_have_text("Emilia-Romagna – Belgium")
    expect(page.locator("#headline-heading")).to_have_text("Headline figures 2021")

    shown = headline(page)
    expected = api_headline(api, "ITH5", "BEL", 2021)
    assert {key: value for key, (value, _) in shown.items()} == expected
    for (_, _figure), (value, text) in shown.items():
        assert text == money_en(value)

    # Italian: the switch keeps the page; words and number format change.
    page.locator("nav.languages a[hreflang=it]").click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.locator("h1")).to_have_text("Emilia-Romagna – Belgio")
    expect(page.locator("#headline-heading")).to_have_text("Dati principali 2021")
    italian = headline(page)
    assert {key: value for key, (value, _) in italian.items()} == expected
    for value, text in italian.values():
        assert text == money_it(value)

    # The brief as a PDF: a real PDF naming both territories.
    with page.expect_download() as waiting:
        page.locator("section.brief-links a[href*='lang=it'][href*='format=pdf']").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".pdf")
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    words = " ".join(text.split())
    assert "Emilia-Romagna" in words and "Belgio" in words

    # The check page: the press release comes back with each figure coloured by its verdict.
    page.locator("header nav a[href='/check']").click()
    pasted = PRESS_RELEASE + WRONG
    page.locator("textarea").fill(pasted)
    page.locator("form.check-form [type=submit]").click()
    verdicts = api.post("/api/v1/check", content=pasted, headers={"content-type": "text/plain"})
    assert verdicts.status_code == 200, verdicts.text
    expected_marks = [
        (c["claim"]["figure"], c["verdict"].replace(" ", "-")) for c in verdicts.json()
    ]
    marks = page.locator(".checked-text mark")
    expect(marks).to_have_count(len(expected_marks))
    seen = []
    for mark in marks.all():
        figure = mark.evaluate("element => element.firstChild.textContent")
        seen.append((figure, mark.get_attribute("class")))
    assert seen == expected_marks
    assert ("30 billion euros", "contradicted") in seen
    colours = {cls: background(m) for m, (_, cls) in zip(marks.all(), seen, strict=True)}
    assert colours["supported"] != colours["contradicted"]
    assert "rgba(0, 0, 0, 0)" not in colours.values()
    # The evidence is there on demand.
    first = page.locator("ol.checks details").first
    first.locator("summary").click()
    expect(first.locator("table")).to_be_visible()


def test_charts_become_interactive_with_tooltips(page: Page, api: httpx.Client) -> None:
    page.goto(f"/pair/ITA/BEL?years={YEARS}")
    figure = page.locator("#trend figure.chart").first
    expect(figure).to_have_class("chart interactive")
    expect(figure.locator(".chart-interactive svg")).to_be_visible()
    # Hovering the first point (2019) shows its tooltip, with a figure the API gives for 2019.
    figure.locator(".chart-interactive svg g.mark-symbol.role-mark path").first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("2019")
    rows = api.get("/api/v1/profile/ITA/BEL", params={"years": YEARS}).json()["rows"]
    billions = {
        f"{r[f] / 1e9:.1f}" for r in rows if r["year"] == 2019 for f in ("exports", "imports")
    }
    assert any(b in tooltip.inner_text() for b in billions), (tooltip.inner_text(), billions)
