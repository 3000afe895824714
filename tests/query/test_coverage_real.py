"""Growth across unequal coverage, on the real DS-045409 extract (IT and BE to WORLD, 2023-2025).

2025 holds 11 months in the file. Expected figures are summed here with the csv module, over
every line: the file's one 6-digit line (481141) has none of its CN8 codes beside it, so it is
one more part of the extract and counts in every total.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.results import ProfileRow
from shared_files import DS_045409, shared

Keep = Callable[[dict[str, str]], bool]


def lines(keep: Keep = lambda line: True) -> list[dict[str, str]]:
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        return [line for line in csv.DictReader(handle) if keep(line)]


def euros(reporter: str, flow: str, periods: set[str], keep: Keep = lambda line: True) -> float:
    """Return the file's VALUE_IN_EUROS of `reporter`'s flow (1 import, 2 export) in `periods`."""
    return sum(
        float(line["OBS_VALUE"])
        for line in lines(keep)
        if (line["reporter"], line["flow"], line["indicators"])
        == (reporter, flow, "VALUE_IN_EUROS")
        and line["TIME_PERIOD"] in periods
    )


def periods(year: int, months: range) -> set[str]:
    return {f"{year}-{month:02d}" for month in months}


def subset(tmp_path: Path, keep: Keep) -> Store:
    """Return a store holding the file's lines that `keep` accepts."""
    path = tmp_path / "DS-045409_subset.csv"
    with shared(DS_045409).open(encoding="utf-8", newline="") as source:
        header = source.readline()
        kept = [
            row
            for row in source
            if keep(dict(zip(header.strip().split(","), row.strip().split(","), strict=True)))
        ]
    path.write_text(header + "".join(kept), encoding="utf-8")
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    return store


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = bilateral.open(tmp_path_factory.mktemp("ds045409") / "store")
    store.ingest(shared(DS_045409))
    return store


def own(store: Store, reporter: str, years: str) -> dict[int, ProfileRow]:
    profile = store.profile(reporter, "WORLD", years)
    return {row.year: row for row in profile.rows if row.view.startswith("reported by")}


def test_eleven_months_of_2025_are_compared_with_the_same_months_of_2024(extract: Store) -> None:
    rows = own(extract, "IT", "2024-2025")
    jan_nov = range(1, 12)
    exports = euros("IT", "2", periods(2025, jan_nov)) / euros("IT", "2", periods(2024, jan_nov))
    imports = euros("IT", "1", periods(2025, jan_nov)) / euros("IT", "1", periods(2024, jan_nov))
    assert rows[2025].exports_growth == pytest.approx(exports - 1)
    assert rows[2025].imports_growth == pytest.approx(imports - 1)
    assert rows[2025].exports_comparison.basis == "common_months"
    assert rows[2025].exports_comparison.months == tuple(jan_nov)
    # The 11 months against the whole year 2024 would be another (wrong) number.
    whole = euros("IT", "2", periods(2025, jan_nov)) / euros("IT", "2", periods(2024, range(1, 13)))
    assert rows[2025].exports_growth != pytest.approx(whole - 1)
    # 2024 against 2023: two whole years.
    full = euros("IT", "2", periods(2024, range(1, 13))) / euros(
        "IT", "2", periods(2023, range(1, 13))
    )
    assert rows[2024].exports_growth == pytest.approx(full - 1)
    assert rows[2024].exports_comparison.basis == "full_year"


def test_a_store_with_only_january_2024_compares_january_with_january(tmp_path: Path) -> None:
    store = subset(
        tmp_path,
        lambda line: line["TIME_PERIOD"] == "2024-01" or line["TIME_PERIOD"].startswith("2025"),
    )
    rows = own(store, "BE", "2024-2025")
    expected = euros("BE", "2", {"2025-01"}) / euros("BE", "2", {"2024-01"}) - 1
    assert rows[2025].exports_growth == pytest.approx(expected)
    assert rows[2025].exports_comparison.months == (1,)
    assert rows[2024].coverage == "1 month"


def test_an_eu_sum_of_members_with_different_months_is_not_a_whole_year(tmp_path: Path) -> None:
    def no_december(line: dict[str, str]) -> bool:
        return not (line["reporter"] == "BE" and line["TIME_PERIOD"] == "2024-12")

    store = subset(tmp_path, no_december)
    rows = own(store, "EU27_2020", "2024")
    row = rows[2024]
    assert row.coverage != "12 months"
    months = {(m.member, m.flow): m.months for m in row.member_months}
    assert months["BEL", "export"] == tuple(range(1, 12))
    assert months["ITA", "export"] == tuple(range(1, 13))
    # The group's growth is over the months every member holds in both years: Jan-Nov.
    jan_nov = range(1, 12)
    now = sum(euros(r, "2", periods(2024, jan_nov), no_december) for r in ("IT", "BE"))
    before = sum(euros(r, "2", periods(2023, jan_nov)) for r in ("IT", "BE"))
    assert row.exports_growth == pytest.approx(now / before - 1)
    assert row.exports_comparison.months == tuple(jan_nov)
    everything = sum(euros(r, "2", periods(2024, range(1, 13)), no_december) for r in ("IT", "BE"))
    assert row.exports == pytest.approx(everything)


def test_json_output_carries_the_basis_of_each_growth(extract: Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "profile",
            "IT",
            "WORLD",
            "--years",
            "2024-2025",
            "--store",
            str(extract.root),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(result.stdout)["rows"] if r["year"] == 2025]
    assert row["exports_comparison"] == {
        "basis": "common_months",
        "months": list(range(1, 12)),
        "withheld": None,
    }
    assert {m["member"] for m in row["member_months"]} == {"ITA"}


def chapter_euros(chapter: str, year: int, months: range) -> float:
    """Return Italy's exports of one HS chapter in `months` of `year`, from the file's lines."""
    return sum(
        float(line["OBS_VALUE"])
        for line in lines()
        if (line["reporter"], line["flow"], line["indicators"]) == ("IT", "2", "VALUE_IN_EUROS")
        and line["product"].startswith(chapter)
        and line["TIME_PERIOD"] in periods(year, months)
    )


def test_sector_growth_and_cagr_compare_the_same_months(extract: Store) -> None:
    sectors = extract.sectors("IT", "WORLD", 2025, scheme="hs2", span=2, flow="export")
    (row,) = [r for r in sectors.rows if r.code == "39" and r.reported_by == "ITA"]
    jan_nov = range(1, 12)
    now, before = chapter_euros("39", 2025, jan_nov), chapter_euros("39", 2024, jan_nov)
    assert row.value == pytest.approx(now)
    assert row.growth == pytest.approx(now / before - 1)
    assert row.comparison.months == tuple(jan_nov)
    start = chapter_euros("39", 2023, jan_nov)
    assert row.cagr == pytest.approx((now / start) ** 0.5 - 1)
    assert row.cagr_comparison is not None and row.cagr_comparison.months == tuple(jan_nov)


def test_heading_growth_of_eleven_months_is_over_the_same_months(extract: Store) -> None:
    sectors = extract.sectors("IT", "WORLD", 2025, scheme="hs4", flow="export")
    own_rows = [r for r in sectors.rows if r.reported_by == "ITA" and r.code != "other"]
    assert own_rows
    jan_nov = range(1, 12)
    for row in own_rows:

        def heading(line: dict[str, str], code: str = row.code) -> bool:
            return line["product"].startswith(code)

        now = euros("IT", "2", periods(2025, jan_nov), heading)
        before = euros("IT", "2", periods(2024, jan_nov), heading)
        assert row.growth == pytest.approx(now / before - 1), row.code
        assert row.comparison.months == tuple(jan_nov)
    whole = extract.sectors("IT", "WORLD", 2024, scheme="hs4", flow="export")
    assert all(r.comparison.basis == "full_year" for r in whole.rows if r.growth is not None)
    assert any(r.growth is not None for r in whole.rows)


def test_products_of_eleven_months_grow_on_the_same_eleven(extract: Store) -> None:
    partial = extract.products("IT", "WORLD", 2025, depth=8, flow="export", top=5)
    (first,) = [r for r in partial.rows if r.rank == 1]
    jan_nov = range(1, 12)
    now = euros("IT", "2", periods(2025, jan_nov), lambda line: line["product"] == first.code)
    before = euros("IT", "2", periods(2024, jan_nov), lambda line: line["product"] == first.code)
    assert first.growth == pytest.approx(now / before - 1)
    assert (first.comparison.basis, first.comparison.months) == ("common_months", tuple(jan_nov))
    whole = extract.products("IT", "WORLD", 2024, depth=8, flow="export", top=5)
    (top,) = [r for r in whole.rows if r.rank == 1]
    months = range(1, 13)
    value = euros("IT", "2", periods(2024, months), lambda line: line["product"] == top.code)
    last = euros("IT", "2", periods(2023, months), lambda line: line["product"] == top.code)
    assert top.value == pytest.approx(value)
    assert top.growth == pytest.approx(value / last - 1)
    assert top.comparison.basis == "full_year"


def test_a_group_series_never_shows_a_month_or_year_of_part_of_its_members(
    tmp_path: Path,
) -> None:
    def no_december(line: dict[str, str]) -> bool:
        return not (line["reporter"] == "BE" and line["TIME_PERIOD"] == "2024-12")

    store = subset(tmp_path, no_december)
    annual = store.series("EU27_2020", "WORLD", flow="export", years="2024")
    (year,) = [p for p in annual.points if p.reported_by == "EU27_2020" and p.year == 2024]
    assert (year.months, year.partial, year.growth) == (11, True, None)
    monthly = store.series(
        "EU27_2020", "WORLD", flow="export", frequency="M", years="2024", ytd_through=12
    )
    points = {p.month: p for p in monthly.points if p.reported_by == "EU27_2020"}
    assert points[12].partial and not points[11].partial
    assert points[12].value == pytest.approx(euros("IT", "2", {"2024-12"}))
    (ytd,) = [y for y in monthly.year_to_date if y.reported_by == "EU27_2020"]
    assert (ytd.complete, ytd.change) == (False, None)


def test_the_brief_quotes_the_aligned_growth_and_its_months(extract: Store) -> None:
    brief = extract.brief("IT", "WORLD", year=2025)
    growth = brief.figures.figures["headline.exports_growth"]
    jan_nov = range(1, 12)
    expected = euros("IT", "2", periods(2025, jan_nov)) / euros("IT", "2", periods(2024, jan_nov))
    assert growth.value == pytest.approx(expected - 1)
    assert growth.months == tuple(jan_nov)
    assert list(brief.figures.to_dict()["figures"]["headline.exports_growth"]["months"]) == list(
        jan_nov
    )


def test_partner_lines_compare_the_same_months(extract: Store) -> None:
    partners = extract.partners("IT", 2025, "export")
    (world,) = [r for r in partners.rows if r.code == "WORLD"]
    jan_nov = range(1, 12)
    expected = euros("IT", "2", periods(2025, jan_nov)) / euros("IT", "2", periods(2024, jan_nov))
    assert world.growth == pytest.approx(expected - 1)
    assert world.comparison.months == tuple(jan_nov)


def test_a_group_month_of_fewer_members_is_marked_partial_in_the_monthly_series(
    tmp_path: Path,
) -> None:
    def keep(line: dict[str, str]) -> bool:
        return not (line["reporter"] == "BE" and line["TIME_PERIOD"] in ("2025-10", "2025-11"))

    store = subset(tmp_path, keep)
    series = store.series("EU", "WORLD", years=[2025], frequency="M", rolling=True)
    points = {p.period: p for p in series.points if p.flow == "export"}
    both = euros("IT", "2", {"2025-09"}) + euros("BE", "2", {"2025-09"})
    assert points["2025-09"].value == pytest.approx(both)
    assert not points["2025-09"].partial
    assert points["2025-10"].value == pytest.approx(euros("IT", "2", {"2025-10"}))
    assert points["2025-10"].partial and points["2025-11"].partial
    assert points["2025-10"].rolling_12m is None
    codes = [n for n in series.notes if getattr(n, "code", None) == "partial_months"]
    assert [n.values["periods"] for n in codes] == [["2025-10", "2025-11"]] * len(codes)
    assert codes and not [n for n in series.notes if getattr(n, "code", None) == "partial_year"]
    root = str(tmp_path / "store")
    args = ["series", "EU", "WORLD", "--frequency", "M", "--years", "2025", "--store", root]
    shown = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    rows = [line.split() for line in shown.stdout.splitlines() if line.startswith("2025-1")]
    # One table per flow: exports, then imports.
    assert [row[0] for row in rows if "(partial)" in row] == ["2025-10", "2025-11"] * 2
