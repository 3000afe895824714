"""Tests for bilateral.reference.territories."""

from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import (
    AmbiguousTerritoryError,
    BilateralError,
    InvalidArgumentError,
    UnknownTerritoryError,
)
from bilateral.reference import Territory, all_territories, get, resolve
from bilateral.reference.territories import (
    TERRITORY_KINDS,
    RetiredCode,
    TerritoryEntry,
    build_registry,
    default_registry,
)

TERRITORIES = all_territories()
CODES = [territory.code for territory in TERRITORIES]


def read_extra_csv() -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", "territories_extra.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("query", ["Belgium", "be", "BE", "BEL", "bel", "bElGiUm ", " 056", "56"])
def test_resolve_belgium_by_name_and_codes(query: str) -> None:
    assert resolve(query) == resolve("Belgium") == get("BEL")
    assert resolve(query).name == "Belgium"


def test_belgium_record() -> None:
    assert get("BEL") == Territory("BEL", "Belgium", "country", "BE", ("BEL",))


@pytest.mark.parametrize("query", ["NA", "na", "Namibia", "NAM", "516"])
def test_na_is_namibia(query: str) -> None:
    assert resolve(query).code == "NAM"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("EL", "GRC"),
        ("GR", "GRC"),
        ("Greece", "GRC"),
        ("UK", "GBR"),
        ("USA", "USA"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Cote d'Ivoire", "CIV"),
        ("CÔTE D\u2019IVOIRE", "CIV"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("curacao", "CUW"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Moldova", "MDA"),
        ("Congo-Brazzaville", "COG"),
        ("Republic of Guinea", "GIN"),
        ("East Timor", "TLS"),
        ("Kosovo", "XKX"),
        ("XK", "XKX"),
        ("world", "WORLD"),
        ("EU27_2020", "EU27_2020"),
        ("EU", "EU"),
        ("European Union", "EU"),
        ("EU27", "EU27_2020"),
        ("EU27_2020_INTRA", "EU27_2020"),
        ("EA", "EA"),
        ("Euro area", "EA"),
        ("EA20", "EA20"),
        ("Extra-EU", "EXT_EU"),
        ("Other Asia, nes", "S19"),
        ("EU27_2020_EXTRA", "EXT_EU27_2020"),
        ("Belgium-Luxembourg", "BLX"),
        ("Northern Ireland", "XI"),
        ("xi", "XI"),
        ("QZ", "QZ"),
        ("YU", "YUG"),
        ("Yugoslavia", "YUG"),
        ("Soviet Union", "SUN"),
        ("DDR", "DDR"),
        ("AI", "AIA"),  # Anguilla, not the withdrawn French Afars and Issas
        ("ATF", "ATF"),
    ],
)
def test_resolve_known_names_and_codes(query: str, code: str) -> None:
    assert resolve(query).code == code


def test_misspelt_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        resolve("Belgum")
    error = caught.value
    assert error.query == "Belgum"
    assert error.suggestions[0] == "Belgium (BEL)"
    assert len(error.suggestions) <= 3
    assert "did you mean Belgium (BEL)" in str(error)
    assert isinstance(error, LookupError)
    assert isinstance(error, BilateralError)


@pytest.mark.parametrize("query", ["", "   ", "Atlantis", "ZZZ", "999"])
def test_unknown_queries_raise(query: str) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        resolve(query)
    assert caught.value.query == query


def test_korea_is_ambiguous() -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        resolve("Korea")
    assert caught.value.candidates == ("South Korea (KOR)", "North Korea (PRK)")
    assert isinstance(caught.value, LookupError)


def test_cs_is_ambiguous_between_two_former_countries() -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        resolve("cs")
    assert [label[-5:] for label in caught.value.candidates] == ["(CSK)", "(SCG)"]


def test_virgin_islands_is_ambiguous() -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        resolve("Virgin Islands")
    assert caught.value.candidates == (
        "Virgin Islands, British (VGB)",
        "Virgin Islands, U.S. (VIR)",
    )


def test_parts() -> None:
    assert get("GBR").parts == ("GBR", "XI", "XU")
    assert get("ESP").parts == ("ESP", "XB")
    assert get("BLX").parts == ("BLX", "BEL", "LUX")
    assert get("BEL").parts == ("BEL",)
    assert get("WORLD").parts == ("WORLD",)


def test_special_and_group_records() -> None:
    assert get("XI") == Territory("XI", "United Kingdom (Northern Ireland)", "part", None, ("XI",))
    assert get("WORLD").kind == "group"
    assert get("QZ").kind == "special"
    assert get("XKX").iso2 == "XK"
    assert get("CSK").kind == "former_country"


def test_get_takes_only_canonical_codes() -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        get("UK")
    assert caught.value.suggestions == ("United Kingdom (GBR)",)
    with pytest.raises(UnknownTerritoryError):
        get("gbr")


def test_registry_shape() -> None:
    assert sorted(set(CODES)) == CODES
    assert len(TERRITORIES) > 300
    assert {territory.kind for territory in TERRITORIES} == set(TERRITORY_KINDS)
    for territory in TERRITORIES:
        assert territory.name
        if territory.kind != "region":  # a composite region (IT-32 = ITH1 + ITH2) has no rows
            assert territory.parts[0] == territory.code
        assert all(get(part) for part in territory.parts)


def test_countries_come_from_pycountry() -> None:
    countries = {t.code for t in TERRITORIES if t.kind == "country"}
    assert countries == {str(c.alpha_3) for c in pycountry.countries} | {"XKX"}


def test_every_country_resolves_by_iso2_and_name() -> None:
    for country in pycountry.countries:
        territory = get(str(country.alpha_3))
        assert resolve(str(country.alpha_2)) == territory
        assert resolve(str(country.numeric)) == territory
        if territory.name in ("Congo", "Guinea"):  # ambiguous names: see test_territory_names
            with pytest.raises(AmbiguousTerritoryError) as caught:
                resolve(territory.name)
            assert f"{territory.name} ({territory.code})" in caught.value.candidates
        else:
            assert resolve(territory.name) == territory


def test_extra_csv_codes_are_known_and_do_not_shadow_iso2() -> None:
    iso2 = {str(country.alpha_2) for country in pycountry.countries}
    for row in read_extra_csv():
        territory = get(row["code"])
        for part in filter(None, row["parts"].split("|")):
            assert get(part).code == part
        if territory.kind in ("special", "part"):
            assert territory.code not in iso2


@given(
    code=st.sampled_from(CODES),
    flips=st.lists(st.booleans(), min_size=16, max_size=16),
    pad=st.sampled_from(["", " ", "  ", "\t"]),
)
def test_resolve_code_ignores_case_and_spaces(code: str, flips: list[bool], pad: str) -> None:
    varied = "".join(ch.lower() if flip else ch for ch, flip in zip(code, flips, strict=False))
    assert resolve(f"{pad}{varied}{pad}") == get(code)


REGISTRY = build_registry()  # without regions: pycountry, the extras and the ambiguous names


# ------------------------------------------------------------ entries, retired codes, children


def region(code: str, name: str, level: int, country: str = "ITA") -> Territory:
    return Territory(code, name, "region", None, (code,), country, level)


ENTRIES = (
    TerritoryEntry(region("ITH", "Nord-Est", 1), ("ITH",)),
    TerritoryEntry(region("ITH5", "Emilia-Romagna", 2), ("08",), ("Emilia Romagna",)),
    TerritoryEntry(region("ITH55", "Bologna", 3)),
    TerritoryEntry(region("ITH56", "Ferrara", 3)),
    TerritoryEntry(region("ITC4", "Lombardia", 2), ("03",)),
    TerritoryEntry(region("ITI4", "Lazio", 2), ("12",)),
    TerritoryEntry(region("ITG2", "Sardegna", 2), ("20",)),
    TerritoryEntry(region("ITH1", "Bolzano", 2), ("21",)),
    TerritoryEntry(region("ITH2", "Trento", 2), ("22",)),
    TerritoryEntry(
        Territory("IT-32", "Trentino-Alto Adige", "region", None, ("ITH1", "ITH2"), "ITA"), ("04",)
    ),
    TerritoryEntry(region("LUX1", "Luxembourg", 1, "LUX")),  # a region named like a country
)
RETIRED = (
    RetiredCode("ITD5", "2013", "recoded", ("ITH5",)),
    RetiredCode("ITD55", "2013", "recoded", ("ITH55",)),
    RetiredCode("ITX9", "2016", "split", ("ITH55", "ITH56")),
    RetiredCode("ITX8", "2016", "merged", ("ITH5",)),
)
WITH_REGIONS = build_registry(ENTRIES, RETIRED)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ITH5", "ITH5"),
        ("ith5", "ITH5"),
        ("08", "ITH5"),  # the entry's code, before ISO numeric 008 (Albania)
        (" 08 ", "ITH5"),
        ("04", "IT-32"),  # "004" would be Afghanistan
        ("8", "ALB"),  # no zero-padding for entry codes: ISO numeric 008
        ("008", "ALB"),
        ("012", "DZA"),  # ISO numeric codes as ISO writes them
        ("22", "ITH2"),  # no ISO numeric 022
        ("56", "BEL"),  # no entry has 56
        ("Emilia-Romagna", "ITH5"),
        ("emilia romagna", "ITH5"),
        ("Emilia", "ITH5"),  # prefix as whole words
        ("ITD5", "ITH5"),  # retired, recoded
        ("ITX8", "ITH5"),  # retired, merged
        ("Luxembourg", "LUX"),  # a country's name wins over a region's
        ("Belgio", "BEL"),
    ],
)
def test_registry_with_entries_resolves(query: str, code: str) -> None:
    assert WITH_REGIONS.resolve(query).code == code


def test_split_code_is_ambiguous_with_its_successors() -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        WITH_REGIONS.resolve("ITX9")
    assert caught.value.candidates == ("Bologna (ITH55)", "Ferrara (ITH56)")
    assert caught.value.reason == "ITX9 (NUTS 2016) was split"
    assert "ITX9 (NUTS 2016) was split" in str(caught.value)
    assert "give one of their codes" in str(caught.value)


@pytest.mark.parametrize(
    ("query", "candidates"),
    [
        ("12", ("Lazio (ITI4)", "Algeria (DZA)")),
        (" 12 ", ("Lazio (ITI4)", "Algeria (DZA)")),
        ("20", ("Sardegna (ITG2)", "Andorra (AND)")),
    ],
)
def test_number_that_is_an_entry_code_and_iso_numeric_is_ambiguous(
    query: str, candidates: tuple[str, ...]
) -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        WITH_REGIONS.resolve(query)
    assert caught.value.candidates == candidates
    number = query.strip()
    assert caught.value.reason == (
        f"{number} is a region code and ISO 3166 numeric code {number.zfill(3)}"
    )


@pytest.mark.parametrize(("query", "code"), [("12", "DZA"), ("20", "AND"), ("08", "ALB")])
def test_numbers_without_entries_are_iso_numeric(query: str, code: str) -> None:
    assert REGISTRY.resolve(query).code == code


@pytest.mark.parametrize(
    ("query", "candidates"),
    [
        ("12", ("Lazio (ITI4)", "Algeria (DZA)")),
        ("20", ("Sardegna (ITG2)", "Andorra (AND)")),
        ("10", ("Umbria (ITI2)", "Antarctica (ATA)")),
        ("16", ("Puglia (ITF4)", "American Samoa (ASM)")),
    ],
)
def test_istat_region_numbers_that_are_iso_numeric_are_ambiguous(
    query: str, candidates: tuple[str, ...]
) -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        resolve(query)
    assert caught.value.candidates == candidates


@pytest.mark.parametrize(
    ("query", "code"),
    [("08", "ITH5"), ("04", "IT-32"), ("8", "ALB"), ("008", "ALB"), ("012", "DZA"), ("56", "BEL")],
)
def test_istat_region_numbers_with_a_zero_and_iso_numerics_resolve(query: str, code: str) -> None:
    assert resolve(query).code == code


def test_children_follow_country_and_nuts_prefix() -> None:
    assert [t.code for t in WITH_REGIONS.children("ITA")] == ["IT-32", "ITH"]
    assert [t.code for t in WITH_REGIONS.children("ITH")] == ["ITH1", "ITH2", "ITH5"]
    assert WITH_REGIONS.children("IT-32") == ()  # its parts ITH1 and ITH2 stay below ITH
    assert "IT-32" in [t.code for t in default_registry().children("ITA")]
    assert [t.code for t in WITH_REGIONS.children("ITH5")] == ["ITH55", "ITH56"]
    assert WITH_REGIONS.children("ITH55") == ()
    assert WITH_REGIONS.children("BEL") == ()
    with pytest.raises(UnknownTerritoryError):
        WITH_REGIONS.children("XXX9")


def test_entries_may_not_reuse_a_code_and_successors_must_exist() -> None:
    with pytest.raises(InvalidArgumentError):
        build_registry([TerritoryEntry(region("BEL", "Belgium again", 1))])
    with pytest.raises(InvalidArgumentError):
        build_registry(retired=[RetiredCode("ITZ1", "2016", "recoded", ("ITZZ",))])
    with pytest.raises(InvalidArgumentError):
        build_registry(ENTRIES, [RetiredCode("ITZ1", "2016", "recoded", ("ITH55", "ITH56"))])


def test_registry_without_entries_has_no_regions() -> None:
    assert {t.kind for t in REGISTRY.all_territories()} == set(TERRITORY_KINDS) - {"region"}
    assert len(WITH_REGIONS.all_territories()) == len(REGISTRY.all_territories()) + len(ENTRIES)
    assert WITH_REGIONS.get("ITH5").country == "ITA"
