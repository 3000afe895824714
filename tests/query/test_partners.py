"""Tests for a reporter's partners: ranks, shares, growth, rank change, groups, confidential.

Every expected figure is computed by hand from the rows written here.
"""

from __future__ import annotations

import csv
import json
import statistics
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.results import PartnerRow, Partners
from store.comext_files import row, write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
runner = CliRunner()

ROWS = {
    2020: [
        row("IT", "BE", "export", 2020, 100),
        row("IT", "DE", "export", 2020, 300),
        row("IT", "FR", "export", 2020, 200),
        row("IT", "US", "export", 2020, 50),
        row("IT", "GB", "export", 2020, 40),
        row("IT", "QZ", "export", 2020, 10),  # confidential partner
        row("IT", "DE", "import", 2020, 999),
    ],
    2021: [
        row("IT", "BE", "export", 2021, 100, product="29011000"),
        row("IT", "BE", "export", 2021, 50, product="30049000"),
        row("IT", "DE", "export", 2021, 320),
        row("IT", "FR", "export", 2021, 180),
        row("IT", "US", "export", 2021, 200),
        row("IT", "XI", "export", 2021, 20),  # United Kingdom: Northern Ireland
        row("IT", "XU", "export", 2021, 60),  # United Kingdom: the rest
        row("IT", "CN", "export", 2021, 30),
        row("IT", "QZ", "export", 2021, 5),
        row("IT", "QY", "export", 2021, 7),  # confidential, intra-EU
        row("IT", "DE", "import", 2021, 888),
        row("FR", "BE", "export", 2021, 777),  # another reporter
    ],
}
# 2021 exports by partner: BEL 150, DEU 320, FRA 180, USA 200, GBR 20 + 60, CHN 30, QY+QZ 12.
WORLD_2021 = 150 + 320 + 180 + 200 + 80 + 30 + 12
WORLD_2020 = 100 + 300 + 200 + 50 + 40 + 10
# Shares among partner territories leave the confidential partners out of the WORLD line.
COUNTRIES_2021 = WORLD_2021 - 12


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("partners")
    opened = bilateral.open(folder / "store")
    for year, rows in ROWS.items():
        opened.ingest(write_full_v2(folder / f"full_v2_{year}52.dat", rows))
    return opened


@pytest.fixture(scope="module")
def italy(store: Store) -> Partners:
    return store.partners("Italy", 2021, partner="Belgio")


def lines(result: Partners, line: str) -> dict[str, PartnerRow]:
    return {r.code: r for r in result.rows if r.line == line}


def test_partners_ranked_by_value_with_parts_in_their_country(italy: Partners) -> None:
    ranked = [(r.rank, r.code, r.value) for r in italy.rows if r.line == "partner"]
    assert ranked == [
        (1, "DEU", 320),
        (2, "USA", 200),
        (3, "FRA", 180),
        (4, "BEL", 150),
        (5, "GBR", 20 + 60),
        (6, "CHN", 30),
    ]
    assert any("XI, XU" in note for note in italy.notes)


def test_share_growth_and_rank_change(italy: Partners) -> None:
    partners = lines(italy, "partner")
    belgium = partners["BEL"]
    assert belgium.share == pytest.approx(150 / COUNTRIES_2021)
    assert belgium.share_of == "countries"
    assert belgium.growth == pytest.approx(150 / 100 - 1)
    assert belgium.previous_value == 100
    # 2020 ranks: DEU 300, FRA 200, BEL 100, USA 50, GBR 40.
    assert (belgium.previous_rank, belgium.rank_change) == (3, 3 - 4)
    assert (partners["USA"].previous_rank, partners["USA"].rank_change) == (4, 4 - 2)
    assert partners["DEU"].rank_change == 0
    assert partners["GBR"].growth == pytest.approx(80 / 40 - 1)
    assert (partners["CHN"].previous_rank, partners["CHN"].growth) == (None, None)


def test_confidential_partners_are_a_line_of_their_own(italy: Partners) -> None:
    (hidden,) = lines(italy, "confidential").values()
    assert (hidden.code, hidden.value, hidden.rank) == ("QY+QZ", 5 + 7, None)
    assert hidden.share is None  # not a partner territory: no share among them
    assert hidden.growth is None  # QY has no 2020 figure
    assert any(note.startswith("QX, QY, QZ") for note in italy.notes)


def test_group_lines_sum_members_as_of_the_period(italy: Partners) -> None:
    groups = lines(italy, "group")
    assert list(groups) == ["EU27_2020", "EXT_EU27_2020", "WORLD"]
    assert groups["EU27_2020"].value == 150 + 320 + 180
    assert groups["EU27_2020"].growth == pytest.approx(650 / (100 + 300 + 200) - 1)
    # Extra-EU leaves out the EU members and QY, an intra-EU code: USA, GBR, CHN, QZ.
    assert groups["EXT_EU27_2020"].value == 200 + 80 + 30 + 5
    assert groups["WORLD"].value == WORLD_2021
    assert groups["WORLD"].growth == pytest.approx(WORLD_2021 / WORLD_2020 - 1)
    assert groups["WORLD"].share == 1.0
    assert {row.basis for row in groups.values()} == {"summed"}
    assert any("sum over all its partners" in note for note in italy.notes)


def test_highlighted_partner_sentence(italy: Partners) -> None:
    share = f"{150 / COUNTRIES_2021:.1%}"
    assert (
        f"Belgium is Italy's 4th export market in 2021 ({share} of its exports to partner "
        "territories)." in italy.notes
    )
    assert italy.partner == "BEL"


def test_top_keeps_the_highlighted_partner_and_sums_the_rest(store: Store) -> None:
    result = store.partners("IT", 2021, top=2, partner="BE")
    shown = [(r.line, r.code, r.rank, r.value) for r in result.rows if r.line != "group"]
    assert shown == [
        ("partner", "DEU", 1, 320),
        ("partner", "USA", 2, 200),
        ("partner", "BEL", 4, 150),
        ("other", "other", None, 180 + 80 + 30),
        ("confidential", "QY+QZ", None, 12),
    ]
    other = next(r for r in result.rows if r.line == "other")
    assert other.growth is None  # CHN has no 2020 figure


def test_imports_and_provenance(store: Store) -> None:
    result = store.partners("IT", 2021, "import")
    assert [(r.code, r.value) for r in result.rows if r.line == "partner"] == [("DEU", 888)]
    assert result.rows[0].growth == pytest.approx(888 / 999 - 1)
    assert result.provenance is not None
    assert result.provenance.sources == ("comext",)
    assert result.provenance.territories == ("Italy (ITA)",)
    assert result.provenance.period == "2021"


def test_highlighting_a_group(store: Store) -> None:
    result = store.partners("IT", 2021, partner="EU27")
    assert f"European Union (27 countries from 2020) takes {650 / WORLD_2021:.1%}" in " ".join(
        result.notes
    )


def test_bad_arguments_and_no_data(store: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="flow"):
        store.partners("IT", 2021, "re-export")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="top"):
        store.partners("IT", 2021, top=0)
    with pytest.raises(InvalidArgumentError, match="counted in United Kingdom"):
        store.partners("IT", 2021, partner="XI")
    with pytest.raises(InvalidArgumentError, match="confidential"):
        store.partners("IT", 2021, partner="QZ")
    with pytest.raises(InvalidArgumentError, match="EU27_2020"):
        store.partners("IT", 2021, partner="EU28")
    with pytest.raises(InvalidArgumentError, match="other than"):
        store.partners("IT", 2021, partner="ITA")
    with pytest.raises(NoDataError, match="no exports declared by Italy"):
        store.partners("IT", 2015)


def test_absent_partner_is_said_not_hidden(store: Store) -> None:
    result = store.partners("IT", 2021, partner="Japan")
    assert "Italy declares no exports with Japan in 2021." in result.notes


def _regional_store(tmp_path: Path, with_france: bool) -> Store:
    opened = bilateral.open(tmp_path / "store")
    lines_csv = [
        "reporter_region,partner,flow,year,sector_scheme,sector,value,currency",
        "ITH5,BE,export,2021,TOTAL,TOTAL,500,EUR",
        "ITH5,BE,export,2021,CPA21,20,200,EUR",  # the TOTAL row wins for Belgium
        "ITH5,BE,export,2021,CPA21,21,250,EUR",
        "ITH5,DE,export,2021,CPA21,20,300,EUR",  # Germany has sectors only: 400
        "ITH5,DE,export,2021,CPA21,28,100,EUR",
        "ITH5,US,export,2021,CPA21,28,600,EUR",
        "ITH5,World,export,2021,TOTAL,TOTAL,2000,EUR",
        "Emilia-Romagna,BE,export,2020,TOTAL,TOTAL,400,EUR",
        "ITH5,US,export,2020,TOTAL,TOTAL,700,EUR",
        "ITH5,World,export,2020,TOTAL,TOTAL,1500,EUR",
    ]
    if with_france:  # the partners then sum to the WORLD rows
        lines_csv += [
            "ITH5,FR,export,2021,TOTAL,TOTAL,500,EUR",
            "ITH5,FR,export,2020,TOTAL,TOTAL,400,EUR",
        ]
    path = tmp_path / "regional.csv"
    path.write_text("\n".join(lines_csv) + "\n", encoding="utf-8")
    opened.ingest(path)
    return opened


def test_region_reporter_with_published_world_row(tmp_path: Path) -> None:
    opened = _regional_store(tmp_path, with_france=True)
    result = opened.partners("Emilia-Romagna", 2021, partner="BEL")
    partners = lines(result, "partner")
    assert [(r.rank, r.code, r.value) for r in partners.values()] == [
        (1, "USA", 600),
        (2, "BEL", 500),
        (3, "FRA", 500),
        (4, "DEU", 400),
    ]
    belgium = partners["BEL"]
    assert (belgium.share, belgium.growth, belgium.rank_change, belgium.withheld) == (
        pytest.approx(500 / 2000),
        pytest.approx(500 / 400 - 1),
        0,
        None,
    )
    groups = lines(result, "group")
    assert (groups["WORLD"].value, groups["WORLD"].basis) == (2000, "published")
    assert groups["WORLD"].growth == pytest.approx(2000 / 1500 - 1)
    assert (groups["EU27_2020"].value, groups["EU27_2020"].basis) == (500 + 400 + 500, "summed")
    assert groups["EU27_2020"].share == pytest.approx(1400 / 2000)
    assert groups["EXT_EU27_2020"].value == 600
    assert (
        "Belgium is Emilia-Romagna's 2nd export market in 2021 (25.0% of its exports to "
        "partner territories)." in result.notes
    )
    assert any("published WORLD rows" in note for note in result.notes)
    assert result.reporter == "ITH5"
    with pytest.raises(NoDataError, match="Emilia-Romagna"):
        opened.partners("ITH5", 2019)


def test_partners_short_of_the_world_row_are_not_ranked(tmp_path: Path) -> None:
    opened = _regional_store(tmp_path, with_france=False)  # 1,500 of 2,000 to partners
    result = opened.partners("Emilia-Romagna", 2021, partner="BEL")
    partners = lines(result, "partner")
    assert [(r.rank, r.code, r.value, r.share) for r in partners.values()] == [
        (None, "USA", 600, None),
        (None, "BEL", 500, None),
        (None, "DEU", 400, None),
    ]
    assert {r.withheld for r in partners.values()} == {"incomplete_partners"}
    assert {r.rank_comparison.withheld for r in partners.values()} == {"incomplete_partners"}
    belgium = partners["BEL"]
    assert (belgium.previous_rank, belgium.rank_change) == (None, None)
    assert belgium.growth == pytest.approx(500 / 400 - 1)  # a partner's own change stands
    groups = lines(result, "group")
    # The published WORLD row stands; groups summed from part of the partners are left out.
    assert list(groups) == ["WORLD"]
    assert (groups["WORLD"].value, groups["WORLD"].share) == (2000, 1.0)
    assert not any("export market" in note for note in result.notes)


def test_partners_in_dollars(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    opened.reference.import_dir(SHARED_DATA / "ecb_fx")
    rows = [row("IT", "BE", "export", 2021, 1e6), row("IT", "DE", "export", 2021, 3e6)]
    opened.ingest(write_full_v2(tmp_path / "full_v2_202152.dat", rows))
    result = opened.partners("IT", 2021, currency="USD")
    path = SHARED_DATA / "ecb_fx" / "eurofxref-hist_1999-01-04_2025-05-09.csv"
    with path.open() as handle:
        usd = statistics.fmean(
            float(r["USD"]) for r in csv.DictReader(handle) if r["Date"].startswith("2021-")
        )
    partners = lines(result, "partner")
    assert partners["BEL"].value == pytest.approx(1e6 * usd, rel=1e-12)
    assert partners["BEL"].share == pytest.approx(0.25)
    assert partners["BEL"].currency == "USD"
    assert result.provenance is not None and result.provenance.conversion is not None


def test_cli_json_csv_and_table(store: Store) -> None:
    args = ["partners", "IT", "--year", "2021", "--store", str(store.root)]
    result = runner.invoke(app, [*args, "--partner", "BE", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["rows"][0]["code"] == "DEU"
    assert document["provenance"]["period"] == "2021"
    text = runner.invoke(app, [*args, "--format", "csv", "--top", "1"]).stdout
    assert [(r["line"], r["code"]) for r in csv.DictReader(text.splitlines())][:2] == [
        ("partner", "DEU"),
        ("other", "other"),
    ]
    table = runner.invoke(app, [*args, "--partner", "BE", "--flow", "export"])
    assert table.exit_code == 0, table.output
    assert "Belgium is Italy's 4th export market" in table.output


def test_reporting_group_sums_the_members_held(store: Store) -> None:
    result = store.partners("EU27_2020", 2021, partner="BE")
    belgium = lines(result, "partner")["BEL"]
    assert (belgium.rank, belgium.value) == (1, 150 + 777)  # declared by Italy and France
    assert any("(2 of 27 in 2021, comext)" in note for note in result.notes)


def test_a_member_with_monthly_rows_counts_beside_an_annual_one(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    annual = [row("IT", "BE", "export", 2021, 100)]
    monthly = [
        row("FR", "BE", "export", 2021, 10, month=1),
        row("FR", "BE", "export", 2021, 20, month=2),
    ]
    opened.ingest(write_full_v2(tmp_path / "full_v2_202152.dat", annual))
    opened.ingest(write_full_v2(tmp_path / "full_v2_202102.dat", monthly))
    result = opened.partners("EU27_2020", 2021)
    assert [(r.code, r.value) for r in result.rows if r.line == "partner"] == [("BEL", 100 + 30)]
    assert lines(result, "group")["WORLD"].value == 130
