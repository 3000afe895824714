"""The fast path of an ingest (a reader's polars query) writes exactly the exact reader's rows.

On every real bulk file in ../shared/data and on synthetic files in both row orders, the rows
the polars query writes equal, column by column, the batches of the reader that checks each
line; a file with a line the query cannot vouch for is left to that reader.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bilateral.errors import SourceFormatError
from bilateral.schema import FLOW_COLUMNS
from bilateral.sources import LINE_COLUMN, ReadOptions, open_source, with_valuation
from bilateral.store.lazy_parts import write_lazy_parts
from bilateral.synthetic.baci import write_baci
from bilateral.synthetic.bulk import write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_FILES = [
    SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv",
    SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv",
]


GIVEN_VINTAGE = ReadOptions(vintage="V1")


def _exact_rows(path: Path, options: ReadOptions = GIVEN_VINTAGE) -> pl.DataFrame:
    with open_source(path, options) as read:
        batches = [with_valuation(batch).drop_columns([LINE_COLUMN]) for batch in read.batches]
    frame = pl.from_arrow(pa.Table.from_batches(batches))
    assert isinstance(frame, pl.DataFrame)
    return frame.select(FLOW_COLUMNS)


def _fast_rows(
    path: Path, folder: Path, options: ReadOptions = GIVEN_VINTAGE
) -> pl.DataFrame | None:
    with open_source(path, options) as read:
        assert read.lazy is not None
        if write_lazy_parts(read, folder) is None:
            return None
        assert read.stats.rows_read > 0
    frames = []
    for file in sorted(folder.rglob("*.parquet")):
        source, year = (piece.split("=", 1)[1] for piece in file.parent.relative_to(folder).parts)
        frame = pl.from_arrow(_read_as_text(file))
        assert isinstance(frame, pl.DataFrame)
        frames.append(frame.with_columns(source=pl.lit(source), year=pl.lit(int(year), pl.Int16)))
    return pl.concat(frames).select(FLOW_COLUMNS)


def _read_as_text(file: Path) -> pa.Table:
    """Return a part's rows, checking that pyarrow and polars read its coded columns as text.

    (The query writes them from enums; the footer's Arrow schema must say text, as DuckDB and
    Spark, which ignore that schema, read them.)
    """
    table = pq.read_table(file)
    coded = [field.name for field in table.schema if pa.types.is_dictionary(field.type)]
    assert coded == [], f"{file.name}: read back as dictionaries"
    polars_kinds = pl.read_parquet_schema(file)
    assert not [name for name, kind in polars_kinds.items() if isinstance(kind, pl.Enum)]
    return table


def _assert_same(path: Path, folder: Path, options: ReadOptions = GIVEN_VINTAGE) -> int:
    fast = _fast_rows(path, folder, options)
    assert fast is not None, f"{path.name}: the fast path gave up on a valid file"
    exact = _exact_rows(path, options)
    assert fast.schema == exact.schema
    assert fast.height == exact.height > 0
    assert fast.equals(exact), path.name  # same rows in the same (the file's) order
    return fast.height


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_real_files_read_the_same_both_ways(path: Path, tmp_path: Path) -> None:
    rows = _assert_same(path, tmp_path / "parts")
    assert rows == len(path.read_text().splitlines()) - 1


@pytest.mark.parametrize("order", ["published", "shuffled"])
def test_synthetic_comext_reads_the_same_both_ways(order: str, tmp_path: Path) -> None:
    path = write_full_v2(tmp_path / "full_202401.dat", rows=20_000, seed=7, order=order)  # type: ignore[arg-type]
    assert _assert_same(path, tmp_path / "parts") == 20_000


def test_file_dated_synthetic_comext_flags_read_the_same_both_ways(tmp_path: Path) -> None:
    """Flag sets made by position (synthetic, then file_dated added to each set) as the exact
    reader joins them row by row."""
    path = write_full_v2(tmp_path / "full_202401.dat", rows=20_000, seed=3)
    assert _assert_same(path, tmp_path / "parts", ReadOptions(synthetic=True)) == 20_000
    flags = set(_exact_rows(path, ReadOptions(synthetic=True))["flags"].to_list())
    assert "synthetic,file_dated" in flags and "confidential,synthetic,file_dated" in flags


def test_synthetic_baci_year_reads_the_same_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "BACI_HS92_Y2021_V202301.csv"
    write_baci(path, rows=20_000, seed=7)
    assert _assert_same(path, tmp_path / "parts") == 20_000


BACI_LINES = ['"t","i","j","k","v","q"', '2021,4,24,382390,52.051,"       13.235"']


@pytest.mark.parametrize(
    "line",
    [
        "2021,4,24,481890,0.041",  # a short line (q missing, not empty)
        "",  # a blank line
        '2021,4,24,481890,inf,"  1.0"',  # a value that is not finite
        '2021,4,24,481890,0.041,"  -1.0"',  # a negative quantity
        '2021,4,999,481890,0.041,"  1.0"',  # an unknown country
        '2021,04,24,481890,0.041,"  1.0"',  # a country code with a leading zero
        '2021,4,,481890,0.041,"  1.0"',  # an empty country code
        '2021,4,58,481890,0.041,"  1.0"',  # a country of other years (Belgium-Luxembourg)
        '02021,4,24,481890,0.041,"  1.0"',  # a year written otherwise
        '2020,4,24,481890,0.041,"  1.0"',  # another year
        '2021,4,24,4818,0.041,"  1.0"',  # a 4-digit product
    ],
)
def test_a_line_the_query_cannot_vouch_for_is_left_to_the_exact_reader(
    line: str, tmp_path: Path
) -> None:
    path = tmp_path / "BACI_HS92_Y2021_V202301.csv"
    path.write_text(
        "\n".join([*BACI_LINES, line, BACI_LINES[1].replace("382390", "382391")]) + "\n"
    )
    folder = tmp_path / "parts"
    assert _fast_rows(path, folder) is None
    assert not folder.exists()  # its parts are gone
    shutil.rmtree(tmp_path / "parts", ignore_errors=True)


def test_comext_line_of_another_year_is_left_to_the_exact_reader(tmp_path: Path) -> None:
    sample = REAL_FILES[1].read_text().splitlines()
    other_year = sample[2].replace(",202402,", ",202302,")
    path = tmp_path / "full_202402.dat"
    path.write_text("\n".join([sample[0], sample[1], other_year]) + "\n")
    assert _fast_rows(path, tmp_path / "parts") is None
    assert _exact_rows(path).height == 2  # the exact reader reads both years


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("PARTNER", "ZQ"),  # no territory
        ("REPORTER", ""),  # empty
        ("FLOW", "3"),
        ("TRADE_TYPE", "X"),
        ("STAT_PROCEDURE", "4"),
        ("PERIOD", "202413"),
        ("PRODUCT_NC", "3506919"),  # 7 digits
        ("PRODUCT_CPA21", "20X"),
        ("VALUE_EUR", "-1"),
    ],
)
def test_comext_code_outside_its_enum_is_left_to_the_exact_reader(
    field: str, value: str, tmp_path: Path
) -> None:
    header, first, second = REAL_FILES[1].read_text().splitlines()[:3]
    fields = dict(zip(header.split(","), second.split(","), strict=True))
    fields[field] = value
    path = tmp_path / "full_202402.dat"
    path.write_text("\n".join([header, first, ",".join(fields.values())]) + "\n")
    assert _fast_rows(path, tmp_path / "parts") is None
    assert not (tmp_path / "parts").exists()


PLAIN_BACI = ["t,i,j,k,v,q", "2021,4,24,382390,52.051,13.235"]


def _baci_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "BACI_HS92_Y2021_V202301.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        # NA right-aligned as the first row's quantity, as CEPII pads it, and a blank one
        ([*BACI_LINES, '2021,4,32,852390,0.029,"           NA"', '2021,4,36,710399,1.5,""'], 2),
        # a file whose first quantity is NA, and one of spaces only
        (
            [
                BACI_LINES[0],
                '2021,4,32,852390,0.029,"           NA"',
                '2021,4,36,710399,1.5,"    "',
            ],
            2,
        ),
        # plain layout: NA and blank as they are
        ([*PLAIN_BACI, "2021,4,32,852390,0.029,NA", "2021,4,36,710399,1.5,"], 2),
        # quantities spelled otherwise that both readers read as numbers
        ([*PLAIN_BACI, "2021,4,32,852390,0.029,+5", "2021,4,36,710399,1.5,1E+03"], 0),
        ([*BACI_LINES, '2021,4,32,852390,0.029,"\t5.5"'], 0),  # a tab before it
    ],
)
def test_baci_quantities_read_the_same_both_ways(
    lines: list[str], missing: int, tmp_path: Path
) -> None:
    path = _baci_file(tmp_path, lines)
    assert _assert_same(path, tmp_path / "parts") == len(lines) - 1
    assert _exact_rows(path)["quantity_kg"].null_count() == missing


@pytest.mark.parametrize(
    "line",
    [
        '2021,4,32,852390,0.029,"NA"',  # NA not aligned as the first row's quantity is
        '2021,4,32,852390,0.029,"         NA"',  # nor padded to its width
        '2021,4,32,852390,0.029,"  5.5 "',  # a quantity with a space after it
    ],
)
def test_baci_quantity_spelled_otherwise_is_read_by_the_exact_reader(
    line: str, tmp_path: Path
) -> None:
    """A spelling the query does not expect fails it: the exact reader reads the file."""
    path = _baci_file(tmp_path, [*BACI_LINES, line])
    assert _fast_rows(path, tmp_path / "parts") is None
    assert not (tmp_path / "parts").exists()
    quantity = _exact_rows(path)["quantity_kg"].to_list()
    assert quantity[0] == pytest.approx(13235.0)
    assert quantity[1] == (None if "NA" in line else pytest.approx(5500.0))


@pytest.mark.parametrize(
    ("quantity", "problem"),
    [
        ("nan", "not a finite number"),
        ("inf", "not a finite number"),
        ("-1.5", "negative value"),
        ("-0.5e1", "negative value"),
        ("1,5", "invalid value"),  # a quoted separator
        ("N/A", "invalid value"),
    ],
)
def test_baci_odd_quantity_is_named_by_the_exact_reader(
    quantity: str, problem: str, tmp_path: Path
) -> None:
    path = _baci_file(tmp_path, [*BACI_LINES, f'2021,4,32,852390,0.029,"{quantity:>13}"'])
    assert _fast_rows(path, tmp_path / "parts") is None
    with pytest.raises(SourceFormatError) as refused:
        _exact_rows(path)
    assert (refused.value.line, refused.value.field) == (3, "q")
    assert problem in str(refused.value)


@pytest.mark.parametrize("year", ["+2021", " 2021", "02021", "2021.0", "2020", "NA", ""])
def test_baci_year_spelled_otherwise_is_named_by_the_exact_reader(
    year: str, tmp_path: Path
) -> None:
    path = _baci_file(tmp_path, [*BACI_LINES, f'{year},4,32,852390,0.029,"        1.500"'])
    assert _fast_rows(path, tmp_path / "parts") is None
    with pytest.raises(SourceFormatError) as refused:
        _exact_rows(path)
    assert (refused.value.line, refused.value.field, refused.value.value) == (3, "t", year)


def test_baci_quoted_year_reads_the_same_both_ways(tmp_path: Path) -> None:
    path = _baci_file(tmp_path, [*BACI_LINES, '"2021",4,32,852390,0.029,"        1.500"'])
    assert _assert_same(path, tmp_path / "parts") == 2


def test_baci_short_line_evened_out_by_a_quoted_separator_is_left_to_the_exact_reader(
    tmp_path: Path,
) -> None:
    """A line without its quantity (and separator) and a quantity holding a quoted comma
    hold as many separators as valid lines do; a missing quantity is null in the query."""
    lines = [*BACI_LINES, '2021,4,32,852390,0.029,"1,5"', "2021,4,36,710399,1.5"]
    assert sum(line.count(",") for line in lines) == len(lines) * 5
    path = _baci_file(tmp_path, lines)
    assert _fast_rows(path, tmp_path / "parts") is None
    with pytest.raises(SourceFormatError) as refused:
        _exact_rows(path)
    assert refused.value.line in (3, 4)


def test_comext_short_line_evened_out_by_a_quoted_separator_is_left_to_the_exact_reader(
    tmp_path: Path,
) -> None:
    """A line short of its last (unused) field and a quoted comma on another line hold as many
    separators as valid lines do: the fast path must not take the file, as the exact reader
    refuses it, naming the short line."""
    header, first, second, third = REAL_FILES[1].read_text().splitlines()[:4]
    quoted = first.split(",")
    quoted[4] = f'"{quoted[4]},1"'  # PRODUCT_SITC, which no canonical column reads
    short = second.rsplit(",", 1)[0]  # QUANTITY_SUPPL_UNIT left out, with its separator
    lines = [header, ",".join(quoted), short, third]
    assert sum(line.count(",") for line in lines) == len(lines) * header.count(",")
    path = tmp_path / "full_202402.dat"
    path.write_text("\n".join(lines) + "\n")
    assert _fast_rows(path, tmp_path / "parts") is None
    assert not (tmp_path / "parts").exists()
    with pytest.raises(SourceFormatError) as refused:
        _exact_rows(path)
    assert refused.value.line == 3


def test_a_sink_polars_opens_after_its_error_lands_outside_the_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """polars 2.2 can create a sink's file after `collect_all` has raised (seen as a 0-byte
    part in about 1 of 60 ingests under load): the late file is made here, deterministically,
    right after the failed sink's folder is removed."""
    import bilateral.store.lazy_parts as lazy_parts

    sinks: list[Path] = []
    sink_parquet, rmtree = pl.LazyFrame.sink_parquet, shutil.rmtree

    def recording_sink(frame: pl.LazyFrame, path: object, **options: object) -> object:
        if isinstance(path, str | Path):
            sinks.append(Path(path))
        return sink_parquet(frame, path, **options)  # type: ignore[arg-type]

    def rmtree_then_late_file(path: Path, ignore_errors: bool = False) -> None:
        rmtree(path, ignore_errors=ignore_errors)
        late = sinks[-1]
        late.parent.mkdir(parents=True, exist_ok=True)
        late.touch()

    monkeypatch.setattr(pl.LazyFrame, "sink_parquet", recording_sink)
    monkeypatch.setattr(lazy_parts.shutil, "rmtree", rmtree_then_late_file)
    header, first, second = REAL_FILES[1].read_text().splitlines()[:3]
    fields = dict(zip(header.split(","), second.split(","), strict=True))
    fields["PERIOD"] = "202413"
    path = tmp_path / "full_202402.dat"
    path.write_text("\n".join([header, first, ",".join(fields.values())]) + "\n")
    target = tmp_path / "parts"
    with open_source(path, GIVEN_VINTAGE) as read:
        assert write_lazy_parts(read, target) is None
    assert sinks[-1].stat().st_size == 0  # the late file was made
    assert not target.exists()  # and not where the exact reader writes its parts
