"""A key repeated far apart within one pair of a published Comext file is found.

The fast path checks a published file's keys by reading its part back in slices, in chunks of
whole pairs (`stream_rollups._may_repeat_in_file`): a pair whose rows run over several slices
must be checked whole. Here slices are made tiny, and a line of a long pair is repeated at the
end of that pair's rows (the file stays in the published order). The files are synthetic
(invented figures, not official statistics); what must be stored is counted with the csv module.
"""

from __future__ import annotations

import csv
from itertools import groupby
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import bilateral
from bilateral.errors import DuplicateRowError
from bilateral.store import stream_rollups
from bilateral.synthetic.bulk import write_full_v2

ROWS = 6_000
SLICE_ROWS = 3


def _with_line_repeated(source: Path, target: Path, *, value: str | None = None) -> int:
    """Copy `source` to `target` with the first line of its longest pair repeated after that
    pair's last line (its VALUE_EUR set to `value`, if given); return the repeat's line."""
    with source.open(newline="", encoding="utf-8") as handle:
        header, *lines = list(csv.reader(handle))
    runs = [list(run) for _, run in groupby(enumerate(lines), key=lambda item: tuple(item[1][:2]))]
    longest = max(runs, key=len)
    assert len(longest) > 3 * SLICE_ROWS  # the pair runs over several slices
    first, last = longest[0][0], longest[-1][0]
    repeated = list(lines[first])
    if value is not None:
        repeated[header.index("VALUE_EUR")] = value
    lines.insert(last + 1, repeated)
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *lines])
    return last + 3  # the header is line 1


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(stream_rollups, "CHUNK_ROWS", SLICE_ROWS)
    return write_full_v2(tmp_path / "full_v2_202401.dat", rows=ROWS, seed=5, order="published")


def test_a_line_repeated_verbatim_across_slices_is_stored_once(
    published: Path, tmp_path: Path
) -> None:
    path = tmp_path / "repeated" / "full_v2_202401.dat"
    path.parent.mkdir()
    _with_line_repeated(published, path)
    with path.open(newline="", encoding="utf-8") as handle:
        distinct = len({tuple(line) for line in list(csv.reader(handle))[1:]})
    report = bilateral.open(tmp_path / "store").ingest(path, synthetic=True)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (
        ROWS + 1,
        distinct,
        1,
    )
    assert distinct == ROWS


def test_a_conflicting_line_across_slices_is_named(published: Path, tmp_path: Path) -> None:
    path = tmp_path / "conflicting" / "full_v2_202401.dat"
    path.parent.mkdir()
    line = _with_line_repeated(published, path, value="123456789")
    with pytest.raises(DuplicateRowError) as caught:
        bilateral.open(tmp_path / "store").ingest(path, synthetic=True)
    assert caught.value.line == line


def _shuffled_with_line_repeated(
    tmp_path: Path, *, value: str | None = None
) -> tuple[Path, int, int]:
    """Write a shuffled file with its tenth line repeated as its last (VALUE_EUR set to
    `value`, if given); return the file, the repeat's line and the distinct lines."""
    source = write_full_v2(tmp_path / "full_v2_202401.dat", rows=ROWS, seed=5, order="shuffled")
    with source.open(newline="", encoding="utf-8") as handle:
        header, *lines = list(csv.reader(handle))
    repeated = list(lines[8])
    if value is not None:
        repeated[header.index("VALUE_EUR")] = value
    path = tmp_path / "repeated" / "full_v2_202401.dat"
    path.parent.mkdir()
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *lines, repeated])
    distinct = len({tuple(line) for line in [*lines, repeated]})
    return path, len(lines) + 2, distinct


def test_a_line_repeated_verbatim_in_a_shuffled_file_is_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sorted parts' keys are checked packed in one word each (`stream_rollups._packed_keys`).
    packed: list[bool] = []
    packed_keys = stream_rollups._packed_keys

    def seen(keys: pl.DataFrame) -> np.ndarray | None:
        words = packed_keys(keys)
        packed.append(words is not None)
        return words

    monkeypatch.setattr(stream_rollups, "_packed_keys", seen)
    path, _, distinct = _shuffled_with_line_repeated(tmp_path)
    report = bilateral.open(tmp_path / "store").ingest(path, synthetic=True)
    assert packed and all(packed)
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (
        ROWS + 1,
        distinct,
        1,
    )
    assert distinct == ROWS


def test_a_conflicting_line_in_a_shuffled_file_is_named(tmp_path: Path) -> None:
    path, line, _ = _shuffled_with_line_repeated(tmp_path, value="123456789")
    with pytest.raises(DuplicateRowError) as caught:
        bilateral.open(tmp_path / "store").ingest(path, synthetic=True)
    assert caught.value.line == line


def test_packed_keys_are_equal_only_for_equal_keys() -> None:
    codes = pl.Enum(["b", "a", "c"])  # positions not in text order
    rows = [
        (reporter, flow, month)
        for reporter in (None, "a", "b", "c")
        for flow in ("x", "y")
        for month in (None, -3, 0, 12)
    ]
    rows += rows[:5]  # five keys twice
    keys = pl.DataFrame(
        rows,
        schema={"reporter": codes, "flow": pl.Enum(["x", "y"]), "month": pl.Int8},
        orient="row",
    )
    packed = stream_rollups._packed_keys(keys)
    assert packed is not None
    words = packed.tolist()
    assert len(set(words)) == len(set(rows)) == len(rows) - 5
    assert all(words[i] == words[len(rows) - 5 + i] for i in range(5))
    wide = keys.with_columns(pl.col("month").cast(pl.Int64) * 2**58)
    assert stream_rollups._packed_keys(wide) is None  # more than one word: hashed instead
