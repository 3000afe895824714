"""The store's Delta tables: their schemas, partitions and properties (no engine, no SQL)."""

from __future__ import annotations

from typing import Final

import pyarrow as pa

from bilateral.schema import FLOW_SCHEMA
from bilateral.store.layout import TableName

ROLLUP_KEY: Final = ("source", "reporter", "partner", "flow", "year", "month", "product_level")
_MEASURES: Final = [
    pa.field("value", pa.float64()),
    pa.field("confidential_value", pa.float64()),
    pa.field("quantity_kg", pa.float64()),
    pa.field("rows", pa.int64()),
    pa.field("currency", pa.string()),
    pa.field("flags", pa.string()),
    pa.field("vintage", pa.string()),
]
ROLLUP_TOTALS_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("reporter", pa.string()),
        pa.field("partner", pa.string()),
        pa.field("flow", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("month", pa.int8()),
        pa.field("product_level", pa.string()),
        *_MEASURES,
    ]
)
ROLLUP_PRODUCTS_SCHEMA: Final = pa.schema(
    [
        *(ROLLUP_TOTALS_SCHEMA.field(name) for name in ROLLUP_KEY),
        pa.field("classification", pa.string()),
        pa.field("code", pa.string()),
        *_MEASURES,
    ]
)
INGEST_LOG_SCHEMA: Final = pa.schema(
    [
        pa.field("ingest_id", pa.string()),
        pa.field("file_name", pa.string()),
        pa.field("file_path", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("size_bytes", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("dataset", pa.string()),
        pa.field("status", pa.string()),
        pa.field("rows_read", pa.int64()),
        pa.field("rows_stored", pa.int64()),
        pa.field("rows_quarantined", pa.int64()),
        pa.field("quarantine_notes", pa.string()),
        pa.field("rows_replaced", pa.int64()),
        pa.field("periods", pa.string()),
        pa.field("vintage", pa.string()),
        pa.field("flows_version", pa.int64()),
        pa.field("started_at", pa.timestamp("us", tz="UTC")),
        pa.field("seconds_read", pa.float64()),
        pa.field("seconds_write", pa.float64()),
        pa.field("seconds_total", pa.float64()),
        # The version of every table once this entry's write was done: the entry publishes them.
        pa.field("table_versions", pa.string()),
        pa.field("committed_at", pa.timestamp("us", tz="UTC")),
        # How to ingest the file again, as JSON: its member, the options given, its periods.
        pa.field("replay", pa.string()),
    ]
)
# The CPA 2.1 code that each CN8 line of a source carries, learnt from the rows it came with.
PRODUCT_LINKS_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("month", pa.int8()),
        pa.field("product_scheme", pa.string()),
        pa.field("product", pa.string()),
        pa.field("product_cpa", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("rows", pa.int64()),
    ]
)
# The relations timeline: one row per event between two territories (lists as JSON text).
EVENTS_SCHEMA: Final = pa.schema(
    [
        pa.field("event_key", pa.string()),
        pa.field("date", pa.date32()),
        pa.field("kind", pa.string()),
        pa.field("title", pa.string()),
        pa.field("territory_a", pa.string()),
        pa.field("territory_b", pa.string()),
        pa.field("place", pa.string()),
        pa.field("participants", pa.string()),
        pa.field("themes", pa.string()),
        pa.field("sectors", pa.string()),
        pa.field("link", pa.string()),
        pa.field("source_file", pa.string()),
        pa.field("ingest_id", pa.string()),
    ]
)
SCHEMAS: Final[dict[TableName, pa.Schema]] = {
    "flows": FLOW_SCHEMA,
    "rollup_totals": ROLLUP_TOTALS_SCHEMA,
    "rollup_products": ROLLUP_PRODUCTS_SCHEMA,
    "product_links": PRODUCT_LINKS_SCHEMA,
    "ingest_log": INGEST_LOG_SCHEMA,
    "events": EVENTS_SCHEMA,
}
# Every version stays readable (time travel is the vintage history) until `store vacuum` is told
# a retention: the log is never cleaned up after a checkpoint.
TABLE_PROPERTIES: Final[dict[str, str]] = {
    "delta.enableExpiredLogCleanup": "false",
    "delta.logRetentionDuration": "interval 36500 days",
}
PARTITIONS: Final[dict[TableName, list[str]]] = {
    "flows": ["source", "year"],
    "rollup_totals": ["source"],
    "rollup_products": ["source"],
    "product_links": ["source"],
    "ingest_log": [],
    "events": [],
}
