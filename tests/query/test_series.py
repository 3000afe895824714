"""Tests for a pair's time series: annual, monthly, year to date and 12-month rolling sums.

The store holds Comext files written here: monthly files for every month of 2022 and for
January-September 2023, an annual file for 2021 and one annual row for 2022 (Italy's exports,
which must win over the sum of its months). Every expected figure is summed by hand below.
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
from bilateral.results import Series, SeriesPoint
from store.comext_files import Row, row, write_full_v2

MONTHS_2022 = range(1, 13)
MONTHS_2023 = range(1, 10)  # January-September only


def it_exports(year: int, month: int) -> int:
    """Italy's declared exports to Belgium in a month."""
    return (100 if year == 2022 else 200) + month


def it_imports(year: int, month: int) -> int:
    """Italy's declared imports from Belgium in a month."""
    return (50 if year == 2022 else 60) + month


def be_imports(year: int, month: int) -> int:
    """Belgium's declared imports from Italy in a month (the mirror of Italy's exports)."""
    return (110 if year == 2022 else 210) + month


def be_exports(year: int, month: int) -> int:
    """Belgium's declared exports to Italy in a month (the mirror of Italy's imports)."""
    return (55 if year == 2022 else 65) + month


IT_DE_EXPORTS_2023 = 7  # each month of 2023: Italy -> Germany, only in the EU27 partner's sums
ANNUAL_2021 = {"it_exports": 1000, "it_imports": 600, "be_imports": 1100, "be_exports": 650}
IT_EXPORTS_2022_ANNUAL = 1300  # published annual figure, not the months' sum (1278)


def month_rows(year: int, month: int) -> list[Row]:
    rows = [
        row("IT", "BE", "export", year, it_exports(year, month), month=month),
        row("IT", "BE", "import", year, it_imports(year, month), month=month),
        row("BE", "IT", "import", year, be_imports(year, month), month=month),
        row("BE", "IT", "export", year, be_exports(year, month), month=month),
    ]
    if year == 2023:
        rows.append(row("IT", "DE", "export", year, IT_DE_EXPORTS_2023, month=month))
    return rows


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("series")


@pytest.fixture(scope="module")
def store(folder: Path) -> Store:
    opened = bilateral.open(folder / "store")
    annual_2021 = [
        row("IT", "BE", "export", 2021, ANNUAL_2021["it_exports"]),
        row("IT", "BE", "import", 2021, ANNUAL_2021["it_imports"]),
        row("BE", "IT", "import", 2021, ANNUAL_2021["be_imports"]),
        row("BE", "IT", "export", 2021, ANNUAL_2021["be_exports"]),
    ]
    opened.ingest(write_full_v2(folder / "full_v2_202152.dat", annual_2021))
    annual_2022 = [row("IT", "BE", "export", 2022, IT_EXPORTS_2022_ANNUAL)]
    opened.ingest(write_full_v2(folder / "full_v2_202252.dat", annual_2022))
    for year, months in ((2022, MONTHS_2022), (2023, MONTHS_2023)):
        for month in months:
            path = folder / f"full_v2_{year}{month:02d}.dat"
            opened.ingest(write_full_v2(path, month_rows(year, month)))
    return opened


def line(series: Series, reported_by: str, flow: str) -> dict[str, SeriesPoint]:
    return {p.period: p for p in series.points if (p.reported_by, p.flow) == (reported_by, flow)}


def test_annual_series_prefers_annual_rows_and_marks_partial_years(store: Store) -> None:
    result = store.series("Italy", "Belgio")
    exports = line(result, "ITA", "export")
    assert [(p.period, p.value, p.basis, p.months, p.partial) for p in exports.values()] == [
        ("2021", 1000, "annual", 12, False),
        ("2022", IT_EXPORTS_2022_ANNUAL, "annual", 12, False),  # not the months' 1278
        ("2023", sum(it_exports(2023, m) for m in MONTHS_2023), "monthly", 9, True),
    ]
    assert exports["2022"].growth == pytest.approx(1300 / 1000 - 1)
    assert exports["2023"].growth is None  # a partial year is not compared with a full one
    imports = line(result, "ITA", "import")
    imports_2022 = sum(it_imports(2022, m) for m in MONTHS_2022)
    assert imports_2022 == 678
    assert (imports["2022"].value, imports["2022"].basis, imports["2022"].partial) == (
        678,
        "monthly",
        False,
    )
    assert imports["2022"].growth == pytest.approx(678 / 600 - 1)
    assert imports["2023"].value == 585 and imports["2023"].months == 9
    assert any("2023" in note and "9 months only" in note for note in result.notes)


def test_mirror_view_flips_the_flow(store: Store) -> None:
    result = store.series("IT", "BE", flow="export")
    mirror = line(result, "BEL", "export")
    assert {p.view for p in mirror.values()} == {"mirror: reported by Belgium"}
    assert [(p.period, p.value) for p in mirror.values()] == [
        ("2021", 1100),
        ("2022", sum(be_imports(2022, m) for m in MONTHS_2022)),
        ("2023", sum(be_imports(2023, m) for m in MONTHS_2023)),
    ]
    assert {p.flow for p in result.points} == {"export"}
    assert any(note.startswith("mirror view") for note in result.notes)


def test_flow_import_keeps_both_views_imports(store: Store) -> None:
    result = store.series("IT", "BE", flow="import", years=2022)
    assert [(p.reported_by, p.flow, p.value) for p in result.points] == [
        ("ITA", "import", 678),
        ("BEL", "import", sum(be_exports(2022, m) for m in MONTHS_2022)),
    ]


def test_monthly_series_ignores_annual_rows(store: Store) -> None:
    result = store.series("IT", "BE", frequency="M", flow="export", years="2021-2023")
    exports = line(result, "ITA", "export")
    assert (min(exports), max(exports)) == ("2022-01", "2023-09")
    assert len(exports) == 12 + 9
    assert exports["2022-03"].value == 103
    assert exports["2023-09"].value == 209
    assert exports["2022-03"].rolling_12m is None  # not asked
    assert any("only annual figures in 2021" in note for note in result.notes)


def test_monthly_series_of_an_annual_only_year_says_so(store: Store) -> None:
    with pytest.raises(NoDataError, match="only annual figures"):
        store.series("IT", "BE", frequency="M", years=2021)


def test_rolling_sums_need_all_twelve_months(store: Store) -> None:
    result = store.series("IT", "BE", frequency="M", flow="export", rolling=True)
    exports = line(result, "ITA", "export")
    assert all(exports[f"2022-{m:02d}"].rolling_12m is None for m in range(1, 12))
    assert exports["2022-12"].rolling_12m == sum(it_exports(2022, m) for m in MONTHS_2022)
    april_2022_to_march_2023 = sum(it_exports(2022, m) for m in range(4, 13)) + sum(
        it_exports(2023, m) for m in range(1, 4)
    )
    assert april_2022_to_march_2023 == 972 + 606
    assert exports["2023-03"].rolling_12m == april_2022_to_march_2023
    mirror = line(result, "BEL", "export")
    september = sum(be_imports(2022, m) for m in range(10, 13)) + sum(
        be_imports(2023, m) for m in MONTHS_2023
    )
    assert mirror["2023-09"].rolling_12m == september


def test_year_to_date_january_september(store: Store) -> None:
    result = store.series("IT", "BE", flow="export", ytd_through=9)
    own = {y.year: y for y in result.year_to_date if y.reported_by == "ITA"}
    jan_sep_2022 = sum(it_exports(2022, m) for m in range(1, 10))
    jan_sep_2023 = sum(it_exports(2023, m) for m in range(1, 10))
    assert (jan_sep_2022, jan_sep_2023) == (945, 1845)
    assert own[2023].period == "Jan-Sep 2023"
    assert (own[2023].value, own[2023].previous, own[2023].complete) == (1845, 945, True)
    assert own[2023].difference == 1845 - 945
    assert own[2023].change == pytest.approx(1845 / 945 - 1)
    # 2021 has only annual figures: no Jan-Sep to compare 2022 with.
    assert (own[2022].value, own[2022].previous, own[2022].change) == (945, None, None)
    assert 2021 not in own
    mirror = {y.year: y for y in result.year_to_date if y.reported_by == "BEL"}
    mirror_2022 = sum(be_imports(2022, m) for m in range(1, 10))
    assert mirror[2023].change == pytest.approx(mirror[2023].value / mirror_2022 - 1)
    assert mirror[2023].flow == "export"
    assert "Jan-Sep year to date" in str(result.provenance)


def test_year_to_date_lacking_a_month_is_incomplete(store: Store) -> None:
    result = store.series("IT", "BE", flow="export", years=[2022, 2023], ytd_through=10)
    own = {y.year: y for y in result.year_to_date if y.reported_by == "ITA"}
    assert (own[2023].value, own[2023].months, own[2023].complete) == (1845, 9, False)
    assert (own[2023].previous, own[2023].change) == (None, None)
    assert own[2022].value == sum(it_exports(2022, m) for m in range(1, 11))
    assert any("Jan-Oct 2023: only 9 of the 10 months" in note for note in result.notes)


def test_currency_defaults_to_published_values(store: Store) -> None:
    result = store.series("IT", "BE", years=2022)
    assert {p.currency for p in result.points} == {"EUR"}
    assert result.provenance is not None
    assert result.provenance.conversion is None
    assert result.provenance.currency == "EUR"
    assert result.provenance.period == "2022"
    assert not any("converted" in note for note in result.notes)


def test_group_partner_sums_its_members(store: Store) -> None:
    result = store.series("IT", "EU27_2020", frequency="M", flow="export", years=2023)
    own = line(result, "ITA", "export")
    assert own["2023-01"].value == it_exports(2023, 1) + IT_DE_EXPORTS_2023
    mirror = line(result, "EU27_2020", "export")  # only Belgium's declarations are held
    assert mirror["2023-01"].value == be_imports(2023, 1)
    assert any("EU27_2020 as reporter sums the members" in note for note in result.notes)


def test_to_pandas_has_one_row_per_point(store: Store) -> None:
    result = store.series("IT", "BE", flow="export", frequency="M", years=2023)
    frame = result.to_pandas()
    assert len(frame) == 2 * 9
    assert frame["value"].sum() == sum(
        it_exports(2023, m) + be_imports(2023, m) for m in MONTHS_2023
    )


def test_bad_arguments(store: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="frequency"):
        store.series("IT", "BE", frequency="Q")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="flow"):
        store.series("IT", "BE", flow="re-export")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="ytd_through"):
        store.series("IT", "BE", ytd_through=13)
    with pytest.raises(InvalidArgumentError, match="rolling"):
        store.series("IT", "BE", rolling=True)
    with pytest.raises(NoDataError, match="2015"):
        store.series("IT", "BE", years=2015)


def test_cli_series_json(store: Store) -> None:
    args = ["series", "IT", "BE", "--store", str(store.root), "--flow", "export"]
    result = CliRunner().invoke(app, [*args, "--ytd-through", "9", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    own = [r for r in document["year_to_date"] if r["reported_by"] == "ITA" and r["year"] == 2023]
    assert own[0]["value"] == 1845 and own[0]["previous"] == 945
    table = CliRunner().invoke(
        app, ["series", "IT", "BE", "--store", str(store.root), "--frequency", "M", "--rolling"]
    )
    assert table.exit_code == 0, table.output
    assert "2023-03" in table.output


SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def usd_per_eur(year: int, month: int) -> float:
    """Average the ECB daily USD rates of a month, read with the csv module."""
    path = SHARED_DATA / "ecb_fx" / "eurofxref-hist_1999-01-04_2025-05-09.csv"
    with path.open() as handle:
        prefix = f"{year}-{month:02d}-"
        rates = [float(r["USD"]) for r in csv.DictReader(handle) if r["Date"].startswith(prefix)]
    return statistics.fmean(rates)


def test_monthly_values_convert_at_each_months_rate(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    opened.reference.import_dir(SHARED_DATA / "ecb_fx")
    for month, value in ((1, 1e6), (2, 2e6)):
        rows = [row("IT", "BE", "export", 2022, value, month=month)]
        opened.ingest(write_full_v2(tmp_path / f"full_v2_2022{month:02d}.dat", rows))
    result = opened.series("IT", "BE", frequency="M", currency="USD", ytd_through=2)
    assert [(p.period, p.currency) for p in result.points] == [
        ("2022-01", "USD"),
        ("2022-02", "USD"),
    ]
    january, february = 1e6 * usd_per_eur(2022, 1), 2e6 * usd_per_eur(2022, 2)
    assert result.points[0].value == pytest.approx(january, rel=1e-12)
    assert result.points[1].value == pytest.approx(february, rel=1e-12)
    assert result.year_to_date[0].value == pytest.approx(january + february, rel=1e-12)
    assert result.provenance is not None and result.provenance.conversion is not None
    assert any("converted to USD" in note for note in result.notes)


def test_an_open_store_converts_with_rates_loaded_since_by_another_opening(
    tmp_path: Path,
) -> None:
    opened = bilateral.open(tmp_path / "store")
    opened.ingest(
        write_full_v2(
            tmp_path / "full_v2_202201.dat", [row("IT", "BE", "export", 2022, 1e6, month=1)]
        )
    )
    assert not opened.reference.catalogue.has("ecb_daily")
    assert opened.series("IT", "BE", frequency="M").points[0].value == 1e6
    bilateral.open(tmp_path / "store").reference.import_dir(SHARED_DATA / "ecb_fx")
    result = opened.series("IT", "BE", frequency="M", currency="USD")
    assert result.points[0].value == pytest.approx(1e6 * usd_per_eur(2022, 1), rel=1e-12)


def test_region_series_from_a_tidy_regional_file(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    lines = [
        "reporter_region,partner,flow,year,sector_scheme,sector,value,currency",
        "ITH5,BE,export,2020,CPA21,28,320,EUR",
        "ITH5,BE,export,2021,CPA21,21,500,EUR",
        "Emilia-Romagna,Belgio,export,2021,CPA21,28,400,EUR",
        "ITH5,BE,import,2021,CPA21,28,90,EUR",
    ]
    path = tmp_path / "regional.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opened.ingest(path)
    result = opened.series("ITH5", "BEL", flow="export")
    assert [(p.period, p.value, p.basis, p.growth) for p in result.points] == [
        ("2020", 320, "annual", None),
        ("2021", 500 + 400, "annual", pytest.approx(900 / 320 - 1)),
    ]
    assert result.reporter == "ITH5"


def test_year_to_date_of_annual_only_years_is_left_out_with_a_note(store: Store) -> None:
    result = store.series("IT", "BE", flow="export", years=2021, ytd_through=9)
    assert [(p.period, p.value) for p in result.points] == [("2021", 1000), ("2021", 1100)]
    assert result.year_to_date == ()
    assert any("only annual figures in 2021" in note for note in result.notes)
