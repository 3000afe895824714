"""English and Italian: the switch, the cookie, Accept-Language, labels and number formats."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from bilateral.api import Store
from bilateral.web.i18n import LANGUAGES, Texts, catalog_keys, words
from web.pages.html_parts import parts


def test_every_key_exists_in_both_languages() -> None:
    keys = {language: catalog_keys(words(language)) for language in LANGUAGES}
    assert keys["en"] == keys["it"]


def test_every_key_the_templates_use_is_in_the_catalogues() -> None:
    folder = resources.files("bilateral.web").joinpath("templates")
    used: set[str] = set()
    for template in folder.iterdir():
        used |= set(
            re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", template.read_text("utf-8"))
        )
    assert len(used) > 100
    for language in LANGUAGES:
        missing = [key for key in used if not Texts(language).has(key)]
        assert not missing, (language, missing)


def test_italian_page_has_italian_labels_and_numbers(demo: TestClient, demo_store: Store) -> None:
    response = demo.get("/pair/ITA/BEL?years=2019-2021&lang=it")
    html = response.text
    assert parts(html).lang == "it"
    assert "Dati principali" in html and "Esportazioni" in html and "Belgio" in html
    exports = next(r.exports for r in demo_store.profile("ITA", "BEL", 2021).rows)
    assert exports is not None
    billions = f"{exports / 1e9:.1f}".replace(".", ",")
    assert f"{billions} miliardi di euro" in html
    assert "17,6 miliardi di euro" in html
    assert response.cookies.get("lang") == "it"


def test_the_language_chosen_is_remembered(demo_store: Store) -> None:
    from bilateral.web.app import create_app

    with TestClient(create_app(demo_store.root)) as client:
        client.get("/?lang=it")
        assert parts(client.get("/store").text).lang == "it"
        client.get("/?lang=en")
        assert parts(client.get("/store").text).lang == "en"


@pytest.mark.parametrize(
    ("header", "language"),
    [("it-IT,it;q=0.9,en;q=0.8", "it"), ("fr-FR,it;q=0.5", "it"), ("de-DE", "en"), ("", "en")],
)
def test_accept_language_by_default(demo_store: Store, header: str, language: str) -> None:
    from bilateral.web.app import create_app

    with TestClient(create_app(demo_store.root)) as client:
        html = client.get("/", headers={"Accept-Language": header}).text
    assert parts(html).lang == language


def test_italian_home_check_and_store(demo: TestClient) -> None:
    assert "Primo territorio" in demo.get("/?lang=it").text
    assert "Verifica i dati di un testo" in demo.get("/check?lang=it").text
    assert "Tabelle di riferimento" in demo.get("/store?lang=it").text
