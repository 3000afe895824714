"""A change in money after a growth rate ("up 2.8% (EUR 130.5 million)") checked as a change.

On the real Eurostat DS-045409 extract (41 CN8 products, Italy's and Belgium's trade with
the world, 2023-2025); expected figures are summed here with the csv module.
"""

from __future__ import annotations

import csv

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.claims import ClaimCheck
from shared_files import SHARED_DATA, shared

EXTRACT = (
    SHARED_DATA
    / "eurostat_comext"
    / ("DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv")
)
MN = 1e6


def declared(reporter: str, flow: str, year: int) -> float:
    """Return the sum of VALUE_IN_EUROS of `reporter`'s `flow` (1 imports, 2 exports) in `year`.

    Every line: the extract's one 6-digit line (481141) has none of its CN8 codes beside it,
    so it counts in the totals.
    """
    with shared(EXTRACT).open(encoding="utf-8", newline="") as handle:
        return sum(
            float(line["OBS_VALUE"])
            for line in csv.DictReader(handle)
            if line["indicators"] == "VALUE_IN_EUROS"
            and (line["reporter"], line["flow"]) == (reporter, flow)
            and line["TIME_PERIOD"].startswith(f"{year}-")
        )


def balance(reporter: str, year: int) -> float:
    return declared(reporter, "2", year) - declared(reporter, "1", year)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("extract") / "store")
    opened.ingest(shared(EXTRACT))
    return opened


def checks(store: Store, text: str) -> list[ClaimCheck]:
    return list(store.check(text).checks)


def test_the_amount_in_parentheses_is_the_change_and_holds(store: Store) -> None:
    before, now = declared("IT", "2", 2023), declared("IT", "2", 2024)
    rate, change = now / before - 1, now - before
    assert change > 0
    text = (
        f"In 2024 Italian exports to the world were up {rate * 100:.1f}% "
        f"(EUR {change / MN:.1f} million) on 2023."
    )
    growth, money = checks(store, text)
    assert (growth.claim.kind, growth.verdict) == ("growth", "supported")
    assert (money.claim.kind, money.claim.base_year) == ("change", 2023)
    assert money.claim.value == pytest.approx(round(change / MN, 1) * MN)
    assert money.verdict == "supported"
    assert money.evidence[0].value == pytest.approx(change)
    doubled = text.replace(f"{change / MN:.1f}", f"{2 * change / MN:.1f}")
    assert checks(store, doubled)[1].verdict == "contradicted"


def test_a_shrinking_surplus_is_a_fall_in_its_size(store: Store) -> None:
    before, now = balance("BE", 2023), balance("BE", 2024)
    assert 0 < now < before
    rate, change = now / before - 1, now - before
    text = (
        f"In 2024 Belgium's trade surplus with the world fell {abs(rate) * 100:.1f}% "
        f"(EUR {abs(change) / MN:.1f} million) on 2023."
    )
    growth, money = checks(store, text)
    assert growth.claim.growth == pytest.approx(round(rate * 100, 1) / 100)
    assert (growth.claim.flow, growth.verdict) == ("balance", "supported")
    assert money.claim.value == pytest.approx(-round(abs(change) / MN, 1) * MN)
    assert money.verdict == "supported"
    rising = text.replace("fell", "rose")
    assert [c.verdict for c in checks(store, rising)] == ["contradicted", "contradicted"]
