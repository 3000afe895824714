"""Tests for bilateral.reference.code_systems, against the real Comtrade and BACI code lists."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pycountry
import pytest

from bilateral.errors import InvalidArgumentError, SourceFormatError, UnknownTerritoryError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.code_systems import (
    AGGREGATE_CODES,
    CODE_SCHEMA,
    SYSTEMS,
    TABLE_SPECS,
    core_codes,
    from_canonical,
    read_baci_countries,
    read_comtrade_legacy,
    read_comtrade_reporters,
    repair_mojibake,
    to_canonical,
)
from bilateral.reference.territories import build_registry

from .conftest import shared_file

REPORTERS = "un_comtrade/comtradeplus_ref_Reporters.json"
LEGACY_REPORTERS = "un_comtrade/comtrade_legacy_reporterAreas.json"
LEGACY_PARTNERS = "un_comtrade/comtrade_legacy_partnerAreas.json"
BACI_2023 = "cepii_baci/country_codes_V202301.csv"
BACI_2025 = "cepii_baci/country_codes_V202501.csv"
REGISTRY = build_registry()


def rows_of(table: pa.Table) -> dict[str, dict[str, object]]:
    return {str(row["code"]): row for row in table.to_pylist()}


@pytest.fixture(scope="module")
def reporters() -> dict[str, dict[str, object]]:
    return rows_of(read_comtrade_reporters(shared_file(REPORTERS)))


@pytest.fixture(scope="module")
def legacy() -> dict[str, dict[str, object]]:
    table = pa.concat_tables(
        [read_comtrade_legacy(shared_file(LEGACY_PARTNERS)),
         read_comtrade_legacy(shared_file(LEGACY_REPORTERS))]
    )  # fmt: skip
    return rows_of(table)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    loaded = Catalogue(tmp_path_factory.mktemp("catalogue"), TABLE_SPECS)
    loaded.load("comtrade_reporters", shared_file(REPORTERS))
    loaded.load("comtrade_legacy_reporters", shared_file(LEGACY_REPORTERS))
    loaded.load("comtrade_legacy_partners", shared_file(LEGACY_PARTNERS))
    loaded.load("baci_countries", shared_file(BACI_2025))
    return loaded


# ----------------------------------------------------------------------------- readers


@pytest.mark.parametrize(
    ("relative", "read", "rows", "aggregates"),
    [
        (REPORTERS, read_comtrade_reporters, 255, {"975"}),
        (LEGACY_REPORTERS, read_comtrade_legacy, 255, {"all"}),
        (LEGACY_PARTNERS, read_comtrade_legacy, 293, set(AGGREGATE_CODES["comtrade_legacy"])),
        (BACI_2023, read_baci_countries, 238, {"697"}),
        (BACI_2025, read_baci_countries, 238, {"697"}),
    ],
)
def test_every_row_maps_to_one_territory_or_is_a_listed_aggregate(
    relative: str, read: object, rows: int, aggregates: set[str]
) -> None:
    assert callable(read)
    table = read(shared_file(relative))
    assert table.schema == CODE_SCHEMA
    assert table.num_rows == rows
    codes = table.column("code").to_pylist()
    assert len(set(codes)) == len(codes)
    for row in table.to_pylist():
        assert row["code"] == "all" or row["code"] == str(int(row["code"]))  # unpadded digits
        if row["aggregate"]:
            assert row["canonical"] is None
        else:
            assert REGISTRY.get(row["canonical"]).code == row["canonical"], row
        assert 1900 <= row["year_from"] <= row["year_to"] <= 9999
    assert {row["code"] for row in table.to_pylist() if row["aggregate"]} == aggregates


def test_reporters_rows_with_iso_numeric_codes_map_to_their_iso3(
    reporters: dict[str, dict[str, object]],
) -> None:
    """An independent check: where code == ISO numeric of its ISO3, canonical is that ISO3."""
    checked = 0
    for code, row in reporters.items():
        country = pycountry.countries.get(alpha_3=str(row["iso3"]))
        if country is not None and int(country.numeric) == int(code):
            assert row["canonical"] == row["iso3"], row
            checked += 1
    assert checked > 200


def test_reporters_quirks(reporters: dict[str, dict[str, object]]) -> None:
    expected = {
        "380": ("ITA", 1900, 9999), "251": ("FRA", 1900, 9999), "842": ("USA", 1981, 9999),
        "841": ("USA", 1900, 1980), "757": ("CHE", 1900, 9999), "579": ("NOR", 1900, 9999),
        "699": ("IND", 1975, 9999), "356": ("IND", 1900, 1974), "56": ("BEL", 1999, 9999),
        "58": ("BLX", 1900, 1998), "490": ("S19", 1900, 9999), "97": ("EU", 1900, 9999),
        "736": ("SDN", 1900, 2011), "729": ("SDN", 2011, 9999), "891": ("SCG", 1992, 2006),
        "711": ("SACU", 1900, 1999),
    }  # fmt: skip
    for code, (canonical, first, last) in expected.items():
        row = reporters[code]
        assert (row["canonical"], row["year_from"], row["year_to"]) == (canonical, first, last)
    assert "381" not in reporters
    assert reporters["58"]["iso3"] == "BEL"  # the file says BEL; the canonical is BLX


def test_legacy_lists(legacy: dict[str, dict[str, object]]) -> None:
    assert legacy["381"]["canonical"] == "ITA"
    assert legacy["381"]["name"] == "Italy"
    assert "380" not in legacy
    assert legacy["0"]["canonical"] == "WORLD"
    for code, canonical in [
        ("251", "FRA"),
        ("842", "USA"),
        ("757", "CHE"),
        ("579", "NOR"),
        ("699", "IND"),
        ("58", "BLX"),
        ("80", "ATB"),
        ("698", "SKM"),
    ]:
        assert legacy[code]["canonical"] == canonical


def test_legacy_agrees_with_comtrade_plus_on_shared_codes(
    legacy: dict[str, dict[str, object]], reporters: dict[str, dict[str, object]]
) -> None:
    shared = set(legacy) & set(reporters)
    assert len(shared) > 240
    for code in shared:
        assert legacy[code]["canonical"] == reporters[code]["canonical"], code


def test_legacy_names_that_resolve_agree_with_the_code(
    legacy: dict[str, dict[str, object]],
) -> None:
    """An independent check of the code mapping: the published name, where it resolves."""
    agreed = 0
    for code, row in legacy.items():
        if row["aggregate"]:
            continue
        try:
            by_name = REGISTRY.resolve(str(row["name"])).code
        except LookupError:
            continue
        assert by_name == row["canonical"] or (code, by_name) == ("58", "BLX"), row
        agreed += 1
    assert agreed > 200


@pytest.mark.parametrize("relative", [BACI_2023, BACI_2025])
def test_baci_quirks(relative: str) -> None:
    rows = rows_of(read_baci_countries(shared_file(relative)))
    assert rows["516"]["iso2"] == "NA"  # empty in the file: Namibia, never missing
    assert rows["516"]["canonical"] == "NAM"
    assert rows["384"]["canonical"] == "CIV"
    assert rows["531"]["name"] == "Curaçao"  # UTF-8 in V202301, repaired mojibake in V202501
    assert rows["58"]["canonical"] == "BLX"
    assert rows["490"]["canonical"] == "S19"
    assert rows["711"]["canonical"] == "SACU"
    assert rows["849"]["canonical"] == "PUS"
    for code, canonical in [
        ("251", "FRA"),
        ("842", "USA"),
        ("757", "CHE"),
        ("579", "NOR"),
        ("699", "IND"),
        ("380", "ITA"),
        ("56", "BEL"),
    ]:
        assert rows[code]["canonical"] == canonical
    assert all(row["iso2"] != "N/A" and row["iso3"] != "N/A" for row in rows.values())


def test_baci_2025_validity_from_names() -> None:
    rows = rows_of(read_baci_countries(shared_file(BACI_2025)))
    assert rows["58"]["year_to"] == 1998
    assert rows["891"]["year_to"] == 2005
    assert rows["56"]["year_to"] == 9999
    assert rows["792"]["name"] == "Türkiye"  # "TÃ¼rkiye" in the file
    assert rows["384"]["name"] == "Côte d'Ivoire"


def test_core_table_agrees_with_the_real_files(
    reporters: dict[str, dict[str, object]], legacy: dict[str, dict[str, object]]
) -> None:
    baci = rows_of(read_baci_countries(shared_file(BACI_2025)))
    baci_2023 = rows_of(read_baci_countries(shared_file(BACI_2023)))
    for system, real, dated in [
        ("comtrade", reporters, True),
        ("comtrade_legacy", legacy, False),
        ("baci", baci, True),
        ("baci", baci_2023, False),
    ]:
        covered = 0
        for period in core_codes()[system]:  # type: ignore[index]
            row = real.get(period.code)
            if row is None:
                continue
            covered += 1
            assert row["canonical"] == period.canonical, (system, period)
            if dated:
                assert (row["year_from"], row["year_to"]) == (period.year_from, period.year_to)
        assert covered >= 15, system
    # every core row of Comtrade Plus is in Reporters.json, except partner-only codes: World
    # and the areas that the Comtrade Plus data file of the shared data names as partners.
    missing = {p.code for p in core_codes()["comtrade"]} - set(reporters)
    assert missing == {"0", "473", "568", "577", "637", "837", "899"}


def test_core_csv_keys_are_unique_and_canonical() -> None:
    source = resources.files("bilateral.reference").joinpath("data", "numeric_codes.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = [(row["system"], row["code"]) for row in rows]
    assert len(set(keys)) == len(keys)
    for row in rows:
        assert row["code"].isdigit() and row["code"] == str(int(row["code"]))
        assert REGISTRY.get(row["canonical"]).code == row["canonical"]


# ------------------------------------------------------------------------- conversions


@pytest.mark.parametrize("use_catalogue", [False, True])
@pytest.mark.parametrize(
    ("system", "code", "year", "canonical"),
    [
        ("comtrade", "380", 2021, "ITA"),
        ("comtrade_legacy", "381", 2010, "ITA"),
        ("comtrade", "251", 2021, "FRA"),
        ("comtrade", "842", 2021, "USA"),
        ("comtrade", "841", 1975, "USA"),
        ("comtrade", "757", 2021, "CHE"),
        ("comtrade", "579", 2021, "NOR"),
        ("comtrade", "699", 2021, "IND"),
        ("comtrade", "356", 1970, "IND"),
        ("comtrade", "58", 1995, "BLX"),
        ("comtrade", "56", 2005, "BEL"),
        ("comtrade", "056", 2005, "BEL"),
        ("comtrade", "490", 2020, "S19"),
        ("comtrade", "736", 2005, "SDN"),
        ("comtrade", "0", 2020, "WORLD"),
        ("baci", "58", 1996, "BLX"),
        ("baci", "251", 2020, "FRA"),
        ("baci", "490", 2020, "S19"),
        ("iso2", "NA", None, "NAM"),
        ("iso2", "xk", None, "XKX"),
        ("iso3", "BEL", None, "BEL"),
        ("iso3", "YUG", None, "YUG"),
        ("iso_numeric", "056", None, "BEL"),
        ("iso_numeric", "56", None, "BEL"),
    ],
)
def test_to_canonical(
    system: str, code: str, year: int | None, canonical: str, use_catalogue: bool,
    catalogue: Catalogue,
) -> None:  # fmt: skip
    chosen = catalogue if use_catalogue else None
    assert to_canonical(system, code, year=year, catalogue=chosen) == canonical  # type: ignore[arg-type]


@pytest.mark.parametrize("use_catalogue", [False, True])
@pytest.mark.parametrize(
    ("system", "canonical", "year", "code"),
    [
        ("comtrade", "ITA", 2021, "380"),
        ("comtrade_legacy", "ITA", 2010, "381"),
        ("comtrade", "FRA", 2021, "251"),
        ("comtrade", "USA", 2021, "842"),
        ("comtrade", "USA", 1980, "841"),
        ("comtrade", "CHE", None, "757"),
        ("comtrade", "NOR", None, "579"),
        ("comtrade", "IND", None, "699"),
        ("comtrade", "IND", 1974, "356"),
        ("comtrade", "BLX", 1998, "58"),
        ("comtrade", "BEL", 1999, "56"),
        ("comtrade", "SDN", 2011, "729"),  # both valid in 2011: the one valid at its end
        ("comtrade", "SDN", 2010, "736"),
        ("comtrade", "DEU", 1990, "280"),
        ("comtrade", "DEU", 1991, "276"),
        ("baci", "FRA", None, "251"),
        ("baci", "ITA", None, "380"),
        ("baci", "BLX", 1995, "58"),
        ("iso2", "NAM", None, "NA"),
        ("iso_numeric", "BEL", None, "056"),
        ("iso3", "XKX", None, "XKX"),
    ],
)
def test_from_canonical(
    system: str, canonical: str, year: int | None, code: str, use_catalogue: bool,
    catalogue: Catalogue,
) -> None:  # fmt: skip
    chosen = catalogue if use_catalogue else None
    assert from_canonical(system, canonical, year=year, catalogue=chosen) == code  # type: ignore[arg-type]


@pytest.mark.parametrize("use_catalogue", [False, True])
def test_codes_outside_their_years_raise_with_their_validity(
    use_catalogue: bool, catalogue: Catalogue
) -> None:
    chosen = catalogue if use_catalogue else None
    with pytest.raises(UnknownTerritoryError) as caught:
        to_canonical("comtrade", "58", year=2005, catalogue=chosen)
    assert "comtrade code '58' in 2005" in str(caught.value)
    assert "BLX 1900-1998" in str(caught.value)
    with pytest.raises(UnknownTerritoryError) as caught:
        to_canonical("comtrade", "842", year=1975, catalogue=chosen)
    assert "USA from 1981" in str(caught.value)
    with pytest.raises(UnknownTerritoryError) as caught:
        from_canonical("comtrade", "BEL", year=1995, catalogue=chosen)
    assert "56 from 1999" in str(caught.value)
    with pytest.raises(UnknownTerritoryError):
        to_canonical("comtrade", "381", year=2020, catalogue=chosen)  # legacy Italy only


def test_aggregates_and_unknown_codes_raise(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        to_canonical("comtrade", "975", year=2020, catalogue=catalogue)
    assert "ASEAN" in str(caught.value)
    with pytest.raises(UnknownTerritoryError) as caught:
        to_canonical("comtrade_legacy", "899", catalogue=catalogue)
    assert "Areas, nes" in str(caught.value)
    for system, code in [("comtrade", "999"), ("baci", "12345"), ("iso2", "QQ"), ("iso3", "WORLD")]:
        with pytest.raises(UnknownTerritoryError):
            to_canonical(system, code)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        to_canonical("geonom", "BE")  # type: ignore[arg-type]
    with pytest.raises(UnknownTerritoryError):
        from_canonical("iso2", "WORLD")
    assert set(SYSTEMS) == {"iso2", "iso3", "iso_numeric", "comtrade", "comtrade_legacy", "baci"}


@pytest.mark.parametrize("use_catalogue", [False, True])
def test_every_current_country_round_trips_in_every_system(
    use_catalogue: bool, catalogue: Catalogue
) -> None:
    chosen = catalogue if use_catalogue else None
    failed: dict[str, set[str]] = {}
    for country in pycountry.countries:
        canonical = str(country.alpha_3)
        for system in SYSTEMS:
            try:
                code = from_canonical(system, canonical, year=2020, catalogue=chosen)
            except UnknownTerritoryError:
                failed.setdefault(system, set()).add(canonical)
                continue
            assert to_canonical(system, code, year=2020, catalogue=chosen) == canonical
    # Legacy 492 is "Europe EU, nes" (Monaco is inside France 251); the US Virgin Islands (850)
    # are reported with the USA since 1981; Reporters.json ends the French overseas
    # departments as reporters in 1996 (Mayotte 2013): they are inside France 251 since.
    expected = {"comtrade_legacy": {"MCO", "VIR"}, "comtrade": {"VIR"}}
    if use_catalogue:
        expected["comtrade"] |= {"GLP", "GUF", "MYT", "REU"}
    assert failed == expected


# --------------------------------------------------------------------- specs and errors


def test_table_specs_match_publisher_and_copy_names() -> None:
    specs = {spec.name: spec for spec in TABLE_SPECS}
    assert set(specs) == {
        "comtrade_reporters", "comtrade_legacy_reporters", "comtrade_legacy_partners",
        "baci_countries",
    }  # fmt: skip
    assert specs["comtrade_reporters"].matches(Path("Reporters.json"))
    assert specs["comtrade_reporters"].matches(Path("comtradeplus_ref_Reporters.json"))
    assert not specs["comtrade_reporters"].matches(Path("partnerAreas.json"))
    assert specs["comtrade_legacy_partners"].matches(Path("comtrade_legacy_partnerAreas.json"))
    assert specs["baci_countries"].matches(Path("country_codes_V202501.csv"))
    assert specs["baci_countries"].edition(Path("country_codes_V202301.csv")) == "V202301"
    assert specs["comtrade_reporters"].url.endswith("/files/v1/app/reference/Reporters.json")
    for spec in TABLE_SPECS:
        assert spec.url.startswith(("https://", "http://"))


def test_catalogue_import_dir_keeps_the_newest_baci(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for relative in (BACI_2023, BACI_2025, REPORTERS):
        (folder / Path(relative).name).write_bytes(shared_file(relative).read_bytes())
    report = Catalogue(tmp_path / "catalogue", TABLE_SPECS).import_dir(folder)
    editions = {entry.name: entry.edition for entry in report.imported}
    assert editions["baci_countries"] == "V202501"
    assert [path.name for path in report.superseded] == ["country_codes_V202301.csv"]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_files_raise_source_format_errors(tmp_path: Path) -> None:
    entry = {"id": 4, "text": "Afghanistan", "reporterCode": 4, "reporterCodeIsoAlpha2": "AF",
             "reporterCodeIsoAlpha3": "AFG", "entryEffectiveDate": "1900-01-01T00:00:00",
             "isGroup": False}  # fmt: skip
    good = write(tmp_path, "Reporters.json", json.dumps({"results": [entry]}))
    assert read_comtrade_reporters(good).num_rows == 1
    cases = [
        (read_comtrade_reporters, "a.json", "{not json", None, None),
        (read_comtrade_reporters, "b.json", json.dumps({"results": []}), None, "results"),
        (read_comtrade_reporters, "c.json",
         json.dumps({"results": [entry, {**entry, "reporterCode": "x"}]}), 2, "reporterCode"),
        (read_comtrade_reporters, "d.json",
         json.dumps({"results": [{**entry, "reporterCodeIsoAlpha3": "QQQ"}]}), 1, "iso3"),
        (read_comtrade_reporters, "e.json", json.dumps({"results": [entry, entry]}), None, "code"),
        (read_comtrade_legacy, "f.json", json.dumps({"results": [{"id": "123", "text": "X"}]}),
         1, "code"),
        (read_baci_countries, "country_codes_V202501.csv", "code,name\n4,Afghanistan\n", 1, None),
        (read_baci_countries, "country_codes_V202502.csv",
         "country_code,country_name,country_iso2,country_iso3\nx,Afghanistan,AF,AFG\n",
         2, "country_code"),
    ]  # fmt: skip
    for read, name, text, line, field in cases:
        with pytest.raises(SourceFormatError) as caught:
            read(write(tmp_path, name, text))
        assert caught.value.path.name == name
        assert caught.value.line == line, name
        assert caught.value.field == field, name
    with pytest.raises(SourceFormatError):
        TABLE_SPECS[3].edition(Path("country_codes.csv"))


def test_repair_mojibake() -> None:
    assert repair_mojibake("CuraÃ§ao") == "Curaçao"
    assert repair_mojibake("Saint BarthÃ©lemy") == "Saint Barthélemy"
    assert repair_mojibake("Belgium") == "Belgium"
    assert repair_mojibake("Ã") == "Ã"  # not a valid UTF-8 sequence once re-encoded
