"""Tests for bilateral.api: opening a store, territories, errors, results and identities."""

from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow.compute as pc
import pytest
from deltalake import DeltaTable
from hypothesis import given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.api import Store
from bilateral.errors import (
    BilateralError,
    InvalidArgumentError,
    NoDataError,
    StoreError,
    UnknownTerritoryError,
)
from bilateral.results import IngestReport, ProfileRow, field_names
from store.comext_files import CPA_OF, row, write_full_v2

LINES = [
    row("IT", "BE", "export", 2020, 100),
    row("IT", "BE", "import", 2020, 40),
    row("IT", "BE", "export", 2021, 130),
    row("IT", "BE", "import", 2021, 50),
    row("BE", "IT", "import", 2021, 125),
    row("BE", "IT", "export", 2021, 52),
    row("FR", "DE", "export", 2021, 9),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("api")
    opened = bilateral.open(folder / "store")
    opened.ingest(write_full_v2(folder / "full_2020-2021.dat", LINES), vintage="2022-04-15")
    return opened


@pytest.mark.parametrize(
    ("reporter", "partner"),
    [("Italy", "Belgium"), ("IT", "BE"), ("ITA", "BEL"), ("italy", "bel"), (" Italy ", "BE")],
)
def test_territories_as_names_or_codes(store: Store, reporter: str, partner: str) -> None:
    result = store.profile(reporter, partner)
    assert (result.reporter, result.partner) == ("ITA", "BEL")
    assert result.records() == store.profile("IT", "BE").records()
    assert [(r.year, r.exports, r.imports) for r in result.rows if r.reported_by == "ITA"] == [
        (2020, 100.0, 40.0), (2021, 130.0, 50.0),
    ]  # fmt: skip


@pytest.mark.parametrize(("reporter", "partner"), [("Itly", "BE"), ("IT", "Belgum")])
def test_unknown_territory(store: Store, reporter: str, partner: str) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        store.profile(reporter, partner)
    error = caught.value
    assert isinstance(error, LookupError)
    assert isinstance(error, BilateralError)
    assert error.query in (reporter, partner)
    assert "did you mean" in str(error)
    assert any(name in str(error) for name in ("Italy (ITA)", "Belgium (BEL)"))


def test_unknown_territory_without_suggestion(store: Store) -> None:
    with pytest.raises(UnknownTerritoryError, match="'Qqqqzz'"):
        store.profile("Qqqqzz", "BE")


@pytest.mark.parametrize(
    ("reporter", "partner"), [("IT", "IT"), ("Italy", "ITA"), ("BE", "Belgium")]
)
def test_same_territory_twice(store: Store, reporter: str, partner: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        store.profile(reporter, partner)
    assert isinstance(caught.value, ValueError)
    assert caught.value.name == "partner"
    assert caught.value.value == partner
    assert "other than" in str(caught.value)


def test_pair_without_data(store: Store) -> None:
    with pytest.raises(NoDataError) as caught:
        store.profile("Italy", "Germany")
    message = str(caught.value)
    assert isinstance(caught.value, LookupError)
    assert "Italy (ITA)" in message
    assert "Germany (DEU)" in message
    assert "comext 2020-2021" in message  # what the store holds
    assert "bilateral ingest" in message  # what to do


def test_years_without_data(store: Store) -> None:
    with pytest.raises(NoDataError, match="in 2015"):
        store.profile("IT", "BE", years=2015)


def test_empty_store_says_it_holds_nothing(tmp_path: Path) -> None:
    with pytest.raises(NoDataError, match="nothing yet"):
        bilateral.open(tmp_path / "empty").profile("IT", "BE")


@pytest.mark.parametrize("years", ["2021-2019", "twenty", "1800", ""])
def test_invalid_years(store: Store, years: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        store.profile("IT", "BE", years=years)
    assert caught.value.name == "years"


def test_to_pandas_and_to_polars(store: Store) -> None:
    result = store.profile("IT", "BE")
    columns = field_names(ProfileRow)
    frame = result.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == (3, len(columns)) == (3, 28)  # 2 own years + 1 mirror year
    assert list(frame["reconciled"]) == [False, False, False]
    assert list(frame.columns) == columns
    assert list(frame["year"]) == [2020, 2021, 2021]
    assert list(frame["mirror"]) == [False, False, True]
    assert list(frame["balance"]) == [60.0, 80.0, 125.0 - 52.0]
    polars = result.to_polars()
    assert isinstance(polars, pl.DataFrame)
    assert polars.shape == (3, 28)
    assert polars.columns == columns
    assert polars["exports_growth"].to_list() == [None, pytest.approx(0.3), None]
    assert polars["exports_growth"].null_count() == 2


def test_repr_names_the_territories(store: Store) -> None:
    text = repr(store.profile("IT", "BE"))
    assert text.startswith("<Profile Italy (ITA) - Belgium (BEL), 3 rows>")
    assert "reported by Italy" in text
    assert "mirror: reported by Belgium" in text
    assert "exports 130 imports 50 balance 80 EUR" in text
    assert "note: mirror view" in text


def test_open_a_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        bilateral.open(path)


def test_open_uses_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILATERAL_STORE", str(tmp_path / "from-env"))
    opened = bilateral.open()
    assert opened.root == tmp_path / "from-env"
    assert (tmp_path / "from-env" / "flows" / "_delta_log").is_dir()
    assert repr(opened) == f"<bilateral.Store {tmp_path / 'from-env'}>"


def test_new_store_is_empty(tmp_path: Path) -> None:
    info = bilateral.open(tmp_path / "new").info()
    assert (info.flows_version, info.files_ingested, info.sources) == (0, 0, ())
    assert bilateral.open(tmp_path / "new").history().entries == ()


def test_ingest_report(tmp_path: Path) -> None:
    opened = bilateral.open(tmp_path / "store")
    report = opened.ingest(write_full_v2(tmp_path / "f.dat", LINES[:2]), vintage="v1")
    assert repr(report) == (
        "<IngestReport f.dat: added, 2 of 2 rows stored, 0 quarantined, periods 2020, version 1>"
    )
    frame = report.to_pandas()
    assert frame.shape == (1, len(field_names(IngestReport))) == (1, 17)
    assert frame.loc[0, "status"] == "added"


# Identities on random stores (hypothesis): each example builds a store.

PRODUCTS = tuple(CPA_OF)
Line = tuple[str, str, str, int, str, int]  # reporter, partner, flow, year, product, cents
lines_strategy = st.lists(
    st.tuples(
        st.sampled_from(("IT", "BE")),
        st.sampled_from(("IT", "BE", "DE")),
        st.sampled_from(("import", "export")),
        st.sampled_from((2020, 2021)),
        st.sampled_from(PRODUCTS),
        st.integers(min_value=0, max_value=10**11),
    ).filter(lambda line: line[0] != line[1]),
    min_size=1,
    max_size=14,
    unique_by=lambda line: line[:5],
)


def write_lines(path: Path, lines: list[Line]) -> Path:
    return write_full_v2(path, [
        row(r, p, flow, year, cents / 100, product=product)  # type: ignore[arg-type]
        for r, p, flow, year, product, cents in lines
    ])  # fmt: skip


def sums_by(table: Any, keys: tuple[str, ...]) -> dict[tuple[Any, ...], float]:
    found: dict[tuple[Any, ...], float] = defaultdict(float)
    for record in table.select([*keys, "value"]).to_pylist():
        found[tuple(record[k] for k in keys)] += record["value"]
    return dict(found)


@settings(max_examples=15, deadline=None)
@given(lines=lines_strategy)
def test_identities_hold_on_random_stores(lines: list[Line]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        opened = bilateral.open(root)
        report = opened.ingest(write_lines(Path(folder) / "f.dat", lines), vintage="v1")
        assert report.rows_stored == len(lines)

        # Parts sum to totals: the stored values are the values written.
        written = sum(cents for *_, cents in lines) / 100
        flows = DeltaTable(str(root / "flows")).to_pyarrow_table()
        assert (pc.sum(flows.column("value")).as_py() or 0.0) == pytest.approx(written)
        totals = DeltaTable(str(root / "rollup_totals")).to_pyarrow_table()
        by_year = sums_by(flows, ("source", "year"))
        assert sums_by(totals, ("source", "year")) == pytest.approx(by_year)
        assert pc.sum(totals.column("rows")).as_py() == len(lines)

        # The profile: hand sums per view, and balance / total identities in every row.
        expected: dict[tuple[str, int, str], float] = defaultdict(float)
        for reporter, partner, flow, year, _, cents in lines:
            if {reporter, partner} == {"IT", "BE"}:
                # Italy's exports: Italy's declared exports, or Belgium's declared imports.
                italy_exports = (flow == "export") == (reporter == "IT")
                expected[(reporter, year, "exports" if italy_exports else "imports")] += cents / 100
        if not expected:
            with pytest.raises(NoDataError):
                opened.profile("IT", "BE")
            return
        result = opened.profile("IT", "BE")
        for item in result.rows:
            reporter = "IT" if item.reported_by == "ITA" else "BE"
            for side in ("exports", "imports"):
                value = getattr(item, side)
                if (reporter, item.year, side) in expected:
                    assert value == pytest.approx(expected[(reporter, item.year, side)])
                else:
                    assert value is None
            if item.exports is not None and item.imports is not None:
                assert item.balance == pytest.approx(item.exports - item.imports)
                assert item.total == pytest.approx(item.exports + item.imports)
            else:
                assert item.balance is None
                assert item.total is None
            if item.confidential_share is not None:
                assert 0.0 <= item.confidential_share <= 1.0 + 1e-12
        shown = {(("IT" if r.reported_by == "ITA" else "BE"), r.year) for r in result.rows}
        assert shown == {(reporter, year) for reporter, year, _ in expected}
        for item in result.rows:
            before = next((r for r in result.rows if r.view == item.view
                           and r.year == item.year - 1), None)  # fmt: skip
            if before is not None and before.exports and item.exports is not None:
                assert item.exports_growth == pytest.approx(item.exports / before.exports - 1)
            if before is None:
                assert item.exports_growth is None
                assert item.balance_change is None
            assert item.total is None or not math.isnan(item.total)


def test_ingest_reports_progress_in_unpacked_bytes_and_rows(tmp_path: Path) -> None:
    import py7zr

    data = write_full_v2(tmp_path / "full_202052.dat", LINES)
    archive = tmp_path / "full_v2_202052.7z"
    with py7zr.SevenZipFile(archive, "w") as packed:
        packed.write(data, "full_202052.dat")
    calls: list[tuple[int, int, int]] = []
    bilateral.open(tmp_path / "s").ingest(archive, progress=lambda *call: calls.append(call))
    size = data.stat().st_size
    assert calls[-1] == (size, size, len(LINES))
    assert all(total == size for _, total, _ in calls)
