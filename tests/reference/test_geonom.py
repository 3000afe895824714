"""Tests for bilateral.reference.geonom, against the real Comext GEONOM partner list."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import UnknownTerritoryError
from bilateral.reference import geonom_table, geonom_to_canonical, get
from bilateral.reference.geonom import GEONOM_SCHEMA

SHARED_DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
GEONOM_LIST = SHARED_DATA / "geo_codes" / "eurostat_comext_GEONOM_partner_codes.csv"
LAST_CHECKED_YEAR = 2030
TABLE = geonom_table()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def real_geonom_rows() -> list[tuple[str, int, int, str]]:
    """Return the real list as (code, first year, last year, name), capped at 2030."""
    return [
        (
            row["code"],
            int(row["valid_from"][-4:]),
            min(int(row["valid_to"][-4:]), LAST_CHECKED_YEAR),
            row["name"],
        )
        for row in read_csv(GEONOM_LIST)
    ]


def test_real_list_is_the_expected_file() -> None:
    rows = real_geonom_rows()
    assert len(rows) == 342
    assert ("BE", 1976, 1998, "Belgium and Luxembourg") in rows


def test_every_real_code_and_year_maps_to_a_known_territory() -> None:
    for code, first, last, name in real_geonom_rows():
        for year in range(first, last + 1):
            canonical, _ = geonom_to_canonical(code, year)
            assert get(canonical).code == canonical, (code, year, name)


def test_real_list_joins_to_exactly_one_row() -> None:
    rows = real_geonom_rows()
    probes = pa.table(
        {
            "probe": list(range(len(rows) * 2)),
            "code": [code for code, *_ in rows] * 2,
            "year": pa.array(
                [first for _, first, _, _ in rows] + [last for _, _, last, _ in rows], pa.int16()
            ),
        }
    )
    joined = probes.join(TABLE, "code")
    within = pc.and_(
        pc.less_equal(joined["year_from"], joined["year"]),
        pc.less_equal(joined["year"], joined["year_to"]),
    )
    matched = joined.filter(within)
    assert matched.num_rows == probes.num_rows
    assert sorted(matched["probe"].to_pylist()) == probes["probe"].to_pylist()


@pytest.mark.parametrize(
    ("code", "year", "expected"),
    [
        ("GR", 2024, ("GRC", None)),
        ("EL", 2024, ("GRC", None)),
        ("GR", 1980, ("GRC", None)),
        ("BE", 1988, ("BLX", None)),
        ("BE", 1998, ("BLX", None)),
        ("BE", 1999, ("BEL", None)),
        ("BE", 2024, ("BEL", None)),
        ("LU", 1999, ("LUX", None)),
        ("NA", 2024, ("NAM", None)),
        ("CS", 1992, ("CSK", None)),
        ("CS", 2004, ("SCG", None)),
        ("YU", 2003, ("YUG", None)),
        ("SU", 1991, ("SUN", None)),
        ("DD", 1990, ("DDR", None)),
        ("AN", 2012, ("ANT", None)),
        ("XS", 2024, ("SRB", None)),
        ("XM", 2006, ("MNE", None)),
        ("ME", 2007, ("MNE", None)),
        ("XK", 2024, ("XKX", None)),
        ("XP", 2000, ("PSE", None)),
        ("XI", 2021, ("XI", None)),
        ("XU", 2024, ("XU", None)),
        ("GB", 2024, ("GBR", None)),
        ("XC", 2024, ("XC", None)),
        ("XL", 2024, ("XL", None)),
        ("XB", 1996, ("XB", None)),
        ("QP", 2024, ("QP", None)),
        ("QQ", 2024, ("QQ", None)),
        ("QU", 2024, ("QU", "unallocated_partner")),
        ("QV", 2024, ("QV", "unallocated_partner")),
        ("QW", 2024, ("QW", "unallocated_partner")),
        ("QX", 2024, ("QX", "confidential_partner")),
        ("QY", 1990, ("QY", "confidential_partner")),
        ("QZ", 2024, ("QZ", "confidential_partner")),
        ("ZZ", 2024, ("ZZ", None)),
        ("WORLD", 2024, ("WORLD", None)),
        ("EU27_2020", 2024, ("EU27_2020", None)),
        ("EU27_2020_INTRA", 2024, ("EU27_2020", None)),
        ("EU27_2020_EXTRA", 2024, ("EXT_EU27_2020", None)),
        ("EU28_EXTRA", 2015, ("EXT_EU28", None)),
    ],
)
def test_geonom_to_canonical(code: str, year: int, expected: tuple[str, str | None]) -> None:
    assert geonom_to_canonical(code, year) == expected


def test_unknown_code_raises() -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        geonom_to_canonical("QQQ", 2024)
    assert caught.value.query == "QQQ"


def test_lower_case_code_is_not_a_geonom_code() -> None:
    with pytest.raises(UnknownTerritoryError):
        geonom_to_canonical("be", 2024)


@pytest.mark.parametrize(
    ("code", "year", "valid"),
    [
        ("XI", 2020, ("XI in 2021-9999",)),
        ("CS", 1999, ("CS in 1900-1992", "CS in 2004-2005")),
        ("QQ", 1995, ("QQ in 1900-1992", "QQ in 1999-9999")),
    ],
)
def test_code_outside_its_years_raises_with_valid_periods(
    code: str, year: int, valid: tuple[str, ...]
) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        geonom_to_canonical(code, year)
    assert caught.value.query == f"{code} in {year}"
    assert caught.value.suggestions == valid


def test_every_current_iso2_code_maps_to_its_alpha3_today() -> None:
    for country in pycountry.countries:
        assert geonom_to_canonical(str(country.alpha_2), 2024) == (str(country.alpha_3), None)


def test_table_schema_and_order() -> None:
    assert TABLE.schema == GEONOM_SCHEMA
    keys = list(zip(TABLE["code"].to_pylist(), TABLE["year_from"].to_pylist(), strict=True))
    assert keys == sorted(set(keys))


def test_table_periods_do_not_overlap() -> None:
    previous_code, previous_to = "", 0
    for row in TABLE.to_pylist():
        assert 1900 <= row["year_from"] <= row["year_to"] <= 9999
        if row["code"] == previous_code:
            assert row["year_from"] > previous_to, row
        previous_code, previous_to = row["code"], row["year_to"]


def test_iso_codes_cover_every_year() -> None:
    iso2 = {str(country.alpha_2) for country in pycountry.countries}
    years_by_code: dict[str, int] = {}
    for row in TABLE.to_pylist():
        years_by_code[row["code"]] = (
            years_by_code.get(row["code"], 0) + row["year_to"] - row["year_from"] + 1
        )
    assert all(years_by_code[code] == 9999 - 1900 + 1 for code in iso2)


def test_every_canonical_code_is_a_known_territory() -> None:
    source = resources.files("bilateral.reference").joinpath("data", "geonom.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        csv_canonical = {row["canonical"] for row in csv.DictReader(handle)}
    for canonical in csv_canonical | set(TABLE["canonical"].to_pylist()):
        assert get(canonical).code == canonical


def test_real_comext_files_map() -> None:
    comext = SHARED_DATA / "eurostat_comext"
    aggregate = read_csv(next(comext.glob("comext_CPA21_3digit_aggregate_201912_*.csv")))
    codes = {row["PARTNER_ISO"] for row in aggregate} | {row["DECLARANT_ISO"] for row in aggregate}
    assert {geonom_to_canonical(code, 2019)[0] for code in codes} >= {"GRC", "SRB", "XKX", "XC"}
    sdmx = read_csv(next(comext.glob("DS-045409_sdmx-csv_*.csv")))
    pairs = {(row["reporter"], row["partner"], int(row["TIME_PERIOD"][:4])) for row in sdmx}
    mapped = {
        (geonom_to_canonical(reporter, year)[0], geonom_to_canonical(partner, year)[0])
        for reporter, partner, year in pairs
    }
    assert mapped == {("BEL", "WORLD"), ("ITA", "WORLD")}


@given(
    code=st.sampled_from(sorted(set(TABLE["code"].to_pylist()))),
    year=st.integers(min_value=1900, max_value=9999),
)
def test_function_agrees_with_table(code: str, year: int) -> None:
    rows = [
        row
        for row in TABLE.to_pylist()
        if row["code"] == code and row["year_from"] <= year <= row["year_to"]
    ]
    assert len(rows) <= 1
    if rows:
        assert geonom_to_canonical(code, year) == (rows[0]["canonical"], rows[0]["flag"])
    else:
        with pytest.raises(UnknownTerritoryError):
            geonom_to_canonical(code, year)
