"""The canonical flow table: every source is normalised to these columns."""

from __future__ import annotations

from typing import Final, Literal

import pyarrow as pa

from bilateral.choices import Flow as Flow

FLOWS: Final[tuple[Flow, ...]] = ("export", "import")

# The basis a value is on: CIF (cost, insurance and freight to the importer's border) or FOB
# (free on board at the exporter's border; customs value).
Valuation = Literal["CIF", "FOB"]
# How a source values imports: one basis for every row, both beside the value (value_cif and
# value_fob), or not said by the format.
ImportValuation = Literal["CIF", "FOB", "both", "unknown"]
# How a format's files hold a reporter's partners: every partner of each flow it declares
# (bulk and release files), or the partners asked for (extracts), whole only where the
# partner rows sum to the reporter's published WORLD row.
PartnerCoverage = Literal["every_partner", "checked_against_world"]
# What products a figure sums: a published total only, every product of a complete file, or
# the products of an extract (an API slice), which are not all trade.
ProductCompleteness = Literal["TOTAL only", "full detail", "extract"]
# The finest product codes a source publishes, finest first in PRODUCT_DETAIL_ORDER.
ProductDetail = Literal["CN8", "HS6", "CPA", "total"]
PRODUCT_DETAIL_ORDER: tuple[ProductDetail, ...] = ("CN8", "HS6", "CPA", "total")
# Whether a share can be measured from the data: confidential products cannot be seen in a
# published total or in reconciled flows.
Measurability = Literal["measured", "not measurable"]

# Row flags, joined with "," in the `flags` column.
Flag = Literal[
    "confidential",
    "confidential_partner",
    "unallocated_partner",
    "synthetic",
    "reconciled",
    "estimated",
    "provisional",
    "file_dated",  # the row's vintage is its file's date, not a release the publisher dated
]
# What a vintage is: the publisher's release or update date, the date of the file read (the
# publisher's date unknown), or one the user gave at ingest.
VintageKind = Literal["release", "file_date", "given"]

FLOW_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("reporter", pa.string(), nullable=False),
        pa.field("partner", pa.string(), nullable=False),
        pa.field("flow", pa.string(), nullable=False),
        pa.field("year", pa.int16(), nullable=False),
        pa.field("month", pa.int8()),
        pa.field("product", pa.string(), nullable=False),
        pa.field("product_scheme", pa.string(), nullable=False),
        # CPA 2.1 code (4 digits, no dot) published beside the product, where the source has it.
        pa.field("product_cpa", pa.string()),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("currency", pa.string(), nullable=False),
        pa.field("quantity_kg", pa.float64()),
        pa.field("flags", pa.string()),
        # Source breakdowns kept as published: intra_eu / extra_eu, Comext statistical procedure.
        pa.field("trade_type", pa.string()),
        pa.field("stat_procedure", pa.string()),
        pa.field("vintage", pa.string(), nullable=False),
        # The same figure on each valuation basis, where a source publishes both beside
        # `value` (Comtrade's cifvalue and fobvalue); null where it publishes one value only.
        pa.field("value_cif", pa.float64()),
        pa.field("value_fob", pa.float64()),
    ]
)

# Columns only some sources fill; readers that lack them leave them out of their batches.
VALUATION_COLUMNS: Final[tuple[str, ...]] = ("value_cif", "value_fob")

FLOW_COLUMNS: Final[tuple[str, ...]] = tuple(FLOW_SCHEMA.names)

# Columns that identify one figure; two rows with the same key in one file are duplicates.
FLOW_KEY: Final[tuple[str, ...]] = (
    "source",
    "reporter",
    "partner",
    "flow",
    "year",
    "month",
    "product",
    "product_scheme",
    "trade_type",
    "stat_procedure",
)

PARTITION_COLUMNS: Final[tuple[str, ...]] = ("source", "year")
CLUSTER_COLUMNS: Final[tuple[str, ...]] = ("reporter", "partner", "product")
