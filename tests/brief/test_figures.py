"""Golden figures of the demo briefs: each equals what the API gives, computed on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.api import Store
from bilateral.brief import Brief
from bilateral.errors import NoDataError


@pytest.fixture(scope="module")
def region_it(demo_store: Store) -> Brief:
    return demo_store.brief("ITH5", "BEL", year=2021, lang="it")


@pytest.fixture(scope="module")
def country_en(demo_store: Store) -> Brief:
    return demo_store.brief("Italy", "Belgium", year=2021, lang="en")


def test_headline_is_the_profile(demo_store: Store, region_it: Brief) -> None:
    rows = {r.year: r for r in demo_store.profile("ITH5", "BEL", [2020, 2021]).rows}
    figures = region_it.figures
    assert figures.value("headline.exports") == rows[2021].exports
    assert figures.value("headline.imports") == rows[2021].imports
    assert figures.value("headline.total") == pytest.approx(
        figures.value("headline.exports") + figures.value("headline.imports")
    )
    assert figures.value("headline.balance") == pytest.approx(
        figures.value("headline.exports") - figures.value("headline.imports")
    )
    exports_2020 = rows[2020].exports
    assert exports_2020 is not None
    assert figures.value("headline.exports_growth") == pytest.approx(
        figures.value("headline.exports") / exports_2020 - 1
    )
    assert (figures.view_reporter, figures.currency) == ("ITH5", "EUR")


def test_sectors_sum_to_the_total(demo_store: Store, region_it: Brief) -> None:
    every = demo_store.sectors("ITH5", "BEL", 2021, scheme="cpa").rows
    for flow, total_id in (("export", "headline.exports"), ("import", "headline.imports")):
        values = [r.value for r in every if r.flow == flow]
        assert sum(values) == pytest.approx(region_it.figures.value(total_id), rel=1e-9)
        top = sorted(values, reverse=True)[:5]
        shown = [region_it.figures.value(f"sectors.{flow}.{rank}.value") for rank in range(1, 6)]
        assert shown == top
        share = sum(top[:3]) / sum(values)
        assert region_it.figures.value(f"sectors.{flow}.leading_share") == pytest.approx(share)
    assert [s.code for s in region_it.figures.sectors if s.flow == "export"][:3] == [
        "28",
        "20",
        "10",
    ]
    assert region_it.figures.sectors[0].title == "Macchinari e apparecchiature n.c.a."


def test_region_share_and_ranks(demo_store: Store, region_it: Brief) -> None:
    figures = region_it.figures
    national = next(r for r in demo_store.profile("IT", "BE", 2021).rows if r.reported_by == "ITA")
    assert figures.value("region.country_exports") == national.exports
    assert figures.value("region.exports_share") == pytest.approx(
        figures.value("headline.exports") / (national.exports or 0)
    )
    partners = [r for r in demo_store.partners("ITH5", 2021).rows if r.line == "partner" and r.rank]
    by_value = sorted(partners, key=lambda r: -r.value)
    assert figures.value("ranks.b_in_a.export.rank") == 1 + [r.code for r in by_value].index("BEL")
    assert figures.value("ranks.b_in_a.export.rank") == 7
    # Belgium declares no trade by Italian region: Italy's rank among Belgium's suppliers.
    assert [(line.ranked, line.among, line.flow) for line in figures.ranks][2:] == [
        ("ITA", "BEL", "import"),
        ("ITA", "BEL", "export"),
    ]
    assert figures.value("ranks.a_in_b.import.rank") == 9


def test_both_views_of_the_national_flow(country_en: Brief) -> None:
    figures = country_en.figures
    # The press release's figures: Italy's exports as Belgium declares its imports.
    assert figures.view_reporters == ("BEL",)
    assert figures.value("views.BEL.exports") == pytest.approx(18.0e9, abs=10)
    assert figures.value("views.BEL.exports_growth") == pytest.approx(18.0 / 14.8 - 1)
    assert figures.value("views.BEL.imports") == pytest.approx(22.3e9, abs=10)
    assert figures.value("headline.exports") == pytest.approx(17.6e9, abs=10)
    gap = figures.value("mirror.ITA_BEL.gap_share")
    assert gap == pytest.approx((18.0 - 17.6) / 17.6, rel=1e-6)
    assert [line.within_band for line in figures.mirror] == [True, False]


def test_json_holds_the_figures(country_en: Brief, out_dir: Path) -> None:
    [path] = country_en.write(out_dir / "brief_en.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["language"] == "en"
    assert data["territories"]["a"] == "ITA"
    for figure_id, figure in country_en.figures.figures.items():
        assert data["figures"][figure_id]["value"] == figure.value
    assert data["figures"]["headline.total"]["shown"] == "EUR 38.2 billion"
    assert data["figures"]["views.BEL.exports_growth"]["shown"] == "+22%"
    assert data["sources"]["profile"]["query"].startswith("store.profile('ITA', 'BEL'")
    assert [e["date"] for e in data["events"]] == []  # the demo events are Emilia-Romagna's


def test_region_events_are_listed(region_it: Brief) -> None:
    assert [e.date.isoformat() for e in region_it.figures.events][-2:] == [
        "2023-03-11",
        "2023-09-20",
    ]


def test_no_data_names_the_pair_and_the_store(demo_store: Store) -> None:
    with pytest.raises(
        NoDataError, match=r"Italy \(ITA\) and Belgium \(BEL\) in 2019-2021 \(comext\), not in 2016"
    ):
        demo_store.brief("IT", "BE", year=2016)
    with pytest.raises(NoDataError, match=r"Emilia-Romagna \(ITH5\) and Chile \(CHL\)"):
        demo_store.brief("ITH5", "Chile", year=2021)
