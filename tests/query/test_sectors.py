"""Tests for the sectors of a pair: CPA divisions and HS chapters, ranked, with other and XX.

Every expected figure is summed by hand from the rows written here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import InvalidArgumentError, NoDataError, ReferenceNotLoadedError
from store.comext_files import row, write_full_v2

ROWS = {
    2020: [
        row("IT", "BE", "export", 2020, 50, product="29011000"),  # CPA 20
        row("IT", "BE", "export", 2020, 80, product="30049000"),  # CPA 21
        row("IT", "BE", "export", 2020, 10, product="87032310"),  # CPA 29
    ],
    2021: [
        row("IT", "BE", "export", 2021, 60, product="29011000"),  # CPA 20, HS 29
        row("IT", "BE", "export", 2021, 40, product="39011000"),  # CPA 20, HS 39
        row("IT", "BE", "export", 2021, 120, product="30049000"),  # CPA 21
        row("IT", "BE", "export", 2021, 30, product="87032310"),  # CPA 29
        row("IT", "BE", "export", 2021, 5, product="84713000"),  # CPA 26
        row("IT", "BE", "export", 2021, 15, product="39XXXXXX"),  # confidential
        row("IT", "BE", "import", 2021, 70, product="39011000"),
        row("BE", "IT", "import", 2021, 250, product="30049000"),  # mirror
        row("IT", "DE", "export", 2021, 999, product="30049000"),  # another pair
    ],
}
TOTAL_EXPORTS_2021 = 60 + 40 + 120 + 30 + 5 + 15


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("sectors")
    opened = bilateral.open(folder / "store")
    for year, rows in ROWS.items():
        opened.ingest(write_full_v2(folder / f"full_v2_{year}52.dat", rows))
    return opened


def own_exports(store: Store, **options: object) -> list[tuple[str, float]]:
    result = store.sectors("Italy", "Belgio", 2021, **options)  # type: ignore[arg-type]
    return [(r.code, r.value) for r in result.rows if r.reported_by == "ITA" and r.flow == "export"]


def test_cpa_divisions_ranked_with_confidential_line(store: Store) -> None:
    assert own_exports(store) == [("21", 120), ("20", 100), ("29", 30), ("26", 5), ("XX", 15)]


def test_shares_growth_and_titles(store: Store) -> None:
    result = store.sectors("IT", "BE", 2021)
    lines = {(r.reported_by, r.flow, r.code): r for r in result.rows}
    pharma = lines["ITA", "export", "21"]
    assert pharma.rank == 1
    assert pharma.share == pytest.approx(120 / TOTAL_EXPORTS_2021)
    assert pharma.growth == pytest.approx(120 / 80 - 1)
    assert pharma.title.startswith("Basic pharmaceutical products")
    assert lines["ITA", "export", "26"].growth is None  # nothing in 2020
    assert lines["ITA", "export", "XX"].rank is None


def test_top_folds_the_rest_into_other_but_never_confidential(store: Store) -> None:
    assert own_exports(store, top=2) == [("21", 120), ("20", 100), ("other", 35), ("XX", 15)]


def test_mirror_view_flips_the_flow(store: Store) -> None:
    result = store.sectors("IT", "BE", 2021)
    mirror = [(r.flow, r.code, r.value) for r in result.rows if r.reported_by == "BEL"]
    assert mirror == [("export", "21", 250)]


def test_hs_chapters(store: Store) -> None:
    assert own_exports(store, scheme="hs2") == [
        ("30", 120),
        ("29", 60),
        ("39", 55),
        ("87", 30),
        ("84", 5),
    ]


def test_italian_titles(store: Store) -> None:
    result = store.sectors("IT", "BE", 2021, language="it")
    pharma = next(r for r in result.rows if r.code == "21")
    assert "farmaceutic" in pharma.title.lower()


def test_bad_arguments(store: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="scheme"):
        store.sectors("IT", "BE", 2021, scheme="nace")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="top"):
        store.sectors("IT", "BE", 2021, top=0)
    with pytest.raises(NoDataError, match="2015"):
        store.sectors("IT", "BE", 2015)


def test_region_sectors_from_tidy_regional_file(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    lines = [
        "reporter_region,partner,flow,year,sector_scheme,sector,value,currency",
        "ITD5,BE,export,2021,CPA21,20,300,EUR",  # NUTS 2010 code of Emilia-Romagna
        "ITH5,BE,export,2021,ATECO2007,21,500,EUR",
        "Emilia-Romagna,Belgio,export,2021,CPA21,28,400,EUR",
        "ITH5,BE,export,2020,CPA21,28,320,EUR",
    ]
    path = tmp_path / "regional.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opened.ingest(path)
    result = opened.sectors("ITH5", "BEL", 2021)
    assert [(r.code, r.value, r.growth) for r in result.rows] == [
        ("21", 500, None),
        ("28", 400, pytest.approx(400 / 320 - 1)),
        ("20", 300, None),
    ]
    assert result.reporter == "ITH5"


def test_cagr_over_a_span(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    for year, pharma, chemicals in ((2018, 100, 50), (2020, 130, 40), (2021, 121, 60)):
        rows = [
            row("IT", "BE", "export", year, pharma, product="30049000"),
            row("IT", "BE", "export", year, chemicals, product="29011000"),
        ]
        opened.ingest(write_full_v2(tmp_path / f"full_v2_{year}52.dat", rows))
    lines = {r.code: r for r in opened.sectors("IT", "BE", 2021, span=3).rows}
    assert lines["21"].cagr == pytest.approx((121 / 100) ** (1 / 3) - 1)
    assert lines["20"].cagr == pytest.approx((60 / 50) ** (1 / 3) - 1)
    assert lines["21"].growth == pytest.approx(121 / 130 - 1)
    assert opened.sectors("IT", "BE", 2021).rows[0].cagr is None
    with pytest.raises(InvalidArgumentError, match="span"):
        opened.sectors("IT", "BE", 2021, span=0)


def test_hs6_and_cn8_from_the_product_detail(store: Store) -> None:
    assert own_exports(store, scheme="hs6") == [
        ("300490", 120),
        ("290110", 60),
        ("390110", 40),
        ("870323", 30),
        ("847130", 5),
        ("XX", 15),
    ]
    assert own_exports(store, scheme="hs4", top=1) == [("3004", 120), ("other", 135), ("XX", 15)]
    cn8 = store.sectors("IT", "BE", 2021, scheme="cn8")
    pharma = next(r for r in cn8.rows if r.code == "30049000")
    assert (pharma.value, pharma.growth) == (120, pytest.approx(120 / 80 - 1))
    mirror = [(r.flow, r.code, r.value) for r in cn8.rows if r.reported_by == "BEL"]
    assert mirror == [("export", "30049000", 250)]


def test_sectors_sum_to_the_pair_total(store: Store) -> None:
    total = next(r.exports for r in store.profile("IT", "BE", 2021).rows if r.reported_by == "ITA")
    for scheme in ("cpa", "hs2", "hs4", "hs6", "cn8"):
        lines = store.sectors("IT", "BE", 2021, scheme=scheme, top=2).rows  # type: ignore[arg-type]
        summed = sum(r.value for r in lines if r.reported_by == "ITA" and r.flow == "export")
        assert summed == pytest.approx(total), scheme


def test_sitc_sections_and_bec_categories(store: Store, tmp_path: Path) -> None:
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "concordances"
    tables = tmp_path / "tables"
    tables.mkdir()
    for name in ("UNSD_HS2017_to_BEC4_ConversionAndCorrelationTables.csv",
                 "UNSD_HS2017_to_SITC4_ConversionAndCorrelationTables.xlsx"):  # fmt: skip
        (tables / name).write_bytes((shared / name).read_bytes())
    store.reference.import_dir(tables)
    with (tables / "UNSD_HS2017_to_BEC4_ConversionAndCorrelationTables.csv").open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        bec_of: dict[str, list[str]] = {}
        for line in csv.DictReader(handle):
            bec_of.setdefault(line["HS 2017"], []).append(line["BEC"])
    expected: dict[str, float] = {}
    for hs6, value in (("290110", 60), ("390110", 40), ("300490", 120), ("870323", 30),
                       ("847130", 5)):  # fmt: skip
        for category in bec_of[hs6]:
            expected[category] = expected.get(category, 0) + value / len(bec_of[hs6])
    bec = dict(own_exports(store, scheme="bec"))
    assert bec.pop("XX") == 15
    assert bec == pytest.approx(expected)
    assert bec_of["870323"] == ["51"]  # passenger motor cars
    sitc = dict(own_exports(store, scheme="sitc"))
    assert sitc["7"] >= 30 and sitc["5"] >= 60 + 40 + 120  # cars; chemicals and pharmaceuticals
    assert sum(sitc.values()) == pytest.approx(TOTAL_EXPORTS_2021)
    titles = {r.code: r.title for r in store.sectors("IT", "BE", 2021, scheme="sitc").rows}
    assert titles["7"] == "Machinery and transport equipment"


def test_sitc_needs_the_correlation_table(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    opened.ingest(write_full_v2(tmp_path / "full_v2_202152.dat", ROWS[2021]))
    with pytest.raises(ReferenceNotLoadedError, match="hs2017_sitc4"):
        opened.sectors("IT", "BE", 2021, scheme="sitc")


def test_one_flow(store: Store) -> None:
    result = store.sectors("IT", "BE", 2021, flow="import")
    assert {(r.reported_by, r.flow) for r in result.rows} == {("ITA", "import")}
    with pytest.raises(InvalidArgumentError, match="flow"):
        store.sectors("IT", "BE", 2021, flow="exports")  # type: ignore[arg-type]
