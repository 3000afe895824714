"""Every query shape the query layer compiles: each SQL builder (`@compiled_sql`) with the
arguments that change the shape of its SQL (a group's kind on either side, a currency, a
scheme or depth, an optional year, span or limit), in stand-in codes.

A country is a stand-in, as the SQL cache compiles it (its codes are only text in the SQL):
`ONE` and `OTHER` have one code each (as Italy or Belgium), `THREE` has three (as the United
Kingdom: `GBR`, `XI` and `XU`). A group is read from the reference tables (the EU's members
and their periods are part of its SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bilateral.events.query import events_sql
from bilateral.query.compiled import STAND_IN_PREFIX
from bilateral.query.links import cn_cpa_links_sql
from bilateral.query.mirror import mirror_sql
from bilateral.query.missing import holdings_sql
from bilateral.query.pair_indicators import (
    indicator_inputs_sql,
    partner_values_sql,
    total_inputs_sql,
    world_inputs_sql,
)
from bilateral.query.partners import partners_sql
from bilateral.query.products import products_sql
from bilateral.query.products_ranked import ranked_products_sql
from bilateral.query.profile import pair_years_sql, profile_sql
from bilateral.query.sectors import CLASSIFICATION, sectors_sql
from bilateral.query.selection import Selection, selection
from bilateral.query.series import series_sql
from bilateral.query.valuation import import_bases_sql, valued_imports_sql
from bilateral.query.weights import product_weights_sql
from bilateral.reference import get

DIALECTS = ("duckdb", "pyspark")
DEPTHS = (2, 4, 6, 8)


def _country(*numbers: int) -> Selection:
    codes = tuple(f"{STAND_IN_PREFIX}{number:04d}" for number in numbers)
    return Selection(codes[0], "parts", parts=codes)


ONE = _country(0)
OTHER = _country(1)
THREE = _country(2, 3, 4)
EU = selection(get("EU27_2020"))  # members, each in its periods
WORLD = selection(get("WORLD"))  # every partner but the aggregates
EXTRA_EU = selection(get("EXT_EU27_2020"))  # every partner outside the EU's members
YEAR = 2024
YEARS = (2023, 2024)
PAIRS: dict[str, tuple[Selection, Selection]] = {
    "countries": (ONE, OTHER),
    "three_codes": (THREE, ONE),
    "eu": (EU, ONE),
    "world": (ONE, WORLD),
    "extra_eu": (EXTRA_EU, ONE),
}


@dataclass(frozen=True)
class Case:
    """One builder called with one set of arguments (the dialect is added per file)."""

    name: str  # the snapshot's file name, without `.sql`
    builder: Callable[..., str]
    args: tuple[Any, ...]
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def builder_name(self) -> str:
        return self.builder.__name__

    def compile(self, dialect: str) -> str:
        """Return the builder's SQL, compiled afresh (never read from the SQL cache)."""
        fresh = self.builder.__wrapped__  # type: ignore[attr-defined]
        sql: str = fresh(*self.args, dialect=dialect, **self.options)
        return sql

    def header(self, dialect: str) -> str:
        """Return the comment that opens the snapshot: the call it was compiled from."""
        shown = [_shown(arg) for arg in self.args]
        shown += [f"{key}={_shown(value)}" for key, value in self.options.items()]
        shown.append(f"dialect={dialect!r}")
        return f"-- {self.builder.__module__}.{self.builder_name}({', '.join(shown)})\n"


def _shown(value: object) -> str:
    if isinstance(value, Selection):
        if value.kind == "parts":
            return (
                "country(" + ", ".join(p.removeprefix(STAND_IN_PREFIX) for p in value.parts) + ")"
            )
        return f"group({value.code})"
    return repr(value)


def _pairs(
    prefix: str,
    builder: Callable[..., str],
    *rest: Any,
    kinds: tuple[str, ...] = tuple(PAIRS),
    **options: Any,
) -> list[Case]:
    return [Case(f"{prefix}-{kind}", builder, (*PAIRS[kind], *rest), options) for kind in kinds]


def _cases() -> list[Case]:
    cases = [
        *_pairs("profile_sql", profile_sql, YEARS, from_flows=False),
        Case("profile_sql-one_year", profile_sql, (ONE, OTHER, (YEAR,)), {"from_flows": False}),
        Case("profile_sql-as_of", profile_sql, (ONE, OTHER, YEARS), {"from_flows": True}),
        Case("profile_sql-usd", profile_sql, (ONE, OTHER, YEARS),
             {"from_flows": False, "currency": "USD"}),
        *_pairs("pair_years_sql", pair_years_sql, from_flows=False),
        Case("pair_years_sql-as_of", pair_years_sql, (ONE, OTHER), {"from_flows": True}),
        *_pairs("holdings_sql", holdings_sql, kinds=("countries", "eu", "world")),
        *_pairs("mirror_sql", mirror_sql, YEARS, kinds=("countries", "world")),
        Case("mirror_sql-usd", mirror_sql, (ONE, OTHER, YEARS), {"currency": "USD"}),
        Case("partners_sql-country", partners_sql, (ONE, YEAR, "export")),
        Case("partners_sql-three_codes-import", partners_sql, (THREE, YEAR, "import")),
        Case("partners_sql-eu", partners_sql, (EU, YEAR, "export")),
        Case("partners_sql-usd", partners_sql, (ONE, YEAR, "export"), {"currency": "USD"}),
        *(Case(f"products_sql-depth{depth}", products_sql, (ONE, OTHER, YEARS, depth, "export"))
          for depth in DEPTHS),
        Case("products_sql-world-import", products_sql, (WORLD, ONE, YEARS, 6, "import")),
        Case("products_sql-usd", products_sql, (ONE, OTHER, YEARS, 6, "export"),
             {"currency": "USD"}),
        *(Case(f"ranked_products_sql-depth{depth}", ranked_products_sql,
               (ONE, OTHER, YEAR, depth, "export", 20)) for depth in DEPTHS),
        Case("ranked_products_sql-all_lines", ranked_products_sql,
             (ONE, OTHER, YEAR, 6, "export", None)),
        Case("ranked_products_sql-compared", ranked_products_sql,
             (ONE, OTHER, YEAR, 6, "import", 20, 2019)),
        Case("ranked_products_sql-world", ranked_products_sql,
             (ONE, WORLD, YEAR, 6, "export", 20)),
        Case("ranked_products_sql-usd", ranked_products_sql,
             (ONE, OTHER, YEAR, 6, "export", 20), {"currency": "USD"}),
        *(Case(f"sectors_sql-{scheme}", sectors_sql, (ONE, OTHER, YEAR, scheme))
          for scheme in CLASSIFICATION),  # the schemes read from rollups
        Case("sectors_sql-span", sectors_sql, (ONE, OTHER, YEAR, "cpa"), {"span": 2}),
        Case("sectors_sql-world", sectors_sql, (ONE, WORLD, YEAR, "hs2")),
        Case("sectors_sql-usd", sectors_sql, (ONE, OTHER, YEAR, "hs2"), {"currency": "USD"}),
        Case("series_sql-years", series_sql, (ONE, OTHER, YEARS)),
        Case("series_sql-every_year", series_sql, (ONE, OTHER, None)),
        Case("series_sql-world", series_sql, (WORLD, ONE, None)),
        Case("series_sql-usd", series_sql, (ONE, OTHER, YEARS), {"currency": "USD"}),
        Case("indicator_inputs_sql-countries", indicator_inputs_sql, (ONE, OTHER, WORLD, YEAR)),
        Case("indicator_inputs_sql-three_codes", indicator_inputs_sql, (THREE, ONE, WORLD, YEAR)),
        Case("world_inputs_sql", world_inputs_sql, (WORLD, YEAR)),
        Case("total_inputs_sql", total_inputs_sql, (ONE, OTHER, WORLD, YEAR)),
        Case("partner_values_sql", partner_values_sql, (ONE, WORLD, YEAR)),
        Case("cn_cpa_links_sql-year", cn_cpa_links_sql, (YEAR,)),
        Case("cn_cpa_links_sql-every_year", cn_cpa_links_sql, (None,)),
        Case("product_weights_sql", product_weights_sql, (YEAR, 6)),
        Case("valued_imports_sql", valued_imports_sql,
             (ONE.code, OTHER.code, YEARS, ("baci", "comtrade"))),
        Case("import_bases_sql", import_bases_sql,
             (ONE.code, OTHER.code, YEARS, ("baci", "comtrade"))),
        Case("events_sql-years", events_sql, (ONE.code, OTHER.code, YEARS)),
        Case("events_sql-every_year", events_sql, (ONE.code, OTHER.code, None)),
    ]  # fmt: skip
    return cases


CASES = _cases()
