"""The six queries of bench/queries.py: each api call, its hand-written DuckDB SQL, their figures.

Each case pairs one `Store` method with the SQL a DuckDB user would write over the snapshot's
flow files (`read_parquet([...], hive_partitioning = true)`) to get the same numbers, and
says how to read comparable figures out of both results: {key: value}, keys as the reporting
territory declares them (the mirror view's "export" in an api result is the partner's
declared import, so it is turned back into "import" here).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ingest_profile import COUNTRIES, YEAR, pair_sql, profile_figures

FIRST, SECOND = COUNTRIES["IT"], COUNTRIES["BE"]  # ITA, BEL
PREVIOUS = YEAR - 1  # sectors, partners and products also read the year before (growth)
PAIR = (
    f"((reporter = '{FIRST}' AND partner = '{SECOND}') "
    f"OR (reporter = '{SECOND}' AND partner = '{FIRST}'))"
)
UNALLOCATED = ("QU", "QV", "QW", "QX", "QY", "QZ")  # Eurostat GEONOM: partner not specified
CONFIDENTIAL_PARTNERS = ("QX", "QY", "QZ")  # one line of their own in `partners`
# Partners that are no territory (GEONOM QU-QW not allocated, QP-QS high seas, stores and
# provisions) and the reporter itself: `partners` lists each apart, outside ranks and shares.
APART_PARTNERS = ("QU", "QV", "QW", "QP", "QQ", "QR", "QS", FIRST)
INTRA_EU_SPECIALS = ("QR", "QV", "QY")  # neither EU members nor extra-EU (see selection.py)
TOP_PRODUCTS = 20
TOP_CHAPTERS = 10  # `mirror`'s default

Figures = dict[tuple[Any, ...], float]
Rows = list[tuple[Any, ...]]

SECTORS_SQL = """
SELECT reporter, flow, year,
       CASE WHEN contains(product_cpa, 'X') THEN 'XX' ELSE left(product_cpa, 2) END AS division,
       sum(value) AS value
FROM {flows}
WHERE year IN ({previous}, {year}) AND product_cpa IS NOT NULL AND {pair}
GROUP BY ALL
"""

MIRROR_PAIR_SQL = """
SELECT reporter, flow, left(product, 2) AS chapter, sum(value) AS value,
       sum(value) FILTER (WHERE contains(coalesce(flags, ''), 'confidential')) AS confidential
FROM {flows}
WHERE year = {year} AND {pair}
GROUP BY GROUPING SETS ((reporter, flow), (reporter, flow, chapter))
"""

MIRROR_UNALLOCATED_SQL = """
SELECT reporter, flow, sum(value) AS total,
       sum(value) FILTER (WHERE partner IN ({unallocated})) AS unallocated
FROM {flows}
WHERE year = {year} AND reporter IN ('{first}', '{second}')
GROUP BY reporter, flow
"""

PARTNERS_SQL = """
SELECT year, partner,
       CASE WHEN partner IN ({confidential}) THEN 'confidential'
            WHEN partner IN ({apart}) THEN 'apart' ELSE 'partner' END AS line,
       sum(value) AS value,
       sum(value) FILTER (WHERE partner IN ({eu})) AS eu27,
       sum(value) FILTER (WHERE partner NOT IN ({eu}, {intra_specials})) AS extra_eu27
FROM {flows}
WHERE year IN ({previous}, {year}) AND reporter = '{first}' AND flow = 'export'
GROUP BY GROUPING SETS ((year, partner, line), (year))
"""

PRODUCTS_SQL = """
WITH coded AS (
    SELECT reporter, year,
           CASE WHEN contains(left(product, 6), 'X') THEN product ELSE left(product, 6) END
               AS code,
           sum(value) AS value
    FROM {flows}
    WHERE year IN ({previous}, {year})
      AND ((reporter = '{first}' AND partner = '{second}' AND flow = 'export')
        OR (reporter = '{second}' AND partner = '{first}' AND flow = 'import'))
    GROUP BY ALL
)
SELECT reporter, year, code, value,
       sum(value) OVER (PARTITION BY reporter, year) AS total,
       value / total AS share,
       row_number() OVER (PARTITION BY reporter, year, contains(code, 'X')
                          ORDER BY value DESC, code) AS rank
FROM coded
QUALIFY rank <= {top} OR contains(code, 'X')
"""

SERIES_SQL = """
SELECT reporter, flow, year, month, sum(value) AS value
FROM {flows}
WHERE month IS NOT NULL AND {pair}
GROUP BY ALL
ORDER BY ALL
"""


@dataclass(frozen=True)
class QueryCase:
    """One api query, its hand-written SQL (one or more statements) and both sides' figures."""

    name: str
    call: Callable[[Any], object]  # store -> result
    sql: Callable[[list[str]], tuple[str, ...]]  # flow files -> statements
    api_figures: Callable[[Any], Figures]
    sql_figures: Callable[[list[Rows]], Figures]


def flows_scan(files: Sequence[str]) -> str:
    """Return the `read_parquet` of the snapshot's flow files, partitions read from folders."""
    quoted = ", ".join("'" + name.replace("'", "''") + "'" for name in files)
    return f"read_parquet([{quoted}], hive_partitioning = true)"


def _format(template: str, files: Sequence[str], **extra: object) -> str:
    return template.format(
        flows=flows_scan(files), pair=PAIR, year=YEAR, previous=PREVIOUS, first=FIRST,
        second=SECOND, **extra,
    )  # fmt: skip


def _quoted(codes: Sequence[str]) -> str:
    return ", ".join(f"'{code}'" for code in sorted(codes))


def _declared(reported_by: str, flow: str) -> str:
    """Return the flow as `reported_by` declares it (api flows are the first territory's)."""
    if reported_by == FIRST:
        return flow
    return "import" if flow == "export" else "export"


def figures_agree(
    left: Mapping[tuple[Any, ...], float], right: Mapping[tuple[Any, ...], float]
) -> bool:
    """Say whether two non-empty sets of figures have the same keys and values (1e-9 relative)."""
    return (
        bool(left)
        and left.keys() == right.keys()
        and all(
            math.isclose(left[key] or 0.0, right[key] or 0.0, rel_tol=1e-9, abs_tol=1e-9)
            for key in left
        )
    )


# --- profile: both reporters' exports and imports (the SQL of bench/ingest_profile.py) -------


def _profile_sql_figures(results: list[Rows]) -> Figures:
    return {(reporter, flow): value for reporter, flow, value in results[0]}


def _profile_api_figures(result: Any) -> Figures:
    return dict(profile_figures(result))


# --- sectors: CPA divisions of both reporters' flows -----------------------------------------


def _sectors_api_figures(result: Any) -> Figures:
    return {(r.reported_by, _declared(r.reported_by, r.flow), r.code): r.value for r in result.rows}


def _sectors_sql_figures(results: list[Rows]) -> Figures:
    return {(rep, flow, code): value for rep, flow, year, code, value in results[0] if year == YEAR}


# --- mirror: each direction's exports against the partner's imports, and by HS chapter -------


def _mirror_api_figures(result: Any) -> Figures:
    figures: Figures = {}
    for row in result.rows:
        figures[row.direction, "exports"] = row.exports_reported
        figures[row.direction, "imports"] = row.imports_reported
        figures[row.direction, "confidential exporter"] = row.confidential_exporter
        figures[row.direction, "confidential importer"] = row.confidential_importer
        figures[row.direction, "unallocated exporter"] = row.unallocated_exporter
        figures[row.direction, "unallocated importer"] = row.unallocated_importer
    for line in result.chapters:
        figures[line.direction, "chapter", line.chapter, "exports"] = line.exports_reported
        figures[line.direction, "chapter", line.chapter, "imports"] = line.imports_reported
    return figures


def _mirror_sql_figures(results: list[Rows]) -> Figures:
    pair, unallocated = results
    totals = {(r, f): (v, c or 0.0) for r, f, chapter, v, c in pair if chapter is None}
    chapters: dict[tuple[str, str], dict[str, float]] = {}
    for reporter, flow, chapter, value, _confidential in pair:
        if chapter is not None:
            chapters.setdefault((reporter, flow), {})[chapter] = value
    shares = {(r, f): (u or 0.0) / t for r, f, t, u in unallocated}
    figures: Figures = {}
    for exporter, importer in ((FIRST, SECOND), (SECOND, FIRST)):
        direction = f"{exporter}->{importer}"
        out, into = (exporter, "export"), (importer, "import")
        figures[direction, "exports"], figures[direction, "confidential exporter"] = totals[out]
        figures[direction, "imports"], figures[direction, "confidential importer"] = totals[into]
        figures[direction, "unallocated exporter"] = shares[out]
        figures[direction, "unallocated importer"] = shares[into]
        exported, imported = chapters[out], chapters[into]
        codes = sorted(
            set(exported) | set(imported),
            key=lambda code: (-abs(imported.get(code, 0.0) - exported.get(code, 0.0)), code),
        )
        shown, rest = codes[:TOP_CHAPTERS], codes[TOP_CHAPTERS:]
        for name, picked in [*((code, [code]) for code in shown), ("other", rest)]:
            if not picked:
                continue
            for side, values in (("exports", exported), ("imports", imported)):
                figure = sum(values.get(code, 0.0) for code in picked)
                figures[direction, "chapter", name, side] = figure
    return figures


# --- partners: Italy's exports by partner, and the EU27 / extra-EU / world lines ------------


def _partners_api_figures(result: Any) -> Figures:
    return {(r.line, r.code): r.value for r in result.rows}


def _partners_sql_figures(results: list[Rows]) -> Figures:
    figures: Figures = {}
    hidden = []
    for year, partner, line, value, eu27, extra_eu27 in results[0]:
        if year != YEAR:
            continue
        if partner is None:
            figures["group", "WORLD"] = value
            figures["group", "EU27_2020"] = eu27
            figures["group", "EXT_EU27_2020"] = extra_eu27
        elif line == "confidential":
            hidden.append((partner, value))
        else:
            figures[line, partner] = value
    if hidden:
        codes = [code for code in CONFIDENTIAL_PARTNERS if code in dict(hidden)]
        figures["confidential", "+".join(codes)] = sum(value for _code, value in hidden)
    return figures


# --- products: the pair's top 20 HS6 products of Italy's exports, in both views -------------


def _products_api_figures(result: Any) -> Figures:
    figures: Figures = {}
    for row in result.rows:
        if row.line != "other":
            figures[row.reported_by, row.code] = row.value
        total = figures.get((row.reported_by, "total"), 0.0)
        figures[row.reported_by, "total"] = total + row.value
    return figures


def _products_sql_figures(results: list[Rows]) -> Figures:
    figures: Figures = {}
    for reporter, year, code, value, total, _share, _rank in results[0]:
        if year == YEAR:
            figures[reporter, code] = value
            figures[reporter, "total"] = total
    return figures


# --- series: the pair's monthly totals, both reporters, every year held ---------------------


def _series_api_figures(result: Any) -> Figures:
    return {
        (p.reported_by, _declared(p.reported_by, p.flow), p.year, p.month): p.value
        for p in result.points
    }


def _series_sql_figures(results: list[Rows]) -> Figures:
    return {(r, flow, year, month): value for r, flow, year, month, value in results[0]}


def cases(eu_members: Sequence[str]) -> list[QueryCase]:
    """Return the six query cases; `eu_members` are the EU27 codes of YEAR (for `partners`)."""
    eu = _quoted(eu_members)
    return [
        QueryCase(
            "profile",
            lambda store: store.profile("IT", "BE", years=[YEAR]),
            lambda files: (pair_sql(files),),
            _profile_api_figures,
            _profile_sql_figures,
        ),
        QueryCase(
            "sectors",
            lambda store: store.sectors("IT", "BE", YEAR, scheme="cpa"),
            lambda files: (_format(SECTORS_SQL, files),),
            _sectors_api_figures,
            _sectors_sql_figures,
        ),
        QueryCase(
            "mirror",
            lambda store: store.mirror("IT", "BE", years=[YEAR]),
            lambda files: (
                _format(MIRROR_PAIR_SQL, files),
                _format(MIRROR_UNALLOCATED_SQL, files, unallocated=_quoted(UNALLOCATED)),
            ),
            _mirror_api_figures,
            _mirror_sql_figures,
        ),
        QueryCase(
            "partners",
            lambda store: store.partners("IT", YEAR, "export"),
            lambda files: (
                _format(
                    PARTNERS_SQL,
                    files,
                    eu=eu,
                    intra_specials=_quoted(INTRA_EU_SPECIALS),
                    confidential=_quoted(CONFIDENTIAL_PARTNERS),
                    apart=_quoted(APART_PARTNERS),
                ),
            ),
            _partners_api_figures,
            _partners_sql_figures,
        ),
        QueryCase(
            "products",
            lambda store: store.products("IT", "BE", YEAR, depth=6, top=TOP_PRODUCTS),
            lambda files: (_format(PRODUCTS_SQL, files, top=TOP_PRODUCTS),),
            _products_api_figures,
            _products_sql_figures,
        ),
        QueryCase(
            "series",
            lambda store: store.series("IT", "BE", frequency="M"),
            lambda files: (_format(SERIES_SQL, files),),
            _series_api_figures,
            _series_sql_figures,
        ),
    ]
