"""A brief on an extract's products says so on top and among its caveats.

The real DS-045409 file holds 41 CN8 products of Italy's and Belgium's trade with the world,
not all their trade: its figures are a partial product list. The real Comext CPA file holds
every CPA heading, so its brief has no such caveat. Expected sums are read with the csv module.
"""

from __future__ import annotations

import csv
from html import unescape

import pytest

import bilateral
from bilateral.api import Store
from shared_files import SHARED_DATA, shared

EXTRACT = (
    SHARED_DATA
    / "eurostat_comext"
    / "DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv"
)
FULL = (
    SHARED_DATA
    / "eurostat_comext"
    / "comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
)
CAVEAT = {
    "en": "Partial product list: the figures sum only the products the comext_sdmx extract "
    "holds, not all trade between the two.",
    "it": "Elenco parziale di prodotti: le cifre sommano solo i prodotti dell'estrazione "
    "comext_sdmx, non tutto l'interscambio tra i due.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("extract") / "store")
    opened.ingest(shared(EXTRACT))
    opened.ingest(shared(FULL))
    return opened


def extract_products_and_exports() -> tuple[set[str], float]:
    """Return the file's product codes and Italy's 2024 exports to the world summed from it."""
    products: set[str] = set()
    exports = 0.0
    with shared(EXTRACT).open(newline="") as handle:
        for row in csv.DictReader(handle):
            products.add(row["product"])
            if (row["reporter"], row["partner"], row["flow"], row["TIME_PERIOD"][:4]) == (
                "IT",
                "WORLD",
                "2",
                "2024",
            ) and row["indicators"] == "VALUE_IN_EUROS":
                exports += float(row["OBS_VALUE"])
    return products, exports


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_brief_on_an_extract_says_its_products_are_a_partial_list(
    store: Store, lang: str
) -> None:
    products, exports = extract_products_and_exports()
    assert "TOTAL" not in products and len(products) < 100  # an extract, not all trade
    brief = store.brief("IT", "WORLD", year=2024, lang=lang)
    assert brief.figures.extract is True
    assert brief.figures.value("headline.exports") == pytest.approx(exports, rel=1e-9)
    text = brief.render("md")
    assert text.index(f"> **{CAVEAT[lang]}**") < text.index("## ")  # above the key messages
    assert f"- {CAVEAT[lang]}" in text.split("---\n", 1)[1]  # and among the caveats
    assert unescape(str(brief.render("html"))).count(CAVEAT[lang]) == 2


def test_a_brief_on_every_product_has_no_partial_list_caveat(store: Store) -> None:
    brief = store.brief("AT", "BE", year=2019)
    assert brief.figures.extract is False
    assert "Partial product list" not in brief.render("md")
