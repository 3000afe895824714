"""Rollups materialised at ingest: totals by pair, flow and period; by HS chapter and CPA division.

They are recomputed from the flows table for the source and periods an ingest touched, so they
always agree with the flows they summarise.
"""

from __future__ import annotations

from typing import Final

PRODUCT_LEVEL_SQL: Final = """
    CASE
        WHEN product_scheme = 'TOTAL' THEN 'TOTAL'
        WHEN product_scheme LIKE 'CN%' THEN 'CN8'
        ELSE product_scheme
    END
"""

_MEASURES_SQL: Final = """
    sum(value) AS value,
    sum(CASE WHEN contains(coalesce(flags, ''), 'confidential') THEN value ELSE 0 END)
        AS confidential_value,
    sum(quantity_kg) AS quantity_kg,
    count(*) AS rows,
    min(currency) AS currency,
    array_to_string(list_sort(list_distinct(string_split(string_agg(DISTINCT flags, ','), ','))),
        ',') AS flags,
    max(vintage) AS vintage
"""


def totals_sql(relation: str) -> str:
    """Return the query of the totals rollup over `relation` (a view of flows)."""
    return f"""
        SELECT source, reporter, partner, flow, year, month,
               {PRODUCT_LEVEL_SQL} AS product_level,
               {_MEASURES_SQL}
        FROM {relation}
        GROUP BY ALL
    """


def products_sql(relation: str) -> str:
    """Return the query of the HS chapter and CPA division rollup over `relation`."""
    detail = f"{PRODUCT_LEVEL_SQL} IN ('CN8', 'HS6', 'HS4', 'HS2')"
    return f"""
        SELECT source, reporter, partner, flow, year, month,
               {PRODUCT_LEVEL_SQL} AS product_level,
               'HS2' AS classification, substr(product, 1, 2) AS code,
               {_MEASURES_SQL}
        FROM {relation} WHERE {detail}
        GROUP BY ALL
        UNION ALL
        SELECT source, reporter, partner, flow, year, month,
               {PRODUCT_LEVEL_SQL} AS product_level,
               'CPA2' AS classification,
               CASE WHEN contains(product_cpa, 'X') THEN 'XX' ELSE substr(product_cpa, 1, 2) END
                   AS code,
               {_MEASURES_SQL}
        FROM {relation} WHERE product_cpa IS NOT NULL
        GROUP BY ALL
    """
