"""The brief's text in English and Italian: the reader's number format, sources, events."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral.api import Store
from bilateral.cli import app


@pytest.fixture(scope="module")
def region_md(demo_store: Store) -> str:
    return str(demo_store.brief("ITH5", "BEL", year=2021, lang="it").render("md"))


def _it(value: float) -> str:
    """Format bn EUR as the Italian text must, computed here without babel."""
    return f"{value / 1e9:.1f}".replace(".", ",") + " miliardi di euro"


def test_italian_headline(demo_store: Store, region_md: str) -> None:
    row = next(r for r in demo_store.profile("ITH5", "BEL", 2021).rows)
    assert row.total is not None and row.exports is not None
    assert (
        f"l'interscambio tra l'Emilia-Romagna e il Belgio è stato di {_it(row.total)}" in region_md
    )
    assert _it(row.total) == "3,9 miliardi di euro"
    exports = f"esportazioni dell'Emilia-Romagna verso il Belgio sono state di {_it(row.exports)}"
    assert f"{exports} (+22% rispetto al 2020)" in region_md
    assert "billion" not in region_md


def test_italian_press_release_figures(demo_store: Store) -> None:
    text = str(demo_store.brief("IT", "BE", year=2021, lang="it").render("md"))
    # The scenario's paragraph: Belgian-reported Italian exports and imports, and their growth.
    assert "Secondo i dati del Belgio, le esportazioni dell'Italia verso il Belgio" in text
    assert "18,0 miliardi di euro (+22% rispetto al 2020)" in text
    assert "22,3 miliardi di euro (+16% rispetto al 2020)" in text
    assert "40,3 miliardi di euro" in text


def test_english_number_format(demo_store: Store) -> None:
    text = str(demo_store.brief("IT", "BE", year=2021, lang="en").render("md"))
    assert "totalled EUR 38.2 billion (+18% on 2020)" in text
    assert "a deficit of EUR 3.0 billion for Italy" in text
    assert "As Belgium declares it, Italy's exports to Belgium were EUR 18.0 billion (+22%" in text
    assert "The largest sector of exports is basic pharmaceutical products" in text
    assert "| 1 | 21 | Basic pharmaceutical products and pharmaceutical preparations |" in text


def test_sectors_ranks_region_and_events(region_md: str) -> None:
    assert "| 1 | 28 | Macchinari e apparecchiature n.c.a. |" in region_md
    assert (
        "Il Belgio è il 7º mercato di destinazione dell'Emilia-Romagna nel 2021, con il 4,7%"
        in (region_md)
    )
    assert "L'Italia è il 9º fornitore del Belgio nel 2021" in region_md
    assert (
        "L'Emilia-Romagna realizza l'11,9% delle esportazioni dell'Italia verso il Belgio "
        "(2,1 miliardi di euro su 17,6" in region_md
    )
    assert "11 marzo 2023 – Incontro:" in region_md


def test_sources_and_caveats(region_md: str) -> None:
    appendix = region_md.split("## Appendice: fonti e note")[1]
    sources = appendix.split("### Fonti")[1]
    assert (
        "[1] Interscambio annuale dell'Emilia-Romagna con il Belgio: statistiche regionali del "
        "commercio estero; periodo 2012-2021; versione dei dati synthetic-demo." in sources
    )
    assert "Eurostat, banca dati Comext" in sources
    assert "DATI DIMOSTRATIVI SINTETICI" in appendix.split("### Avvertenze sui dati")[1]
    # The document gives no commands: the JSON form keeps the query behind each source.
    assert "bilateral " not in region_md and "store." not in region_md


def test_command_prints_markdown(demo_store: Store) -> None:
    args = [
        "brief",
        "ITH5",
        "BEL",
        "--year",
        "2021",
        "--lang",
        "it",
        "--store",
        str(demo_store.root),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "# Emilia-Romagna – Belgio: scheda sull'interscambio commerciale 2021"
    )


def test_command_refuses_another_extension(demo_store: Store) -> None:
    args = ["brief", "IT", "BE", "--year", "2021", "--out", "brief.docx"]
    result = CliRunner().invoke(app, [*args, "--store", str(demo_store.root)])
    assert result.exit_code != 0
    assert "expected a file ending .html, .pdf, .md or .json" in str(result.exception)
