"""Write a SYNTHETIC file in the CEPII BACI layout, for benchmarks and tests.

Every figure is invented by a seeded generator: the file is NOT BACI data. It copies the
layout of BACI HS92 V202301 year files: the quoted header `"t","i","j","k","v","q"`, CEPII
country codes, `k` without its leading zero (`81310`), `v` in thousand USD with up to three
decimals, and `q` in tonnes as a quoted string left-padded to 13 characters, `NA` where the
quantity is unknown. Rows come in BACI's order: by exporter, importer and product.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from bilateral.errors import UnknownTerritoryError
from bilateral.reference.code_systems import to_canonical
from bilateral.reference.numeric_codes import iso_numeric

HEADER = '"t","i","j","k","v","q"'
_PRODUCTS_PER_CHAPTER = 56
_UNKNOWN_QUANTITY_SHARE = 0.03


def write_baci(path: Path, *, rows: int, seed: int, year: int = 2021) -> int:
    """Write `rows` distinct synthetic BACI rows for `year` to `path`; return the row count.

    Memory stays bounded: rows are drawn and written one exporter at a time.
    """
    countries = baci_countries(year)
    products = hs6_codes()
    cells = (len(countries) - 1) * len(products)
    if rows > len(countries) * cells:
        raise ValueError(f"at most {len(countries) * cells:,} distinct rows; asked for {rows:,}")
    generator = np.random.default_rng(seed)
    shares = np.full(len(countries), rows // len(countries))
    shares[: rows % len(countries)] += 1
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER + "\n")
        for exporter, count in zip(countries, shares, strict=True):
            partners = np.array([c for c in countries if c != exporter])
            chosen = np.sort(generator.choice(cells, size=int(count), replace=False))
            block = _block(generator, year, exporter, partners, products, chosen)
            out.write(block.write_csv(include_header=False, quote_style="non_numeric"))
    return rows


def _block(
    generator: np.random.Generator,
    year: int,
    exporter: int,
    partners: np.ndarray,
    products: np.ndarray,
    chosen: np.ndarray,
) -> pl.DataFrame:
    count = len(chosen)
    value = np.round(generator.lognormal(mean=1.0, sigma=2.5, size=count) + 0.001, 3)
    kilograms = np.rint(value * generator.uniform(50.0, 3000.0, size=count)).astype(np.int64)
    unknown = generator.random(count) < _UNKNOWN_QUANTITY_SHARE
    thousandths = pl.Series(kilograms)
    tonnes = (
        (thousandths // 1000).cast(pl.String)
        + "."
        + ((thousandths % 1000).cast(pl.String).str.pad_start(3, "0"))
    )
    quantity = pl.select(
        pl.when(pl.Series(unknown)).then(pl.lit("NA")).otherwise(tonnes).str.pad_start(13)
    ).to_series()
    return pl.DataFrame(
        {
            "t": np.full(count, year),
            "i": np.full(count, exporter),
            "j": partners[chosen // len(products)],
            "k": products[chosen % len(products)],
            "v": value,
            "q": quantity,
        }
    )


@cache
def baci_countries(year: int) -> list[int]:
    """Return CEPII country codes that the BACI code list maps to a country in `year`."""
    codes = []
    for numeric in sorted({int(code) for code in iso_numeric()}):
        try:
            to_canonical("baci", str(numeric), year=year)
        except UnknownTerritoryError:
            continue
        codes.append(numeric)
    return codes


@cache
def hs6_codes() -> np.ndarray:
    """Return made-up HS6 codes inside the real chapters 01-97 (not 77), as BACI writes them."""
    chapters = [c for c in range(1, 98) if c != 77]
    codes = [
        chapter * 10_000 + heading * 100 + sub
        for chapter in chapters
        for heading in range(1, 8)
        for sub in (10, 20, 30, 40, 50, 60, 70, 90)
    ]
    assert len(codes) == len(chapters) * _PRODUCTS_PER_CHAPTER
    return np.array(codes, dtype=np.int64)
