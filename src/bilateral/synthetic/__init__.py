"""Write SYNTHETIC trade data in the Eurostat Comext bulk "full_v2" CSV layout.

Every figure these functions write is invented by a seeded random generator: the files are
synthetic, NOT official statistics, and must never be quoted as Eurostat data. They copy the
layout of the real files (header, code formats, confidential rows, `NA` = Namibia) so that
demos, tests and benchmarks can run without downloading Comext; the CN8 codes are made up
within real chapters and headings, and the CN8 -> SITC / CPA / BEC links are a fixed synthetic
mapping by heading, not the official correspondence tables.

`write_demo_files` writes seven annual files (2017-2023) for seven reporters with
Italy <-> Belgium totals of a plausible size; `write_monthly_demo_file` the months of that
pair; `write_demo_rates_file` made-up monthly and annual euro exchange rates in the ECB's CSV
layout; `write_full_v2` writes one period of any number of rows, shuffled or in the published
order, in bounded memory, for benchmarks.

The modules: `catalogue` (the column header, the chapter / product and partner tables),
`seeds` (seeding and keyed random draws), `layout` (integer-coded rows to full_v2 CSV text),
`keys` (the benchmark key space and its pseudo-random permutation), `order` (the published
row order of those keys), `bulk` (`write_full_v2`), `demo` (`write_demo_files`),
`regional` (`write_regional_demo_file`: Emilia-Romagna by CPA division, tidy regional layout),
`monthly` (`write_monthly_demo_file`) and `rates` (`write_demo_rates_file`).
"""

from __future__ import annotations

from bilateral.synthetic.bulk import write_full_v2
from bilateral.synthetic.catalogue import (
    EU_REPORTERS,
    HEADER,
    eu_members,
    nac_per_eur,
    partners,
    product_catalogue,
    trade_type,
)
from bilateral.synthetic.demo import DEMO_REPORTERS, DEMO_YEARS, write_demo_files
from bilateral.synthetic.monthly import write_monthly_demo_file
from bilateral.synthetic.rates import write_demo_rates_file
from bilateral.synthetic.regional import write_regional_demo_file

__all__ = [
    "DEMO_REPORTERS",
    "DEMO_YEARS",
    "EU_REPORTERS",
    "HEADER",
    "eu_members",
    "nac_per_eur",
    "partners",
    "product_catalogue",
    "trade_type",
    "write_demo_files",
    "write_demo_rates_file",
    "write_full_v2",
    "write_monthly_demo_file",
    "write_regional_demo_file",
]
