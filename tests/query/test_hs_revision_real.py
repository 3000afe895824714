"""BACI HS92 rows keep their revision: titles and conversions read HS1992 tables, on real files.

Expected figures and titles are read here with the csv module from the BACI subset, CEPII's
HS92 product list and a small HS 1992 to BEC table this test writes in UNSD's CSV layout.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import ReferenceNotLoadedError
from shared_files import BACI_SUBSET, SHARED_DATA, shared

ZAF, AFG = "710", "4"


def zaf_exports() -> dict[str, float]:
    """Return South Africa's exports to Afghanistan by HS92 code, in USD."""
    values: dict[str, float] = defaultdict(float)
    with shared(BACI_SUBSET).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if (line["i"], line["j"]) == (ZAF, AFG):
                values[line["k"].zfill(6)] += float(line["v"]) * 1000
    return dict(values)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("hs92") / "store")
    opened.ingest(shared(BACI_SUBSET))
    opened.reference.import_dir(shared(SHARED_DATA / "concordances"))
    return opened


def test_titles_of_hs92_products_come_from_the_hs92_list(store: Store, tmp_path: Path) -> None:
    untitled = store.products("ZAF", "AFG", 2021, top=None)
    assert any("product_codes_HS92" in note for note in untitled.notes)
    folder = tmp_path / "baci_list"
    folder.mkdir()
    listing = shared(SHARED_DATA / "cepii_baci" / "product_codes_HS92_V202301.csv")
    (folder / listing.name).write_bytes(listing.read_bytes())
    store.reference.import_dir(folder)
    with listing.open(encoding="utf-8", newline="") as handle:
        titles = {line["code"].zfill(6): line["description"] for line in csv.DictReader(handle)}
    result = store.products("ZAF", "AFG", 2021, top=None)
    own = [row for row in result.rows if row.line == "product" and row.reported_by == "ZAF"]
    assert {row.code for row in own} == set(zaf_exports())
    for row in own:
        assert row.description == titles[row.code], row.code
        assert row.classification == "HS1992"
    sectors = store.sectors("ZAF", "AFG", 2021, scheme="hs4")
    assert {r.classification for r in sectors.rows if r.code != "other"} == {"HS1992"}
    cpa = store.sectors("ZAF", "AFG", 2021, scheme="cpa")
    assert {r.classification for r in cpa.rows} == {"CPA21"}


def test_conversion_of_hs92_codes_names_the_table_it_needs(store: Store) -> None:
    # HS2017 and HS2022 tables are loaded; none of them converts HS1992 codes.
    with pytest.raises(ReferenceNotLoadedError) as raised:
        store.sectors("ZAF", "AFG", 2021, scheme="sitc")
    assert raised.value.table == "hs1992_sitc4"
    with pytest.raises(ReferenceNotLoadedError) as raised:
        store.sectors("ZAF", "AFG", 2021, scheme="bec")
    assert raised.value.table == "hs1992_bec4"


def test_an_imported_hs1992_table_converts_hs92_codes(store: Store, tmp_path: Path) -> None:
    exports = zaf_exports()
    codes = sorted(exports)
    assert len(codes) >= 4
    # A table in UNSD's layout: the first code is linked to two categories, the last is absent.
    links = [(codes[0], "111"), (codes[0], "21"), *((code, "41") for code in codes[1:-1])]
    folder = tmp_path / "unsd"
    folder.mkdir()
    with (folder / "UNSD_HS1992_to_BEC4_ConversionAndCorrelationTables.csv").open(
        "w", encoding="utf-8", newline=""
    ) as handle:
        writer = csv.writer(handle)
        writer.writerow(["HS 1992", "BEC", "Relationship"])
        for code, category in links:
            writer.writerow([code, category, "1:n" if code == codes[0] else "n:1"])
    store.reference.import_dir(folder)
    want = {
        "111": exports[codes[0]] / 2,
        "21": exports[codes[0]] / 2,
        "41": sum(exports[code] for code in codes[1:-1]),
        "n.a.": exports[codes[-1]],
    }
    result = store.sectors("ZAF", "AFG", 2021, scheme="bec", flow="export")
    own = {row.code: row.value for row in result.rows if row.reported_by == "ZAF"}
    assert own.keys() == want.keys()
    for code, value in want.items():
        assert own[code] == pytest.approx(value, rel=1e-12), code
    assert any("hs1992_bec4" in note for note in result.notes)
