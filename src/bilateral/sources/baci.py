"""CEPII BACI files (`BACI_HS92_Y2021_V202301.csv`, any HS revision and release, and subsets).

Header `"t","i","j","k","v","q"` (quoted up to V202301, plain `t,i,j,k,v,q` later): t = year,
i = exporter, j = importer (CEPII numeric country codes, mapped with
`to_canonical("baci", code, year=t)`: 58 is Belgium-Luxembourg before 1999, 490 Other Asia nes
`S19`), k = HS6 product in the revision the file name gives (`BACI_HS92_...` is HS1992,
`HS96` HS1996 ... `HS22` HS2022), v = value in thousand USD, q = quantity in metric tons.

Quirks: `q` is a quoted, left-padded string (`"       13.235"`) and may be `NA` or empty (no
quantity: stored as null, the row is kept); `k` lost its leading zero in files written through
numeric columns (`10121` for 010121), so a 5-digit code is padded to 6 digits.

Stored as: value v * 1000 USD, quantity_kg q * 1000, product_scheme the HS revision of the
file name (`HS1992` for `BACI_HS92_...`: a 6-digit subheading of that revision; `HS6` where the
name does not say), year t, month null, vintage the release in the file name (`V202301`)
unless the options give one.

Reconciled flows: BACI reconciles the exporter's and the importer's declarations into one
figure, so one row is both i's export to j and j's import from i. It is stored once, as
reporter i, partner j, flow `export`, flagged `reconciled`. The query layer must read a
`reconciled` row for both views (as j's imports from i too, with the same value, FOB); a
profile that only reads `flow = 'import'` rows would find no BACI imports.

Replace scope: a file named as CEPII publishes it (`BACI_HSxx_Yyyyy_Vxxxxxx.csv`) is the
complete year, and replaces every stored BACI row of that year ("period"); any other name is
treated as an extract (such as the subset of a few exporters), whose rows replace the stored rows
with the same key only ("key"). Each row keeps its revision, so that titles and conversions
read the tables of that revision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.deferred import deferred
from bilateral.errors import DuplicateRowError, UnknownTerritoryError
from bilateral.reference.code_systems import to_canonical
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers, recode
from bilateral.sources.lazy import (
    SUSPECT,
    LazyRows,
    any_null,
    by_position,
    first_row,
    odd_number,
    scan_text,
)
from bilateral.sources.stream import stream_blocks

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

SOURCE: Final = "baci"
COLUMNS: Final = ("t", "i", "j", "k", "v", "q")
HEADER: Final = ",".join(f'"{name}"' for name in COLUMNS)
PLAIN_HEADER: Final = ",".join(COLUMNS)
REVISIONS: Final = {
    "92": "HS1992",
    "96": "HS1996",
    "02": "HS2002",
    "07": "HS2007",
    "12": "HS2012",
    "17": "HS2017",
    "22": "HS2022",
}
_OFFICIAL_NAME: Final = re.compile(r"^BACI_HS([0-9]{2})_Y([0-9]{4})_V([0-9]{6})\.csv$", re.I)
_REVISION_IN_NAME: Final = re.compile(r"BACI_HS([0-9]{2})", re.I)
_RELEASE_IN_NAME: Final = re.compile(r"_V([0-9]{6})(?![0-9])", re.I)
_MISSING_QUANTITY: Final = ("", "NA")
_KEY: Final = ("reporter", "partner", "year", "product")
_COUNTRY_EXPECTED: Final = (
    "a CEPII BACI country code valid in that year (such as 56 Belgium, 380 Italy, "
    "58 Belgium-Luxembourg before 1999, 490 Other Asia nes)"
)


class Baci:
    """CEPII BACI bilateral trade at HS6, reconciled from both sides' declarations."""

    name = SOURCE
    header = HEADER
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "HS6"
    import_valuation: ImportValuation = "FOB"
    partner_coverage: PartnerCoverage = "every_partner"
    description = "CEPII BACI CSV (t,i,j,k,v,q; any HS revision and release)"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the BACI header, quoted (to V202301) or plain."""
        return header in (HEADER, PLAIN_HEADER)

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Stream the file as canonical batches (a full BACI year has millions of rows)."""
        name = FileName.of(data_path)
        vintage = options.vintage or name.release or _file_date(data_path)
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset=name.dataset(),
            path=path,
            batches=_batches(path, data_path, name, vintage, options.synthetic, stats),
            stats=stats,
            replace_scope="period" if name.official else "key",
            complete_products=name.official,
            vintage_kind="given"
            if options.vintage
            else ("release" if name.release else "file_date"),
            lazy=_lazy_rows(data_path, name, vintage, options.synthetic),
        )


class FileName:
    """What a BACI file's name says: HS revision, year and release, and if it is official."""

    def __init__(
        self, revision: str | None, year: int | None, release: str | None, official: bool
    ) -> None:
        self.revision = revision
        self.year = year
        self.release = release
        self.official = official

    @classmethod
    def of(cls, path: Path) -> FileName:
        """Read the name of `path` (`BACI_HS92_Y2021_V202301.csv` is official)."""
        official = _OFFICIAL_NAME.match(path.name)
        revision = _REVISION_IN_NAME.search(path.name)
        release = _RELEASE_IN_NAME.search(path.name)
        return cls(
            revision=REVISIONS.get(revision.group(1)) if revision else None,
            year=int(official.group(2)) if official else None,
            release=f"V{release.group(1)}" if release else None,
            official=official is not None and official.group(1) in REVISIONS,
        )

    def dataset(self) -> str:
        """Return the dataset name: "CEPII BACI HS1992 V202301", "(extract)" for a subset.

        >>> FileName.of(Path("BACI_HS92_Y2021_V202301.csv")).dataset()
        'CEPII BACI HS1992 V202301'
        >>> FileName.of(Path("BACI_HS17_Y2022_V202401_ITA.csv")).dataset()
        'CEPII BACI HS2017 V202401 (extract)'
        """
        parts = ["CEPII BACI", self.revision or "(HS revision not in the file name)"]
        if self.release:
            parts.append(self.release)
        if not self.official:
            parts.append("(extract)")
        return " ".join(parts)


def _file_date(path: Path) -> str:
    stamp = path.stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()


def _batches(
    path: Path, data_path: Path, name: FileName, vintage: str, synthetic: bool, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    def normalise(raw: pa.RecordBatch, first_line: int) -> pa.RecordBatch:
        return _normalise(path, raw, first_line, name, vintage, synthetic)

    return stream_blocks(path, data_path, COLUMNS, normalise, stats)


def _normalise(
    path: Path,
    raw: pa.RecordBatch,
    first_line: int,
    name: FileName,
    vintage: str,
    synthetic: bool,
) -> pa.RecordBatch:
    rows = raw.num_rows
    lines = line_numbers(first_line, rows)
    check = BatchChecker(path, lines)
    col = raw.column

    check.pattern(col("t"), r"^(19|20)[0-9]{2}$", "t", "a year such as 2021")
    if name.year is not None:
        check.one_of(col("t"), (str(name.year),), "t")
    year = pc.cast(col("t"), pa.int16())
    reporter = _countries(col("i"), col("t"), check, "i")
    partner = _countries(col("j"), col("t"), check, "j")

    check.pattern(
        col("k"),
        r"^[0-9]{5,6}$",
        "k",
        "an HS6 code of 6 digits (or 5 where the leading zero was lost, 10121 for 010121)",
    )
    product = pc.utf8_lpad(col("k"), 6, "0")

    value = check.number(pc.utf8_trim_whitespace(col("v")), "v", scale=1000.0)
    quantity_text = pc.utf8_trim_whitespace(col("q"))
    missing = pc.is_in(quantity_text, pa.array(_MISSING_QUANTITY))
    quantity_text = pc.if_else(missing, "", quantity_text)
    quantity = check.number(quantity_text, "q", allow_empty=True, scale=1000.0)

    def constant(text: str) -> pa.Array:
        return pa.repeat(pa.scalar(text, pa.string()), rows)

    columns = {
        "source": constant(SOURCE),
        "reporter": reporter,
        "partner": partner,
        "flow": constant("export"),
        "year": year,
        "month": pa.nulls(rows, pa.int8()),
        "product": product,
        "product_scheme": constant(name.revision or "HS6"),
        "product_cpa": pa.nulls(rows, pa.string()),
        "value": value,
        "currency": constant("USD"),
        "quantity_kg": quantity,
        "flags": join_flags(
            (True, "reconciled"), (True, "synthetic") if synthetic else None, length=rows
        ),
        "trade_type": pa.nulls(rows, pa.string()),
        "stat_procedure": pa.nulls(rows, pa.string()),
        "vintage": constant(vintage),
        LINE_COLUMN: lines,
    }
    batch = pa.RecordBatch.from_arrays(
        [columns[column] for column in BATCH_SCHEMA.names], schema=BATCH_SCHEMA
    )
    _reject_conflicting_lines(path, batch, raw)
    return batch


def _lazy_rows(data_path: Path, name: FileName, vintage: str, synthetic: bool) -> LazyRows | None:
    """Return the file's rows as a polars query (the fast path of `_normalise`).

    Country codes are mapped for the year of the file name, or else of the first row: a row
    whose year is not written as exactly that year (no sign, padding or leading zero) is
    suspect. The country codes are parsed as enums of the codes valid in that year, so that a
    line with any other fails the query (the exact reader then names it); codes are then
    mapped by their enum positions (stored as text). The quantity is parsed as a number,
    blank or `NA` as null: `NA` spelled as the first row aligns its quantity
    (`_missing_quantity`); a row that spells it otherwise fails the query. A row is suspect
    where a field is missing or a value is one `_normalise` might reject.
    """
    first = first_row(data_path, COLUMNS)
    if first is None:
        return None  # no rows, or no line polars can read: the exact reader says which
    year = name.year
    if year is None:
        if not re.fullmatch(r"(19|20)[0-9]{2}", first["t"]):
            return None
        year = int(first["t"])
    countries = _country_codes(year)
    codes = {"i": list(countries), "j": list(countries)}
    canonical = list(countries.values())
    raw = scan_text(
        data_path, COLUMNS, numbers=("v", "q"), enums=codes, missing={"q": _missing_quantity(first)}
    ).with_columns(
        reporter=by_position(pl.col("i"), canonical),
        partner=by_position(pl.col("j"), canonical),
    )
    quantity = pl.col("q")
    flags = ",".join(["reconciled", "synthetic"] if synthetic else ["reconciled"])
    suspect = (
        any_null([name for name in COLUMNS if name != "q"])
        | (pl.col("t") != str(year))
        | ~pl.col("k").str.contains(r"^[0-9]{5,6}$")
        | odd_number(pl.col("v"))
        | (quantity.is_not_null() & odd_number(quantity))
    )
    frame = raw.select(
        source=_constant(SOURCE),
        reporter="reporter",
        partner="partner",
        flow=_constant("export"),
        year=pl.lit(year, pl.Int16),
        month=pl.lit(None, pl.Int8),
        product=pl.col("k").str.pad_start(6, "0"),
        product_scheme=_constant(name.revision or "HS6"),
        product_cpa=pl.lit(None, pl.String),
        value=pl.col("v") * 1000.0,
        currency=_constant("USD"),
        quantity_kg=quantity * 1000.0,
        flags=_constant(flags),
        trade_type=pl.lit(None, pl.String),
        stat_procedure=pl.lit(None, pl.String),
        vintage=_constant(vintage),
        **{SUSPECT: suspect},
    )
    return LazyRows(frame, data_path, len(COLUMNS), year)


def _missing_quantity(first: Mapping[str, str]) -> str:
    """Return how the file spells a missing quantity: `NA`, right-aligned to the width of the
    first row's quantity where that is padded (as in CEPII's files to V202301, 13 characters).

    >>> _missing_quantity({"q": "       13.235"}), _missing_quantity({"q": "13.235"})
    ('           NA', 'NA')
    """
    quantity = first["q"]
    padded = quantity.startswith(" ")
    return "NA".rjust(len(quantity)) if padded else "NA"


def _constant(text: str) -> pl.Expr:
    """Return a column of the one value `text` (an enum of one category: the sink writes it as
    a dictionary of that value, not row by row; it reads back as text)."""
    return pl.lit(text, pl.Enum([text]))


def _country_codes(year: int) -> dict[str, str]:
    """Return every BACI country code written without leading zeros, valid in `year`."""
    codes: dict[str, str] = {}
    for number in range(1000):
        try:
            codes[str(number)] = to_canonical("baci", str(number), year=year)
        except UnknownTerritoryError:
            continue
    return codes


def _countries(codes: pa.Array, years: pa.Array, check: BatchChecker, field: str) -> pa.Array:
    """Map BACI country codes to canonical codes by year; an unknown code fails on its line."""
    check.pattern(codes, r"^[0-9]{1,3}$", field, _COUNTRY_EXPECTED)
    keys = pc.binary_join_element_wise(codes, years, "|")

    def canonical(key: str) -> str:
        code, _, year = key.partition("|")
        try:
            return to_canonical("baci", code, year=int(year))
        except UnknownTerritoryError as error:
            problem = f"unknown country code ({error.query})"
            check.fail(pc.index(keys, key).as_py(), field, problem, code, _COUNTRY_EXPECTED)
            raise

    return recode(keys, canonical, pa.string())


def _reject_conflicting_lines(path: Path, batch: pa.RecordBatch, raw: pa.RecordBatch) -> None:
    """Fail where two lines of the batch give different figures for one t, i, j and k.

    Lines repeated verbatim pass: the store keeps one and counts the others. Conflicts across
    batches (16 MB apart in the file) are caught by the store, which names the lines only.
    """

    # t, i, j and k packed in one int64 (4, 3, 3 and 6 digits, checked): distinct keys are
    # counted on integers, many times faster than grouping the canonical strings.
    def number(name: str) -> pa.Array:
        return pc.cast(raw.column(name), pa.int64())

    packed = pc.add(
        pc.multiply(pc.add(pc.multiply(number("t"), 1000), number("i")), 10**9),
        pc.add(pc.multiply(number("j"), 10**6), number("k")),
    )
    if pc.count_distinct(packed).as_py() == raw.num_rows:
        return
    table = pa.Table.from_batches([batch]).select([*_KEY, "value", "quantity_kg", LINE_COLUMN])
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    key = list(_KEY)
    figures = pl.struct("value", "quantity_kg").n_unique().over(key)
    conflicts = frame.filter((pl.len().over(key) > 1) & (figures > 1)).sort(LINE_COLUMN)
    if conflicts.height == 0:
        return
    first = conflicts.row(0, named=True)
    same_key = pl.all_horizontal(pl.col(name) == first[name] for name in key)
    same_figures = (pl.col("value") == first["value"]) & pl.col("quantity_kg").eq_missing(
        pl.lit(first["quantity_kg"], pl.Float64)
    )
    later = conflicts.filter(same_key & ~same_figures).row(0, named=True)
    field = "v" if first["value"] != later["value"] else "q"
    offset = later[LINE_COLUMN] - batch.column(LINE_COLUMN)[0].as_py()
    raise DuplicateRowError(
        path,
        f"lines {first[LINE_COLUMN]} and {later[LINE_COLUMN]} give different figures for the "
        f"same t, i, j and k ({later['year']}, {later['reporter']}, {later['partner']}, "
        f"{later['product']})",
        line=later[LINE_COLUMN],
        field=field,
        value=raw.column(field)[offset].as_py(),
        expected=f"one line per t, i, j and k (line {first[LINE_COLUMN]} gives another {field})",
    )
