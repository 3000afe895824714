"""Parts of the brief on their own: HS sections for data without CPA, names, languages."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral.api import Store
from bilateral.brief import languages, load_catalog
from bilateral.brief.gather import section_lines
from bilateral.brief.names import territory_name_with
from bilateral.cli import app
from bilateral.results import SectorRow, Sectors


def _chapter(flow: str, code: str, rank: int | None, value: float, share: float) -> SectorRow:
    return SectorRow("baci", "reported by Italy", "ITA", flow, code, f"chapter {code}", rank,
                     value, share, 0.1, "USD", "V202401")  # fmt: skip


def test_sections_sum_their_chapters() -> None:
    rows = (
        _chapter("export", "28", 1, 50.0, 0.5),  # section VI, chemicals
        _chapter("export", "84", 2, 30.0, 0.3),  # section XVI, machinery
        _chapter("export", "30", 3, 15.0, 0.15),  # section VI
        _chapter("export", "99", 4, 5.0, 0.05),  # no section
        _chapter("import", "84", None, 9.0, 0.9),  # not ranked (confidential line)
    )
    result = Sectors("ITA", "Italy", "BEL", "Belgium", 2021, "hs2", rows)
    figures, lines = section_lines(result, "reported by Italy", "sectors")
    assert [(line.code, line.flow, line.has_growth) for line in lines] == [
        ("VI", "export", False),
        ("XVI", "export", False),
    ]
    assert figures["sectors.export.1.value"].value == 65.0
    assert figures["sectors.export.1.share"].value == pytest.approx(0.65)
    assert figures["sectors.export.leading_share"].value == pytest.approx(0.95)
    assert "sectors.export.1.growth" not in figures
    assert lines[0].title.startswith("Products of the chemical or allied industries")


def test_italian_articles() -> None:
    italian = load_catalog("it")
    assert territory_name_with("USA", "da", italian) == "dagli Stati Uniti"
    assert territory_name_with("NLD", "verso", italian) == "verso i Paesi Bassi"
    assert territory_name_with("ITA", "tra", italian) == "tra l'Italia"
    assert territory_name_with("USA", "", load_catalog("en")) == "the United States"


def test_languages_are_catalogues_with_templates() -> None:
    assert languages() == ("en", "it")


def test_english_events_and_dates(demo_store: Store) -> None:
    text = str(demo_store.brief("Emilia-Romagna", "Belgio", year=2021).render("md"))
    assert "- 11 March 2023 – Meeting: The President of Emilia-Romagna meets" in text
    assert "Emilia-Romagna accounts for 11.9% of Italy's exports to Belgium" in text


def test_charts_need_an_output_file(demo_store: Store) -> None:
    args = ["brief", "IT", "BE", "--year", "2021", "--charts", "--store", str(demo_store.root)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert "--out PATH too" in str(result.exception)
