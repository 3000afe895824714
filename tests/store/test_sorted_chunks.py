"""The pass over a shuffled file's sorted parts takes their rows from memory, as written.

`reporter_split.sorted_parts` yields each part's rows once written, and `pair_chunks.frame_chunks`
cuts them into chunks of whole pairs, as `pair_chunks.pair_chunks` reads them back from the
part: on the real BACI file, its lines shuffled, each part's chunks from memory hold the rows
read back (same columns and order; reporter, partner and product as enums of their codes
in text order where read back as text), with and without the non-key columns, each pair in
one chunk and each column in one buffer (where the seams fall changes no rollup:
`test_run_rollups.py`), and the stored pair totals equal sums of the file's lines computed here
with the csv module.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import polars.selectors as cs
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.store import ingest_parts, pair_chunks, reporter_split
from bilateral.store.check import check_store
from bilateral.store.parts import list_parts
from bilateral.store.reporter_split import SortedPart
from bilateral.synthetic.bulk import write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
OFFICIAL_NAME = "BACI_HS92_Y2021_V202301.csv"  # a complete year: ingest rolls it up itself


def _shuffled(tmp_path: Path) -> Path:
    header, *lines = REAL_BACI.read_text(encoding="utf-8").splitlines()
    random.Random(5).shuffle(lines)
    path = tmp_path / "file" / OFFICIAL_NAME
    path.parent.mkdir(parents=True)
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _pair_totals_in_file(path: Path) -> dict[tuple[str, str], float]:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    with path.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            totals[line["i"], line["j"]] += float(line["v"]) * 1000
    return totals


def test_chunks_from_memory_equal_the_chunks_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reporter_split, "SORT_ROWS", 5_000)  # several sorted parts
    monkeypatch.setattr(pair_chunks, "CHUNK_ROWS", 700)  # several chunks per part
    compared: list[int] = []
    sorted_parts = ingest_parts.sorted_parts

    def compared_with_read_back(split: Path, flows: Path) -> Iterator[SortedPart]:
        seen: set[Path] = set()
        for part in sorted_parts(split, flows):
            [written] = [p for p in list_parts(flows) if p.file not in seen]
            seen.add(written.file)
            assert written.partition_values == part.partition
            for keys_only in (False, True):
                read_back = list(pair_chunks.pair_chunks([written], keys_only=keys_only))
                in_memory = list(
                    pair_chunks.frame_chunks(part.rows, part.partition, keys_only=keys_only)
                )
                assert len(in_memory) > 1
                as_text = pl.concat(in_memory).with_columns(cs.enum().cast(pl.String))
                assert as_text.equals(pl.concat(read_back))
                assert as_text.schema == read_back[0].schema
                pairs = [chunk.select("reporter", "partner").unique() for chunk in in_memory]
                assert pl.concat(pairs).is_duplicated().sum() == 0  # no pair in two chunks
                for chunk in in_memory:
                    codes = [name for name in pair_chunks.ENUM_CODES if name in chunk.columns]
                    assert codes == ["reporter", "partner", "product"][: len(codes)]
                    for name in codes:  # enums of the codes in text order
                        kind = chunk.schema[name]
                        assert isinstance(kind, pl.Enum), name
                        assert kind.categories.to_list() == sorted(kind.categories.to_list())
                    assert all(column.n_chunks() == 1 for column in chunk.get_columns())
            compared.append(part.rows.height)
            yield part

    monkeypatch.setattr(ingest_parts, "sorted_parts", compared_with_read_back)
    path = _shuffled(tmp_path)
    root = tmp_path / "store"
    assert bilateral.open(root).ingest(path).status == "added"
    assert check_store(root).ok, check_store(root).findings
    expected = _pair_totals_in_file(path)
    assert len(compared) > 2 and sum(compared) == len(REAL_BACI.read_text().splitlines()) - 1
    frame = pl.from_arrow(DeltaTable(str(root / "rollup_totals")).to_pyarrow_table())
    assert isinstance(frame, pl.DataFrame)
    assert frame.height == len(expected)
    assert sorted(frame["value"].to_list()) == pytest.approx(sorted(expected.values()), rel=1e-12)


def test_a_line_repeated_in_a_shuffled_comext_file_is_found_in_the_sorted_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keys of the sorted parts are hashed as enums from memory: a repeat is still seen."""
    monkeypatch.setattr(reporter_split, "SORT_ROWS", 1_000)
    path = write_full_v2(tmp_path / "file" / "full_v2_202401.dat", rows=3_000, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1234]]) + "\n", encoding="utf-8")
    report = bilateral.open(tmp_path / "store").ingest(path, synthetic=True)
    assert report.rows_stored == 3_000
    assert report.rows_quarantined == 1
    assert any("1 lines repeated verbatim" in note for note in report.notes)
