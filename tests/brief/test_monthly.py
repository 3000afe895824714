"""A brief on monthly data: annual figures are the sums of the months, with a monthly chart."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest

import bilateral
from bilateral.api import Store
from store.comext_files import row, write_full_v2


def _months(
    reporter: str, partner: str, flow: Literal["import", "export"], scale: float
) -> list[dict[str, str]]:
    return [
        row(reporter, partner, flow, year, scale * (year - 2019) * month, month=month, product=code)
        for year in (2020, 2021)
        for month in range(1, 13)
        for code in ("29011000", "30049000")
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("monthly")
    rows = [
        *_months("IT", "BE", "export", 1e6),
        *_months("IT", "BE", "import", 4e5),
        *_months("BE", "IT", "import", 1.05e6),
    ]
    opened = bilateral.open(folder / "store")
    opened.ingest(write_full_v2(folder / "full_v2_2020-2021.dat", rows), vintage="2022-03-15")
    return opened


def test_annual_figures_are_month_sums(store: Store) -> None:
    brief = store.brief("IT", "BE", year=2021)
    # 2021: 2 products x sum(1..12) x 2 x 1e6 exports; 2020 half of it.
    exports = 2 * 78 * 2 * 1e6
    assert brief.figures.value("headline.exports") == pytest.approx(exports)
    assert brief.figures.value("headline.exports_growth") == pytest.approx(1.0)
    assert brief.figures.value("mirror.ITA_BEL.gap_share") == pytest.approx(0.05)
    points = [p for p in brief.figures.monthly if p.flow == "export"]
    assert [p.period for p in points][:2] == ["2020-01", "2020-02"]
    assert len(points) == 24
    assert sum(p.value for p in points if p.period.startswith("2021")) == pytest.approx(exports)
    assert brief.figures.sources["monthly"].query == (
        "store.series('ITA', 'BEL', frequency='M', years='2020-2021')"
    )


def test_monthly_chart_and_caption(store: Store, tmp_path: Path) -> None:
    brief = store.brief("IT", "BE", year=2021, lang="it")
    html = str(brief.render("html"))
    assert html.count("<svg") == 2
    assert "Esportazioni e importazioni mensili, da 2020-01 a 2021-12." in html
    text = str(brief.render("md"))
    assert "312,0 milioni di euro (+100% rispetto al 2020)" in text
    written = brief.write(tmp_path / "brief.md", charts=True)
    assert {p.name for p in written} >= {"brief_monthly.svg", "brief_monthly.png"}


def test_a_partial_year_is_compared_with_the_same_months(tmp_path: Path) -> None:
    rows = [
        r
        for r in (*_months("IT", "BE", "export", 1e6), *_months("IT", "BE", "import", 4e5))
        if r["PERIOD"] != "202112"
    ]
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "full_v2_2020-2021.dat", rows), vintage="2022-03-15")
    brief = store.brief("IT", "BE", year=2021)
    # Jan-Nov 2021 is twice Jan-Nov 2020; against all of 2020 it would be 2 * 66 / 78 - 1.
    growth = brief.figures.figures["headline.exports_growth"]
    assert (growth.value, growth.months) == (pytest.approx(1.0), tuple(range(1, 12)))
    sector = brief.figures.figures["sectors.export.1.growth"]
    assert (sector.value, sector.months) == (pytest.approx(1.0), tuple(range(1, 12)))
    brief.render("md")  # self-checked: every number printed is a figure


def _marks(text: str) -> tuple[set[str], list[str]]:
    """Return the footnote marks the text cites before its appendix, and those it lists."""
    body, appendix = text.split("\n---\n", 1)
    return set(re.findall(r"\[(\d+)\]", body)), re.findall(r"^\[(\d+)\] ", appendix, re.M)


def test_markdown_lists_the_monthly_source_only_with_its_chart(
    store: Store, tmp_path: Path
) -> None:
    brief = store.brief("IT", "BE", year=2021)
    monthly = brief.figures.sources["monthly"].mark
    # The monthly source is gathered last: its footnote is the last one.
    assert monthly == max(source.mark for source in brief.figures.sources.values())
    cited, listed = _marks(str(brief.render("md")))
    assert str(monthly) not in cited
    assert listed == sorted(cited, key=int) == [str(n) for n in range(1, monthly)]
    [text] = [p for p in brief.write(tmp_path / "brief.md", charts=True) if p.suffix == ".md"]
    cited, listed = _marks(text.read_text(encoding="utf-8"))
    assert listed == sorted(cited, key=int) == [str(n) for n in range(1, monthly + 1)]
