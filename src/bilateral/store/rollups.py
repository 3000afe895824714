"""Rollups materialised at ingest: totals by pair, flow and period; by HS chapter and CPA division.

One pass over the flows groups them by pair, flow, period, product level, chapter, division and
flag set; both rollups are then summed from that small table.
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
_KEY: Final = "source, reporter, partner, flow, year, month, product_level"

_MEASURES_SQL: Final = """
    sum(value) AS value,
    sum(CASE WHEN contains(coalesce(flags, ''), 'confidential') THEN value ELSE 0 END)
        AS confidential_value,
    sum(quantity_kg) AS quantity_kg,
    sum(rows)::BIGINT AS rows,
    min(currency) AS currency,
    array_to_string(list_sort(list_distinct(string_split(string_agg(DISTINCT flags, ','), ','))),
        ',') AS flags,
    max(vintage) AS vintage
"""


def detail_sql(relation: str) -> str:
    """Return the one-pass grouping of the flows in `relation` that both rollups read."""
    return f"""
        SELECT source, reporter, partner, flow, year, month,
               {PRODUCT_LEVEL_SQL} AS product_level,
               CASE WHEN {PRODUCT_LEVEL_SQL} IN ('CN8', 'HS6', 'HS4', 'HS2')
                    THEN substr(product, 1, 2) END AS chapter,
               CASE WHEN contains(product_cpa, 'X') THEN 'XX' ELSE substr(product_cpa, 1, 2) END
                   AS division,
               flags,
               sum(value) AS value,
               sum(quantity_kg) AS quantity_kg,
               count(*) AS rows,
               min(currency) AS currency,
               max(vintage) AS vintage
        FROM {relation}
        GROUP BY ALL
    """


def totals_sql(detail: str) -> str:
    """Return the totals rollup, summed from the detail grouping `detail`."""
    return f"SELECT {_KEY}, {_MEASURES_SQL} FROM {detail} GROUP BY ALL"


def products_sql(detail: str) -> str:
    """Return the HS chapter and CPA division rollup, summed from the detail grouping `detail`."""
    return f"""
        SELECT {_KEY}, 'HS2' AS classification, chapter AS code, {_MEASURES_SQL}
        FROM {detail} WHERE chapter IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT {_KEY}, 'CPA2' AS classification, division AS code, {_MEASURES_SQL}
        FROM {detail} WHERE division IS NOT NULL GROUP BY ALL
    """


def links_sql(relation: str) -> str:
    """Return the CN8 -> CPA links of the flows in `relation`, with the value behind each.

    Confidential lines (`39XXXXXX`, CPA `XXXX`) say nothing of the link and are left out.
    """
    return f"""
        SELECT source, year, month, product_scheme, product, product_cpa,
               sum(value) AS value, count(*)::BIGINT AS rows
        FROM {relation}
        WHERE product_scheme LIKE 'CN%' AND product_cpa IS NOT NULL
          AND NOT contains(product, 'X') AND NOT contains(product_cpa, 'X')
        GROUP BY ALL
    """
