"""Tests for bilateral.reference.territories."""

from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import AmbiguousTerritoryError, BilateralError, UnknownTerritoryError
from bilateral.reference import Territory, all_territories, get, resolve
from bilateral.reference.territories import TERRITORY_KINDS

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
        ("Congo", "COG"),
        ("Guinea", "GIN"),
        ("East Timor", "TLS"),
        ("Kosovo", "XKX"),
        ("XK", "XKX"),
        ("world", "WORLD"),
        ("EU27_2020", "EU27_2020"),
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
