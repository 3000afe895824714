"""The packaged demonyms: every row names a known territory and every form is found."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from bilateral.claims.mentions import demonyms, find_mentions
from bilateral.reference import get


def rows() -> list[dict[str, str]]:
    source = resources.files("bilateral.claims").joinpath("demonyms.csv")
    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))


ROWS = rows()


@pytest.mark.parametrize("row", ROWS, ids=[row["code"] for row in ROWS])
def test_every_row_names_a_territory_and_its_forms_are_found(row: dict[str, str]) -> None:
    assert get(row["code"]).code == row["code"]
    for language in ("en", "it"):
        forms = row[language].split("|")
        assert forms and all(forms), f"{row['code']} has no {language} form"
        for form in forms:
            sentence = f"{form} exports" if language == "en" else f"le esportazioni {form}"
            mentions = find_mentions(sentence)
            assert [m.codes for m in mentions] == [(row["code"],)], form
            if form.isupper():
                assert mentions[0].kind == "name"  # EU, US, UK: used like names
            elif language == "it":  # lower case: never taken for a country name
                assert mentions[0].kind == "demonym"


def test_no_form_names_two_territories() -> None:
    seen: dict[str, str] = {}
    for row in ROWS:
        for form in (*row["en"].split("|"), *row["it"].split("|")):
            key = form if form.isupper() else form.casefold()
            assert seen.setdefault(key, row["code"]) == row["code"], form
    table = demonyms()
    assert len(table.forms) + len(table.abbreviations) == len(seen)


def test_the_table_covers_the_eu_members_and_main_partners() -> None:
    codes = {row["code"] for row in ROWS}
    eu = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
          "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
          "SVN", "ESP", "SWE"}  # fmt: skip
    assert eu <= codes
    assert {"USA", "CHN", "GBR", "CHE", "JPN", "TUR", "EU"} <= codes
