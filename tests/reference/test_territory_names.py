"""Tests for bilateral.reference.territory_names: names in five languages, aliases, suggestions."""

from __future__ import annotations

import csv
import gettext
from importlib import resources

import pycountry
import pytest

from bilateral.errors import AmbiguousTerritoryError, UnknownTerritoryError
from bilateral.reference.territories import build_registry
from bilateral.reference.territory_names import LANGUAGES, normalise_name, translations


def read_extra_csv() -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", "territories_extra.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


REGISTRY = build_registry()  # without regions: pycountry, the extras and the ambiguous names
CATALOGUES = dict(zip(LANGUAGES, translations("iso3166-1"), strict=True))


def read_ambiguous_csv() -> dict[str, set[str]]:
    source = resources.files("bilateral.reference").joinpath("data", "ambiguous_names.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: set(row["codes"].split("|")) for row in csv.DictReader(handle)}


AMBIGUOUS = read_ambiguous_csv()
AMBIGUOUS_KEYS = {normalise_name(name) for name in AMBIGUOUS}


@pytest.mark.parametrize("language", ["it", "fr", "nl", "de"])
def test_every_country_has_a_translated_name(language: str) -> None:
    catalogue = CATALOGUES[language]
    assert isinstance(catalogue, gettext.GNUTranslations)
    entries = catalogue._catalog  # the .mo file's messages: msgid -> translation
    missing = [c.alpha_3 for c in pycountry.countries if not entries.get(str(c.name))]
    assert missing == []


def translated_names() -> list[tuple[str, str, str]]:
    """Return (language, name, alpha-3) for every country name in every language."""
    found = []
    for language, catalogue in CATALOGUES.items():
        for country in pycountry.countries:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(country, attribute, None)
                if value:
                    found.append((language, catalogue.gettext(str(value)), str(country.alpha_3)))
    return found


def test_every_translated_name_resolves_to_its_country_or_is_listed_ambiguous() -> None:
    names = translated_names()
    assert len(names) > 5 * 249
    for language, name, code in names:
        if normalise_name(name) in AMBIGUOUS_KEYS:
            with pytest.raises(AmbiguousTerritoryError) as caught:
                REGISTRY.resolve(name)
            assert any(label.endswith(f"({code})") for label in caught.value.candidates), name
        else:
            assert REGISTRY.resolve(name).code == code, (language, name)


def test_no_two_countries_share_a_translated_name() -> None:
    owners: dict[str, set[str]] = {}
    for _language, name, code in translated_names():
        owners.setdefault(normalise_name(name), set()).add(code)
    shared = {name: codes for name, codes in owners.items() if len(codes) > 1}
    assert shared == {}  # a shared name would be ambiguous by construction; none today


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # English
        ("Belgium", "BEL"), ("United States", "USA"), ("Netherlands", "NLD"),
        # Italian
        ("Belgio", "BEL"), ("Stati Uniti", "USA"), ("Regno Unito", "GBR"),
        ("Paesi Bassi", "NLD"), ("Germania", "DEU"), ("Svizzera", "CHE"),
        ("Costa d'Avorio", "CIV"), ("Corea del Sud", "KOR"), ("Cecoslovacchia", "CSK"),
        # French
        ("Belgique", "BEL"), ("États-Unis", "USA"), ("etats unis", "USA"),
        ("Royaume-Uni", "GBR"), ("Pays-Bas", "NLD"), ("Allemagne", "DEU"), ("Suisse", "CHE"),
        ("Corée du Sud", "KOR"), ("Italie", "ITA"),
        # Dutch
        ("België", "BEL"), ("BELGIE", "BEL"), ("Verenigde Staten", "USA"),
        ("Verenigd Koninkrijk", "GBR"), ("Nederland", "NLD"), ("Duitsland", "DEU"),
        ("Zuid-Korea", "KOR"), ("Italië", "ITA"), ("Ivoorkust", "CIV"),
        # German
        ("Belgien", "BEL"), ("Vereinigte Staaten", "USA"), ("Vereinigtes Königreich", "GBR"),
        ("Niederlande", "NLD"), ("Deutschland", "DEU"), ("Schweiz", "CHE"),
        ("Südkorea", "KOR"), ("SUDKOREA", "KOR"), ("Italien", "ITA"), ("Türkei", "TUR"),
        # groups
        ("Unione europea", "EU"), ("Union européenne", "EU"), ("Europese Unie", "EU"),
        ("Europäische Union", "EU"), ("Zona euro", "EA"), ("Eurozona", "EA"),
        ("Euroraum", "EA"), ("Mondo", "WORLD"), ("Welt", "WORLD"), ("Extra-UE", "EXT_EU"),
    ],
)  # fmt: skip
def test_names_in_each_language(query: str, code: str) -> None:
    assert REGISTRY.resolve(query).code == code


# Hand aliases for usage that pycountry's catalogues lack; each must keep resolving.
HAND_ALIASES = {
    "Olanda": "NLD",
    "Russland": "RUS",
    "Großbritannien": "GBR",
    "Grande-Bretagne": "GBR",
    "Gran Bretagna": "GBR",
    "Groot-Brittannië": "GBR",
    "Elfenbeinküste": "CIV",
    "Vaticano": "VAT",
    "Weißrussland": "BLR",
    "Unione Sovietica": "SUN",
    "Sowjetunion": "SUN",
    "Jugoslavia": "YUG",
    "Jugoslawien": "YUG",
}


@pytest.mark.parametrize(("alias", "code"), sorted(HAND_ALIASES.items()))
def test_hand_aliases(alias: str, code: str) -> None:
    assert REGISTRY.resolve(alias).code == code


def test_every_alias_of_the_extra_csv_resolves_to_its_row() -> None:
    aliases = 0
    for row in read_extra_csv():
        for alias in filter(None, row["aliases"].split("|")):
            assert REGISTRY.resolve(alias).code == row["code"], alias
            aliases += 1
        if row["name"]:
            assert REGISTRY.resolve(row["name"]).code == row["code"]
    assert aliases > 60
    hand = {alias for row in read_extra_csv() for alias in row["aliases"].split("|")}
    assert set(HAND_ALIASES) <= hand


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("Congo", ["COD", "COG"]),
        ("Kongo", ["COD", "COG"]),
        ("CONGO", ["COD", "COG"]),
        ("Guinea", ["GIN", "GNB", "GNQ"]),
        ("Guinée", ["GIN", "GNB", "GNQ"]),
        ("Guinee", ["GIN", "GNB", "GNQ"]),
        ("Korea", ["KOR", "PRK"]),
        ("Corea", ["KOR", "PRK"]),
        ("Corée", ["KOR", "PRK"]),
        ("coree", ["KOR", "PRK"]),
    ],
)
def test_ambiguous_names_in_every_language(query: str, codes: list[str]) -> None:
    with pytest.raises(AmbiguousTerritoryError) as caught:
        REGISTRY.resolve(query)
    assert [label[-4:-1] for label in caught.value.candidates] == codes
    assert caught.value.query == query
    assert "ambiguous" in str(caught.value)


def test_ambiguous_csv_lists_known_codes_and_each_candidate_resolves_otherwise() -> None:
    assert set(AMBIGUOUS) == {
        "Congo",
        "Kongo",
        "Guinea",
        "Guinée",
        "Guinee",
        "Korea",
        "Corea",
        "Corée",
    }
    for codes in AMBIGUOUS.values():
        for code in codes:
            assert REGISTRY.get(code).kind == "country"
    for query, code in [
        ("Repubblica del Congo", "COG"), ("Demokratische Republik Kongo", "COD"),
        ("République de Guinée", "GIN"), ("Guinea-Bissau", "GNB"), ("Guinée équatoriale", "GNQ"),
        ("Corea del Nord", "PRK"), ("Noord-Korea", "PRK"), ("Nordkorea", "PRK"),
    ]:  # fmt: skip
        assert REGISTRY.resolve(query).code == code


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Belgum", "Belgium (BEL)"),
        ("Itlay", "Italy (ITA)"),
        ("Germny", "Germany (DEU)"),
        ("Belgiuo", "Belgium (BEL)"),
        ("Svizera", "Switzerland (CHE)"),
        ("Nederlnd", "Netherlands (NLD)"),
    ],
)
def test_suggestions_for_misspelt_names(query: str, first: str) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        REGISTRY.resolve(query)
    assert caught.value.suggestions[0] == first
    assert 1 <= len(caught.value.suggestions) <= 3
    assert len(set(caught.value.suggestions)) == len(caught.value.suggestions)
