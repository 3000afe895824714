"""Products, detail sectors and rank changes compare like with like, on real and written files.

DS-045409 holds 11 months of 2025 and 12 of 2024: each product's and heading's growth is the
change over January-November, summed here from the file with the csv module. Partner ranks
are tried on a small SDMX-CSV file written here, since the real extract's only partner is WORLD.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from shared_files import DS_045409, shared

JAN_NOV = tuple(range(1, 12))


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("detail") / "store")
    store.ingest(shared(DS_045409))
    return store


def by_code(digits: int, reporter: str = "IT", flow: str = "2") -> dict[tuple[int, str], float]:
    """Return the file's Jan-Nov euros by (year, code cut to `digits`)."""
    values: dict[tuple[int, str], float] = defaultdict(float)
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            year, month = (int(part) for part in line["TIME_PERIOD"].split("-"))
            if (
                (line["reporter"], line["flow"], line["indicators"])
                == (reporter, flow, "VALUE_IN_EUROS")
                and month in JAN_NOV
                and line["OBS_VALUE"]
            ):
                values[year, line["product"][:digits]] += float(line["OBS_VALUE"])
    return dict(values)


def test_product_growth_is_over_the_months_both_years_hold(extract: Store) -> None:
    values = by_code(6)
    result = extract.products("IT", "WORLD", 2025, top=None)
    own = [row for row in result.rows if row.line == "product"]
    assert len(own) == len({code for year, code in values if year == 2025})
    for row in own:
        want = values[2025, row.code] / values[2024, row.code] - 1
        assert row.growth == pytest.approx(want, rel=1e-9), row.code
        assert (row.comparison.basis, row.comparison.months) == ("common_months", JAN_NOV)


def test_heading_growth_is_over_the_months_both_years_hold(extract: Store) -> None:
    values = by_code(4, "BE", "1")
    result = extract.sectors("BE", "WORLD", 2025, scheme="hs4", flow="import")
    own = [row for row in result.rows if row.reported_by == "BEL" and row.code != "other"]
    assert own
    for row in own:
        want = values[2025, row.code] / values[2024, row.code] - 1
        assert row.growth == pytest.approx(want, rel=1e-9), row.code
        assert (row.comparison.basis, row.comparison.months) == ("common_months", JAN_NOV)


HEADER = "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"


def sdmx(rows: list[tuple[str, str, str, float]]) -> str:
    """Return an SDMX-CSV file of Italy's exports of one product: (freq, partner, period, value)."""
    lines = [
        f"ESTAT:DS-045409(1.0),13/02/26 11:00:00,{freq},IT,{partner},35069190,2,VALUE_IN_EUROS,"
        f"{period},{value}"
        for freq, partner, period, value in rows
    ]
    return "\n".join([HEADER, *lines]) + "\n"


def with_world(rows: list[tuple[str, str, str, float]]) -> list[tuple[str, str, str, float]]:
    """Add the WORLD row of each period, the sum of its partners: the extract holds them all."""
    world: dict[tuple[str, str], float] = {}
    for freq, _, period, value in rows:
        world[freq, period] = world.get((freq, period), 0.0) + value
    return [*rows, *((freq, "WORLD", period, value) for (freq, period), value in world.items())]


def test_rank_change_compares_common_months_or_is_withheld(tmp_path: Path) -> None:
    # France leads 2024 thanks to December; over January-November Germany leads both years.
    months = {
        "FR": {**{m: 10.0 for m in range(1, 12)}, 12: 500.0},
        "DE": {m: 20.0 for m in range(1, 13)},
        "BE": {m: 5.0 for m in range(1, 13)},
    }
    rows = [("M", p, f"2024-{m:02d}", v) for p, by in months.items() for m, v in by.items()]
    rows += [("M", p, f"2025-{m:02d}", v * 2) for p, by in months.items() for m, v in by.items()
             if m <= 11]  # fmt: skip
    path = tmp_path / "DS-045409_partners.csv"
    path.write_text(sdmx(with_world(rows)), encoding="utf-8")
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    result = store.partners("IT", 2025)
    ranked = {row.code: row for row in result.rows if row.line == "partner"}
    full_2024 = {p: sum(by.values()) for p, by in months.items()}
    assert max(full_2024, key=full_2024.__getitem__) == "FR"
    assert ranked["FRA"].previous_rank == 1  # on the whole of 2024
    # Over Jan-Nov: DE 220 then 440, FR 110 then 220, BE 55 then 110: no rank moved.
    assert {code: row.rank_change for code, row in ranked.items()} == {
        "DEU": 0, "FRA": 0, "BEL": 0,
    }  # fmt: skip
    assert ranked["DEU"].rank_comparison.months == JAN_NOV
    # An annual 2024 against 11 months of 2025 cannot be aligned: no rank change, and why.
    annual = [("A", p, "2024", sum(by.values())) for p, by in months.items()]
    annual += [row for row in rows if row[2].startswith("2025")]
    other = tmp_path / "annual" / "DS-045409_partners.csv"
    other.parent.mkdir()
    other.write_text(sdmx(with_world(annual)), encoding="utf-8")
    mixed = bilateral.open(tmp_path / "mixed")
    mixed.ingest(other)
    lines = [row for row in mixed.partners("IT", 2025).rows if row.line == "partner"]
    assert lines and all(row.rank_change is None for row in lines)
    assert {row.rank_comparison.withheld for row in lines} == {"annual_against_partial"}
