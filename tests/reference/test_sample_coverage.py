"""Full coverage: every territory and product code in the real sample data files resolves.

The files are read here with the csv and json modules; the only codes allowed not to resolve to
a territory are the aggregates listed in this file, each with the reason.
"""

from __future__ import annotations

import csv

import pytest

from bilateral.errors import UnknownTerritoryError
from bilateral.reference import resolve
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.code_systems import to_canonical
from bilateral.reference.products import cn8_to_hs6, describe_product, is_confidential_cn8
from bilateral.reference.registry import ALL_TABLE_SPECS

from .conftest import shared_file

COMTRADE_CSV = "un_comtrade/comtradeplus_2022_A_TOTAL_reporters_CHN_DEU_by_partner.csv"
BACI_SUBSET = "cepii_baci/BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
SDMX_EXTRACT = "eurostat_comext/DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv"
# Comtrade Plus partner codes that are areas, not territories a query can name.
COMTRADE_AREAS = {"0": "World: the sum of all partners, not one of them"}


def csv_rows(relative: str, encoding: str = "utf-8") -> list[dict[str, str]]:
    with shared_file(relative).open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    loaded = Catalogue(tmp_path_factory.mktemp("catalogue"), ALL_TABLE_SPECS)
    loaded.import_dir(shared_file("SOURCES.md").parent)
    return loaded


def test_comtrade_plus_partners_resolve_to_their_iso3(catalogue: Catalogue) -> None:
    rows = csv_rows(COMTRADE_CSV, encoding="latin-1")
    codes = {(r["partnerCode"], r["partnerISO"]) for r in rows}
    codes |= {(r["reporterCode"], r["reporterISO"]) for r in rows}
    assert len(codes) > 200
    for with_catalogue in (None, catalogue):
        unresolved = set()
        for code, iso3 in sorted(codes):
            try:
                canonical = to_canonical("comtrade", code, year=2022, catalogue=with_catalogue)
            except UnknownTerritoryError:
                unresolved.add(code)
                continue
            if iso3 != "W00":
                assert canonical == resolve(iso3.strip()).code, (code, iso3)
        assert unresolved <= set(COMTRADE_AREAS), sorted(unresolved - set(COMTRADE_AREAS))


def test_every_baci_exporter_and_importer_resolves(catalogue: Catalogue) -> None:
    rows = csv_rows(BACI_SUBSET)
    codes = {r["i"] for r in rows} | {r["j"] for r in rows}
    assert len(codes) == len({r["j"] for r in rows} | {"4", "710"})
    resolved = {code: to_canonical("baci", code, year=2021, catalogue=catalogue) for code in codes}
    assert resolved["380"] == "ITA" and resolved["56"] == "BEL" and resolved["710"] == "ZAF"
    assert len(set(resolved.values())) == len(codes)  # no two codes give one territory


def test_every_baci_product_has_a_hs1992_description(catalogue: Catalogue) -> None:
    products = {r["k"] for r in csv_rows(BACI_SUBSET)}
    assert all(len(code) in (5, 6) for code in products)  # leading zeros lost in the file
    for code in products:
        assert describe_product(code.zfill(6), "HS1992", catalogue)


def test_every_comext_cn8_in_the_extract_has_a_hs2022_subheading(catalogue: Catalogue) -> None:
    products = {r["product"] for r in csv_rows(SDMX_EXTRACT)}
    cn8 = {code for code in products if len(code) == 8}
    assert len(cn8) == 40  # and one CN6 aggregate, 481141
    for code in cn8:
        assert not is_confidential_cn8(code)
        assert describe_product(cn8_to_hs6(code), "HS2022", catalogue)
    for aggregate in products - cn8:  # CN6 or CN4 aggregates are HS codes themselves
        assert describe_product(aggregate, "HS2022", catalogue)


def test_comext_sample_codes_resolve() -> None:
    rows = csv_rows("eurostat_comext/comext_full_v2_sample_AT-AD_202402_13rows.csv")
    assert {resolve(r["REPORTER"]).code for r in rows} == {"AUT"}
    assert {resolve(r["PARTNER"]).code for r in rows} == {"AND"}


def test_the_shared_data_has_a_file_for_every_table(catalogue: Catalogue) -> None:
    # UNSD's HS 1992 correlations have no copy in the shared data.
    hs1992 = {"hs2017_hs1992", "hs1992_sitc4", "hs1992_bec4"}
    assert {entry.name for entry in catalogue.entries()} == {
        spec.name for spec in ALL_TABLE_SPECS
    } - hs1992
