"""Every page renders on the demo store and on real files; the pair page's figures are the api's."""

from __future__ import annotations

import csv
import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from bilateral.api import Store
from bilateral.brief import gather
from bilateral.brief.catalog import load_catalog
from bilateral.brief.charts import line_chart_spec
from bilateral.errors import NoDataError
from bilateral.events.demo import event_place, event_title
from bilateral.web.i18n import Numbers
from shared_files import DS_045409, comtrade_value, shared
from web.pages.html_parts import parts

DEMO_PAGES = (
    "/",
    "/store",
    "/check",
    "/pair/ITA/BEL?years=2019-2021",
    "/pair/ITA/BEL",
    "/pair/ITH5/BEL?years=2019-2021",
    "/pair/ITA/BEL?years=2021&scheme=hs_section",
    "/pair/ITA/BEL?years=2021&scheme=hs2",
)
REAL_PAGES = ("/", "/store", "/check", "/pair/DEU/CHN?years=2022", "/pair/ITA/WORLD?years=2023")
PAIR_SECTIONS = ("headline", "trend", "sectors", "products", "ranks", "mirror", "indicators")


@pytest.mark.parametrize("url", DEMO_PAGES)
def test_each_page_renders_on_the_demo_store(demo: TestClient, url: str) -> None:
    response = demo.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert parts(response.text).lang == "en"
    if url.startswith("/pair/"):
        for section in PAIR_SECTIONS:
            assert f'<section id="{section}"' in response.text


@pytest.mark.parametrize("url", REAL_PAGES)
def test_each_page_renders_on_the_real_store(real: TestClient, url: str) -> None:
    response = real.get(url)
    assert response.status_code == 200, response.text[:500]
    assert "<h1>" in response.text


def _headline(html: str) -> list[tuple[str, float, str]]:
    return [(name, float(value), shown) for name, value, shown in parts(html).figures if value]


def test_pair_headline_equals_the_profile(demo: TestClient, demo_store: Store) -> None:
    profile = demo_store.profile("ITA", "BEL", "2019-2021")
    expected = [
        (measure, getattr(row, measure))
        for measure in ("exports", "imports", "total", "balance")
        for row in profile.rows
        if row.year == 2021
    ]
    shown = _headline(demo.get("/pair/ITA/BEL?years=2019-2021").text)
    assert [(name, value) for name, value, _ in shown] == expected
    numbers = Numbers("en")
    assert [text for _, _, text in shown] == [numbers.money(v, "EUR") for _, v in expected]
    assert shown[0][2] == "EUR 17.6 billion"  # Italy's own exports to Belgium, 2021


def _by_view(html: str, figure: str) -> list[float]:
    """Return a headline figure's values, one per view (own first, then the mirror)."""
    return [value for name, value, _ in _headline(html) if name == figure]


def test_real_headline_equals_the_comtrade_file(real: TestClient) -> None:
    html = real.get("/pair/DEU/CHN").text
    own, mirror = _by_view(html, "exports")
    assert own == pytest.approx(comtrade_value("DEU", "X", "CHN"))
    assert mirror == pytest.approx(comtrade_value("CHN", "M", "DEU"))
    assert _by_view(html, "imports")[0] == pytest.approx(comtrade_value("DEU", "M", "CHN"))


def test_real_monthly_extract_headline_equals_its_csv_sum(real: TestClient) -> None:
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        exports = sum(
            float(line["OBS_VALUE"])
            for line in csv.DictReader(handle)
            if (line["reporter"], line["partner"], line["flow"], line["indicators"])
            == ("IT", "WORLD", "2", "VALUE_IN_EUROS")
            and line["TIME_PERIOD"].startswith("2023")
        )
    html = real.get("/pair/ITA/WORLD?years=2023").text
    assert _by_view(html, "exports") == [pytest.approx(exports)]
    assert html.count('<figure class="chart"') >= 1  # the months of 2023 drawn


def test_a_section_without_data_says_so(real: TestClient, real_store: Store) -> None:
    with pytest.raises(NoDataError) as raised:
        real_store.sectors("DEU", "CHN", 2022)
    html = real.get("/pair/DEU/CHN?years=2022").text
    assert 'class="no-data"' in html
    message = str(raised.value).replace("'", "&#39;")
    assert message in html


def test_a_pair_with_no_data_at_all_is_a_404_saying_why(demo: TestClient) -> None:
    response = demo.get("/pair/ITA/BEL?years=2015")
    assert response.status_code == 404
    assert "No data:" in response.text


def test_chart_is_the_briefs_spec_drawn_as_svg(demo: TestClient, demo_store: Store) -> None:
    html = demo.get("/pair/ITA/BEL?years=2019-2021").text
    start = html.index('data-spec="') + len('data-spec="')
    spec = json.loads(html[start : html.index('"', start)].replace("&#34;", '"'))
    profile = demo_store.profile("ITA", "BEL", "2019-2021")
    catalog = load_catalog("en")
    expected = line_chart_spec(
        gather.annual_trend(profile, profile.views()[0]),
        "Trade Italy – Belgium",
        "Year",
        catalog,
        "EUR",
    )
    assert {k: v for k, v in spec.items() if k != "config"} == {
        k: v for k, v in expected.items() if k != "config"
    }
    assert spec["config"]["mark"] == {"tooltip": True}
    assert "<svg" in html


def test_every_download_link_answers(demo: TestClient) -> None:
    html = demo.get("/pair/ITA/BEL?years=2019-2021").text
    links = sorted({link for link in parts(html).links if link.startswith("/api/v1/")})
    assert any("format=csv" in link for link in links)
    assert any("/api/v1/brief/ITA/BEL" in link and "format=pdf" in link for link in links)
    for link in links:
        if "format=pdf" in link:
            continue  # the PDF's response is checked once below: it is the slow one
        response = demo.get(link)
        assert response.status_code == 200, (link, response.text[:300])
    pdf = demo.get("/api/v1/brief/ITA/BEL?year=2021&lang=it&format=pdf")
    assert pdf.content.startswith(b"%PDF")


def test_footnotes_name_source_vintage_and_command(demo: TestClient) -> None:
    html = demo.get("/pair/ITA/BEL?years=2019-2021").text
    assert "<code>bilateral profile ITA BEL --years 2019-2021</code>" in html
    assert "<code>bilateral mirror ITA BEL --years 2019-2021</code>" in html
    assert "vintage synthetic-demo" in html
    assert "comext" in html


def test_region_beside_its_country(demo: TestClient, demo_store: Store) -> None:
    share = demo_store.region_share("ITH5", "BEL", "2019-2021")
    html = demo.get("/pair/ITH5/BEL?years=2019-2021").text
    assert '<section id="region"' in html
    shown = Numbers("en").share(share.rows[-1].exports_share)
    assert f'<td class="num">{shown}</td>' in html


def test_events_timeline(demo: TestClient, demo_store: Store) -> None:
    events = demo_store.events("ITH5", "BEL").events
    html = demo.get("/pair/ITH5/BEL").text
    english, italian = (
        unescape(demo.get(f"/pair/ITH5/BEL?lang={lang}").text) for lang in ["en", "it"]
    )
    assert len(events) == 4
    for event in events:
        assert f'<time datetime="{event.date.isoformat()}">' in html
        assert event.title in english and event.title not in italian
        assert event_title(event, "it") in italian
        assert f"({event_place(event, 'it')})" in italian
    assert "(Bruxelles)" in italian and "(Brussels)" in english
    assert "Il Presidente dell'Emilia-Romagna incontra l'Ambasciatore del Belgio" in italian


def test_rank_among_partners(demo: TestClient, demo_store: Store) -> None:
    partners = demo_store.partners("ITA", 2021, "export", partner="BEL")
    rank = next(r.rank for r in partners.rows if r.code == "BEL" and r.line == "partner")
    html = demo.get("/pair/ITA/BEL?years=2021").text
    assert f"Belgium is Italy&#39;s {Numbers('en').ordinal(rank)} export market in 2021" in html


def test_sector_schemes(demo: TestClient) -> None:
    sections = demo.get("/pair/ITA/BEL?years=2021&scheme=hs_section&lang=it").text
    assert "Prodotti delle industrie chimiche" in sections  # section VI, Italian title
    wrong = demo.get("/pair/ITA/BEL?years=2021&scheme=nace")
    assert wrong.status_code == 400
    assert "hs_section" in wrong.text


def _sector_tables(html: str) -> list[list[str]]:
    """Return the codes of each sector table's rows, in the order the page shows them."""
    section = html[html.index('<section id="sectors"') :]
    section = section[: section.index("</section>")]
    return [
        re.findall(r'<tr><th scope="row">([^<]*)</th>', table)
        for table in section.split("<table>")[1:]
    ]


@pytest.mark.parametrize("scheme", ["cpa", "hs2"])
def test_sector_tables_show_each_flows_largest(
    demo: TestClient, demo_store: Store, scheme: str
) -> None:
    sectors = demo_store.sectors("ITA", "BEL", 2021, scheme=scheme)  # type: ignore[arg-type]
    own = sectors.rows[0].view
    expected = [
        [r.code for r in sorted(sectors.rows, key=lambda r: r.rank or 0)
         if r.view == own and r.flow == flow and r.rank is not None][:10]
        for flow in ("export", "import")
    ]  # fmt: skip
    assert all(expected), "the demo store has both flows by sector"
    html = demo.get(f"/pair/ITA/BEL?years=2021&scheme={scheme}").text
    assert _sector_tables(html) == expected
