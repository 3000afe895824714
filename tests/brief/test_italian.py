"""The Italian brief is in Italian: no word of the English templates is left in it.

The English vocabulary is read from the English template and catalogue (their sentences,
headings and labels); every word of four letters or more found in an Italian brief must be
Italian, a proper name or the data's own text (event titles, vintages). Sector titles are
ISTAT's CPA 2.1 product titles once imported, compared with the file read with csv.
"""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.brief import Brief
from bilateral.brief.selfcheck import visible_text
from bilateral.cli import app
from bilateral.events.demo import event_place, event_title
from shared_files import COMTRADE_2022, DS_045409, SHARED_DATA, shared

# Words both languages use: Italian words spelt as English ones ("data" is a date, "base" as in
# "prodotti di base"), the loanword "partner", and the names of databases and services.
SHARED_WORDS = {"base", "data", "partner", "comext", "comtrade", "eurostat", "imts", "sdmx"}
ISTAT_CPA2 = SHARED_DATA / "istat" / "CPA21_2digit_titles_ita.tsv"
DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"
REAL = {COMTRADE_2022: (("DEU", "CHN"), 2022), DS_045409: (("ITA", "WORLD"), 2024)}
REAL[DOTS] = (("ITA", "BEL"), 2020)


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text) if len(word) >= 4}


def english_vocabulary() -> set[str]:
    """Return the words of the English template's text and of the English catalogue's labels."""
    root = resources.files("bilateral.brief")
    source = root.joinpath("templates", "en", "text.j2").read_text(encoding="utf-8")
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    quoted = re.findall(r'"([^"{}]*)"', source)
    outside = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", source, flags=re.S)
    words = set().union(*(_words(text) for text in [*quoted, outside]))
    labels = yaml.safe_load(root.joinpath("catalogs", "en.yaml").read_text(encoding="utf-8"))

    def strings(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for value in node.values() for s in strings(value)]
        return [node] if isinstance(node, str) else []

    return words.union(*(_words(text) for text in strings(labels["labels"])))


def english_left(brief: Brief, text: str, *, wrapped: bool = False) -> set[str]:
    """Return the English template words in `text`, the data's own text taken out.

    `wrapped` text (a PDF's, whose table cells break event titles anywhere) has the words
    of the event titles taken out rather than the titles themselves.
    """
    data_words: set[str] = set()
    for event in brief.figures.events:
        text = text.replace(event.title, " ").replace(event.place or "\0", " ")
        if wrapped:
            data_words |= _words(event.title) | _words(event.place or "")
    for vintage in brief.figures.vintages:
        text = text.replace(vintage, " ")
    return (_words(text) & english_vocabulary()) - SHARED_WORDS - data_words


def test_the_vocabulary_holds_the_english_sentences() -> None:
    words = english_vocabulary()
    assert {"appendix", "sources", "surplus", "declared", "synthetic", "exports"} <= words
    assert len(words) > 250


def all_forms(brief: Brief, folder: Path) -> dict[str, str]:
    [pdf] = brief.write(folder / "brief.pdf")
    return {
        "md": str(brief.render("md")),
        "html": visible_text(str(brief.render("html"))),
        "pdf": " ".join(page.extract_text() for page in PdfReader(pdf).pages),
    }


@pytest.mark.parametrize("pair", [("ITH5", "BEL"), ("ITA", "BEL")])
def test_the_demo_briefs_in_italian(
    demo_store: Store, tmp_path: Path, pair: tuple[str, str]
) -> None:
    brief = demo_store.brief(*pair, year=2021, lang="it")
    for form, text in all_forms(brief, tmp_path).items():
        assert english_left(brief, text, wrapped=form == "pdf") == set(), form
    markdown = str(brief.render("md"))
    for event in brief.figures.events:  # the demo's events, titled in Italian
        assert event_title(event, "it") in markdown and event.title not in markdown
        assert f"({event_place(event, 'it')})" in markdown
    assert "(Brussels)" not in markdown and "Demo town" not in markdown
    english = demo_store.brief(*pair, year=2021, lang="en")
    assert english_left(english, str(english.render("md"))) >= {"exports", "sources", "appendix"}


@pytest.mark.parametrize("path", list(REAL))
def test_real_files_briefs_in_italian(tmp_path: Path, path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(path))
    pair, year = REAL[path]
    brief = store.brief(*pair, year=year, lang="it")
    assert english_left(brief, str(brief.render("md"))) == set()
    assert english_left(brief, visible_text(str(brief.render("html")))) == set()


def istat_titles() -> dict[str, str]:
    with shared(ISTAT_CPA2).open(encoding="utf-8", newline="") as handle:
        return {row[0]: row[1] for row in csv.reader(handle, delimiter="\t")}


def test_imported_cpa_titles_name_the_sectors(tmp_path: Path, demo_store: Store) -> None:
    store = bilateral.open(tmp_path / "store")
    report = store.reference.import_dir(shared(ISTAT_CPA2).parent)
    rows = {t.name: t.rows for t in report.imported}
    assert (rows["cpa21_divisions_it"], rows["cpa21_groups_it"]) == (34, 262)
    table = store.reference.catalogue.table("cpa21_divisions_it").to_pylist()
    assert {row["code"]: row["title"] for row in table} == istat_titles()
    # The demo store with the titles imported: the Italian brief names ISTAT's products.
    demo_store.reference.import_dir(shared(ISTAT_CPA2).parent)
    try:
        brief = demo_store.brief("ITH5", "BEL", year=2021, lang="it")
        titles = {line.code: line.title for line in brief.figures.sectors}
        official = istat_titles()
        assert titles["28"] == official["28"] == "Macchine ed apparecchi meccanici n.c.a."
        assert all(titles[code] == official[code] for code in titles)
        assert f"| 1 | 28 | {official['28']} |" in str(brief.render("md"))
        # `bilateral sectors --language it` names the same products as the brief.
        args = ["sectors", "ITH5", "BEL", "--year", "2021", "--language", "it", "-f", "json"]
        done = CliRunner().invoke(app, [*args, "--store", str(demo_store.root)])
        assert done.exit_code == 0, done.output
        shown = {row["code"]: row["title"] for row in json.loads(done.stdout)["rows"]}
        assert shown["28"] == official["28"]
        assert all(shown[code] == official[code] for code in shown if code in official)
        assert {code for code in shown if code in official} >= set(titles)
    finally:
        for name in ("cpa21_divisions_it", "cpa21_groups_it"):
            (demo_store.root / "reference" / f"{name}.parquet").unlink()
        (demo_store.root / "reference" / "manifest.json").unlink()
