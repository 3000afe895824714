"""The printed brief: two pages (or one) before an appendix, running heads on every page.

PDFs are read back with pypdf, page by page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from bilateral.api import Store
from bilateral.brief import Brief
from bilateral.cli import app

APPENDIX = {"it": "Appendice: fonti e note", "en": "Appendix: sources and notes"}
PAGE = {"it": "Pagina {n} di {total}", "en": "Page {n} of {total}"}
PREPARED = {"it": "Redatta {day}", "en": "Prepared on {day}"}
MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
             "settembre", "ottobre", "novembre", "dicembre")  # fmt: skip


def pages_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def day_in(lang: str, day: dt.date) -> str:
    """Return `day` as the brief dates it: "8 December 2026"; "l'8 dicembre", "il 1º ottobre"."""
    if lang == "en":
        return f"{day.day} {day.strftime('%B')} {day.year}"
    article = "l'" if day.day in (8, 11) else "il "
    number = "1º" if day.day == 1 else str(day.day)
    return f"{article}{number} {MONTHS_IT[day.month - 1]} {day.year}"


@pytest.mark.parametrize(
    ("pair", "lang", "pages"),
    [(("ITH5", "BEL"), "it", 2), (("ITH5", "BEL"), "en", 2), (("ITA", "BEL"), "it", 2),
     (("ITH5", "BEL"), "it", 1), (("ITA", "BEL"), "en", 1)],
)  # fmt: skip
def test_the_brief_fits_its_pages_and_the_appendix_follows(
    demo_store: Store, out_dir: Path, pair: tuple[str, str], lang: str, pages: int
) -> None:
    brief = demo_store.brief(*pair, year=2021, lang=lang).in_pages(pages)
    [path] = brief.write(out_dir / f"{'_'.join(pair)}_{lang}_{pages}.pdf")
    texts = pages_of(path)
    starts = [n for n, text in enumerate(texts, start=1) if APPENDIX[lang] in text]
    assert starts == [pages + 1]
    day = day_in(lang, brief.figures.prepared)
    for n, text in enumerate(texts, start=1):
        assert PAGE[lang].format(n=n, total=len(texts)) in text
        assert PREPARED[lang].format(day=day) in text
        assert "synthetic-demo" in text  # the data vintage
        assert brief.figures.vintages == ("synthetic-demo",)


def test_the_short_form_keeps_messages_headline_sectors_and_ranks(
    demo_store: Store, out_dir: Path
) -> None:
    brief = demo_store.brief("ITH5", "BEL", year=2021, lang="it").in_pages(1)
    [path] = brief.write(out_dir / "short.pdf")
    first = pages_of(path)[0]
    for heading in ("In sintesi", "Dati principali", "Settori", "Posizione tra i partner"):
        assert heading in first
    for left_out in ("I dati dei due paesi a confronto", "Andamento", "Cronologia"):
        assert left_out not in first
    # three sectors of each flow, not five
    assert "4 29 Autoveicoli" not in first and "3 10 Prodotti alimentari" in first


def test_a_table_is_not_split_across_pages(demo_store: Store, out_dir: Path) -> None:
    brief = demo_store.brief("ITA", "BEL", year=2021, lang="en")
    [path] = brief.write(out_dir / "tables.pdf")
    texts = pages_of(path)
    for flow in ("exports", "imports"):
        header = f"Sector ({flow})"
        [page] = [text for text in texts if header in text]
        rows = [line for line in brief.figures.sectors if line.flow == flow[:-1]]
        last = rows[-1].title
        assert page.index(header) < page.index(last, page.index(header))


def test_the_page_count_is_refused_outside_one_or_two(demo_store: Store) -> None:
    args = ["brief", "ITH5", "BEL", "--year", "2021", "--pages", "3"]
    result = CliRunner().invoke(app, [*args, "--store", str(demo_store.root)])
    assert result.exit_code == 2
    assert "less than or equal to 2" in " ".join(result.output.split())


def test_the_command_writes_the_one_page_form(demo_store: Store, out_dir: Path) -> None:
    target = out_dir / "cli_short.pdf"
    args = ["brief", "ITH5", "BEL", "--year", "2021", "--lang", "it", "--pages", "1"]
    result = CliRunner().invoke(app, [*args, "--out", str(target), "--store", str(demo_store.root)])
    assert result.exit_code == 0, result.output
    texts = pages_of(target)
    assert APPENDIX["it"] in texts[1] and APPENDIX["it"] not in texts[0]


def test_no_command_is_given_to_the_reader(demo_store: Store) -> None:
    for pair in (("ITA", "BEL"), ("ITH5", "BEL")):
        brief = demo_store.brief(*pair, year=2021, lang="en")
        for form in ("md", "html"):
            text = str(brief.render(form))
            assert "bilateral " not in text and "store." not in text and "`" not in text
    # no events between Italy and Belgium: said in plain words
    text = str(demo_store.brief("ITA", "BEL", year=2021, lang="en").render("md"))
    assert "No meetings or other events between Italy and Belgium are recorded." in text


def test_the_markdown_trend_is_a_table(demo_store: Store, region_brief: Brief) -> None:
    text = str(region_brief.render("md"))
    trend = text.split("## Andamento\n")[1].split("\n## ")[0]
    rows = {r.year: r for r in demo_store.profile("ITH5", "BEL", "2017-2021").rows}
    assert "| Anno | Esportazioni | Importazioni | Saldo |" in trend
    for year, row in rows.items():
        assert row.exports is not None
        billions = f"{row.exports / 1e9:.1f}".replace(".", ",")
        assert f"| {year} | {billions} miliardi di euro |" in trend


@pytest.fixture(scope="module")
def region_brief(demo_store: Store) -> Brief:
    return demo_store.brief("ITH5", "BEL", year=2021, lang="it")
