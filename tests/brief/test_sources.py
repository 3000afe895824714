"""Briefs where several sources cover the pair: one source per brief, the others named apart.

Stores: the demo's synthetic Comext years 2020-2021 with the real IMF Direction of Trade
workbook (Italy by partner, USD), and the real workbook with the real Comext CPA extract of
December 2019 (Belgium's declarations, EUR): the only real files whose years overlap the
workbook's (the DS-045409 extract covers 2023-2025 and the Comtrade file 2022). Expected
figures are read here with openpyxl and the csv module.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.api import Store
from bilateral.brief import Brief
from bilateral.brief.choice import choose_source
from bilateral.errors import InvalidArgumentError
from bilateral.synthetic import write_demo_files
from bilateral.synthetic.demo import DEMO_YEARS
from shared_files import SHARED_DATA, shared

DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"
CPA = (
    SHARED_DATA
    / "eurostat_comext"
    / "comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
)
DATASET_NAMES = {
    "comext": "Eurostat, Comext database (EU trade by product)",
    "comext_cpa": "Eurostat, Comext database (EU trade by CPA 2.1 product)",
    "imf_dots": "International Monetary Fund, Direction of Trade Statistics (IMTS)",
}
MONEY = re.compile(r"\b(EUR|USD) -?\d")


@functools.cache
def dots_belgium() -> dict[tuple[str, int], float]:
    """Return Italy's exports to and imports from Belgium by year, in USD, from the workbook."""
    book = openpyxl.load_workbook(shared(DOTS), read_only=True)
    found: dict[tuple[str, int], float] = {}
    for sheet, flow in (("Exports, FOB", "export"), ("Imports, CIF", "import")):
        rows = list(book[sheet].iter_rows(values_only=True))
        assert rows[4][1] == "US Dollars, Millions"
        years = [int(str(cell)) for cell in rows[6][2:]]
        belgium = next(row for row in rows[7:] if row[1] == "Belgium")
        for year, cell in zip(years, belgium[2:], strict=True):
            if cell is not None:
                found[flow, year] = float(str(cell)) * 1e6
    book.close()
    return found


def comext_sums(path: Path, reporter: str, partner: str) -> dict[str, float]:
    """Return a full_v2 file's exports and imports of `reporter` with `partner`, in EUR."""
    sums = {"export": 0.0, "import": 0.0}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["REPORTER"], row["PARTNER"]) == (reporter, partner):
                sums["export" if row["FLOW"] == "2" else "import"] += float(row["VALUE_EUR"])
    return sums


def cpa_sums(reporter: str, partner: str) -> dict[str, float]:
    """Return the CPA extract's exports and imports of `reporter` with `partner`, in EUR."""
    sums = {"export": 0.0, "import": 0.0}
    with shared(CPA).open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["DECLARANT_ISO"], row["PARTNER_ISO"]) == (reporter, partner):
                flow = "export" if row["FLOW"] == "2" else "import"
                sums[flow] += float(row["VALUE_IN_EUROS"])
    return sums


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    """Return a store with the demo's Comext 2020-2021 and the IMF workbook, and the 2020 file."""
    folder = tmp_path_factory.mktemp("two_sources")
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder / "files"), strict=True))
    for year in (2020, 2021):
        store.ingest(files[year], synthetic=True)
    store.ingest(shared(DOTS))
    return store, files[2020]


@pytest.fixture(scope="module")
def real_sources(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Return a store with the real IMF workbook and the real Comext CPA extract."""
    store = bilateral.open(tmp_path_factory.mktemp("real_sources") / "store")
    store.ingest(shared(DOTS))
    store.ingest(shared(CPA))
    return store


def close(left: float, right: float) -> bool:
    return abs(left - right) <= 1e-6 * max(1.0, abs(right))


def section(text: str, heading: str) -> list[str]:
    """Return the lines of a Markdown section, up to the next heading."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return [line for line in lines[start:end] if line.strip()]


def footnotes(text: str) -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r"^\[(\d+)\] (.*)$", text, re.MULTILINE)}


def assert_one_source_each(brief: Brief) -> None:
    """Every figure comes from one source: the brief's, or an other source's own headline."""
    data = brief.figures
    others = {o.id: o for o in data.other_sources}
    assert data.dataset
    for figure in data.figures.values():
        prefix = figure.id.rsplit(".", 1)[0]
        if prefix in others:
            assert figure.dataset == others[prefix].dataset != data.dataset
            assert figure.currency == others[prefix].currency
            assert data.sources[figure.source].datasets == (figure.dataset,)
        else:
            assert figure.dataset == data.dataset, figure
            assert figure.currency is None
            assert data.sources[figure.source].datasets == (data.dataset,)


def test_default_brief_takes_every_figure_from_comext(two_sources: tuple[Store, Path]) -> None:
    store, demo_2020 = two_sources
    brief = store.brief("IT", "BE", year=2020)
    data, dots, comext = brief.figures, dots_belgium(), comext_sums(demo_2020, "IT", "BE")
    # Comext holds every product of Italy's own declaration; the IMF a published total.
    assert (data.dataset, data.currency) == ("comext", "EUR")
    assert close(data.value("headline.exports"), comext["export"])
    assert close(data.value("headline.imports"), comext["import"])
    # Comext holds no 2019 here: no growth, no change message, a trend of 2020 alone.
    assert not data.has("headline.exports_growth")
    assert data.trend_years == ("2020",)
    assert [o.dataset for o in data.other_sources] == ["imf_dots"]
    assert close(data.value("others.imf_dots.total"), dots["export", 2020] + dots["import", 2020])
    assert data.figures["others.imf_dots.total"].currency == "USD"
    assert_one_source_each(brief)
    text = brief.render("md")
    assert "Compared with" not in text
    assert "Direction of Trade Statistics (IMTS) also covers the pair" in text
    assert "total trade of USD 37.8 billion in 2020" in text


def test_imf_brief_matches_the_workbook_in_year_order(two_sources: tuple[Store, Path]) -> None:
    store, demo_2020 = two_sources
    brief = store.brief("IT", "BE", year=2020, source="imf_dots")
    data, dots = brief.figures, dots_belgium()
    assert (data.dataset, data.currency, data.dataset_chosen_by_user) == ("imf_dots", "USD", True)
    assert data.trend_years == tuple(str(y) for y in range(2011, 2021))
    for year in range(2011, 2021):
        assert close(data.value(f"trend.{year}.exports"), dots["export", year])
        assert close(data.value(f"trend.{year}.imports"), dots["import", year])
    assert close(data.value("headline.exports"), 17_040.717126e6)
    growth = dots["export", 2020] / dots["export", 2019] - 1
    assert close(data.value("headline.exports_growth"), growth)
    comext = comext_sums(demo_2020, "IT", "BE")
    assert close(data.value("others.comext.total"), comext["export"] + comext["import"])
    assert_one_source_each(brief)
    text = brief.render("md")
    trend = [line.split("|")[1].strip() for line in section(text, "## Trend")[2:12]]
    assert trend == [str(y) for y in range(2011, 2021)]
    assert "2011–2020, as Italy declares them" in text
    assert "exports went from USD 16.0 billion" not in text  # growths, in the source's own years
    assert "Compared with 2019, exports rose by 7% and imports fell by 6%" in text


@pytest.mark.parametrize("source", [None, "imf_dots", "comext"])
def test_no_message_or_table_mixes_sources(
    two_sources: tuple[Store, Path], source: str | None
) -> None:
    brief = two_sources[0].brief("IT", "BE", year=2020, source=source)
    text = brief.render("md")
    own = brief.figures.currency
    messages = section(text, "## Key messages")
    tables = [line for line in text.splitlines() if line.startswith("|")]
    for line in messages + tables:
        assert {m[1] for m in MONEY.finditer(line)} <= {own}, line
    notes = footnotes(text)
    used = {brief.figures.dataset, *(o.dataset for o in brief.figures.other_sources)}
    for mark, line in notes.items():
        named = [code for code, name in DATASET_NAMES.items() if name in line]
        assert len(named) == 1 and named[0] in used, (mark, line)
    assert DATASET_NAMES[brief.figures.dataset] in notes["1"]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_real_files_brief_names_the_cpa_month_apart(real_sources: Store, lang: str) -> None:
    brief = real_sources.brief("IT", "BE", year=2019, lang=lang)
    data, dots, belgium = brief.figures, dots_belgium(), cpa_sums("BE", "IT")
    # The IMF covers the whole year; the extract December 2019 only.
    assert data.dataset == "imf_dots"
    assert close(data.value("headline.exports"), dots["export", 2019])
    assert close(data.value("headline.imports"), dots["import", 2019])
    (other,) = data.other_sources
    assert (other.dataset, other.reported_by, other.currency, other.months) == (
        "comext_cpa",
        "BEL",
        "EUR",
        (12,),
    )
    # Belgium's imports from Italy are Italy's exports as Belgium declares them.
    assert close(data.value("others.comext_cpa.exports"), belgium["import"])
    assert close(data.value("others.comext_cpa.imports"), belgium["export"])
    assert_one_source_each(brief)
    text = brief.render("md")
    assert ("1 month of the year only" if lang == "en" else "solo 1 mese dell'anno") in text
    for line in section(text, "## Key messages" if lang == "en" else "## In sintesi"):
        assert "EUR" not in line and "euro" not in line


def test_real_files_brief_from_the_cpa_extract(real_sources: Store) -> None:
    brief = real_sources.brief("BE", "IT", year=2019, source="comext_cpa")
    data, belgium = brief.figures, cpa_sums("BE", "IT")
    assert (data.dataset, data.currency) == ("comext_cpa", "EUR")
    assert close(data.value("headline.exports"), belgium["export"])
    assert close(data.value("headline.exports"), 1_339_111_170)
    assert close(data.value("headline.imports"), belgium["import"])
    (other,) = data.other_sources
    assert (other.dataset, other.reported_by, other.months) == ("imf_dots", "ITA", None)
    dots = dots_belgium()
    assert close(data.value("others.imf_dots.total"), dots["export", 2019] + dots["import", 2019])
    assert_one_source_each(brief)


def test_a_source_that_does_not_cover_the_year_is_refused(real_sources: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="in 2019: imf_dots, comext_cpa"):
        real_sources.brief("IT", "BE", year=2019, source="comtrade")


def test_choice_ranks_whole_year_then_own_declaration(real_sources: Store) -> None:
    profile = real_sources.profile("BE", "IT", [2019])
    assert choose_source(profile, 2019).chosen == "imf_dots"  # whole year, Italy's mirror
    assert choose_source(profile, 2019, "comext_cpa").others == ("imf_dots",)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pair=st.sampled_from([("IT", "BE"), ("BE", "IT")]),
    year=st.sampled_from([2019, 2020]),
    source=st.sampled_from([None, "imf_dots", "comext"]),
    lang=st.sampled_from(["en", "it"]),
)
def test_every_figure_carries_one_source(
    two_sources: tuple[Store, Path], pair: tuple[str, str], year: int, source: str | None, lang: str
) -> None:
    store = two_sources[0]
    wanted = source if (source, year) != ("comext", 2019) else None  # Comext holds no 2019
    brief = store.brief(*pair, year=year, lang=lang, source=wanted)
    assert_one_source_each(brief)
    brief.render("md")  # the self-check passes with each figure in its own currency
