"""A brief on a year the store holds for part of it says so on top, and cites what it shows.

On the real Comext CPA extract of December 2019 (Belgium's and Austria's declarations, EUR): the
brief on Austria-Belgium in 2019 shows one month's trade, so it says the year is incomplete and
which month it holds, in every form and language; its single month is not drawn as a monthly
chart, so no monthly source is cited. Expected figures are read here with the csv module.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from html import unescape

import pytest

import bilateral
from bilateral.api import Store
from bilateral.brief import Brief
from shared_files import SHARED_DATA, shared

CPA = (
    SHARED_DATA
    / "eurostat_comext"
    / "comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
)
INCOMPLETE = {
    "en": "Incomplete year: the 2019 figures cover December only (1 month of 12), "
    "not the whole year.",
    "it": "Anno incompleto: per il 2019 i dati coprono solo dicembre (1 mese su 12), "
    "non l'intero anno.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("part_year") / "store")
    opened.ingest(shared(CPA))
    return opened


def file_months_and_exports(reporter: str, partner: str) -> tuple[set[str], float]:
    """Return the periods of the file and `reporter`'s exports to `partner` summed from it."""
    periods: set[str] = set()
    exports = 0.0
    with shared(CPA).open(newline="") as handle:
        for row in csv.DictReader(handle):
            periods.add(row["PERIOD"])
            if (row["DECLARANT_ISO"], row["PARTNER_ISO"], row["FLOW"]) == (reporter, partner, "2"):
                exports += float(row["VALUE_IN_EUROS"])
    return periods, exports


def cited_marks(text: str) -> set[str]:
    body = text.split("## ", 1)[1].split("---\n", 1)[0]
    return set(re.findall(r"\[(\d+)\]", body))


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_brief_on_one_month_says_the_year_is_incomplete(store: Store, lang: str) -> None:
    periods, exports = file_months_and_exports("AT", "BE")
    assert periods == {"201912"}
    brief = store.brief("AT", "BE", year=2019, lang=lang)
    assert brief.figures.year_months == (12,)
    assert brief.figures.value("headline.exports") == pytest.approx(exports, rel=1e-9)
    text = brief.render("md")
    banner = f"> **{INCOMPLETE[lang]}**"
    assert text.index(banner) < text.index("## ")  # above the key messages
    assert f"- {INCOMPLETE[lang]}" in text.split("---\n", 1)[1]  # and among the caveats
    html = unescape(str(brief.render("html")))
    assert html.count(INCOMPLETE[lang]) == 2


def test_a_single_month_is_neither_charted_nor_cited(store: Store) -> None:
    brief = store.brief("AT", "BE", year=2019)
    assert brief.figures.monthly == ()
    assert "monthly" not in brief.figures.sources
    text = brief.render("md")
    listed = set(re.findall(r"^\[(\d+)\] ", text, re.MULTILINE))
    assert listed == cited_marks(text)
    assert "<svg" not in str(brief.render("html"))


def test_a_whole_year_has_no_incomplete_year_banner(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from bilateral.synthetic import write_demo_files

    folder = tmp_path_factory.mktemp("whole_year")
    opened = bilateral.open(folder / "store")
    for path in write_demo_files(folder)[3:5]:
        opened.ingest(path, synthetic=True)
    brief = opened.brief("IT", "BE", year=2021, lang="it")
    assert brief.figures.year_months is None
    assert "Anno incompleto" not in brief.render("md")


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (dt.date(2026, 12, 8), "Redatta l'8 dicembre 2026"),
        (dt.date(2023, 3, 11), "Redatta l'11 marzo 2023"),
        (dt.date(2023, 10, 1), "Redatta il 1º ottobre 2023"),
        (dt.date(2023, 5, 18), "Redatta il 18 maggio 2023"),
    ],
)
def test_the_italian_date_takes_the_article_of_its_day(
    store: Store, day: dt.date, said: str
) -> None:
    figures = dataclasses.replace(store.brief("AT", "BE", year=2019).figures, prepared=day)
    text = Brief(figures, "it").render("md")
    assert f"*{said} · " in text
    html = str(Brief(figures, "it").render("html"))
    assert f'@bottom-left {{ content: "{said}"' in html
    english = Brief(figures, "en").render("md")
    assert f"*Prepared on {day.day} " in english
