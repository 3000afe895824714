"""The reference commands and what loaded tables add to the queries: regions, currencies.

Expected figures are computed here from the real files with the csv module, independently of
the code under test.
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
from bilateral.errors import (
    RateNotAvailableError,
    ReferenceNotLoadedError,
    SourceFormatError,
    UnknownTerritoryError,
)
from bilateral.reference.registry import ALL_TABLE_SPECS, core_tables
from store.comext_files import row, write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
runner = CliRunner()


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("reference") / "store"
    result = runner.invoke(app, ["reference", "import", str(SHARED_DATA), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def usd_mean(year: int, month: int | None = None) -> float:
    prefix = f"{year}-" if month is None else f"{year}-{month:02d}-"
    with (SHARED_DATA / "ecb_fx" / "eurofxref-hist_1999-01-04_2025-05-09.csv").open() as handle:
        rates = [float(r["USD"]) for r in csv.DictReader(handle) if r["Date"].startswith(prefix)]
    return statistics.fmean(rates)


def test_import_loads_every_official_table_from_the_shared_data(loaded_store: Path) -> None:
    result = runner.invoke(app, ["reference", "list", "--store", str(loaded_store), "-f", "json"])
    listed = {entry["name"]: entry for entry in json.loads(result.output)}
    assert {spec.name for spec in ALL_TABLE_SPECS} <= set(listed)
    without_copy = {"hs2017_hs1992", "hs1992_sitc4", "hs1992_bec4"}  # not in the shared data
    assert {spec.name for spec in ALL_TABLE_SPECS if listed[spec.name]["status"] != "loaded"} == (
        without_copy
    )
    assert listed["baci_countries"]["edition"] == "V202501"  # the newer of the two files
    assert all(listed[table.name]["status"] == "core" for table in core_tables())
    nuts = listed["nuts2021"]
    assert nuts["sha256"] and nuts["source"] == "import NUTS2021_NUTS_ID_NAME_LATN.csv"


def test_list_without_imports_shows_what_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reference", "list", "--store", str(tmp_path), "-f", "csv"])
    assert result.exit_code == 0
    statuses = {line.split(",")[0]: line.split(",")[1] for line in result.output.splitlines()}
    assert statuses["nuts2021"] == "not loaded"
    assert statuses["group_members"] == "core"


def test_import_of_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reference", "import", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "an existing folder" in str(result.exception) + result.output


def test_loaded_nuts_list_resolves_regions_of_every_country(loaded_store: Path) -> None:
    store = bilateral.open(loaded_store)
    assert store.resolve("BE21").name == "Prov. Antwerpen"
    assert store.resolve("BE21").country == "BEL"
    assert store.resolve("Emilia-Romagna").code == "ITH5"
    # Without the NUTS list, only the packaged Italian regions are known.
    with pytest.raises(UnknownTerritoryError):
        bilateral.open(loaded_store.parent / "bare").resolve("BE21")


@pytest.fixture(scope="module")
def converting_store(loaded_store: Path) -> Store:
    store = bilateral.open(loaded_store)
    folder = loaded_store.parent / "files"
    store.ingest(
        write_full_v2(folder / "full_v2_202152.dat", [row("IT", "BE", "export", 2021, 1e6)])
    )
    monthly = [
        row("IT", "BE", "export", 2020, 1e6, month=1),
        row("IT", "BE", "import", 2020, 5e5, month=1),
    ]
    store.ingest(write_full_v2(folder / "full_v2_202001.dat", monthly))
    return store


def test_profile_in_dollars_at_the_period_average(converting_store: Store) -> None:
    profile = converting_store.profile("IT", "BE", 2021, currency="usd")
    (own,) = profile.rows
    assert own.currency == "USD"
    assert own.exports == pytest.approx(1e6 * usd_mean(2021), rel=1e-12)
    assert any("converted to USD" in note for note in profile.notes)


def test_monthly_rows_convert_at_the_month_average(converting_store: Store) -> None:
    (own,) = converting_store.profile("IT", "BE", 2020, currency="USD").rows
    assert own.exports == pytest.approx(1e6 * usd_mean(2020, 1), rel=1e-12)
    assert own.imports == pytest.approx(5e5 * usd_mean(2020, 1), rel=1e-12)


def test_sectors_in_dollars(converting_store: Store) -> None:
    (line,) = converting_store.sectors("IT", "BE", 2021, currency="USD").rows
    assert line.value == pytest.approx(1e6 * usd_mean(2021), rel=1e-12)
    assert line.currency == "USD"


def test_currency_errors(converting_store: Store, tmp_path: Path) -> None:
    with pytest.raises(RateNotAvailableError, match="XYZ"):
        converting_store.profile("IT", "BE", 2021, currency="XYZ")
    bare = bilateral.open(tmp_path / "bare")
    bare.ingest(
        write_full_v2(tmp_path / "full_v2_202152.dat", [row("IT", "BE", "export", 2021, 5)])
    )
    with pytest.raises(ReferenceNotLoadedError, match="ecb_daily"):
        bare.profile("IT", "BE", 2021, currency="USD")


def test_cli_profile_currency_option(converting_store: Store) -> None:
    result = runner.invoke(
        app,
        [
            "profile",
            "IT",
            "BE",
            "--years",
            "2021",
            "--currency",
            "USD",
            "--store",
            str(converting_store.root),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["rows"][0]["currency"] == "USD"


def test_regional_files_use_the_stores_nuts_list(loaded_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "flanders.csv"
    path.write_text(
        "reporter_region,partner,flow,year,sector_scheme,sector,value,currency\n"
        "BE21,Italia,export,2021,CPA21,20,125,EUR\n",
        encoding="utf-8",
    )
    store = bilateral.open(loaded_store)
    assert store.ingest(path).rows_stored == 1
    (line,) = store.sectors("Prov. Antwerpen", "IT", 2021).rows
    assert (line.reported_by, line.code, line.value) == ("BE21", "20", 125.0)
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "bare").ingest(path)
    assert (raised.value.line, raised.value.field) == (2, "reporter_region")


def test_territory_command_shows_codes_members_and_history(tmp_path: Path) -> None:
    def card(*args: str) -> dict[str, object]:
        result = runner.invoke(
            app, ["reference", "territory", *args, "--store", str(tmp_path), "-f", "json"]
        )
        assert result.exit_code == 0, result.output
        loaded: dict[str, object] = json.loads(result.output)
        return loaded

    belgium = card("België")
    assert belgium["code"] == "BEL"
    assert belgium["codes"] == {
        "iso2": "BE", "iso3": "BEL", "iso_numeric": "056", "comtrade": "56",
        "comtrade_legacy": "56", "baci": "56",
    }  # fmt: skip
    assert card("BLX", "--year", "1995")["codes"]["baci"] == "58"  # type: ignore[index]
    region = card("ITD5")
    assert (region["code"], region["level"], region["country"]) == ("ITH5", 2, "ITA")
    assert region["regions"] == [f"ITH5{digit}" for digit in range(1, 10)]
    assert "recoded" in str(region["history"])
    eu_2010 = card("EU", "--year", "2010")
    assert len(eu_2010["members"]) == 27 and "HRV" not in eu_2010["members"]  # type: ignore[arg-type, operator]
    assert "GBR" in eu_2010["members"]  # type: ignore[operator]


def test_nuts_ids_outside_italy_say_what_to_load(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reference", "territory", "BE21", "--store", str(tmp_path)])
    assert result.exit_code != 0
    assert "bilateral reference fetch nuts2021" in str(result.exception)
