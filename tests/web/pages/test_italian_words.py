"""The Italian pages carry no English sentence of the api: its notes, no-data messages,
indicator names, claim reasons and reference titles are worded from their data in Italian."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import bilateral
from bilateral.api import Store
from bilateral.reference import get
from bilateral.reference.local_names import local_name
from bilateral.results.indicators import Indicators
from bilateral.results.notes import code_of
from bilateral.synthetic import write_monthly_demo_file
from bilateral.web.app import create_app
from bilateral.web.i18n import Numbers, Texts
from bilateral.web.pages import pair_view
from bilateral.web.pages.pair_view import Question
from bilateral.web.pages.sections import Section
from shared_files import COMTRADE_2022, COMTRADE_PREVIEW, DS_045409, shared
from web.pages.html_parts import parts

DEMO_PAIRS = ("/pair/ITA/BEL?years=2019-2021", "/pair/ITH5/BEL?years=2019-2021")
REAL_PAIRS = ("/pair/DEU/CHN?years=2022", "/pair/ITA/WORLD?years=2023", "/pair/CHN/USA")
CLAIMS = (
    "Nel 2021 le esportazioni italiane verso il Belgio sono state 17,6 miliardi di euro "
    "(+22%). Italy is Belgium's third-largest supplier. Belgian exports to Italy reached "
    "EUR 20 billion in 2021, and trade between Italy and Japan doubled."
)


def _text(page: str) -> str:
    """Return a page's visible text, whitespace made single spaces."""
    return " ".join(html.unescape(" ".join(parts(page).text)).split())


def _sections(view: pair_view.PairView) -> Iterable[Section[Any]]:
    yield from (view.profile, view.monthly, view.sectors, view.mirror, view.indicators)
    yield from view.products.values()
    yield from (rank.section for rank in view.ranks)
    yield view.events
    if view.region is not None:
        yield view.region


def _api_sentences(store: Store, url: str) -> set[str]:
    """Return the English sentences the api hands the pair page at `url`."""
    path, _, query = url.partition("?")
    a, b = path.split("/")[-2:]
    years = query.removeprefix("years=") or None
    question = Question(store.resolve(a), store.resolve(b), years, "cpa")
    view = pair_view.build(store, question, Texts("en"), Numbers("en"))
    said: set[str] = set()
    for section in _sections(view):
        if section.message:
            said.add(section.message)
        result = section.result
        said.update(getattr(result, "notes", ()) or ())
        if isinstance(result, Indicators):
            said.update(text for row in result.rows for text in (row.name, row.basis))
        if section.footnote and section.footnote.conversion:
            said.add(section.footnote.conversion)
        if section.footnote and code_of(section.footnote.period) is not None:
            said.add(section.footnote.period)
    for rows in (*view.product_rows.values(), *view.product_changes.values()):
        said.update(row.description for row in rows if code_of(row.description) is not None)
    return {sentence for sentence in said if " " in sentence}


def _italian(client: TestClient, url: str) -> str:
    response = client.get(url, headers={"Accept-Language": "it"})
    assert response.status_code in (200, 404)
    assert parts(response.text).lang == "it"
    return _text(response.text)


def _assert_none_shown(sentences: set[str], page: str) -> None:
    assert sentences  # the api said something the page had to word
    shown = [sentence for sentence in sentences if " ".join(sentence.split()) in page]
    assert not shown, shown


@pytest.mark.parametrize("url", DEMO_PAIRS)
def test_italian_demo_pair_page_has_no_api_english(
    demo: TestClient, demo_store: Store, url: str
) -> None:
    page = _italian(demo, url)
    _assert_none_shown(_api_sentences(demo_store, url), page)
    assert "DATI DIMOSTRATIVI SINTETICI" in page
    assert "note tecniche, in inglese" not in page  # every note is worded in Italian


@pytest.mark.parametrize("url", REAL_PAIRS)
def test_italian_real_pair_page_has_no_api_english(
    real: TestClient, real_store: Store, url: str
) -> None:
    page = _italian(real, url)
    _assert_none_shown(_api_sentences(real_store, url), page)
    assert "note tecniche, in inglese" not in page


def test_the_english_page_keeps_the_clis_words(demo: TestClient, demo_store: Store) -> None:
    page = _text(demo.get(DEMO_PAIRS[1], headers={"Accept-Language": "en"}).text)
    region = demo_store.region_share("ITH5", "BEL", "2019-2021")
    mirror = demo_store.mirror("ITH5", "BEL", "2019-2021")
    said = [*region.notes, *mirror.notes]
    assert said
    assert [s for s in said if " ".join(s.split()) not in page] == []


def test_indicators_are_named_in_italian(real: TestClient, real_store: Store) -> None:
    page = _italian(real, "/pair/ITA/WORLD?years=2023")
    rows = real_store.indicators("ITA", "WORLD", 2023).rows
    assert rows
    for row in rows:
        assert row.name not in page
    assert "Commercio intra-industriale di Grubel-Lloyd (capitoli SA)" in page


def test_italian_check_page_has_no_api_english(demo: TestClient, demo_store: Store) -> None:
    report = demo_store.check(CLAIMS)
    assert len(report.checks) >= 3
    said = {*report.notes}
    for check in report.checks:
        said.update((check.reason, check.claim.describe()))
        said.update(e.description for e in check.evidence)
        said.update(e.view for e in check.evidence)
    response = demo.post("/check", data={"text": CLAIMS}, headers={"Accept-Language": "it"})
    page = _text(response.text)
    _assert_none_shown({s for s in said if " " in s}, page)
    assert "confermato" in page and "smentito" in page


def test_italian_store_page_has_no_api_english(demo: TestClient, demo_store: Store) -> None:
    titles = {table.title for table in demo_store.reference.tables() if " " in table.title}
    page = _italian(demo, "/store")
    _assert_none_shown(titles, page)
    assert "cambi di riferimento dell'euro, serie giornaliera" in page


def _periods_of(path: Path, column: str) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return sorted({row[column] for row in csv.DictReader(handle)})


def test_italian_store_page_words_the_history_periods(demo: TestClient, tmp_path: Path) -> None:
    months = _periods_of(write_monthly_demo_file(tmp_path), "PERIOD")
    first, last = (f"{p[:4]}-{p[4:]}" for p in (months[0], months[-1]))
    italian, english = (
        _text(demo.get("/store", headers={"Accept-Language": lang}).text) for lang in ("it", "en")
    )
    assert f"{first}..{last} ({len(months)} periodi)" in italian
    assert "periods)" not in italian
    assert f"{first}..{last} ({len(months)} periods)" in english


def _comtrade_preview(flow: str) -> dict[str, Any]:
    with shared(COMTRADE_PREVIEW).open(encoding="utf-8") as handle:
        rows = json.load(handle)["data"]
    (row,) = [r for r in rows if (r["reporterISO"], r["flowCode"]) == ("USA", flow)]
    return dict(row)


def _italian_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_italian_pages_word_a_measured_cif_fob_margin(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(COMTRADE_PREVIEW))
    imports = _comtrade_preview("M")
    cif, fob = float(imports["cifvalue"]), float(imports["fobvalue"])
    with TestClient(create_app(store.root)) as client:
        page = _italian(client, "/pair/USA/JPN")
    assert (
        f"2023 (comtrade): le importazioni degli Stati Uniti dal Giappone sono pubblicate sia "
        f"CIF (USD {_italian_number(cif)}) sia FOB (USD {_italian_number(fob)}): un margine "
        f"CIF/FOB misurato del {_italian_number((cif - fob) / fob * 100, 1)}% del valore FOB"
    ) in page
    assert "publishes its imports" not in page
    assert "note tecniche, in inglese" not in page


def test_italian_pages_word_a_partial_years_months(real: TestClient) -> None:
    months = [p for p in _periods_of(shared(DS_045409), "TIME_PERIOD") if p.startswith("2025")]
    page = _italian(real, "/pair/ITA/WORLD")
    assert f"Il 2025 copre solo {len(months)} mesi: non è un dato annuale completo." in page
    assert f"{len(months)} months" not in page
    assert f"{len(months)} mesi" in page.split("Il 2025 copre")[0]  # the coverage column


def test_figures_in_no_currency_name_none(real: TestClient, real_store: Store) -> None:
    indicators = real_store.indicators("ITA", "WORLD", 2023)
    assert indicators.provenance is not None and indicators.provenance.currency == ""
    assert "none" not in str(indicators.provenance)
    for language in ("it", "en"):
        html_page = real.get("/pair/ITA/WORLD", headers={"Accept-Language": language}).text
        footnotes = [
            " ".join(p.split())
            for p in re.findall(r'class="footnote">(.*?)</div>', html_page, re.S)
        ]
        assert footnotes and not [f for f in footnotes if "· none" in f]


def test_italian_real_page_names_special_partners_in_italian(real: TestClient) -> None:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        rows = csv.DictReader(handle)
        partners = {row["partnerISO"] for row in rows if row["reporterISO"] == "CHN"}
    assert "S19" in partners  # UN Comtrade's "Other Asia, nes"
    url = "/pair/CHN/DEU?years=2022"
    english = _text(real.get(url, headers={"Accept-Language": "en"}).text)
    italian = _italian(real, url)
    assert get("S19").name in english
    assert get("S19").name not in italian
    assert local_name("S19", "it") in italian
