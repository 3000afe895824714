"""ISTAT's Italian CPA 2.1 titles as reference tables: read, checked, and the packaged fallback."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bilateral.errors import SourceFormatError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.cpa_titles import TABLE_SPECS, italian_division_titles, read_cpa_titles
from bilateral.reference.sectors import all_divisions

from .conftest import shared_file

FILES = {2: "istat/CPA21_2digit_titles_ita.tsv", 3: "istat/CPA21_3digit_titles_ita.tsv"}


def read_tsv(relative: str) -> dict[str, str]:
    with shared_file(relative).open(encoding="utf-8", newline="") as handle:
        return {row[0]: row[1] for row in csv.reader(handle, delimiter="\t")}


@pytest.mark.parametrize("digits", [2, 3])
def test_the_files_are_read_as_published(digits: int) -> None:
    table = read_cpa_titles(shared_file(FILES[digits]), digits)
    expected = read_tsv(FILES[digits])
    assert dict(zip(table["code"].to_pylist(), table["title"].to_pylist(), strict=True)) == expected
    assert table.num_rows == {2: 34, 3: 262}[digits]


def test_imported_titles_replace_the_packaged_ones(tmp_path: Path) -> None:
    catalogue = Catalogue(tmp_path / "reference", TABLE_SPECS)
    packaged = italian_division_titles(None)
    assert packaged == {d.code: d.title_it for d in all_divisions()}
    catalogue.import_dir(shared_file(FILES[2]).parent)
    titles = italian_division_titles(catalogue)
    istat = read_tsv(FILES[2])
    assert {code: titles[code] for code in istat} == istat
    assert titles["45"] == packaged["45"]  # a division ISTAT's file does not list
    assert titles["28"] == "Macchine ed apparecchi meccanici n.c.a."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("20\tProdotti chimici\n20\tAncora\n", "repeated code"),
        ("2O\tProdotti chimici\n", "invalid CPA 2.1 code"),
        ("04\tNessuna divisione\n", "invalid CPA 2.1 code"),
        ("20 Prodotti chimici\n", "tab-separated"),
        ("20\t \n", "empty title"),
        ("", "no titles"),
    ],
)
def test_a_bad_file_is_refused_with_its_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "CPA21_2digit_titles_ita.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceFormatError, match=problem) as raised:
        read_cpa_titles(path, 2)
    assert path.name in str(raised.value)
    assert raised.value.line == (
        None if problem == "no titles" else 1 + (problem == "repeated code")
    )
