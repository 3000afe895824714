"""Tests for mirror statistics: each reporter's view of the same trade, the gap and its reasons.

Every expected figure is computed by hand from the rows written here (both reporters' lines
in one small Comext bulk file per year).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import statistics
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.indicators.mirror import EXPECTED_BAND
from bilateral.results import Mirror, MirrorChapter, MirrorRow
from store.comext_files import CPA_OF, row, write_full_v2

ROWS = {
    2019: [
        row("BE", "IT", "import", 2019, 50, product="29011000"),  # Italy reports nothing
    ],
    2020: [
        row("IT", "BE", "export", 2020, 200, product="29011000"),
        row("IT", "BE", "export", 2020, 100, product="30049000"),
        row("BE", "IT", "import", 2020, 210, product="29011000"),
        row("BE", "IT", "import", 2020, 108, product="30049000"),
        row("BE", "IT", "export", 2020, 50, product="39011000"),
        row("IT", "BE", "import", 2020, 40, product="39011000"),
    ],
    2021: [
        row("IT", "BE", "export", 2021, 100, product="29011000"),
        row("IT", "BE", "export", 2021, 300, product="30049000"),
        row("IT", "BE", "export", 2021, 20, product="39XXXXXX"),  # confidential product
        row("IT", "QX", "export", 2021, 80, product="29011000"),  # confidential partner
        row("IT", "DE", "export", 2021, 100, product="29011000"),
        row("BE", "IT", "import", 2021, 106, product="29011000"),
        row("BE", "IT", "import", 2021, 360, product="30049000"),
        row("BE", "IT", "import", 2021, 30, product="39011000"),
        row("BE", "QV", "import", 2021, 4, product="29011000"),  # partner not specified
        row("BE", "DE", "import", 2021, 100, product="29011000"),
        row("BE", "IT", "export", 2021, 70, product="87032310"),
        row("IT", "BE", "import", 2021, 75, product="87032310"),
        row("IT", "BE", "import", 2021, 5, product="39XXXXXX"),  # confidential product
    ],
    2022: [  # Italy's January to March only; Belgium's whole year
        row("IT", "BE", "export", 2022, 10, month=1, product="29011000"),
        row("IT", "BE", "export", 2022, 20, month=2, product="29011000"),
        row("IT", "BE", "export", 2022, 30, month=3, product="29011000"),
        row("BE", "IT", "import", 2022, 250, product="29011000"),
    ],
}
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("mirror")
    opened = bilateral.open(folder / "store")
    for year, rows in ROWS.items():
        opened.ingest(write_full_v2(folder / f"full_v2_{year}.dat", rows), vintage=f"{year + 1}")
    return opened


@pytest.fixture(scope="module")
def mirror(store: Store) -> Mirror:
    return store.mirror("Italy", "Belgio")


def find(mirror: Mirror, year: int, direction: str) -> MirrorRow:
    (found,) = [r for r in mirror.rows if (r.year, r.direction) == (year, direction)]
    return found


def chapters(mirror: Mirror, year: int, direction: str) -> list[tuple[str, float, float, float]]:
    return [
        (c.chapter, c.exports_reported, c.imports_reported, c.gap)
        for c in mirror.chapters
        if (c.year, c.direction) == (year, direction)
    ]


def test_rows_by_year_and_direction(mirror: Mirror) -> None:
    assert [(r.year, r.direction) for r in mirror.rows] == [
        (2019, "ITA->BEL"),
        (2020, "ITA->BEL"),
        (2020, "BEL->ITA"),
        (2021, "ITA->BEL"),
        (2021, "BEL->ITA"),
        (2022, "ITA->BEL"),
    ]
    assert mirror.years == (2019, 2020, 2021, 2022)
    assert {r.source for r in mirror.rows} == {"comext"}


def test_gap_within_the_cif_fob_band(mirror: Mirror) -> None:
    line = find(mirror, 2020, "ITA->BEL")
    assert (line.exporter, line.importer) == ("ITA", "BEL")
    assert line.exports_reported == 200 + 100
    assert line.imports_reported == 210 + 108
    assert line.gap == 318 - 300
    assert line.gap_share == pytest.approx(18 / 300)  # 6%: the IMF's CIF/FOB factor
    assert line.within_band is True
    assert line.expected_band == EXPECTED_BAND
    assert (line.months_exporter, line.months_importer) == (12, 12)
    assert (line.confidential_exporter, line.confidential_importer) == (0, 0)
    assert (line.unallocated_exporter, line.unallocated_importer) == (0, 0)
    assert (line.currency, line.vintage) == ("EUR", "2021")


def test_imports_below_exports_are_outside_the_band(mirror: Mirror) -> None:
    line = find(mirror, 2020, "BEL->ITA")
    assert (line.exports_reported, line.imports_reported, line.gap) == (50, 40, -10)
    assert line.gap_share == pytest.approx(-10 / 50)
    assert line.within_band is False


def test_confidential_products_and_unallocated_partners(mirror: Mirror) -> None:
    line = find(mirror, 2021, "ITA->BEL")
    assert line.exports_reported == 100 + 300 + 20
    assert line.imports_reported == 106 + 360 + 30
    assert line.gap == 496 - 420
    assert line.gap_share == pytest.approx(76 / 420)
    assert line.within_band is False
    assert line.confidential_exporter == 20
    assert line.confidential_importer == 0
    # Italy's exports to every partner: 420 to BE + 80 to QX + 100 to DE.
    assert line.unallocated_exporter == pytest.approx(80 / 600)
    # Belgium's imports from every partner: 496 from IT + 4 from QV + 100 from DE.
    assert line.unallocated_importer == pytest.approx(4 / 600)

    reverse = find(mirror, 2021, "BEL->ITA")
    assert (reverse.exports_reported, reverse.imports_reported) == (70, 75 + 5)
    assert reverse.gap_share == pytest.approx(10 / 70)
    assert (reverse.confidential_exporter, reverse.confidential_importer) == (0, 5)
    assert (reverse.unallocated_exporter, reverse.unallocated_importer) == (0, 0)


def test_partial_months_against_an_annual_figure_have_no_gap(mirror: Mirror) -> None:
    line = find(mirror, 2022, "ITA->BEL")
    assert (line.exports_reported, line.imports_reported) == (10 + 20 + 30, 250)
    # 3 months against a whole year: no gap, and no months to align them on.
    assert (line.gap, line.gap_share) == (None, None)
    assert line.gap_withheld == "annual_against_partial"
    assert (line.months_exporter, line.months_importer) == (3, 12)
    assert line.within_band is None


def test_one_sided_year_has_no_gap(mirror: Mirror) -> None:
    line = find(mirror, 2019, "ITA->BEL")
    assert (line.exports_reported, line.imports_reported) == (None, 50)
    assert (line.gap, line.gap_share, line.within_band) == (None, None, None)
    assert line.months_exporter is None
    assert chapters(mirror, 2019, "ITA->BEL") == []


def test_chapter_breakdown_sorted_by_gap(mirror: Mirror) -> None:
    assert chapters(mirror, 2021, "ITA->BEL") == [
        ("30", 300, 360, 60),
        ("39", 20, 30, 10),  # the confidential 39XXXXXX line counts under chapter 39
        ("29", 100, 106, 6),
    ]
    # Equal gaps (5 each) are ordered by chapter; chapter 39 is declared by Italy only.
    assert chapters(mirror, 2021, "BEL->ITA") == [("39", 0, 5, 5), ("87", 70, 75, 5)]
    assert chapters(mirror, 2022, "ITA->BEL") == []  # no gap over unequal months
    first = next(c for c in mirror.chapters if c.chapter == "30")
    assert first.title == "Pharmaceutical products"


def test_top_chapters_sums_the_rest_as_other(store: Store) -> None:
    result = store.mirror("IT", "BE", 2021, top_chapters=2)
    assert chapters(result, 2021, "ITA->BEL") == [
        ("30", 300, 360, 60),
        ("39", 20, 30, 10),
        ("other", 100, 106, 6),
    ]
    other = result.chapters[2]
    assert other.title == "other (1 chapter)"
    # The chapter gaps add up to the direction's gap.
    assert sum(c.gap for c in result.chapters if c.direction == "ITA->BEL") == 76


def test_notes_name_each_reason(mirror: Mirror) -> None:
    notes = {note.split(":")[0]: note for note in mirror.notes}
    assert "2019 ITA->BEL (comext)" in notes
    assert "only Belgium's imports" in notes["2019 ITA->BEL (comext)"]
    cif_fob = notes["CIF/FOB valuation"]
    assert "1.06" in cif_fob
    assert "2020 BEL->ITA (comext) -20.0%" in cif_fob
    assert "2021 ITA->BEL (comext) +18.1%" in cif_fob  # 76 / 420
    assert "2021 BEL->ITA (comext) +14.3%" in cif_fob  # 10 / 70
    assert "2020 ITA->BEL" not in cif_fob and "2022" not in cif_fob
    months = notes["Months"]
    assert "2022 ITA->BEL (comext): ITA's exports cover 3 months, BEL's imports 12" in months
    confidential = notes["Confidential products"]
    assert "ITA's 2021 exports to BEL 20 EUR" in confidential
    assert "ITA's 2021 imports from BEL 5 EUR" in confidential
    unallocated = notes["Unallocated partners"]
    assert "ITA's 2021 exports 13.3%" in unallocated  # 80 / 600
    assert "BEL's 2021 imports 0.7%" in unallocated  # 4 / 600
    assert "not measured" in notes["Quasi-transit (a possible cause, named but not measured"]


def test_provenance_and_tables(mirror: Mirror) -> None:
    assert mirror.provenance is not None
    assert mirror.provenance.sources == ("comext",)
    assert mirror.provenance.vintages == ("2020", "2021", "2022", "2023")
    assert mirror.provenance.period == "2019-2022"
    frame = mirror.to_pandas()
    assert frame.shape == (6, len(MirrorRow.__dataclass_fields__))
    assert len(mirror.chapter_records()) == len(mirror.chapters)
    assert "ITA->BEL" in repr(mirror)


def test_bad_arguments_and_no_data(store: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="top_chapters"):
        store.mirror("IT", "BE", top_chapters=0)
    with pytest.raises(InvalidArgumentError, match="partner"):
        store.mirror("IT", "Italia")
    with pytest.raises(NoDataError, match="2015"):
        store.mirror("IT", "BE", 2015)
    with pytest.raises(NoDataError):
        store.mirror("IT", "FR")


def test_cli_json_table_and_csv(store: Store) -> None:
    args = ["mirror", "IT", "BE", "--years", "2020-2021", "--store", str(store.root)]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(r["year"], r["direction"]) for r in document["rows"]] == [
        (2020, "ITA->BEL"),
        (2020, "BEL->ITA"),
        (2021, "ITA->BEL"),
        (2021, "BEL->ITA"),
    ]
    assert document["rows"][2]["gap"] == 76
    assert document["chapters"][0]["chapter"] == "29"  # 2020 ITA->BEL: gap 10 before 8
    assert document["provenance"]["period"] == "2020-2021"
    table = runner.invoke(app, [*args, "--top-chapters", "1"])
    assert table.exit_code == 0, table.output
    assert "gap by HS chapter" in table.output and "note: CIF/FOB" in table.output
    text = runner.invoke(app, [*args, "--format", "csv"]).stdout
    assert [r["gap"] for r in csv.DictReader(text.splitlines())] == [
        "18.0",
        "-10.0",
        "76.0",
        "10.0",
    ]


# Property: the mirror of (a, b) is the mirror of (b, a) with each year's directions reversed.
Line = tuple[str, str, str, int, str, int, int | None]
lines_strategy = st.lists(
    st.tuples(
        st.sampled_from(("IT", "BE")),
        st.sampled_from(("IT", "BE", "DE", "QX")),
        st.sampled_from(("import", "export")),
        st.sampled_from((2020, 2021)),
        st.sampled_from(tuple(CPA_OF)),
        st.integers(min_value=0, max_value=10**9),
        st.sampled_from((None, 3)),
    ).filter(lambda line: line[0] != line[1]),
    min_size=1,
    max_size=12,
    unique_by=lambda line: (*line[:5], line[6]),
)


@settings(max_examples=12, deadline=None)
@given(lines=lines_strategy)
def test_mirror_of_b_a_is_mirror_of_a_b_reversed(lines: list[Line]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        opened = bilateral.open(Path(folder) / "store")
        written = [
            row(r, p, flow, year, cents / 100, product=product, month=month)  # type: ignore[arg-type]
            for r, p, flow, year, product, cents, month in lines
        ]
        opened.ingest(write_full_v2(Path(folder) / "f.dat", written))
        if not any({r, p} == {"IT", "BE"} for r, p, *_ in lines):
            with pytest.raises(NoDataError):
                opened.mirror("IT", "BE")
            return
        forward, backward = opened.mirror("IT", "BE"), opened.mirror("BE", "IT")
        # Sums of the same rows in another order may differ in the last bits of a float.
        assert close(forward.rows, reversed_by_year(backward.rows))
        assert close(forward.chapters, reversed_chapters(backward.chapters))
        for line in forward.rows:
            # A gap over the months both sides hold is not the gap of the whole figures.
            if line.gap is not None and line.gap_comparison.basis == "full_year":
                assert line.gap == pytest.approx(line.imports_reported - line.exports_reported)
                parts = [c.gap for c in forward.chapters if c.direction == line.direction
                         and c.year == line.year]  # fmt: skip
                assert sum(parts) == pytest.approx(line.gap, abs=1e-6)


def close(first: tuple[object, ...], second: tuple[object, ...]) -> bool:
    """Say whether two tuples of result rows are equal, floats to 1e-12 relative."""
    if len(first) != len(second):
        return False
    for a, b in zip(first, second, strict=True):
        for name in (f.name for f in dataclasses.fields(a)):  # type: ignore[arg-type]
            x, y = getattr(a, name), getattr(b, name)
            if isinstance(x, float) and isinstance(y, float):
                if x != pytest.approx(y, rel=1e-12, abs=1e-9):
                    return False
            elif x != y:
                return False
    return True


def reversed_by_year(rows: tuple[MirrorRow, ...]) -> tuple[MirrorRow, ...]:
    years = sorted({(r.source, r.year) for r in rows})
    return tuple(
        r for key in years for r in reversed([r for r in rows if (r.source, r.year) == key])
    )


def reversed_chapters(lines: tuple[MirrorChapter, ...]) -> tuple[MirrorChapter, ...]:
    keys = sorted({(c.source, c.year) for c in lines})
    out: list[MirrorChapter] = []
    for key in keys:
        same = [c for c in lines if (c.source, c.year) == key]
        for direction in reversed(list(dict.fromkeys(c.direction for c in same))):
            out.extend(c for c in same if c.direction == direction)
    return tuple(out)


# Converting: rows at their period's ECB average rate, from the shared ECB file.
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def usd_mean(year: int) -> float:
    path = SHARED_DATA / "ecb_fx" / "eurofxref-hist_1999-01-04_2025-05-09.csv"
    with path.open() as handle:
        rates = [
            float(r["USD"]) for r in csv.DictReader(handle) if r["Date"].startswith(f"{year}-")
        ]
    return statistics.fmean(rates)


def test_mirror_in_dollars(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    opened.reference.import_dir(SHARED_DATA / "ecb_fx")
    rows = [row("IT", "BE", "export", 2021, 1e6), row("BE", "IT", "import", 2021, 1.05e6)]
    opened.ingest(write_full_v2(tmp_path / "full_v2_2021.dat", rows))
    (line,) = opened.mirror("IT", "BE", 2021, currency="USD").rows
    assert line.currency == "USD"
    assert line.exports_reported == pytest.approx(1e6 * usd_mean(2021), rel=1e-12)
    assert line.gap == pytest.approx(0.05e6 * usd_mean(2021), rel=1e-9)
    assert line.gap_share == pytest.approx(0.05)
