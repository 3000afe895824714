"""Tests for the rollups materialised at ingest: totals, HS chapters and CPA divisions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import StoreError
from bilateral.store.rollup_parts import compute_rollups
from store.comext_files import row, write_full_v2

ANNUAL_2021 = [
    row("IT", "BE", "export", 2021, 60, product="29011000"),  # CPA 2014
    row("IT", "BE", "export", 2021, 40, product="29051100"),  # CPA 2014
    row("IT", "BE", "export", 2021, 25, product="30049000"),  # CPA 2120
    row("IT", "BE", "export", 2021, 10, product="39011000"),  # CPA 2016
    row("IT", "BE", "export", 2021, 5, product="39XXXXXX"),  # CPA XXXX, confidential
    row("IT", "BE", "export", 2021, 7, product="87032310", stat_procedure="1"),  # CPA 2910
    row("IT", "BE", "export", 2021, 3, product="87032310", stat_procedure="2"),
    row("IT", "BE", "import", 2021, 12, product="84713000"),  # CPA 2620
    row("IT", "BE", "import", 2021, 8, product="29011000"),
    row("BE", "IT", "import", 2021, 33, product="30049000"),
    row("IT", "QX", "export", 2021, 2, product="29011000"),  # confidential partner
]
MARCH_2021 = [
    row("IT", "BE", "export", 2021, 4, month=3, product="29011000"),
    row("IT", "BE", "export", 2021, 6, month=3, product="30049000"),
]

Key = tuple[Any, ...]


def table_rows(root: Path, name: str) -> list[dict[str, Any]]:
    return list(DeltaTable(str(root / name)).to_pyarrow_table().to_pylist())


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rollups")
    store = bilateral.open(folder / "store")
    store.ingest(write_full_v2(folder / "full_202152.dat", ANNUAL_2021), vintage="2022-04-15")
    store.ingest(write_full_v2(folder / "full_202103.dat", MARCH_2021), vintage="2021-05-15")
    return folder / "store"


def products_by(root: Path, classification: str) -> dict[Key, float]:
    found: dict[Key, float] = {}
    for r in table_rows(root, "rollup_products"):
        if r["classification"] == classification:
            key = (r["reporter"], r["partner"], r["flow"], r["year"], r["month"], r["code"])
            assert key not in found, f"two rollup rows for {key}"
            found[key] = r["value"]
    return found


ISO3 = {"IT": "ITA", "BE": "BEL", "QX": "QX"}


def expected_by(lines: Iterable[Mapping[str, str]], code_of: Any) -> dict[Key, float]:
    sums: dict[Key, float] = defaultdict(float)
    for line in lines:
        period = line["PERIOD"]
        month = None if period.endswith("52") else int(period[4:])
        flow = "import" if line["FLOW"] == "1" else "export"
        key = (ISO3[line["REPORTER"]], ISO3[line["PARTNER"]], flow, int(period[:4]), month,
               code_of(line))  # fmt: skip
        sums[key] += float(line["VALUE_EUR"])
    return dict(sums)


def test_hs2_chapter_totals_by_hand(root: Path) -> None:
    chapters = products_by(root, "HS2")
    exports = {
        k[5]: v for k, v in chapters.items() if k[:5] == ("ITA", "BEL", "export", 2021, None)
    }
    assert exports == {"29": 60 + 40, "30": 25, "39": 10 + 5, "87": 7 + 3}
    imports = {
        k[5]: v for k, v in chapters.items() if k[:5] == ("ITA", "BEL", "import", 2021, None)
    }
    assert imports == {"84": 12, "29": 8}
    march = {k[5]: v for k, v in chapters.items() if k[4] == 3}
    assert march == {"29": 4, "30": 6}


def test_cpa2_division_totals_by_hand(root: Path) -> None:
    divisions = products_by(root, "CPA2")
    exports = {
        k[5]: v for k, v in divisions.items() if k[:5] == ("ITA", "BEL", "export", 2021, None)
    }
    # 29011000, 29051100 (CPA 2014) and 39011000 (CPA 2016) are all division 20.
    assert exports == {"20": 60 + 40 + 10, "21": 25, "29": 10, "XX": 5}
    mirror = {k[5]: v for k, v in divisions.items() if k[:3] == ("BEL", "ITA", "import")}
    assert mirror == {"21": 33}


def test_product_rollups_equal_sums_of_the_rows(root: Path) -> None:
    lines = ANNUAL_2021 + MARCH_2021
    hs2 = expected_by(lines, lambda line: line["PRODUCT_NC"][:2])
    cpa2 = expected_by(lines, lambda line: "XX" if "X" in line["PRODUCT_CPA21"]
                       else line["PRODUCT_CPA21"][:2])  # fmt: skip
    assert products_by(root, "HS2") == pytest.approx(hs2)
    assert products_by(root, "CPA2") == pytest.approx(cpa2)
    total = sum(float(line["VALUE_EUR"]) for line in lines)
    for classification in ("HS2", "CPA2"):
        assert sum(products_by(root, classification).values()) == pytest.approx(total)


def test_product_rollups_keep_confidential_values(root: Path) -> None:
    rows = table_rows(root, "rollup_products")
    confidential = {
        (r["classification"], r["partner"], r["code"]): r["confidential_value"]
        for r in rows if r["confidential_value"]
    }  # fmt: skip
    assert confidential == {
        ("HS2", "BEL", "39"): 5.0, ("CPA2", "BEL", "XX"): 5.0,
        ("HS2", "QX", "29"): 2.0, ("CPA2", "QX", "20"): 2.0,
    }  # fmt: skip


def test_totals_rollup_by_pair_flow_and_period(root: Path) -> None:
    totals = {
        (r["reporter"], r["partner"], r["flow"], r["month"]):
            (r["value"], r["rows"], r["quantity_kg"])
        for r in table_rows(root, "rollup_totals")
    }  # fmt: skip
    assert totals == {
        ("ITA", "BEL", "export", None): (150.0, 7, 70.0),
        ("ITA", "BEL", "import", None): (20.0, 2, 20.0),
        ("BEL", "ITA", "import", None): (33.0, 1, 10.0),
        ("ITA", "QX", "export", None): (2.0, 1, 10.0),
        ("ITA", "BEL", "export", 3): (10.0, 2, 20.0),
    }
    assert {r["product_level"] for r in table_rows(root, "rollup_totals")} == {"CN8"}
    assert {r["year"] for r in table_rows(root, "rollup_totals")} == {2021}


def test_rollups_follow_a_revision(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "a.dat", ANNUAL_2021), vintage="v1")
    revised = [row("IT", "BE", "export", 2021, 500, product="84713000")]
    assert (
        store.ingest(write_full_v2(tmp_path / "b.dat", revised), vintage="v2").status == "revised"
    )
    hs2 = products_by(store.root, "HS2")
    assert hs2 == {("ITA", "BEL", "export", 2021, None, "84"): 500.0}
    totals = table_rows(store.root, "rollup_totals")
    assert [(r["reporter"], r["value"], r["rows"], r["vintage"]) for r in totals] == [
        ("ITA", 500.0, 1, "v2"),
    ]


def test_cn_cpa_links_learnt_from_the_rows(root: Path) -> None:
    # Each CN8 code's CPA class as the rows carried it, with the value summed by hand; the
    # confidential line (39XXXXXX / XXXX) says nothing of a link and is not among them.
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for line in [*ANNUAL_2021, *MARCH_2021]:
        if "X" not in line["PRODUCT_NC"]:
            expected[line["PRODUCT_NC"], line["PRODUCT_CPA21"]] += float(line["VALUE_EUR"])
    links = bilateral.open(root).cn_cpa_links(2021).links
    assert {(link.cn8, link.cpa): link.value for link in links} == expected
    assert all(link.share == 1.0 and link.year == 2021 for link in links)
    assert bilateral.open(root).cn_cpa_links(2020).links == ()


def test_cn_cpa_links_follow_a_revision(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "a.dat", ANNUAL_2021))
    revised = [
        row("IT", "BE", "export", 2021, 30, product="84713000", cpa="2620"),
        row("IT", "DE", "export", 2021, 10, product="84713000", cpa="2630"),
    ]
    store.ingest(write_full_v2(tmp_path / "b.dat", revised))
    links = {(link.cn8, link.cpa): link.share for link in store.cn_cpa_links().links}
    assert links == {("84713000", "2620"): 0.75, ("84713000", "2630"): 0.25}


def _rollup_flags(rows: list[tuple[str, str | None]]) -> dict[str, str | None]:
    """Return the totals rollup's flags per reporter for flows given as (reporter, flags)."""
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE flows (source VARCHAR, reporter VARCHAR, partner VARCHAR, flow VARCHAR,"
        " year SMALLINT, month TINYINT, product VARCHAR, product_scheme VARCHAR,"
        " product_cpa VARCHAR, value DOUBLE, currency VARCHAR, quantity_kg DOUBLE,"
        " flags VARCHAR, vintage VARCHAR)"
    )
    for number, (reporter, flags) in enumerate(rows):
        connection.execute(
            "INSERT INTO flows VALUES ('baci', ?, 'BEL', 'export', 2021, NULL, ?, 'HS6', NULL,"
            " 1.0, 'USD', NULL, ?, 'v1')",
            [reporter, f"{number:06d}", flags],
        )
    totals = compute_rollups(connection, "flows")["rollup_totals"].to_pylist()
    return {row["reporter"]: row["flags"] for row in totals}


def test_rollup_flags_are_the_sorted_union_of_the_rows_flags() -> None:
    flags = _rollup_flags(
        [
            ("ITA", "synthetic"),
            ("ITA", "confidential_partner,synthetic"),
            ("ITA", None),
            ("ITA", "estimated,reconciled"),
            ("DEU", None),
            ("FRA", "confidential"),
            ("FRA", "confidential"),
        ]
    )
    assert flags == {
        "ITA": "confidential_partner,estimated,reconciled,synthetic",
        "DEU": None,
        "FRA": "confidential",
    }


def test_a_flag_the_schema_does_not_know_is_an_error() -> None:
    with pytest.raises(StoreError, match="'made_up,synthetic'"):
        _rollup_flags([("ITA", "made_up,synthetic")])
