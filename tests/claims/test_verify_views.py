"""Growth, hedges and parts of a year, checked on a small Comext file written here.

The values are invented for these tests (not official statistics): Italy's declared
exports to Belgium and Belgium's declared imports from Italy differ, as real mirror figures
do, so that each view can support a claim the other contradicts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.claims import ClaimCheck
from bilateral.synthetic import write_demo_files
from store.comext_files import row, write_full_v2

BN = 1e9
ITALY_SAYS = {2020: 15.0 * BN, 2021: 17.6 * BN}  # Italy's exports to Belgium
BELGIUM_SAYS = {2020: 14.8 * BN, 2021: 18.06 * BN}  # Belgium's imports from Italy
ITALY_IMPORTS = {2020: 17.2 * BN, 2021: 20.6 * BN}
BELGIUM_EXPORTS = {2020: 19.2 * BN, 2021: 22.3 * BN}
MONTHLY_2022 = [1.5 * BN] * 6  # Italy's exports to Belgium, January to June 2022


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("views")
    lines = []
    for year in (2020, 2021):
        lines += [
            row("IT", "BE", "export", year, ITALY_SAYS[year]),
            row("IT", "BE", "import", year, ITALY_IMPORTS[year]),
            row("BE", "IT", "import", year, BELGIUM_SAYS[year]),
            row("BE", "IT", "export", year, BELGIUM_EXPORTS[year]),
        ]
    opened = bilateral.open(folder / "store")
    opened.ingest(write_full_v2(folder / "full_v2_2020_2021.dat", lines))
    months = [row("IT", "BE", "export", 2022, v, month=m + 1) for m, v in enumerate(MONTHLY_2022)]
    opened.ingest(write_full_v2(folder / "full_v2_2022_h1.dat", months))
    return opened


def only(store: Store, text: str) -> ClaimCheck:
    (check,) = store.check(text).checks
    return check


def growth(now: float, before: float) -> float:
    return now / before - 1


def test_growth_supported_by_the_view_that_gives_it(store: Store) -> None:
    mirror = growth(BELGIUM_SAYS[2021], BELGIUM_SAYS[2020])  # +22.0%
    own = growth(ITALY_SAYS[2021], ITALY_SAYS[2020])  # +17.3%
    check = only(store, "In 2021 Italian exports to Belgium rose by 22% compared to 2020.")
    assert check.verdict == "supported"
    assert check.supported_by == "partner-reported (mirror)"
    values = {e.view: e.value for e in check.evidence}
    assert values["partner-reported (mirror)"] == pytest.approx(mirror)
    assert values["reporter-reported"] == pytest.approx(own)
    assert only(store, "In 2021 Italian exports to Belgium rose by 17% on 2020.").supported_by == (
        "reporter-reported"
    )
    wrong = only(store, "In 2021 Italian exports to Belgium rose by 30% on 2020.")
    assert wrong.verdict == "contradicted"
    assert "+22.0%" in wrong.reason and "+17.3%" in wrong.reason


def test_a_fall_is_a_negative_growth(store: Store) -> None:
    check = only(store, "In 2021 Italian exports to Belgium fell by 22% on 2020.")
    assert check.claim.growth == pytest.approx(-0.22)
    assert check.verdict == "contradicted"


def test_press_release_is_borne_out_by_the_belgian_figures(store: Store) -> None:
    report = store.check(
        "In 2021, according to the Belgian foreign trade agency, overall trade between Italy "
        "and Belgium was nearly 41 billion euros. Italian exports to Belgium reached around 18 "
        "billion euros (+22% on 2020), while imports exceeded 22 billion (+16%)."
    )
    verdicts = [(c.verdict, c.supported_by) for c in report.checks]
    assert verdicts == [
        ("supported", "partner-reported (mirror)"),  # 18.06 + 22.3 = 40.36 bn
        ("supported", "partner-reported (mirror)"),  # 18.06 closer than 17.6
        ("supported", "partner-reported (mirror)"),
        ("supported", "partner-reported (mirror)"),  # Italy's own imports: 20.6 bn
        ("supported", "partner-reported (mirror)"),  # 22.3 / 19.2 - 1 = +16.1%
    ]
    assert "the text credits a source named 'Belgian'" in report.checks[0].reason


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Italian exports to Belgium were 17.6 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium were 17.5 billion euros in 2021.", "contradicted"),
        ("Italian exports to Belgium were 18 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium were 19 billion euros in 2021.", "contradicted"),
        ("Italian exports to Belgium exceeded 18 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium exceeded 18.1 billion euros in 2021.", "contradicted"),
        ("Italian exports to Belgium were less than 17.7 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium were less than 17.5 billion euros in 2021.", "contradicted"),
        ("Italian exports to Belgium were nearly 18.1 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium were nearly 17 billion euros in 2021.", "contradicted"),
        ("Italian exports to Belgium were around 19 billion euros in 2021.", "supported"),
        ("Italian exports to Belgium were around 20 billion euros in 2021.", "contradicted"),
        ("Il saldo è negativo per l'Italia di circa 4 miliardi di euro nel 2021 con il Belgio.",
         "supported"),
        ("Il saldo è positivo per l'Italia di circa 4 miliardi di euro nel 2021 con il Belgio.",
         "contradicted"),
    ],
)  # fmt: skip
def test_hedges_set_the_tolerance(store: Store, text: str, verdict: str) -> None:
    assert only(store, text).verdict == verdict


def test_first_half_uses_the_monthly_sums(store: Store) -> None:
    check = only(
        store, "In the first half of 2022 Italian exports to Belgium were 9 billion euros."
    )
    assert check.claim.months == 6
    assert check.verdict == "supported"
    assert check.evidence[0].value == pytest.approx(sum(MONTHLY_2022))
    assert "--ytd-through 6" in check.evidence[0].query
    wrong = only(store, "Nel primo semestre 2022 le esportazioni italiane verso il Belgio sono "
                        "state di 10 miliardi di euro.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_a_year_with_part_of_its_months_is_not_a_whole_year(store: Store) -> None:
    check = only(store, "In 2022 Italian exports to Belgium were 9 billion euros.")
    assert check.verdict == "not checkable"
    assert "2022 covers 6 months only" in check.reason


def test_dollar_claim_needs_rates(store: Store, tmp_path: Path) -> None:
    check = only(store, "Italian exports to Belgium were $20 billion in 2021.")
    assert check.verdict == "not checkable"
    assert "the claim is in USD" in check.reason


def test_figures_from_synthetic_data_say_so(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_demo_files(tmp_path)[4], synthetic=True)
    report = store.check("In 2021 Italian exports to Belgium were 17.6 billion euros.")
    assert [c.verdict for c in report.checks] == ["supported"]
    assert report.notes[0].startswith("SYNTHETIC DEMO DATA")
    unflagged = bilateral.open(tmp_path / "unflagged")
    unflagged.ingest(write_demo_files(tmp_path)[4])
    again = unflagged.check("In 2021 Italian exports to Belgium were 17.6 billion euros.")
    assert [c.verdict for c in again.checks] == ["supported"]
    assert not any("SYNTHETIC" in note for note in again.notes)
