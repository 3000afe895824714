"""A brief on imports published both CIF and FOB says which basis its headline uses.

On the real Comtrade Plus preview of the United States' 2023 trade with Japan; expected
figures are read here with the json module.
"""

from __future__ import annotations

import json

import pytest

import bilateral
from bilateral.api import Store
from shared_files import COMTRADE_PREVIEW, shared


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("preview") / "store")
    opened.ingest(shared(COMTRADE_PREVIEW))
    return opened


def line(flow: str) -> dict[str, float]:
    document = json.loads(shared(COMTRADE_PREVIEW).read_text(encoding="utf-8"))
    (found,) = [r for r in document["data"] if r["flowCode"] == flow]
    return dict(found)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_headline_gives_imports_total_and_balance_on_the_other_basis(
    store: Store, lang: str
) -> None:
    brief = store.brief("USA", "JPN", year=2023, lang=lang)
    figures = brief.figures
    exports, imports = line("X")["primaryValue"], line("M")
    assert figures.import_valuation == "CIF"
    assert figures.value("headline.imports") == pytest.approx(imports["cifvalue"])
    assert figures.value("headline.imports_other") == pytest.approx(imports["fobvalue"])
    assert figures.value("headline.total_other") == pytest.approx(exports + imports["fobvalue"])
    assert figures.value("headline.balance_other") == pytest.approx(exports - imports["fobvalue"])
    assert {"headline.imports_other", "headline.balance_other"} <= set(brief.shown())


def test_a_mirror_headline_names_no_basis_of_its_own(store: Store) -> None:
    figures = store.brief("JPN", "USA", year=2023, lang="en").figures
    assert figures.import_valuation is None
    assert "headline.imports_other" not in figures.figures
