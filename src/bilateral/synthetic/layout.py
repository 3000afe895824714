"""Turn integer-coded SYNTHETIC rows into full_v2 CSV text, in the real files' layout.

Rows are built as `Block`s of integer codes (indices into the partner list and the product
catalogue) and only become text here: the 18 full_v2 columns, no quoting, `\\n` line ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.errors import InvalidArgumentError
from bilateral.synthetic.catalogue import HEADER, nac_per_eur, partners, trade_type


@dataclass(frozen=True)
class Block:
    """Rows as integer codes: indices into the partner list and the product catalogue."""

    reporter: npt.NDArray[np.int64]
    partner: npt.NDArray[np.int64]
    product: npt.NDArray[np.int64]
    flow: npt.NDArray[np.int64]
    stat: npt.NDArray[np.int64]
    value: npt.NDArray[np.int64]
    kg: npt.NDArray[np.int64]


def concat_blocks(blocks: list[Block]) -> Block:
    """Stack blocks of rows, in order, into one."""
    fields = ("reporter", "partner", "product", "flow", "stat", "value", "kg")
    return Block(*(np.concatenate([getattr(block, name) for block in blocks]) for name in fields))


def to_frame(block: Block, period: str, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Turn integer-coded rows into the 18 full_v2 columns, all as text or integers."""
    codes, _ = partners()
    year = int(period[:4])
    code_series = pl.Series(codes)
    types = pl.Series([trade_type(code, year) for code in codes])
    rates = np.array([nac_per_eur(code, year) for code in codes])
    nac = np.round(block.value * rates[block.reporter]).astype(np.int64)
    products = catalogue.select(HEADER[3:10])[block.product]
    rows = len(block.value)
    return (
        pl.DataFrame(
            {
                "REPORTER": code_series.gather(block.reporter),
                "PARTNER": code_series.gather(block.partner),
                "TRADE_TYPE": types.gather(block.partner),
            }
        )
        .hstack(products)
        .with_columns(
            pl.Series("FLOW", block.flow).cast(pl.String),
            pl.Series("STAT_PROCEDURE", block.stat).cast(pl.String),
            pl.repeat("NO_SU", rows, eager=True).alias("SUPPL_UNIT"),
            pl.repeat(period, rows, eager=True).alias("PERIOD"),
            pl.Series("VALUE_EUR", block.value),
            pl.Series("VALUE_NAC", nac),
            pl.Series("QUANTITY_KG", block.kg),
            pl.repeat(0, rows, eager=True, dtype=pl.Int64).alias("QUANTITY_SUPPL_UNIT"),
        )
    )


def write_header(handle: IO[bytes]) -> None:
    """Write the full_v2 header line."""
    handle.write((",".join(HEADER) + "\n").encode())


def append_rows(frame: pl.DataFrame, handle: IO[bytes]) -> None:
    """Write a frame's rows, without a header, as full_v2 CSV lines."""
    frame.write_csv(handle, include_header=False, quote_style="never", line_terminator="\n")


def check_period(period: str) -> None:
    """Reject a PERIOD that is not `YYYYMM` or `YYYY52`."""
    month = period[4:]
    if not (len(period) == 6 and period.isdigit() and (month == "52" or "01" <= month <= "12")):
        raise InvalidArgumentError("period", period, "YYYYMM, or YYYY52 for a whole year")
