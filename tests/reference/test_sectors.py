"""Tests for bilateral.reference.sectors, against the real ISTAT, Comext and Comtrade files."""

from __future__ import annotations

import csv
import json
import re
import unicodedata

import ateco
import pytest

from bilateral.errors import InvalidArgumentError
from bilateral.reference.products import hs_chapters
from bilateral.reference.sectors import (
    SCENARIO_DIVISIONS,
    all_divisions,
    cpa_division,
    division_title,
    hs_cpa_table,
    hs_to_cpa_division,
    resolve_sector,
)

from .conftest import shared_file

ISTAT_CPA2 = "istat/CPA21_2digit_titles_ita.tsv"
COMEXT_SAMPLE = "eurostat_comext/comext_full_v2_sample_AT-AD_202402_13rows.csv"
COMEXT_CPA3 = (
    "eurostat_comext/comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
)
COMTRADE = (
    "un_comtrade/comtrade_classificationH5_HS2017.json",
    "un_comtrade/comtrade_classificationH6_HS2022.json",
)
BACI = "cepii_baci/product_codes_HS92_V202301.csv"

# CPA 2.1 = NACE Rev. 2 divisions: 01-99 without 04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89.
ABSENT = {"00", "04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89"}
EXPECTED_DIVISIONS = [f"{n:02d}" for n in range(100) if f"{n:02d}" not in ABSENT]


def read_csv(relative: str) -> list[dict[str, str]]:
    with shared_file(relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_divisions_are_the_88_of_cpa_21() -> None:
    divisions = all_divisions()
    assert [d.code for d in divisions] == EXPECTED_DIVISIONS
    assert len(divisions) == 88
    sections = [d.section for d in divisions]
    assert sorted(sections) == sections  # sections A-U run in code order
    assert set(sections) == set("ABCDEFGHIJKLMNOPQRSTU")
    for division in divisions:
        node = ateco.lookup(division.code, edition="2007")
        assert node is not None and node.parent == division.section, division.code
        assert division.title_en and division.title_it


def test_scenario_division_titles() -> None:
    titles = {code: division_title(code) for code in SCENARIO_DIVISIONS}
    assert titles == {
        "20": "Chemicals and chemical products",
        "21": "Basic pharmaceutical products and pharmaceutical preparations",
        "22": "Rubber and plastic products",
        "28": "Machinery and equipment n.e.c.",
        "29": "Motor vehicles, trailers and semi-trailers",
        "30": "Other transport equipment",
    }
    assert division_title("20", "it") == "Prodotti chimici"
    assert division_title("30.1", "it") == "Altri mezzi di trasporto"


ACTIVITY_WORDS = ("fabbricazione", "industri", "attivit", "coltivazion", "estrazion", "produzione")


def test_packaged_italian_titles_name_products_not_activities() -> None:
    for division in all_divisions():
        first = division.title_it.split()[0].casefold()
        assert not first.startswith(ACTIVITY_WORDS), division.title_it
        assert division.title_it[0].isupper()


def stems(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    ignored = {"fabbricazione", "industria", "industrie", "attivita", "prodotti", "altri", "altre"}
    return {w[:5] for w in re.findall(r"[a-z]{4,}", folded) if w not in ignored}


def test_packaged_titles_against_istat_cpa_product_titles() -> None:
    """The packaged product titles share a word stem with ISTAT's CPA (product) titles."""
    with shared_file(ISTAT_CPA2).open(encoding="utf-8", newline="") as handle:
        istat = dict(line.rstrip("\r\n").split("\t") for line in handle)
    assert len(istat) == 34 and istat["20"] == "Prodotti chimici"
    ours = {division.code: division.title_it for division in all_divisions()}
    assert set(istat) <= set(ours)
    differing = {code for code, title in istat.items() if not stems(title) & stems(ours[code])}
    # 32 "Altri manufatti" / "Altri prodotti manifatturieri": the same goods in other words.
    assert differing == {"32"}


def test_cpa_division_accepts_every_form() -> None:
    assert [cpa_division(code) for code in ("20", "20.1", "20.14", "20.14.1", "2052")] == ["20"] * 5
    assert cpa_division("205") == cpa_division("20M") == cpa_division(" 20 ") == "20"
    assert cpa_division("011") == "01"
    for bad in ("XXXX", "04", "2", "20.", "20-1", "A20", "2O", "", "\uff12\uff10"):
        with pytest.raises(InvalidArgumentError):
            cpa_division(bad)
    with pytest.raises(InvalidArgumentError, match="confidential"):
        cpa_division("XXXX")
    with pytest.raises(InvalidArgumentError):
        division_title("20", "fr")  # type: ignore[arg-type]


def test_comext_cpa_3digit_codes_fall_in_divisions() -> None:
    codes = {row["PRODUCT"] for row in read_csv(COMEXT_CPA3)}
    assert len(codes) == 124
    divisions = {division.code for division in all_divisions()}
    for code in codes:
        assert code[:2] in divisions and cpa_division(code) == code[:2]
    residual = sorted(code for code in codes if not code.isdigit())
    assert residual == [
        "01M", "10M", "10S", "13M", "14M", "16M", "17M", "17S", "20M", "20S",
        "23I", "23M", "25I", "25M", "25S", "30M", "32M", "32S",
    ]  # fmt: skip


def test_hs_mapping_covers_every_chapter_with_known_divisions() -> None:
    divisions = {division.code for division in all_divisions()}
    table = hs_cpa_table().to_pylist()
    keys = [row["hs"] for row in table]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"\d{2}|\d{4}", key) for key in keys)
    assert {row["division"] for row in table} <= divisions
    chapters = [f"{n:02d}" for n in range(1, 98) if n != 77]
    assert sorted(key for key in keys if len(key) == 2) == chapters
    for chapter in chapters:
        assert hs_to_cpa_division(chapter).division in divisions
    for code in ("77", "7701", "98", "99", "9999", "999999"):
        with pytest.raises(InvalidArgumentError):
            hs_to_cpa_division(code)


def test_hs_mapping_headings_are_real_headings() -> None:
    headings: set[str] = set()
    for relative in COMTRADE:
        results = json.loads(shared_file(relative).read_text("utf-8"))["results"]
        headings |= {entry["id"] for entry in results if len(entry["id"]) == 4}
    headings |= {row["code"].zfill(6)[:4] for row in read_csv(BACI)}
    mapped = {row["hs"] for row in hs_cpa_table().to_pylist() if len(row["hs"]) == 4}
    assert mapped - headings == set()


def test_every_comtrade_subheading_maps_to_a_division() -> None:
    divisions = {division.code for division in all_divisions()}
    for relative in COMTRADE:
        results = json.loads(shared_file(relative).read_text("utf-8"))["results"]
        for entry in results:
            if len(entry["id"]) == 6 and not entry["id"].startswith("99"):
                assert hs_to_cpa_division(entry["id"]).division in divisions


def test_hs_mapping_examples() -> None:
    expected = {
        "300490": "21", "390110": "20", "3916": "22", "392690": "22", "391590": "38",
        "847130": "26", "843149": "28", "870323": "29", "870899": "29", "871120": "30",
        "871200": "30", "871499": "30", "880240": "30", "890190": "30", "271019": "19",
        "270900": "06", "270112": "05", "271600": "35", "854231": "26", "850440": "27",
        "401110": "22", "400211": "20", "382499": "20", "290110": "20", "293621": "21",
    }  # fmt: skip
    assert {code: hs_to_cpa_division(code).division for code in expected} == expected
    assert hs_to_cpa_division("39").approximate  # 20 (primary forms), 22 (articles), 38 (scrap)
    assert hs_to_cpa_division("39").division == "20"
    assert not hs_to_cpa_division("3916").approximate
    assert not hs_to_cpa_division("30").approximate
    assert hs_to_cpa_division("3006").approximate
    mapping = hs_to_cpa_division("39201089")
    assert (mapping.hs, mapping.matched, mapping.division) == ("39201089", "3920", "22")
    confidential = hs_to_cpa_division("39XXXXXX")
    assert (confidential.matched, confidential.division, confidential.approximate) == (
        "39",
        "20",
        True,
    )
    assert not hs_to_cpa_division("30XXXXXX").approximate
    assert hs_to_cpa_division("290110").approximate  # chapter 29 has some APIs of division 21


def test_comext_sample_cpa_agrees_with_the_hs_mapping() -> None:
    """Learnt from data: each real CN8 line's own CPA code against the HS6 mapping."""
    rows = read_csv(COMEXT_SAMPLE)
    checked = 0
    for row in rows:
        if "X" in row["PRODUCT_NC"]:
            assert row["PRODUCT_CPA21"] == "XXXX"
            continue
        mapping = hs_to_cpa_division(row["PRODUCT_NC"][:6])
        assert mapping.division == cpa_division(row["PRODUCT_CPA21"]) or mapping.approximate
        checked += 1
    assert checked == 12


def test_resolve_sector_names_of_the_press_release() -> None:
    assert resolve_sector("chemical industry") == ["20"]
    assert resolve_sector("basic pharmaceutical products and pharmaceutical preparations") == ["21"]
    assert resolve_sector("machinery and equipment") == ["28"]
    assert resolve_sector("plastic materials") == ["22"]
    assert resolve_sector("transport components") == ["29", "30"]
    assert resolve_sector("Chimica") == ["20"]
    assert resolve_sector("industria chimica") == ["20"]
    assert resolve_sector("FARMACEUTICA") == ["21"]
    assert resolve_sector("macchinari") == ["28"]
    assert resolve_sector("altri mezzi di trasporto") == ["30"]
    assert resolve_sector("other transport equipment") == ["30"]
    assert resolve_sector("motor vehicles") == ["29"]
    assert resolve_sector("Attivita dei servizi di supporto all'estrazione") == ["09"]


def test_resolve_sector_codes_and_errors() -> None:
    assert resolve_sector("29-30") == ["29", "30"]
    assert resolve_sector("20, 21") == ["20", "21"]
    assert resolve_sector("2052") == ["20"]
    assert resolve_sector("84-85", scheme="hs") == ["84", "85"]
    assert resolve_sector("76-78", scheme="hs") == ["76", "78"]
    assert resolve_sector("furniture", scheme="hs") == ["94"]
    with pytest.raises(InvalidArgumentError, match="27 Electrical equipment") as caught:
        resolve_sector("equipment")
    assert "28 Machinery and equipment" in str(caught.value)
    with pytest.raises(InvalidArgumentError, match="close: farmaceutica"):
        resolve_sector("farmaci")
    with pytest.raises(InvalidArgumentError):
        resolve_sector("04")
    with pytest.raises(InvalidArgumentError):
        resolve_sector("chemicals", scheme="sitc")  # type: ignore[arg-type]


def test_every_division_and_chapter_is_found_by_its_own_title() -> None:
    for division in all_divisions():
        assert resolve_sector(division.title_en) == [division.code], division.code
    for chapter in hs_chapters():
        assert resolve_sector(chapter.title, scheme="hs") == [chapter.code], chapter.code
