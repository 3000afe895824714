"""The home form, suggestions, wrong territories and years, the check page and its escaping."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bilateral.api import Store
from web.pages.html_parts import parts


def test_home_form_goes_to_the_pairs_shareable_url(demo: TestClient) -> None:
    response = demo.get(
        "/pair", params={"a": "Emilia-Romagna", "b": "Belgio", "years": "2019-2021"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    assert response.headers["location"] == "/pair/ITH5/BEL?years=2019-2021"


def test_a_name_in_the_url_goes_to_the_codes_url(demo: TestClient) -> None:
    response = demo.get("/pair/Italia/Belgique?years=2021", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/pair/ITA/BEL?years=2021&scheme=cpa"


def test_unknown_territory_is_a_404_with_suggestions(demo: TestClient) -> None:
    response = demo.get("/pair/ITA/Belgum")
    assert response.status_code == 404
    assert "Belgum" in response.text
    assert "Belgium (BEL)" in response.text


def test_ambiguous_territory_lists_the_candidates(demo: TestClient) -> None:
    response = demo.get("/pair/ITA/Congo")
    assert response.status_code == 400
    assert "COD" in response.text and "COG" in response.text


@pytest.mark.parametrize("years", ["20x", "1800", "2021-2019x"])
def test_bad_years_are_a_400_saying_what_would_do(demo: TestClient, years: str) -> None:
    response = demo.get("/pair/ITA/BEL", params={"years": years})
    assert response.status_code == 400
    assert "a range such as 2019-2021" in response.text


def test_empty_box_is_a_400(demo: TestClient) -> None:
    response = demo.get("/pair", params={"a": "Italy", "b": ""})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Belgio", "BEL"),
        ("belg", "BEL"),
        ("emilia", "ITH5"),
        ("ITH5", "ITH5"),
        ("Deutschland", "DEU"),
    ],
)
def test_suggestions_as_you_type(demo: TestClient, typed: str, first: str) -> None:
    response = demo.get("/api/v1/territories", params={"q": typed})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert suggestions[0]["code"] == first
    assert suggestions[0]["label"].endswith(f"({first})")


def test_suggestions_of_nothing_are_none(demo: TestClient) -> None:
    assert demo.get("/api/v1/territories", params={"q": " "}).json()["suggestions"] == []


SCRIPT = "<script>alert('x')</script>"


def test_pasted_script_comes_back_escaped(demo: TestClient) -> None:
    text = f"{SCRIPT} In 2021 Italian exports to Belgium were 17.6 billion euros. {SCRIPT}"
    response = demo.post("/check", data={"text": text})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in response.text
    assert '<mark class="supported" id="figure-1">17.6 billion euros' in response.text
    assert "<details>" in response.text


def test_uploaded_file_is_checked(demo: TestClient) -> None:
    text = (
        "Nel 2021 le esportazioni italiane verso il Belgio sono state pari a 25 miliardi di euro."
    )
    response = demo.post(
        "/check?lang=it", files={"file": ("release.txt", text.encode(), "text/plain")}
    )
    assert response.status_code == 200
    assert '<mark class="contradicted"' in response.text
    assert "smentito" in response.text


def test_check_verdict_matches_the_store(demo: TestClient, demo_store: Store) -> None:
    text = "In 2021 Italian imports from Belgium were 20.6 billion euros."
    report = demo_store.check(text)
    html = demo.post("/check", data={"text": text}).text
    for check in report.checks:
        assert f'<mark class="{check.verdict.replace(" ", "-")}"' in html


def test_empty_check_says_what_to_do(demo: TestClient) -> None:
    response = demo.post("/check", data={"text": "  "})
    assert response.status_code == 400
    assert "Paste a text" in response.text


def test_static_assets_are_served_from_the_package(demo: TestClient) -> None:
    assert demo.get("/static/app.css").headers["content-type"].startswith("text/css")
    vega = demo.get("/static/vega.js")
    assert vega.status_code == 200 and "vegaEmbed" in vega.text
    assert demo.get("/static/missing.js").status_code == 404
    assert demo.get("/static/..%2Fapp.py").status_code == 404


PAGES = ("/", "/store", "/check", "/pair/ITA/BEL?years=2019-2021", "/pair/ITH5/BEL", "/pair/X/Y")


@pytest.mark.parametrize("url", PAGES)
def test_no_page_loads_or_links_anything_from_outside(demo: TestClient, url: str) -> None:
    html = demo.get(url).text
    links = parts(html).links
    assert links
    for link in links:
        assert link.startswith(("/", "#")) and not link.startswith("//"), link
    assert "style=" not in html  # the CSP allows no inline style
    assert "<script>" not in html and "<script src=" in html  # no inline script
