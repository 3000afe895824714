"""Tests for a pair's products: depths, ranks, shares, growth, descriptions, what came and went.

Every expected figure is computed by hand from the rows written here.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.query.product_titles import HS_TABLES_NOTE
from bilateral.results import Products
from store.comext_files import row, write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
HS2022_FILE = SHARED_DATA / "un_comtrade" / "comtrade_classificationH6_HS2022.json"
runner = CliRunner()

ROWS = {
    2020: [
        row("IT", "BE", "export", 2020, 80, product="30049000"),
        row("IT", "BE", "export", 2020, 50, product="29011000"),
        row("IT", "BE", "export", 2020, 10, product="87032310"),
        row("IT", "BE", "export", 2020, 25, product="84713000"),  # gone in 2021
    ],
    2021: [
        row("IT", "BE", "export", 2021, 120, product="30049000"),
        row("IT", "BE", "export", 2021, 30, product="30049019"),  # same HS6 300490
        row("IT", "BE", "export", 2021, 60, product="29011000"),
        row("IT", "BE", "export", 2021, 40, product="29051100"),  # new in 2021
        row("IT", "BE", "export", 2021, 30, product="87032310"),
        row("IT", "BE", "export", 2021, 15, product="39XXXXXX"),  # confidential
        row("IT", "BE", "import", 2021, 70, product="39011000"),
        row("BE", "IT", "import", 2021, 250, product="30049000"),  # mirror
        row("IT", "DE", "export", 2021, 999, product="30049000"),  # another pair
    ],
    2022: [row("IT", "BE", "export", 2022, 100, product="30049000")],
}
TOTAL_2021 = 120 + 30 + 60 + 40 + 30 + 15


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("products")
    opened = bilateral.open(folder / "store")
    for year, rows in ROWS.items():
        opened.ingest(write_full_v2(folder / f"full_v2_{year}52.dat", rows))
    return opened


def own(result: Products) -> list[tuple[str, str, int | None, float]]:
    return [(r.line, r.code, r.rank, r.value) for r in result.rows if r.reported_by == "ITA"]


def test_six_digits_ranked_with_confidential_line(store: Store) -> None:
    assert own(store.products("Italy", "Belgio", 2021)) == [
        ("product", "300490", 1, 120 + 30),
        ("product", "290110", 2, 60),
        ("product", "290511", 3, 40),
        ("product", "870323", 4, 30),
        ("confidential", "39XXXXXX", None, 15),
    ]


def test_share_growth_and_mirror_view(store: Store) -> None:
    result = store.products("IT", "BE", 2021)
    by_code = {r.code: r for r in result.rows if r.reported_by == "ITA"}
    assert by_code["300490"].share == pytest.approx(150 / TOTAL_2021)
    assert by_code["300490"].growth == pytest.approx(150 / 80 - 1)
    assert by_code["870323"].growth == pytest.approx(30 / 10 - 1)
    assert by_code["290511"].growth is None
    mirror = [(r.view, r.flow, r.code, r.value) for r in result.rows if r.reported_by == "BEL"]
    assert mirror == [("mirror: reported by Belgium", "export", "300490", 250)]


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (4, [("3004", 150), ("2901", 60), ("2905", 40), ("8703", 30), ("39XXXXXX", 15)]),
        (
            8,
            [
                ("30049000", 120),
                ("29011000", 60),
                ("29051100", 40),
                ("30049019", 30),  # ties ordered by code
                ("87032310", 30),
                ("39XXXXXX", 15),
            ],
        ),
        # At 2 digits the chapter rollup counts the confidential 39XXXXXX in chapter 39.
        (2, [("30", 150), ("29", 100), ("87", 30), ("39", 15)]),
    ],
)
def test_depths(store: Store, depth: int, expected: list[tuple[str, float]]) -> None:
    result = store.products("IT", "BE", 2021, depth=depth)  # type: ignore[arg-type]
    assert [(code, value) for _, code, _, value in own(result)] == expected


def test_top_folds_the_rest_into_other(store: Store) -> None:
    assert own(store.products("IT", "BE", 2021, top=2)) == [
        ("product", "300490", 1, 150),
        ("product", "290110", 2, 60),
        ("other", "other", None, 40 + 30),
        ("confidential", "39XXXXXX", None, 15),
    ]


def test_imports(store: Store) -> None:
    result = store.products("IT", "BE", 2021, flow="import")
    assert [(r.reported_by, r.flow, r.code, r.value) for r in result.rows] == [
        ("ITA", "import", "390110", 70)
    ]


def test_appeared_and_vanished(store: Store) -> None:
    result = store.products("IT", "BE", 2021, compare_year=2020)
    changes = [(c.reported_by, c.change, c.code, c.year, c.value) for c in result.changes]
    assert changes == [
        ("ITA", "appeared", "290511", 2021, 40),
        ("ITA", "vanished", "847130", 2020, 25),
    ]
    assert "mirror: reported by Belgium (comext): no products in 2020, so nothing to compare." in (
        result.notes
    )
    later = store.products("IT", "BE", 2020, compare_year=2021, depth=4)
    assert [(c.change, c.code, c.value) for c in later.changes] == [
        ("appeared", "8471", 25),
        ("vanished", "2905", 40),
    ]


def test_descriptions_without_hs_tables_fall_back_to_chapters(store: Store) -> None:
    result = store.products("IT", "BE", 2021)
    titles = {r.code: r.description for r in result.rows if r.reported_by == "ITA"}
    assert titles["300490"] == "chapter 30: Pharmaceutical products"
    assert (
        titles["39XXXXXX"] == "confidential products of chapter 39: Plastics and articles thereof"
    )
    assert any(note.startswith(HS_TABLES_NOTE) for note in result.notes)
    chapters = store.products("IT", "BE", 2021, depth=2)
    assert chapters.rows[0].description == "Pharmaceutical products"
    assert not any(HS_TABLES_NOTE in note for note in chapters.notes)


def test_real_hs2022_descriptions(tmp_path: Path) -> None:
    with HS2022_FILE.open(encoding="utf-8") as handle:
        entries = json.load(handle)["results"]
    text = next(e["text"] for e in entries if e["id"] == "300490")
    expected = " ".join(text.removeprefix("300490 - ").split())
    assert expected.startswith("Medicaments;")
    folder = tmp_path / "hs"
    folder.mkdir()
    shutil.copy(HS2022_FILE, folder / HS2022_FILE.name)
    copy = bilateral.open(tmp_path / "store")
    for year in (2021, 2022):
        copy.ingest(write_full_v2(tmp_path / f"full_v2_{year}52.dat", ROWS[year]))
    copy.reference.import_dir(folder)
    six = copy.products("IT", "BE", 2022)
    assert [(r.code, r.description) for r in six.rows] == [("300490", expected)]
    assert not any(HS_TABLES_NOTE in note for note in six.notes)
    eight = copy.products("IT", "BE", 2022, depth=8)
    assert eight.rows[0].description == expected  # a CN8 code described by its HS6 parent
    assert any("HS subheading" in note for note in eight.notes)
    # 2021 codes need HS2017, which is not loaded: chapter titles and the note.
    older = copy.products("IT", "BE", 2021)
    assert older.rows[0].description == "chapter 30: Pharmaceutical products"
    assert any(note.startswith(HS_TABLES_NOTE) for note in older.notes)


def test_provenance(store: Store) -> None:
    result = store.products("IT", "BE", 2021)
    assert result.provenance is not None
    assert result.provenance.territories == ("Italy (ITA)", "Belgium (BEL)")
    assert result.provenance.period == "2021"
    assert result.provenance.sources == ("comext",)


def test_bad_arguments_and_no_data(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="depth"):
        store.products("IT", "BE", 2021, depth=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="flow"):
        store.products("IT", "BE", 2021, flow="both")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="top"):
        store.products("IT", "BE", 2021, top=0)
    with pytest.raises(InvalidArgumentError, match="compare_year"):
        store.products("IT", "BE", 2021, compare_year=2021)
    with pytest.raises(NoDataError, match="2015"):
        store.products("IT", "BE", 2015)
    regional = bilateral.open(tmp_path / "store")
    path = tmp_path / "regional.csv"
    path.write_text(
        "reporter_region,partner,flow,year,sector_scheme,sector,value,currency\n"
        "ITH5,BE,export,2021,CPA21,21,500,EUR\n",
        encoding="utf-8",
    )
    regional.ingest(path)
    with pytest.raises(NoDataError, match="no product codes"):
        regional.products("ITH5", "BE", 2021)


def test_cli_json_csv_and_table(store: Store) -> None:
    args = ["products", "IT", "BE", "--year", "2021", "--store", str(store.root)]
    result = runner.invoke(app, [*args, "--depth", "4", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["depth"], document["rows"][0]["code"]) == (4, "3004")
    changes = runner.invoke(app, [*args, "--compare-year", "2020", "--format", "csv"]).stdout
    assert [(r["change"], r["code"]) for r in csv.DictReader(changes.splitlines())] == [
        ("appeared", "290511"),
        ("vanished", "847130"),
    ]
    table = runner.invoke(app, [*args, "--top", "2", "--compare-year", "2020"])
    assert table.exit_code == 0, table.output
    assert "Products that appeared" in table.output
    bad = runner.invoke(app, [*args, "--depth", "5"])
    assert bad.exit_code == 2
