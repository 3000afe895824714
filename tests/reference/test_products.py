"""Tests for bilateral.reference.products, against the real Comtrade, BACI and Comext files."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError, SourceFormatError
from bilateral.reference import products
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.products import (
    cn8_to_hs6,
    describe_product,
    hs_chapter,
    hs_chapters,
    hs_level,
    hs_section,
    hs_sections,
    is_confidential_cn8,
    read_baci_product_codes,
    read_comtrade_classification,
)

from .conftest import shared_file

HS2017 = "un_comtrade/comtrade_classificationH5_HS2017.json"
HS2022 = "un_comtrade/comtrade_classificationH6_HS2022.json"
BACI = "cepii_baci/product_codes_HS92_V202301.csv"
COMEXT_SAMPLE = "eurostat_comext/comext_full_v2_sample_AT-AD_202402_13rows.csv"
DICTIONARY = "eurostat_comext/comext_full_v2_data_dictionary_FULL.txt"
AGGREGATES = {"ALL", "TOTAL", "AG2", "AG4", "AG6"}
STOPWORDS = {"and", "or", "of", "the", "for", "to", "in", "a", "an", "such", "like", "their"}
STOPWORDS |= {"thereof", "its", "not", "other", "from", "with", "made", "therewith"}


def comtrade_results(relative: str) -> list[dict[str, str]]:
    results: list[dict[str, str]] = json.loads(shared_file(relative).read_text("utf-8"))["results"]
    return results


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.replace("not elsewhere specified or included", "nec").replace("n.e.c.", "nec")
    return [word for word in re.findall(r"[a-z0-9]+", folded) if word not in STOPWORDS]


def same_word(word: str, others: set[str]) -> bool:
    """Return whether `word` or a word it is a prefix of (or that prefixes it) is in `others`."""
    return any(
        word == other
        or (min(len(word), len(other)) >= 4 and (other.startswith(word) or word.startswith(other)))
        for other in others
    )


# -- core tables ---------------------------------------------------------------------------


def test_sections_partition_chapters_01_to_97() -> None:
    sections = hs_sections()
    assert [s.roman for s in sections] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
        "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI",
    ]  # fmt: skip
    covered: list[int] = []
    for section in sections:
        covered.extend(range(int(section.first_chapter), int(section.last_chapter) + 1))
    assert covered == list(range(1, 98))  # no gap, no overlap, in order
    assert [s.number for s in sections] == list(range(1, 22))
    assert int(hs_section("XV").first_chapter) < 77 < int(hs_section("XV").last_chapter)
    assert "77" not in hs_section("XV").chapters
    assert hs_section("XV").chapters[:5] == ("72", "73", "74", "75", "76")
    assert hs_section("XV").chapters[5] == "78"


def test_chapters_cover_01_97_without_77_plus_98_99() -> None:
    codes = [chapter.code for chapter in hs_chapters()]
    expected = [f"{n:02d}" for n in range(1, 98) if n != 77] + ["98", "99"]
    assert codes == expected
    assert all(re.fullmatch(r"\d{2}", code) for code in codes)
    assert all(
        chapter.title and chapter.title == chapter.title.strip() for chapter in hs_chapters()
    )
    by_code = {chapter.code: chapter for chapter in hs_chapters()}
    assert by_code["30"].section == "VI"
    assert by_code["95"].section == "XX"
    assert by_code["98"].section is None and by_code["99"].section is None


def test_section_titles_and_ranges_agree_with_the_comext_dictionary() -> None:
    text = shared_file(DICTIONARY).read_text("utf-8")
    block = text.split("PRODUCT_SECTION", 1)[1].split("FLOW\n", 1)[0]
    labels = re.findall(r"^\s+(\d{2})\t(.+) \(chapters? (\d+)(?: to (\d+))?\)$", block, re.M)
    assert len(labels) == 21
    for (number, label, first, last), section in zip(labels, hs_sections(), strict=True):
        assert int(number) == section.number
        ours = set(words(section.title))
        missing = [word for word in words(label) if not same_word(word, ours)]
        assert missing == [], (section.roman, missing)
        assert int(first) == int(section.first_chapter)
        if section.roman == "XXI":
            assert (first, last) == ("97", "99")  # the CN puts its chapters 98-99 in section 21
        else:
            assert int(last or first) == int(section.last_chapter)


def test_chapter_titles_agree_with_both_comtrade_files() -> None:
    comtrade: dict[str, set[str]] = {}
    for relative in (HS2017, HS2022):
        for entry in comtrade_results(relative):
            if len(entry["id"]) == 2:
                text = entry["text"].split(" - ", 1)[1]
                comtrade.setdefault(entry["id"], set()).update(words(text))
    ours = {chapter.code: chapter.title for chapter in hs_chapters()}
    assert set(comtrade) == set(ours) - {"98"}
    differing = {
        code: [word for word in words(title) if not same_word(word, comtrade[code])]
        for code, title in ours.items()
        if code in comtrade
    }
    # The WCO titles that Comtrade paraphrases: "Chemical products n.e.c.", "Metals; n.e.c.",
    # "Metal; miscellaneous products of base metal", and no "precision" in chapter 90.
    assert {code: miss for code, miss in differing.items() if miss} == {
        "38": ["miscellaneous"],
        "81": ["base"],
        "83": ["articles"],
        "90": ["precision"],
    }


# -- readers of the real files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "class_code", "entries"), [(HS2017, "H5", 6713), (HS2022, "H6", 6944)]
)
def test_comtrade_file_reads_every_code_with_its_parent(
    relative: str, class_code: str, entries: int
) -> None:
    raw = comtrade_results(relative)
    assert len(raw) == entries  # as SOURCES.md says, aggregates included
    codes = {entry["id"]: entry for entry in raw if entry["id"] not in AGGREGATES}
    assert len(codes) == entries - len(AGGREGATES)
    table = read_comtrade_classification(shared_file(relative), class_code)
    assert table.schema == products.PRODUCT_SCHEMA
    rows = {row["code"]: row for row in table.to_pylist()}
    assert set(rows) == set(codes)
    for level in (2, 4, 6):
        assert sum(row["level"] == level for row in rows.values()) == sum(
            len(code) == level for code in codes
        )
    chapters = {chapter.code for chapter in hs_chapters()}
    for code, row in rows.items():
        assert row["description"] and not row["description"].startswith(code)
        assert "  " not in row["description"]
        if row["level"] == 6:
            heading = rows[row["parent"]]
            assert heading["level"] == 4 and heading["parent"] in chapters
            assert rows[heading["parent"]]["level"] == 2
        elif row["level"] == 4:
            assert row["parent"] == code[:2] and code[:2] in chapters
        else:
            assert row["parent"] is None and code in chapters
    assert rows["010121"]["description"] == "Horses; live, pure-bred breeding animals"
    assert rows["0101"]["parent"] == "01"


def test_hs2022_has_its_new_headings_and_hs2017_does_not() -> None:
    new = {"0309", "2404", "3827", "8485", "8524", "8549", "8806", "8807"}
    h6 = read_comtrade_classification(shared_file(HS2022), "H6")
    h5 = read_comtrade_classification(shared_file(HS2017), "H5")
    assert new <= set(h6["code"].to_pylist())
    assert not new & set(h5["code"].to_pylist())


def test_baci_codes_pad_to_six_digits_in_known_chapters() -> None:
    with shared_file(BACI).open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    # SOURCES.md says 5,020 codes; the file holds 5,021 (with 999999, chapter 99).
    assert len(raw) == 5021
    assert sum(len(row["code"]) == 5 for row in raw) == 347
    table = read_baci_product_codes(shared_file(BACI))
    codes = table["code"].to_pylist()
    assert len(codes) == len(set(codes)) == len(raw)
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    assert codes[0] == "010111" and "999999" in codes
    chapters = {chapter.code for chapter in hs_chapters()}
    assert {code[:2] for code in codes} <= chapters
    assert set(table["level"].to_pylist()) == {6}
    first = table.slice(0, 1).to_pylist()[0]
    assert first == {
        "code": "010111",
        "level": 6,
        "parent": "0101",
        "description": "Horses: live, pure-bred breeding animals",
    }


def test_catalogue_imports_all_three_tables_from_the_shared_folder(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path, products.TABLE_SPECS)
    report = catalogue.import_dir(shared_file(HS2022).parents[1])
    loaded = {entry.name: entry for entry in report.imported}
    assert set(loaded) == {"hs1992", "hs2017", "hs2022"}
    assert loaded["hs2022"].edition == "HS2022" and loaded["hs2022"].rows == 6939
    assert loaded["hs2017"].edition == "HS2017" and loaded["hs2017"].rows == 6708
    assert loaded["hs1992"].edition == "V202301" and loaded["hs1992"].rows == 5021
    assert loaded["hs2022"].url == "https://comtradeapi.un.org/files/v1/app/reference/H6.json"
    text = describe_product("847130", "HS2022", catalogue)
    assert text.startswith("Automatic data processing machines; portable, weighing not more")
    assert describe_product("8508", "HS2017", catalogue) == "Vacuum cleaners"
    assert describe_product("010111", "HS1992", catalogue).startswith("Horses: live")
    with pytest.raises(InvalidArgumentError, match="no heading titles"):
        describe_product("0101", "HS1992", catalogue)
    with pytest.raises(InvalidArgumentError, match="subheading code of HS2017"):
        describe_product("030901", "HS2017", catalogue)


def test_specs_match_publisher_and_copy_names() -> None:
    specs = {spec.name: spec for spec in products.TABLE_SPECS}
    assert specs["hs2022"].matches(Path("H6.json"))
    assert specs["hs2022"].matches(Path("comtrade_classificationH6_HS2022.json"))
    assert not specs["hs2022"].matches(Path("H5.json"))
    assert specs["hs2017"].matches(Path("h5.JSON"))
    assert specs["hs1992"].matches(Path("product_codes_HS92_V202501.csv"))
    assert not specs["hs1992"].matches(Path("product_codes_HS17_V202501.csv"))


# -- malformed files (fixtures written by the test) ----------------------------------------


def write_json(path: Path, results: list[dict[str, Any]], class_code: str = "H6") -> Path:
    path.write_text(
        json.dumps({"classCode": class_code, "className": "HS2022", "results": results})
    )
    return path


def entry(code: str, parent: str, text: str | None = None) -> dict[str, str]:
    return {"id": code, "text": text if text is not None else f"{code} - x", "parent": parent}


def test_comtrade_reader_rejects_malformed_files(tmp_path: Path) -> None:
    good = [entry("TOTAL", "#"), entry("01", "TOTAL"), entry("0101", "01")]
    assert read_comtrade_classification(write_json(tmp_path / "a.json", good), "H6").num_rows == 2
    with pytest.raises(SourceFormatError, match="wrong classification") as caught:
        read_comtrade_classification(write_json(tmp_path / "b.json", good, "H5"), "H6")
    assert caught.value.field == "classCode" and caught.value.expected == "H6"
    bad_parent = [entry("01", "TOTAL"), entry("0101", "02")]
    with pytest.raises(SourceFormatError, match="results entry 2") as caught:
        read_comtrade_classification(write_json(tmp_path / "c.json", bad_parent), "H6")
    assert caught.value.field == "parent" and caught.value.value == "02"
    orphan = [entry("01", "TOTAL"), entry("010121", "0101")]
    with pytest.raises(SourceFormatError, match="parent is not listed"):
        read_comtrade_classification(write_json(tmp_path / "d.json", orphan), "H6")
    duplicate = [entry("01", "TOTAL"), entry("01", "TOTAL")]
    with pytest.raises(SourceFormatError, match="duplicate"):
        read_comtrade_classification(write_json(tmp_path / "e.json", duplicate), "H6")
    with pytest.raises(SourceFormatError, match="invalid code"):
        read_comtrade_classification(write_json(tmp_path / "f.json", [entry("1", "TOTAL")]), "H6")
    with pytest.raises(SourceFormatError, match="empty text"):
        read_comtrade_classification(
            write_json(tmp_path / "g.json", [entry("01", "TOTAL", "01 - ")]), "H6"
        )
    (tmp_path / "h.json").write_text('{"results": [\n{"id": }]}')
    with pytest.raises(SourceFormatError, match="invalid JSON") as caught:
        read_comtrade_classification(tmp_path / "h.json", "H6")
    assert caught.value.line == 2


def test_baci_reader_rejects_malformed_files(tmp_path: Path) -> None:
    cases = {
        "code;description\n10111;x\n": ("unexpected header", 1),
        "code,description\n10111,x\n1011A,y\n": ("invalid product code", 3),
        "code,description\n10111,x\n010111,y\n": ("duplicate code", 3),
        "code,description\n10111,\n": ("empty description", 2),
        "code,description\n10111,x,z\n": ("3 fields", 2),
    }
    for number, (text, (problem, line)) in enumerate(cases.items()):
        path = tmp_path / f"product_codes_HS92_V20230{number}.csv"
        path.write_text(text)
        with pytest.raises(SourceFormatError, match=problem) as caught:
            read_baci_product_codes(path)
        assert caught.value.line == line


# -- code functions ------------------------------------------------------------------------


def test_levels_chapters_and_sections() -> None:
    assert [hs_level(c) for c in ("XXI", "01", "0101", "010121")] == [
        "section",
        "chapter",
        "heading",
        "subheading",
    ]
    for bad in ("", "1", "010", "01012100", "XXII", "A1"):
        with pytest.raises(InvalidArgumentError):
            hs_level(bad)
    assert hs_chapter("8703").title.startswith("Vehicles other than railway")
    assert hs_section("8703").roman == "XVII"
    assert hs_section("XVI").title.startswith("Machinery and mechanical appliances")
    for bad in ("77", "7701", "00", "98", "99", "XXII"):
        with pytest.raises(InvalidArgumentError):
            hs_section(bad)
    with pytest.raises(InvalidArgumentError, match="reserved"):
        hs_chapter("77")


def test_cn8_to_hs6_and_confidential_codes() -> None:
    assert cn8_to_hs6("01012100") == "010121"
    assert cn8_to_hs6("392010XX") == "392010"
    assert is_confidential_cn8("39XXXXXX") and not is_confidential_cn8("39201089")
    with pytest.raises(InvalidArgumentError, match="confidential"):
        cn8_to_hs6("39XXXXXX")
    for bad in ("3920108", "392010899", "3920 089", "", "X9201089"):
        with pytest.raises(InvalidArgumentError):
            cn8_to_hs6(bad)
    assert hs_chapter("39XXXXXX").code == "39"


def test_comext_sample_products_and_sections() -> None:
    """Each real full_v2 row's PRODUCT_SECTION is the section of its CN8 code's chapter."""
    with shared_file(COMEXT_SAMPLE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 13
    for row in rows:
        code = row["PRODUCT_NC"]
        assert hs_section(code).number == int(row["PRODUCT_SECTION"])
        if is_confidential_cn8(code):
            assert code == "39XXXXXX"
        else:
            assert cn8_to_hs6(code) == code[:6]


def test_describe_product_without_catalogue() -> None:
    assert describe_product("XXI") == "Works of art, collectors' pieces and antiques"
    assert describe_product("39") == "Plastics and articles thereof"
    assert describe_product("99", "HS1992") == "Commodities not specified according to kind"
    with pytest.raises(ReferenceNotLoadedError) as caught:
        describe_product("3916")
    assert caught.value.table == "hs2022"
    with pytest.raises(ReferenceNotLoadedError):
        describe_product("391610", "HS2017", Catalogue(None, products.TABLE_SPECS))
    with pytest.raises(InvalidArgumentError, match="English only"):
        describe_product("39", language="it")
    with pytest.raises(InvalidArgumentError, match="scheme"):
        describe_product("39", "HS2012")  # type: ignore[arg-type]


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_cn8_prefix_is_a_subheading(code: str) -> None:
    hs6 = cn8_to_hs6(code)
    assert hs6 == code[:6] and hs_level(hs6) == "subheading"
