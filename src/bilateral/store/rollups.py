"""Rollups materialised at ingest: totals by pair, flow and period; by HS chapter and CPA division.

One pass over the flows groups them by pair, flow, period, product level, chapter, division and
flag set; both rollups are then summed from that table. The flag sets of a rollup row are
merged as bits (one per known flag, `flag_codes`), not as strings: a bitwise OR per group is
much cheaper than a distinct string aggregate when there are millions of groups (BACI).
"""

from __future__ import annotations

from typing import Final, get_args

from bilateral.schema import Flag

KNOWN_FLAGS: Final[tuple[str, ...]] = tuple(sorted(get_args(Flag)))

PRODUCT_LEVEL_SQL: Final = """
    CASE
        WHEN product_scheme = 'TOTAL' THEN 'TOTAL'
        WHEN product_scheme LIKE 'CN%' THEN 'CN8'
        WHEN regexp_matches(product_scheme, '^HS[0-9]{4}$') THEN 'HS6'
        ELSE product_scheme
    END
"""
_KEY: Final = "source, reporter, partner, flow, year, month, product_level"

# The flags of a group, sorted and comma-joined, from the OR of its rows' flag bits.
_FLAGS_SQL: Final = (
    "NULLIF(concat_ws(',', "
    + ", ".join(
        f"CASE WHEN bit_or(flag_bits) & {1 << bit} <> 0 THEN '{flag}' END"
        for bit, flag in enumerate(KNOWN_FLAGS)
    )
    + "), '')"
)

_MEASURES_SQL: Final = f"""
    sum(value) AS value,
    sum(CASE WHEN contains(coalesce(flags, ''), 'confidential') THEN value ELSE 0 END)
        AS confidential_value,
    sum(quantity_kg) AS quantity_kg,
    sum(rows)::BIGINT AS rows,
    min(currency) AS currency,
    {_FLAGS_SQL} AS flags,
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


def flag_codes_sql(detail: str) -> str:
    """Return each distinct flag set of `detail` with its bits and the flags it has no bit for.

    `unknown` must be empty: a flag outside the schema's `Flag` would otherwise be lost.
    """
    known = ", ".join(f"'{flag}'" for flag in KNOWN_FLAGS)
    bits = " + ".join(
        f"(CASE WHEN list_contains(parts, '{flag}') THEN {1 << bit} ELSE 0 END)"
        for bit, flag in enumerate(KNOWN_FLAGS)
    )
    return f"""
        SELECT flags, ({bits})::INTEGER AS flag_bits,
               list_filter(parts, lambda part: part <> '' AND part NOT IN ({known})) AS unknown
        FROM (SELECT flags, coalesce(string_split(flags, ','), []) AS parts
              FROM (SELECT DISTINCT flags FROM {detail}))
    """


def flagged_sql(detail: str, codes: str) -> str:
    """Return the rows of `detail` with the flag bits of their flag set from `codes`."""
    return f"""
        SELECT d.*, c.flag_bits FROM {detail} AS d
        JOIN {codes} AS c ON d.flags IS NOT DISTINCT FROM c.flags
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
