"""Tests for the store's vintages: unchanged, revised and added ingests, history and time travel."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.api import Store
from bilateral.errors import (
    DuplicateRowError,
    InvalidArgumentError,
    NoDataError,
    SourceFormatError,
    VintageNotFoundError,
)
from bilateral.results import IngestReport
from bilateral.store.layout import TABLES
from store.comext_files import row, write_full_v2

FIRST_2021 = [
    row("IT", "BE", "export", 2021, 100, product="29011000"),
    row("IT", "BE", "export", 2021, 50, product="30049000"),
    row("IT", "BE", "import", 2021, 80),
    row("BE", "IT", "import", 2021, 140),
]  # 4 rows: exports 150, imports 80, mirror exports 140
REVISED_2021 = [
    row("IT", "BE", "export", 2021, 170, product="29011000"),
    row("IT", "BE", "import", 2021, 90),
    row("BE", "IT", "import", 2021, 155),
]  # 3 rows: exports 170, imports 90, mirror exports 155
ADDED_2020 = [
    row("IT", "BE", "export", 2020, 120),
    row("IT", "BE", "import", 2020, 60),
    row("DE", "IT", "export", 2020, 30),
]


def versions(root: Path) -> dict[str, int]:
    return {name: DeltaTable(str(root / name)).version() for name in TABLES}


def own(store: Store, year: int, as_of: int | str | datetime | None = None) -> tuple:
    result = store.profile("IT", "BE", years=year, as_of=as_of)
    first = next(r for r in result.rows if r.view == "reported by Italy")
    return first.exports, first.imports


@dataclass
class Story:
    """A store taken through: first 2021 file, the same again, a revision, then 2020."""

    store: Store
    root: Path
    files: dict[str, Path]
    reports: dict[str, IngestReport]
    versions_before_repeat: dict[str, int]
    versions_after_repeat: dict[str, int]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    folder = tmp_path_factory.mktemp("vintages")
    root = folder / "store"
    store = bilateral.open(root)
    files = {
        "first": write_full_v2(folder / "full_202152.dat", FIRST_2021),
        "revised": write_full_v2(folder / "full_202152_rev.dat", REVISED_2021),
        "added": write_full_v2(folder / "full_202052.dat", ADDED_2020),
    }
    reports = {"first": store.ingest(files["first"], vintage="2022-04-15")}
    before = versions(root)
    reports["repeat"] = store.ingest(files["first"], vintage="2022-04-15")
    after = versions(root)
    reports["revised"] = store.ingest(files["revised"], vintage="2022-10-15")
    reports["added"] = store.ingest(files["added"], vintage="2021-10-15")
    return Story(store, root, files, reports, before, after)


def test_first_ingest_is_added(story: Story) -> None:
    first = story.reports["first"]
    assert (first.status, first.rows_read, first.rows_stored, first.rows_replaced) == (
        "added", 4, 4, 0,
    )  # fmt: skip
    assert (first.source, first.periods, first.vintage, first.flows_version) == (
        "comext", "2021", "2022-04-15", 1,
    )  # fmt: skip
    assert first.file == "full_202152.dat"


def test_same_file_again_is_unchanged(story: Story) -> None:
    repeat = story.reports["repeat"]
    assert repeat.status == "unchanged"
    assert (repeat.rows_stored, repeat.rows_replaced) == (0, 0)
    assert repeat.flows_version == story.reports["first"].flows_version
    assert story.versions_after_repeat == story.versions_before_repeat
    assert any("full_202152.dat" in note for note in repeat.notes)


def test_same_content_under_another_name_is_unchanged(story: Story, tmp_path: Path) -> None:
    copy = tmp_path / "renamed.dat"
    copy.write_bytes(story.files["first"].read_bytes())
    before = versions(story.root)
    assert story.store.ingest(copy, vintage="2022-04-15").status == "unchanged"
    assert versions(story.root) == before


def test_revision_replaces_the_rows_of_its_period(story: Story) -> None:
    revised = story.reports["revised"]
    assert revised.status == "revised"
    # Every revised key was stored with another figure; 30049000 is no longer in the year.
    assert revised.rows_replaced == len(REVISED_2021)
    assert (revised.rows_added, revised.rows_unchanged, revised.rows_removed) == (0, 0, 1)
    assert revised.rows_stored == len(REVISED_2021)
    assert revised.flows_version == 2
    assert own(story.store, 2021) == (170.0, 90.0)
    mirror = story.store.profile("IT", "BE", years=2021).rows[-1]
    assert (mirror.view, mirror.exports) == ("mirror: reported by Belgium", 155.0)
    assert mirror.vintage == "2022-10-15"


def test_old_vintage_stays_readable_as_of(story: Story) -> None:
    first_version = story.reports["first"].flows_version
    assert own(story.store, 2021, as_of=first_version) == (150.0, 80.0)
    assert own(story.store, 2021, as_of=str(first_version)) == (150.0, 80.0)
    old = story.store.profile("IT", "BE", years=2021, as_of=first_version)
    assert old.as_of == str(first_version)
    assert old.rows[0].vintage == "2022-04-15"
    assert own(story.store, 2021, as_of=story.reports["revised"].flows_version) == (170.0, 90.0)


def test_as_of_a_datetime_picks_the_version_then(story: Story) -> None:
    log = DeltaTable(str(story.root / "ingest_log")).to_pyarrow_table().sort_by("committed_at")
    after_first = log.column("committed_at")[0].as_py()  # published version 1, before 2
    assert isinstance(after_first, datetime)
    assert own(story.store, 2021, as_of=after_first) == (150.0, 80.0)
    assert own(story.store, 2021, as_of=after_first.isoformat()) == (150.0, 80.0)


def test_as_of_without_years_lists_the_years_held_then(tmp_path: Path) -> None:
    """Years held at an earlier version are shown even if the current version no longer has them."""
    store = bilateral.open(tmp_path / "store")
    both = [row("IT", "BE", "export", 2020, 10), row("IT", "BE", "export", 2021, 20)]
    store.ingest(write_full_v2(tmp_path / "a.dat", both), vintage="v1")
    # The revised 2021 file no longer has Italy-Belgium.
    store.ingest(write_full_v2(tmp_path / "b.dat", [row("IT", "DE", "export", 2021, 30)]),
                 vintage="v2")  # fmt: skip
    old = store.profile("IT", "BE", as_of=1)
    assert [(r.year, r.exports) for r in old.rows] == [(2020, 10.0), (2021, 20.0)]


@pytest.mark.parametrize("as_of", ["yesterday", "2021-13-45"])
def test_as_of_that_is_not_a_version(story: Story, as_of: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        story.store.profile("IT", "BE", as_of=as_of)
    assert caught.value.name == "as_of"
    assert "version number" in str(caught.value)


def test_as_of_a_version_the_store_lacks(story: Story) -> None:
    with pytest.raises(VintageNotFoundError, match="store history"):
        story.store.profile("IT", "BE", as_of=99)


def test_as_of_before_the_first_ingest(story: Story) -> None:
    with pytest.raises(VintageNotFoundError):
        story.store.profile("IT", "BE", as_of=datetime(2000, 1, 1, tzinfo=UTC))


def test_as_of_the_empty_first_version_has_no_data(story: Story) -> None:
    with pytest.raises(NoDataError):
        story.store.profile("IT", "BE", years=2021, as_of=0)


def test_another_period_is_added_and_the_older_one_stays(story: Story) -> None:
    added = story.reports["added"]
    assert (added.status, added.rows_replaced, added.periods) == ("added", 0, "2020")
    assert added.flows_version == 3
    assert own(story.store, 2020) == (120.0, 60.0)
    assert own(story.store, 2021) == (170.0, 90.0)
    growth = story.store.profile("IT", "BE", years=2021).rows[0].exports_growth
    assert growth == pytest.approx(170 / 120 - 1)


def test_history_lists_each_ingest_that_changed_the_store(story: Story) -> None:
    entries = story.store.history().entries
    assert [(e.file_name, e.status, e.flows_version) for e in entries] == [
        ("full_202152.dat", "added", 1),
        ("full_202152_rev.dat", "revised", 2),
        ("full_202052.dat", "added", 3),
    ]
    assert [(e.rows_stored, e.rows_replaced) for e in entries] == [(4, 0), (3, 3), (3, 0)]
    assert [e.vintage for e in entries] == ["2022-04-15", "2022-10-15", "2021-10-15"]
    assert [e.periods for e in entries] == ["2021", "2021", "2020"]
    assert [(e.period_count, e.first_period, e.last_period) for e in entries] == [
        (1, "2021", "2021"),
        (1, "2021", "2021"),
        (1, "2020", "2020"),
    ]
    assert entries[0].started_at <= entries[1].started_at <= entries[2].started_at
    frame = story.store.history().to_pandas()
    assert frame.shape == (3, 14)
    assert set(frame["vintage_kind"]) == {"given"}
    assert list(frame["flows_version"]) == [1, 2, 3]
    assert not frame["synthetic"].any()  # ingested without synthetic=True


def test_info_summarises_the_current_snapshot(story: Story) -> None:
    info = story.store.info()
    assert info.flows_version == 3
    assert info.files_ingested == 3
    assert info.location == str(story.root)
    assert info.size_bytes > 0
    assert len(info.sources) == 1
    comext = info.sources[0]
    assert comext.source == "comext"
    assert comext.rows == len(REVISED_2021) + len(ADDED_2020)
    assert comext.years == "2020-2021"
    assert comext.reporters == 3  # ITA, BEL, DEU
    assert comext.vintages == "2021-10-15..2022-10-15"
    assert info.to_polars().shape == (1, 7)
    assert comext.file_dates == ()
    assert comext.synthetic is False


def test_ingest_log_records_the_file(story: Story) -> None:
    log = DeltaTable(str(story.root / "ingest_log")).to_pyarrow_table().sort_by("started_at")
    entries = log.to_pylist()
    assert len(entries) == 3
    for entry, name, rows in zip(
        entries, ("first", "revised", "added"), (FIRST_2021, REVISED_2021, ADDED_2020), strict=True
    ):
        path = story.files[name]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["file_name"] == path.name
        assert entry["file_path"] == str(path.resolve())
        assert entry["size_bytes"] == path.stat().st_size
        assert entry["source"] == "comext"
        assert entry["dataset"] == "Comext bulk full_v2"
        assert entry["rows_read"] == entry["rows_stored"] == len(rows)
        assert entry["rows_quarantined"] == 0
        assert entry["seconds_total"] >= 0
    assert [e["status"] for e in entries] == ["added", "revised", "added"]
    assert len({e["ingest_id"] for e in entries}) == 3


def test_lines_repeated_verbatim_are_stored_once(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    line = row("IT", "BE", "export", 2021, 100)
    rows = [line, line, row("IT", "BE", "import", 2021, 5)]
    report = store.ingest(write_full_v2(tmp_path / "d.dat", rows), vintage="v1")
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (3, 2, 1)
    assert any("repeated verbatim" in note for note in report.notes)
    assert own(store, 2021) == (100.0, 5.0)


def test_conflicting_lines_change_nothing(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    before = versions(store.root)
    rows = [row("IT", "BE", "export", 2021, 100), row("IT", "BE", "export", 2021, 101)]
    with pytest.raises(DuplicateRowError) as caught:
        store.ingest(write_full_v2(tmp_path / "c.dat", rows), vintage="v1")
    assert caught.value.line == 3
    assert versions(store.root) == before
    assert store.history().entries == ()


def test_a_bad_line_changes_nothing(story: Story, tmp_path: Path) -> None:
    bad = row("IT", "BE", "export", 2021, 1)
    bad["FLOW"] = "3"
    path = write_full_v2(tmp_path / "bad.dat", [row("IT", "BE", "export", 2021, 999), bad])
    before = versions(story.root)
    with pytest.raises(SourceFormatError) as caught:
        story.store.ingest(path, vintage="v9")
    assert (caught.value.line, caught.value.field) == (3, "FLOW")
    assert versions(story.root) == before
    assert own(story.store, 2021) == (170.0, 90.0)


def test_snapshot_files_exist(story: Story) -> None:
    for table in ("flows", "rollup_totals", "rollup_products"):
        files = story.store.snapshot_files(table)  # type: ignore[arg-type]
        assert files
        assert all(Path(f).is_file() and f.endswith(".parquet") for f in files)
    flows = story.store.snapshot_files("flows")
    stored = sum(pq.ParquetFile(f).metadata.num_rows for f in flows)
    assert stored == len(REVISED_2021) + len(ADDED_2020)
    assert {Path(f).parent.name for f in flows} == {"year=2020", "year=2021"}


def test_rows_are_clustered_by_reporter_partner_product(tmp_path: Path) -> None:
    reporters, partners = ("SE", "BE", "IT", "FR", "AT"), ("US", "CN", "DE", "NL")
    products = ("87032310", "29011000", "84713000", "30049000", "39011000", "29051100")
    rows = [
        row(r, p, flow, 2021, 1 + i, product=c)  # type: ignore[arg-type]
        for i, (r, p, c, flow) in enumerate(
            (r, p, c, f)
            for c in products
            for p in partners
            for r in reporters
            for f in ("import", "export")
        )
    ]  # written product-major: the store must reorder them
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "shuffled.dat", rows[::-1]), vintage="v1")
    files = store.snapshot_files("flows")
    total = 0
    for file in files:
        table = pq.read_table(file, columns=["reporter", "partner", "product"])
        keys = list(zip(*(table.column(n).to_pylist() for n in table.column_names), strict=True))
        assert keys == sorted(keys), file
        total += table.num_rows
    assert total == len(rows)
    stored = DeltaTable(str(tmp_path / "store" / "flows")).to_pyarrow_table()
    assert pc.sum(stored.column("value")).as_py() == sum(range(1, len(rows) + 1))
