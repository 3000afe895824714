"""Key messages: chosen by the rules of `bilateral.brief.messages`, sourced and self-checked.

On the demo store (every rule applies) and on real files: UN Comtrade's 2022 totals of China
and Germany by partner (one year, no sectors: size and ranks only) and Eurostat's DS-045409
extract of Italy's trade in 41 CN8 products (two years: the change since 2023). Expected
values are read from the files with the csv module.
"""

from __future__ import annotations

import csv
import re

import pytest

import bilateral
from bilateral.api import Store
from bilateral.brief import Brief
from bilateral.brief.messages import FAST_SECTOR_MIN_SHARE, key_messages
from bilateral.brief.selfcheck import check_text
from bilateral.brief.text import render_text
from bilateral.errors import BriefCheckError
from shared_files import COMTRADE_2022, DS_045409, shared


@pytest.fixture(scope="module")
def region_it(demo_store: Store) -> Brief:
    return demo_store.brief("ITH5", "BEL", year=2021, lang="it")


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n")[1].split("\n## ")[0]


def test_every_rule_applies_on_the_demo_region(demo_store: Store, region_it: Brief) -> None:
    messages = key_messages(region_it.figures)
    assert [m.kind for m in messages] == ["size", "change", "sectors", "ranks", "region"]
    size, change, sectors, ranks, region = messages
    assert size.figure_ids == ("headline.total", "headline.balance")
    assert change.compared_year == 2020
    assert change.figure_ids == (
        "headline.exports_growth",
        "headline.imports_growth",
        "headline.balance",
        "trend.2020.balance",
    )
    rows = {r.year: r for r in demo_store.profile("ITH5", "BEL", "2020-2021").rows}
    assert region_it.figures.value("trend.2020.balance") == pytest.approx(rows[2020].balance)
    # The largest export sector, and the fastest-growing listed sector holding 5% of its flow.
    every = [r for r in demo_store.sectors("ITH5", "BEL", 2021, scheme="cpa").rows if r.rank]
    exports = sorted((r for r in every if r.flow == "export"), key=lambda r: -r.value)
    assert sectors.lines[0] == "sectors.export.1" and exports[0].code == "28"
    listed = [r for r in every if r.rank is not None and r.rank <= 5]
    fast = max(
        (r for r in listed if (r.share or 0) >= FAST_SECTOR_MIN_SHARE and r.growth is not None),
        key=lambda r: r.growth or 0.0,
    )
    assert sectors.lines[1] == f"sectors.{fast.flow}.{fast.rank}"
    assert (fast.flow, fast.code) == ("export", "29")
    assert ranks.lines == ("ranks.b_in_a.export", "ranks.a_in_b.import")
    assert region.figure_ids == ("region.exports_share", "region.imports_share")


def test_messages_are_printed_first_with_their_sources(region_it: Brief) -> None:
    text = str(region_it.render("md"))
    assert text.index("## In sintesi") < text.index("## Dati principali")
    bullets = section(text, "In sintesi").strip().splitlines()
    assert len(bullets) == 5
    assert bullets[0] == (
        "- Nel 2021 l'interscambio tra l'Emilia-Romagna e il Belgio è stato di 3,9 miliardi di "
        "euro, con un avanzo di 296,0 milioni di euro per l'Emilia-Romagna. [1]"
    )
    assert bullets[1].startswith(
        "- Rispetto al 2020 le esportazioni sono cresciute del 22% e le importazioni del 23%; "
        "l'avanzo è salito da 252,8 milioni di euro a 296,0 milioni di euro"
    )
    assert "«macchinari e apparecchiature n.c.a.», con il 36,8% del totale" in bullets[2]
    assert "«autoveicoli, rimorchi e semirimorchi» (esportazioni, +35%)" in bullets[2]
    assert bullets[3].startswith(
        "- Il Belgio è il 7º mercato di destinazione dell'Emilia-Romagna; "
        "l'Italia è il 9º fornitore del Belgio."
    )
    assert "l'11,9% delle esportazioni dell'Italia verso il Belgio e l'8,7%" in bullets[4]
    marks = {s.key: s.mark for s in region_it.figures.sources.values()}
    for bullet, keys in zip(
        bullets,
        (["profile"], ["profile"], ["sectors"], ["b_in_a.export", "a_in_b.import"], ["region"]),
        strict=True,
    ):
        assert bullet.endswith(" " + "".join(f"[{marks[k]}]" for k in keys)), bullet


def test_a_message_that_misstates_a_figure_fails_the_self_check(region_it: Brief) -> None:
    text, recorder = render_text(region_it.figures, region_it.catalog, "md")
    check_text(text, recorder, region_it.catalog)
    wrong = text.replace("sono cresciute del 22%", "sono cresciute del 32%")
    assert wrong != text
    with pytest.raises(BriefCheckError, match="32"):
        check_text(wrong, recorder, region_it.catalog)


def comtrade(reporter: str, flow: str) -> dict[str, float]:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        return {
            line["partnerISO"]: float(line["primaryValue"])
            for line in csv.DictReader(handle)
            if line["reporterISO"] == reporter and line["flowCode"] == flow
        }


def rank_among_partners(reporter: str, flow: str, partner: str) -> int:
    """The rank of `partner`: partners above it, leaving out World and the reporter itself."""
    values = comtrade(reporter, flow)
    above = [p for p, v in values.items() if v > values[partner] and p not in {"W00", reporter}]
    return len(above) + 1


@pytest.fixture(scope="module")
def comtrade_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    opened.ingest(shared(COMTRADE_2022))
    return opened


@pytest.mark.parametrize("lang", ["en", "it"])
def test_one_year_of_totals_gives_size_and_ranks(comtrade_store: Store, lang: str) -> None:
    brief = comtrade_store.brief("DEU", "CHN", year=2022, lang=lang)
    messages = key_messages(brief.figures)
    assert [m.kind for m in messages] == ["size", "ranks"]  # no earlier year, no sectors
    exports, imports = comtrade("DEU", "X")["CHN"], comtrade("DEU", "M")["CHN"]
    assert brief.figures.value("headline.total") == pytest.approx(exports + imports)
    assert brief.figures.value("headline.balance") == pytest.approx(exports - imports)
    market, supplier = (brief.figures.value(f"{i}") for i in messages[1].figure_ids)
    assert market == rank_among_partners("DEU", "X", "CHN") == 4
    assert supplier == rank_among_partners("CHN", "M", "DEU") == 7
    shown = brief.shown()
    if lang == "it":
        expected = "La Cina è il 4º mercato di destinazione della Germania; la Germania è il 7º"
        deficit = f"con un disavanzo di {shown['headline.balance'].lstrip('-')} per la Germania"
        assert (
            deficit == "con un disavanzo di 93,3 miliardi di dollari statunitensi per la Germania"
        )
    else:
        expected = "China is Germany's 4th export market; Germany is China's 7th supplier."
    assert expected in str(brief.render("md"))
    # One year of trend is a table, not a chart.
    assert brief.charts() == []
    html = str(brief.render("html"))
    assert "<svg" not in html and "<td>2022</td>" in html


def ds045409_annual(reporter: str, flow: str, year: int) -> float:
    """Sum the monthly euro values of a reporter's lines to WORLD in `year`, read with csv.

    Every line counts: the extract's one 6-digit line (481141) has none of its CN8 codes beside
    it, so it is one more part of the extract, not a total of others.
    """
    total = 0.0
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if (
                line["reporter"] == reporter
                and line["flow"] == flow
                and line["indicators"] == "VALUE_IN_EUROS"
                and line["TIME_PERIOD"].startswith(str(year))
            ):
                total += float(line["OBS_VALUE"])
    return total


def test_two_years_give_the_change_since_the_last(tmp_path_factory: pytest.TempPathFactory) -> None:
    store = bilateral.open(tmp_path_factory.mktemp("ds045409") / "store")
    store.ingest(shared(DS_045409))
    brief = store.brief("ITA", "WORLD", year=2024, lang="it")
    kinds = {m.kind: m for m in key_messages(brief.figures)}
    assert list(kinds) == ["size", "change", "sectors"]
    assert kinds["change"].compared_year == 2023
    exports = {y: ds045409_annual("IT", "2", y) for y in (2023, 2024)}
    imports = {y: ds045409_annual("IT", "1", y) for y in (2023, 2024)}
    figures = brief.figures
    assert figures.value("headline.exports_growth") == pytest.approx(
        exports[2024] / exports[2023] - 1
    )
    assert figures.value("headline.imports_growth") == pytest.approx(
        imports[2024] / imports[2023] - 1
    )
    assert figures.value("trend.2023.balance") == pytest.approx(exports[2023] - imports[2023])
    text = str(brief.render("md"))
    change = next(
        line for line in section(text, "In sintesi").splitlines() if "Rispetto al" in line
    )
    growth = round(100 * (exports[2024] / exports[2023] - 1))
    assert re.search(rf"le esportazioni sono (cresciute|diminuite) del {abs(growth)}%", change)
