"""Ranks and shares among partner territories only, on the real 2022 Comtrade file and at random.

China's imports from China (re-imports), Germany's "Areas, nes" (`_X`) and bunkers (`X1`) are
listed apart: never ranked, never in a share among partners, still in the WORLD line.
"""

from __future__ import annotations

import csv
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.api import Store
from bilateral.query.partners import build_partners
from bilateral.reference import get
from bilateral.results.notes import code_of
from shared_files import COMTRADE_2022, DS_045409, shared

# Partner codes of the file that are no territory: the world, areas nes, bunkers, and the
# regional "nes" codes (S19, "Other Asia, nes", is Comtrade's code for Taiwan: a territory).
NOT_TERRITORIES = {"W00", "_X", "X1", "A59", "A79", "E19", "F19"}


def comtrade_lines(reporter: str, flow: str) -> dict[str, float]:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        return {
            line["partnerISO"].strip(): float(line["primaryValue"])
            for line in csv.DictReader(handle)
            if (line["reporterISO"], line["flowCode"]) == (reporter, flow)
        }


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("comtrade") / "store")
    store.ingest(shared(COMTRADE_2022))
    return store


@pytest.mark.parametrize(("reporter", "flow"), [("CHN", "M"), ("DEU", "M"), ("DEU", "X")])
def test_ranks_and_shares_are_among_partner_territories(
    comtrade: Store, reporter: str, flow: str
) -> None:
    values = comtrade_lines(reporter, flow)
    territories = {c: v for c, v in values.items() if c not in NOT_TERRITORIES | {reporter}}
    expected = sorted(territories, key=lambda c: (-territories[c], c))[:10]
    apart_value = sum(v for c, v in values.items() if c != "W00" and c not in territories)
    result = comtrade.partners(reporter, 2022, "import" if flow == "M" else "export", top=10)
    ranked = [r for r in result.rows if r.line == "partner"]
    assert [r.code for r in ranked] == expected
    assert [r.rank for r in ranked] == list(range(1, 11))
    for row in ranked:
        assert row.partner_kind == "country"
        assert row.share == pytest.approx(values[row.code] / (values["W00"] - apart_value))
    apart = {r.code: r for r in result.rows if r.line == "apart"}
    assert all(r.rank is None and r.share is None for r in apart.values())
    world = next(r for r in result.rows if r.code == "WORLD")
    assert world.value == pytest.approx(values["W00"])


def test_china_is_apart_among_its_own_suppliers(comtrade: Store) -> None:
    result = comtrade.partners("CHN", 2022, "import")
    own = next(r for r in result.rows if r.code == "CHN")
    assert (own.line, own.partner_kind, own.rank) == ("apart", "self", None)
    assert own.value == pytest.approx(comtrade_lines("CHN", "M")["CHN"])


def test_germany_areas_nes_and_bunkers_are_apart(comtrade: Store) -> None:
    imports = {r.code: r for r in comtrade.partners("DEU", 2022, "import").rows}
    assert (imports["_X"].partner_kind, imports["_X"].rank) == ("unallocated", None)
    assert imports["_X"].value == pytest.approx(comtrade_lines("DEU", "M")["_X"])
    exports = {r.code: r for r in comtrade.partners("DEU", 2022, "export").rows}
    assert exports["X1"].partner_kind == "bunkers"
    assert exports["X1"].rank is None


# Property: whatever the partner codes, ranks hold partner territories only, 1..n, and every
# line (ranked, other, apart, confidential) adds up to the WORLD line.
CODES = ["DEU", "FRA", "USA", "CHN", "ITA", "BEL", "_X", "X1", "QP", "QU", "QX", "QZ", "E19", "S19"]


def partner_row(code: str, year: int, value: float) -> dict[str, Any]:
    return {
        "source": "comtrade", "line": "partner", "code": code, "year": year, "value": value,
        "published": False, "currency": "USD", "vintage": "v", "synthetic": False,
        "month": None, "members": ["ITA"],
    }  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from(CODES), st.floats(1.0, 1e9), min_size=1),
    st.integers(min_value=1, max_value=5),
)
def test_ranks_never_include_codes_that_are_not_partner_territories(
    values: dict[str, float], top: int
) -> None:
    rows = [partner_row(code, 2022, value) for code, value in values.items()]
    world = sum(values.values())
    rows.append({**partner_row("WORLD", 2022, world), "line": "group"})
    result = build_partners(rows, get("ITA"), 2022, "export", top=top)
    ranked = [r for r in result.rows if r.rank is not None]
    assert all(r.partner_kind == "country" and r.line == "partner" for r in ranked)
    assert "ITA" not in {r.code for r in ranked}
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    lines = [r for r in result.rows if r.line != "group"]
    assert sum(r.value for r in lines) == pytest.approx(world)
    shared_lines = [r for r in lines if r.share is not None]
    assert all(r.partner_kind == "country" for r in shared_lines)
    if shared_lines:
        assert sum(r.share or 0.0 for r in shared_lines) == pytest.approx(1.0)


def test_partner_growth_compares_the_months_both_years_hold() -> None:
    def months(year: int, held: range, value: float) -> list[dict[str, Any]]:
        return [{**partner_row("DEU", year, value), "month": m} for m in held]

    rows = [*months(2024, range(1, 13), 10.0), *months(2025, range(1, 12), 12.0)]
    (row,) = [r for r in build_partners(rows, get("ITA"), 2025, "export").rows if r.code == "DEU"]
    # Jan-Nov against Jan-Nov: 11 * 12 against 11 * 10, not 11 * 12 against 12 * 10.
    assert row.growth == pytest.approx(0.2)
    assert row.comparison.months == tuple(range(1, 12))
    assert (row.value, row.previous_value) == (11 * 12.0, 12 * 10.0)
    annual = [partner_row("DEU", 2024, 120.0), *months(2025, range(1, 12), 12.0)]
    (row,) = [r for r in build_partners(annual, get("ITA"), 2025, "export").rows if r.code == "DEU"]
    assert row.growth is None
    assert row.comparison.withheld == "annual_against_partial"


def test_no_partner_is_called_new_when_there_is_no_year_to_compare_ranks_with(
    comtrade: Store,
) -> None:
    from typer.testing import CliRunner

    from bilateral.cli import app

    values = comtrade_lines("DEU", "M")
    territories = {c: v for c, v in values.items() if c not in NOT_TERRITORIES | {"DEU"}}
    first = max(territories, key=lambda c: territories[c])
    result = comtrade.partners("DEU", 2022, "import", top=3)
    ranked = [r for r in result.rows if r.line == "partner"]
    assert ranked[0].code == first
    assert all(r.rank_change is None for r in ranked)
    assert ranked[0].rank_comparison.withheld == "no_base"
    args = ["partners", "DEU", "--year", "2022", "--flow", "import", "--top", "3"]
    shown = CliRunner().invoke(app, [*args, "--store", str(comtrade.root)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    (line,) = [line for line in shown.stdout.splitlines() if f" {first} " in line]
    assert line.split()[:3] == ["1", "–", first]
    assert " new " not in shown.stdout


def test_a_file_of_published_totals_is_not_called_an_extract(
    comtrade: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        commodities = {line["cmdCode"] for line in csv.DictReader(handle)}
    assert commodities == {"TOTAL"}
    result = comtrade.partners("CHN", 2022, "import", top=3)
    world = next(r for r in result.rows if r.code == "WORLD")
    assert world.value == pytest.approx(comtrade_lines("CHN", "M")["W00"])
    assert "extracts" not in [code_of(note) for note in result.notes]
    # The DS-045409 extract holds 41 products only: its partners are an extract's.
    extract = bilateral.open(tmp_path_factory.mktemp("ds") / "store")
    extract.ingest(shared(DS_045409))
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        products = {line["product"] for line in csv.DictReader(handle)}
    assert len(products) == 41 and "481141" in products  # 40 CN8 codes, one 6-digit line
    notes = extract.partners("IT", 2024, "export").notes
    assert [n.values["source"] for n in notes if code_of(n) == "extracts"] == ["comext_sdmx"]
