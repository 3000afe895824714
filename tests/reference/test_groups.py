"""Tests for bilateral.reference.groups: membership over time, checked against country_converter.

country_converter's data (country_data.tsv) gives current compositions in columns `EU`, `EU28`,
`EU27`, `EU27_2007`, `EU25`, `EU15`, `EU12` and euro adoption years in `EURO`; it has no dates of
EU accession or departure and no EFTA column, so those dates are checked against the accession
years the compositions imply (EU12 = 1986-1994, EU25 = May 2004-2006, ...).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import country_converter
import pyarrow as pa
import pytest

from bilateral.errors import InvalidArgumentError
from bilateral.reference import get
from bilateral.reference.groups import (
    INTRA_EU_SPECIALS,
    MEMBERSHIP_SCHEMA,
    Group,
    describe_members,
    excluded,
    group,
    group_codes,
    members,
    membership_table,
)
from bilateral.reference.territories import build_registry


def read_country_converter() -> list[dict[str, str]]:
    path = Path(country_converter.__file__).parent / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as handle:  # csv keeps "NA" (Namibia) a string
        return list(csv.DictReader(handle, delimiter="\t"))


CC = read_country_converter()


def cc_set(column: str) -> frozenset[str]:
    return frozenset(row["ISO3"] for row in CC if row[column])


def read_members_csv() -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", "group_members.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cc_columns_are_the_expected_sizes() -> None:
    sizes = {column: len(cc_set(column)) for column in ("EU", "EU28", "EU27", "EU27_2007")}
    assert sizes == {"EU": 27, "EU28": 28, "EU27": 27, "EU27_2007": 27}
    assert (len(cc_set("EU25")), len(cc_set("EU15")), len(cc_set("EU12"))) == (25, 15, 12)


@pytest.mark.parametrize(
    ("column", "years"),
    [
        ("EU12", range(1986, 1995)),
        ("EU15", range(1995, 2004)),
        ("EU25", range(2004, 2007)),
        ("EU27_2007", range(2007, 2013)),
        ("EU28", range(2013, 2020)),
        ("EU", range(2020, 2031)),
    ],
)
def test_evolving_eu_matches_country_converter(column: str, years: range) -> None:
    for year in years:
        assert members("EU", year) == cc_set(column), year


def test_eu_accessions_by_month() -> None:
    first_six = {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}
    assert members("EU", 1958, 1) == first_six
    assert members("EU", 1972) == first_six
    assert members("EU", 1973, 1) - first_six == {"DNK", "IRL", "GBR"}
    assert members("EU", 1981) - members("EU", 1980) == {"GRC"}
    assert members("EU", 2004, 4) == cc_set("EU15")
    assert members("EU", 2004, 5) == cc_set("EU25")


def test_annual_period_is_the_end_of_the_year_monthly_is_the_month() -> None:
    assert "HRV" in members("EU", 2013)
    assert "HRV" in members("EU", 2013, 7)
    assert "HRV" not in members("EU", 2013, 6)
    assert "GBR" in members("EU", 2020, 1)
    assert "GBR" not in members("EU", 2020, 2)
    assert "GBR" not in members("EU", 2020)
    assert "GBR" in members("EU", 2019)


@pytest.mark.parametrize(
    ("code", "column"), [("EU27_2020", "EU27"), ("EU28", "EU28"), ("EU15", "EU15")]
)
def test_fixed_groups_have_the_same_members_in_every_period(code: str, column: str) -> None:
    for year, month in [(1958, None), (1990, 6), (2019, None), (2024, 12)]:
        assert members(code, year, month) == cc_set(column)
    assert members("EU27_2020", 2019) == members("EU", 2020)  # the 27 of 2020, in 2019


def test_euro_area_matches_country_converter_years() -> None:
    adoption = {row["ISO3"]: int(row["EURO"]) for row in CC if row["EURO"]}
    assert len(adoption) == 20
    assert members("EA20", 2000) == frozenset(adoption)
    for code, year in adoption.items():
        assert code in members("EA", year, 1), code
        assert code not in members("EA", year - 1, 12), code
    assert len(members("EA", 1999)) == 11
    assert members("EA", 2023) == members("EA20", 1999)


def test_efta_membership_history() -> None:
    founders = {"AUT", "CHE", "DNK", "GBR", "NOR", "PRT", "SWE"}
    assert members("EFTA", 1960, 5) == founders
    assert members("EFTA", 1960, 4) == frozenset()
    assert members("EFTA", 1970) == founders | {"ISL"}
    assert members("EFTA", 1973) == founders - {"DNK", "GBR"} | {"ISL"}
    assert members("EFTA", 1986) == {"AUT", "CHE", "FIN", "ISL", "NOR", "SWE"}
    assert members("EFTA", 1991, 9) == {"AUT", "CHE", "FIN", "ISL", "LIE", "NOR", "SWE"}
    assert members("EFTA", 1995) == {"CHE", "ISL", "LIE", "NOR"}
    # nobody is in the EU and EFTA in the same month
    for year in range(1960, 2026):
        assert not members("EFTA", year, 1) & members("EU", year, 1), year


def test_groups_and_kinds() -> None:
    assert group("WORLD") == Group("WORLD", "World", "all")
    assert group("EXT_EU") == Group(
        "EXT_EU", "Extra-EU (outside the EU of each period)", "complement", "EU"
    )
    assert group("EXT_EU28").base == "EU28"
    assert group("EU").kind == "members"
    groups = set(group_codes())
    assert {"EU", "EU27_2020", "EU28", "EU15", "EA", "EA20", "EFTA", "WORLD"} <= groups
    assert {"EXT_EU27_2020", "EXT_EU28", "EXT_EU", "BLX", "SACU"} <= groups
    registry = build_registry()
    for code in groups:
        assert registry.get(code).kind == "group"
    assert {t.code for t in registry.all_territories() if t.kind == "group"} == groups
    with pytest.raises(InvalidArgumentError) as caught:
        group("BEL")
    assert "EU27_2020" in str(caught.value)


def test_members_of_world_and_complements_are_what_they_exclude() -> None:
    with pytest.raises(InvalidArgumentError):
        members("WORLD", 2020)
    with pytest.raises(InvalidArgumentError):
        members("EXT_EU", 2020)
    assert excluded("EXT_EU", 2019) == members("EU", 2019) | set(INTRA_EU_SPECIALS)
    assert "GBR" not in excluded("EXT_EU", 2020)
    assert "GBR" in excluded("EXT_EU28", 2024)
    assert excluded("EXT_EU27_2020", 1995) == cc_set("EU27") | {"QR", "QV", "QY"}
    for code in INTRA_EU_SPECIALS:
        assert get(code).kind == "special"
        assert "intra-EU" in get(code).name
    with pytest.raises(InvalidArgumentError):
        excluded("EU", 2020)
    with pytest.raises(InvalidArgumentError):
        members("EU", 2020, 13)


def test_members_csv_is_valid() -> None:
    rows = read_members_csv()
    keys = [(row["group"], row["member"], row["start"]) for row in rows]
    assert len(set(keys)) == len(keys)
    registry = build_registry()
    for row in rows:
        assert registry.get(row["member"]).kind == "country"
        for cell in (row["start"], row["end"]):
            assert cell == "" or (len(cell) == 7 and cell[4] == "-" and 1 <= int(cell[5:]) <= 12)
        assert row["end"] == "" or row["start"] <= row["end"]
    # a member's spans in one group never overlap
    spans: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in rows:
        spans.setdefault((row["group"], row["member"]), []).append((row["start"], row["end"]))
    assert all(len(periods) == 1 for periods in spans.values())


def test_membership_table() -> None:
    table = membership_table()
    assert table.schema == MEMBERSHIP_SCHEMA
    rows = table.to_pylist()
    assert {"group": "EU", "member": "HRV", "start_period": 201307, "end_period": 999912} in rows
    assert {"group": "EU", "member": "GBR", "start_period": 197301, "end_period": 202001} in rows
    assert {"group": "EU27_2020", "member": "HRV", "start_period": 0, "end_period": 999912} in rows
    assert {"group": "EU", "member": "BLX", "start_period": 195801, "end_period": 199812} in rows
    assert {"group": "EU15", "member": "BLX", "start_period": 0, "end_period": 199812} in rows
    assert not [row for row in rows if row["group"] == "EA" and row["member"] == "BLX"]
    assert not [row for row in rows if row["group"] in ("WORLD", "EXT_EU")]
    for year in (1990, 2013, 2020):
        period = year * 100 + 12
        from_table = {
            row["member"]
            for row in rows
            if row["group"] == "EU" and row["start_period"] <= period <= row["end_period"]
        }
        assert from_table - {"BLX"} == members("EU", year)
    assert table.column("start_period").type == pa.int32()


def test_describe_members() -> None:
    assert describe_members("EU", [1990, 1995, *range(2013, 2025)]) == (
        "EU: sum of its members as of each period "
        "(12 in 1990, 15 in 1995, 28 in 2013-2019, 27 from 2020)"
    )
    assert describe_members("EU", range(2013, 2020)) == (
        "EU: sum of its members as of each period (28 in 2013-2019)"
    )
    assert describe_members("EU28") == (
        "EU28: sum of its 28 members in every period (fixed composition)"
    )
    assert describe_members("WORLD") == "WORLD: every partner"
    assert describe_members("EXT_EU27_2020") == (
        "EXT_EU27_2020: every partner except the 27 members of EU27_2020 in every period "
        "(fixed composition) and the intra-EU special codes QR, QV, QY"
    )
    assert describe_members("EXT_EU", [2019, 2020]).startswith(
        "EXT_EU: every partner except the members of EU as of each period "
        "(28 in 2019, 27 from 2020)"
    )
    assert describe_members("EA").endswith("19 in 2015-2022, 20 from 2023)")
