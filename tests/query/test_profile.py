"""Tests for bilateral.query.profile: yearly figures of a pair in the own and the mirror view.

Every expected figure below is computed by hand from the rows the test writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest

import bilateral
from bilateral.api import Store
from bilateral.indicators.coverage import annual
from bilateral.query.profile import build_profile
from bilateral.reference import resolve
from bilateral.results import Profile, ProfileRow
from store.comext_files import row, write_full_v2

OWN = "reported by Italy"
MIRROR = "mirror: reported by Belgium"

FILES = {
    2019: [
        row("IT", "BE", "export", 2019, 80),
        row("IT", "BE", "import", 2019, 25),
        row("IT", "DE", "export", 2019, 999),  # another pair: never in Italy-Belgium
    ],
    2020: [
        row("IT", "BE", "export", 2020, 60, product="29011000"),
        row("IT", "BE", "export", 2020, 40, product="30049000"),
        row("IT", "BE", "import", 2020, 50),
        row("BE", "IT", "import", 2020, 110),  # Belgium's imports from Italy
        row("BE", "IT", "export", 2020, 45),
        row("DE", "BE", "export", 2020, 500),
    ],
    2021: [
        row("IT", "BE", "export", 2021, 100, product="29011000"),
        row("IT", "BE", "export", 2021, 40, product="87032310", stat_procedure="1"),
        row("IT", "BE", "export", 2021, 20, product="87032310", stat_procedure="2"),
        row("IT", "BE", "import", 2021, 70, product="39011000"),
        row("IT", "BE", "import", 2021, 30, product="39XXXXXX"),  # confidential product
        row("BE", "IT", "import", 2021, 165),
        row("BE", "IT", "export", 2021, 90),
        row("IT", "QX", "export", 2021, 7),  # confidential partner
        row("IT", "DE", "import", 2021, 300),
    ],
}
# Own view (Italy reports): year -> (exports, imports)
OWN_FIGURES = {2019: (80.0, 25.0), 2020: (100.0, 50.0), 2021: (160.0, 100.0)}
# Mirror view (Belgium reports): Italy's exports are Belgium's imports, and the reverse.
MIRROR_FIGURES = {2020: (110.0, 45.0), 2021: (165.0, 90.0)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("profile")
    opened = bilateral.open(folder / "store")
    for year, rows in FILES.items():
        path = write_full_v2(folder / f"full_{year}52.dat", rows)
        report = opened.ingest(path, vintage=f"{year + 1}-04-15")
        assert report.status == "added"
    return opened


def by_year(profile: Profile, view: str) -> dict[int, ProfileRow]:
    return {r.year: r for r in profile.rows if r.view == view}


def test_own_view_exports_imports_total_balance(store: Store) -> None:
    rows = by_year(store.profile("IT", "BE"), OWN)
    assert sorted(rows) == [2019, 2020, 2021]
    for year, (exports, imports) in OWN_FIGURES.items():
        assert rows[year].exports == exports
        assert rows[year].imports == imports
        assert rows[year].total == exports + imports
        assert rows[year].balance == exports - imports
        assert rows[year].reported_by == "ITA"
        assert rows[year].source == "comext"
        assert rows[year].currency == "EUR"
        assert rows[year].coverage == "annual"
        assert rows[year].vintage == f"{year + 1}-04-15"


def test_own_view_growth_and_balance_change(store: Store) -> None:
    rows = by_year(store.profile("IT", "BE"), OWN)
    first = rows[2019]
    assert (first.exports_growth, first.imports_growth, first.total_growth) == (None, None, None)
    assert first.balance_change is None
    assert rows[2020].exports_growth == pytest.approx(100 / 80 - 1)  # 0.25
    assert rows[2020].imports_growth == pytest.approx(50 / 25 - 1)  # 1.0
    assert rows[2020].total_growth == pytest.approx(150 / 105 - 1)
    assert rows[2020].balance_change == pytest.approx(50 - 55)
    assert rows[2021].exports_growth == pytest.approx(160 / 100 - 1)  # 0.6
    assert rows[2021].imports_growth == pytest.approx(100 / 50 - 1)
    assert rows[2021].total_growth == pytest.approx(260 / 150 - 1)
    assert rows[2021].balance_change == pytest.approx(60 - 50)


def test_mirror_view_uses_the_partners_declarations(store: Store) -> None:
    rows = by_year(store.profile("IT", "BE"), MIRROR)
    assert sorted(rows) == [2020, 2021]
    for year, (exports, imports) in MIRROR_FIGURES.items():
        assert rows[year].exports == exports
        assert rows[year].imports == imports
        assert rows[year].total == exports + imports
        assert rows[year].balance == exports - imports
        assert rows[year].reported_by == "BEL"
    assert rows[2020].exports_growth is None  # Belgium reports nothing for 2019
    assert rows[2021].exports_growth == pytest.approx(165 / 110 - 1)
    assert rows[2021].imports_growth == pytest.approx(90 / 45 - 1)
    assert rows[2021].total_growth == pytest.approx(255 / 155 - 1)
    assert rows[2021].balance_change == pytest.approx(75 - 65)


def test_views_own_first_then_mirror_with_a_note(store: Store) -> None:
    result = store.profile("IT", "BE")
    assert result.views() == [OWN, MIRROR]
    assert any(note.startswith("mirror view") for note in result.notes)
    assert (result.reporter, result.partner) == ("ITA", "BEL")
    assert (result.reporter_name, result.partner_name) == ("Italy", "Belgium")
    assert result.years == (2019, 2020, 2021)
    assert result.as_of is None


def test_reversed_pair_swaps_the_views(store: Store) -> None:
    result = store.profile("BE", "IT")
    assert result.views() == ["reported by Belgium", "mirror: reported by Italy"]
    own = by_year(result, "reported by Belgium")
    mirror = by_year(result, "mirror: reported by Italy")
    assert {y: (r.exports, r.imports) for y, r in own.items()} == {
        2020: (45.0, 110.0), 2021: (90.0, 165.0),
    }  # fmt: skip
    assert {y: (r.exports, r.imports) for y, r in mirror.items()} == {
        y: (m, x) for y, (x, m) in OWN_FIGURES.items()
    }
    assert mirror[2021].balance == 100.0 - 160.0


def test_growth_compares_with_the_year_before_the_years_asked(store: Store) -> None:
    result = store.profile("IT", "BE", years=2021)
    assert result.years == (2021,)
    assert {r.year for r in result.rows} == {2021}
    own = by_year(result, OWN)[2021]
    assert own.exports_growth == pytest.approx(0.6)
    assert own.imports_growth == pytest.approx(1.0)
    assert own.balance_change == pytest.approx(10.0)
    mirror = by_year(result, MIRROR)[2021]
    assert mirror.exports_growth == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (2020, (2020,)),
        ("2020-2021", (2020, 2021)),
        ("2021,2019", (2019, 2021)),
        ([2021, 2020], (2020, 2021)),
        (range(2019, 2022), (2019, 2020, 2021)),
    ],
)
def test_years_in_every_form(store: Store, years: Any, expected: tuple[int, ...]) -> None:
    result = store.profile("IT", "BE", years=years)
    assert result.years == expected
    assert sorted({r.year for r in result.rows if r.view == OWN}) == list(expected)


def test_years_without_data_are_left_out(store: Store) -> None:
    result = store.profile("IT", "BE", years="2018-2019")
    assert result.years == (2018, 2019)
    assert [(r.year, r.view) for r in result.rows] == [(2019, OWN)]
    assert result.rows[0].exports_growth is None


def test_confidential_share_counts_hidden_products(store: Store) -> None:
    rows = by_year(store.profile("IT", "BE"), OWN)
    assert rows[2021].confidential_share == pytest.approx(30 / 260)
    assert rows[2020].confidential_share == 0.0
    assert by_year(store.profile("IT", "BE"), MIRROR)[2021].confidential_share == 0.0


def test_confidential_share_counts_hidden_partners(store: Store) -> None:
    result = store.profile("IT", "QX")
    assert [(r.year, r.view, r.exports, r.imports) for r in result.rows] == [
        (2021, "reported by Italy", 7.0, None),
    ]
    only = result.rows[0]
    assert only.confidential_share == 1.0
    assert only.total is None
    assert only.balance is None


def test_as_of_the_current_version_gives_the_same_profile(store: Store) -> None:
    """`as_of` sums the flows table, the current profile reads the rollups: they must agree."""
    current = store.profile("IT", "BE")
    latest = store.profile("IT", "BE", as_of=store.info().flows_version)
    assert latest.rows == current.rows
    assert latest.as_of == str(store.info().flows_version)


# Coverage: annual files against monthly ones.


def ingest_rows(store: Store, path: Path, rows: list[dict[str, str]], vintage: str) -> None:
    report = store.ingest(write_full_v2(path, rows), vintage=vintage)
    assert report.status == "added"


def monthly(
    reporter: str,
    partner: str,
    flow: Literal["import", "export"],
    year: int,
    values: dict[int, float],
) -> list[dict[str, str]]:
    return [row(reporter, partner, flow, year, v, month=m) for m, v in values.items()]


def test_monthly_coverage_counts_months(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    rows = [
        *monthly("IT", "BE", "export", 2022, {1: 10, 2: 20, 3: 30}),
        *monthly("IT", "BE", "import", 2022, {1: 5, 2: 5, 3: 5}),
        *monthly("BE", "IT", "import", 2022, {1: 12}),
    ]
    ingest_rows(store, tmp_path / "full_2022Q1.dat", rows, "2022-04-15")
    result = store.profile("Italy", "Belgium")
    own = by_year(result, OWN)[2022]
    assert (own.exports, own.imports, own.balance) == (60.0, 15.0, 45.0)
    assert own.coverage == "3 months"
    mirror = by_year(result, MIRROR)[2022]
    assert (mirror.exports, mirror.imports) == (12.0, None)
    assert mirror.coverage == "1 month"
    assert "2022 covers 3 months only: not a full-year figure." in result.notes
    assert "2022 covers 1 month only: not a full-year figure." in result.notes


def test_twelve_months_are_a_full_year(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    months = dict.fromkeys(range(1, 13), 10.0)
    rows = [
        *monthly("IT", "BE", "export", 2022, months),
        *monthly("IT", "BE", "import", 2022, months),
    ]
    ingest_rows(store, tmp_path / "full_2022.dat", rows, "2023-02-15")
    result = store.profile("IT", "BE")
    assert [(r.exports, r.imports, r.coverage) for r in result.rows] == [
        (120.0, 120.0, "12 months")
    ]
    assert not any("covers" in note for note in result.notes)


ANNUAL_2021 = [row("IT", "BE", "export", 2021, 100), row("IT", "BE", "import", 2021, 60),
               row("BE", "IT", "import", 2021, 105)]  # fmt: skip
MONTHLY_2021 = [
    *monthly("IT", "BE", "export", 2021, {1: 10, 2: 11}),
    *monthly("IT", "BE", "import", 2021, {1: 4, 2: 6}),
    *monthly("BE", "IT", "import", 2021, {1: 9}),
]


@pytest.mark.parametrize("annual_first", [True, False], ids=["annual-first", "monthly-first"])
def test_annual_rows_win_over_monthly_rows(tmp_path: Path, annual_first: bool) -> None:
    store = bilateral.open(tmp_path / "store")
    files = [("full_202152.dat", ANNUAL_2021), ("full_2021-01-02.dat", MONTHLY_2021)]
    for name, rows in files if annual_first else files[::-1]:
        ingest_rows(store, tmp_path / name, rows, "2022-04-15")
    result = store.profile("IT", "BE", years=2021)
    own, mirror = by_year(result, OWN)[2021], by_year(result, MIRROR)[2021]
    assert (own.exports, own.imports, own.total, own.coverage) == (100.0, 60.0, 160.0, "annual")
    assert (mirror.exports, mirror.coverage) == (105.0, "annual")
    assert not any("covers" in note for note in result.notes)


def test_monthly_figures_show_until_the_annual_file_arrives(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    ingest_rows(store, tmp_path / "m.dat", MONTHLY_2021, "2021-03-15")
    before = by_year(store.profile("IT", "BE"), OWN)[2021]
    assert (before.exports, before.imports, before.coverage) == (21.0, 10.0, "2 months")
    ingest_rows(store, tmp_path / "a.dat", ANNUAL_2021, "2022-04-15")
    after = by_year(store.profile("IT", "BE"), OWN)[2021]
    assert (after.exports, after.imports, after.coverage) == (100.0, 60.0, "annual")


def test_coverage_of_a_year_mixing_annual_and_monthly_flows(tmp_path: Path) -> None:
    """An annual file with exports only, beside three months of both flows.

    Exports come from the annual file and imports from the months, so the year covers at
    most three months of imports: the label must name a positive number of months.
    """
    store = bilateral.open(tmp_path / "store")
    ingest_rows(store, tmp_path / "a.dat", [row("IT", "BE", "export", 2022, 100)], "2023-04-15")
    rows = [*monthly("IT", "BE", "export", 2022, {1: 5, 2: 5, 3: 5}),
            *monthly("IT", "BE", "import", 2022, {1: 5, 2: 5, 3: 5})]  # fmt: skip
    ingest_rows(store, tmp_path / "m.dat", rows, "2022-04-15")
    only = by_year(store.profile("IT", "BE"), OWN)[2022]
    assert (only.exports, only.imports) == (100.0, 15.0)
    assert only.coverage == "3 months"


# build_profile on hand-made totals, without a store.


def cell(side: str, flow: str, year: int, value: float, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source": "comext", "side": side, "flow": flow, "year": year, "value": value,
        "confidential_value": 0.0, "currency": "EUR", "vintage": "v1", "months": 0,
        "annual": True, "synthetic": False, "product_level": "CN8",
    }  # fmt: skip
    base.update(extra)
    base.setdefault("figure", annual(value, "ITA" if side == "first" else "BEL"))
    return base


def test_build_profile_growth_is_undefined_after_a_zero_year() -> None:
    rows = [cell("first", "export", 2020, 0.0), cell("first", "export", 2021, 50.0),
            cell("first", "import", 2020, 10.0), cell("first", "import", 2021, 10.0)]  # fmt: skip
    result = build_profile(rows, resolve("IT"), resolve("BE"), [2021])
    only = result.rows[0]
    assert only.exports_growth is None
    assert only.imports_growth == 0.0
    assert only.total_growth == pytest.approx(60 / 10 - 1)
    assert only.balance_change == pytest.approx(40 - (-10))


def test_build_profile_marks_synthetic_data_first() -> None:
    rows = [cell("first", "export", 2021, 5.0, synthetic=True, confidential_value=None)]
    result = build_profile(rows, resolve("IT"), resolve("BE"), [2021])
    assert result.notes[0].startswith("SYNTHETIC")
    assert result.rows[0].confidential_share == 0.0


def test_build_profile_without_rows_is_empty() -> None:
    result = build_profile([], resolve("IT"), resolve("BE"), [2021])
    assert result.rows == ()
    assert result.notes == ()
