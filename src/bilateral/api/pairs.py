"""Queries of a pair: profile, sectors, a region beside its country, indicators."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bilateral.api.base import AsOf, StoreBase, Years, sector_title
from bilateral.engine import DuckDBEngine
from bilateral.errors import (
    InvalidArgumentError,
)
from bilateral.query.coverage import (
    MIN_WORLD_REPORTERS,
    coded_year_rows,
    held_figures,
    year_rows,
)
from bilateral.query.pair_indicators import (
    completeness_by_source,
    compute_indicators,
    indicator_inputs_sql,
    partner_values_sql,
    partners_by_flow,
    slices_by_source,
)
from bilateral.query.product_titles import ProductTitles
from bilateral.query.products import products_sql
from bilateral.query.profile import build_profile, pair_years_sql, profile_sql
from bilateral.query.provenance import provenance
from bilateral.query.regional import build_region_share
from bilateral.query.sectors import (
    DETAIL_DEPTH,
    REGROUPED,
    SCHEMES,
    Scheme,
    build_sectors,
    code_schemes,
    cpa_placed_rows,
    detail_sector_rows,
    regrouped_rows,
    sectors_sql,
)
from bilateral.query.selection import group_notes, selection
from bilateral.query.valuation import with_import_bases
from bilateral.reference import Territory, get
from bilateral.reference.sectors import Language
from bilateral.results import (
    Profile,
    Sectors,
)
from bilateral.results.indicators import IndicatorRow, Indicators
from bilateral.results.regional import RegionShare
from bilateral.schema import FLOWS, Flow
from bilateral.sources import FORMATS
from bilateral.years import describe_years, parse_years


class PairQueries(StoreBase):
    """What the store says of two territories' trade with each other."""

    def profile(
        self,
        reporter: str,
        partner: str,
        years: Years = None,
        *,
        as_of: AsOf = None,
        currency: str | None = None,
    ) -> Profile:
        """Return the pair's yearly exports, imports, total, balance and growth, in every view.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> demo_2021 = write_demo_files(folder)[4]
        >>> store.ingest(demo_2021, synthetic=True).status
        'added'
        >>> row = store.profile("Italy", "BE", years=2021).rows[0]
        >>> row.view, round(row.exports / 1e9, 1), row.coverage
        ('reported by Italy', 17.6, 'annual')

        `currency` (e.g. "USD") converts each row at its period's ECB average rate before the
        sums; the rates must be loaded (`bilateral reference fetch ecb_daily`).
        """
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(as_of)
        target = self._convert_to(engine, currency)
        pair = {"from_flows": as_of is not None, "dialect": engine.dialect}
        chosen = selection(first), selection(second)
        if years is None:
            found = engine.execute_sql(pair_years_sql(*chosen, **pair))
            wanted = [int(year) for year in found.column("year").to_pylist()]
        else:
            wanted = parse_years(years)
        if not wanted:
            raise self._no_data(first, second, None)
        sql = profile_sql(*chosen, tuple(wanted), currency=target, **pair)
        rows = year_rows(self._converted_rows(engine.execute_sql(sql).to_pylist(), target))
        partial = [f.name for f in FORMATS if not f.complete_products]
        result = build_profile(
            rows, first, second, wanted, partial, None if as_of is None else str(as_of)
        )
        notes = group_notes(rows, first, second, [year for year in wanted if year in result.years])
        notes.extend(self._conversion_notes(target))
        origin = provenance(rows, (first, second), describe_years(wanted), self._conversion(target))
        result = dataclasses.replace(result, notes=(*result.notes, *notes), provenance=origin)
        if not result.rows:
            raise self._no_data(first, second, wanted)
        return self._with_import_bases(engine, result, first, second)

    def _with_import_bases(
        self, engine: DuckDBEngine, result: Profile, first: Territory, second: Territory
    ) -> Profile:
        """Say which basis each row's import figure is on, and give the other where published."""
        sources = {row.source for row in result.rows}
        bases, traits = self._import_bases(engine, sources, result.years, (first, second))
        return with_import_bases(result, bases, traits)

    def sectors(
        self,
        reporter: str,
        partner: str,
        year: int,
        *,
        scheme: Scheme = "cpa",
        top: int | None = None,
        language: Language = "en",
        currency: str | None = None,
        span: int | None = None,
        flow: Flow | None = None,
    ) -> Sectors:
        """Return the pair's trade in `year` by sector, in every view.

        `scheme`: CPA 2.1 divisions (`cpa`) or HS chapters (`hs2`) from the rollups; HS
        headings (`hs4`), subheadings (`hs6`) or CN8 codes (`cn8`) from the product detail,
        with descriptions where the HS tables are loaded; `flow` keeps only the first territory's
        exports or imports (in the mirror view, the partner's matching flow). Each view and flow
        is ranked by value
        with its share and growth on the year before; sectors beyond `top` are summed as
        `other`, and confidential products are a line of their own.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> for path in write_demo_files(folder)[3:5]:
        ...     _ = store.ingest(path, synthetic=True)
        >>> top = store.sectors("IT", "BE", 2021, top=3).rows[0]
        >>> top.flow, top.code, top.title
        ('export', '21', 'Basic pharmaceutical products and pharmaceutical preparations')
        """
        if scheme not in SCHEMES:
            raise InvalidArgumentError("scheme", scheme, f"one of {', '.join(SCHEMES)}")
        if top is not None and top < 1:
            raise InvalidArgumentError("top", top, "a number of sectors >= 1")
        if span is not None and span < 1:
            raise InvalidArgumentError("span", span, "a number of years >= 1 for the CAGR")
        if flow is not None and flow not in FLOWS:
            raise InvalidArgumentError("flow", flow, "export or import (or None for both)")
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        chosen = selection(first), selection(second)
        if scheme in DETAIL_DEPTH:
            years = tuple(sorted({year - 1, year, year - (span or 1)}))
            by_flow = {
                flow: engine.execute_sql(
                    products_sql(*chosen, years, DETAIL_DEPTH[scheme], flow,
                                 dialect=engine.dialect, currency=target)
                ).to_pylist()
                for flow in ("export", "import")
            }  # fmt: skip
            rows = self._converted_rows(detail_sector_rows(by_flow), target)
            titles: ProductTitles | None = ProductTitles(
                self.reference.catalogue, code_schemes(rows, year)
            )
            title: Callable[[str], str] = lambda code: titles(code, year)  # type: ignore[misc]  # noqa: E731
            if scheme in REGROUPED:
                rows, regroup_notes = regrouped_rows(rows, scheme, self.reference.catalogue)
                titles, title = None, sector_title(scheme, language)
            held_figures(rows)
        else:
            sql = sectors_sql(
                *chosen, year, scheme, dialect=engine.dialect, currency=target, span=span
            )
            rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
            rows = coded_year_rows(rows)
            titles, title = None, sector_title(scheme, language)
            regroup_notes = []
            if scheme == "cpa":
                placed, regroup_notes = cpa_placed_rows(
                    lambda sql: self._converted_rows(engine.execute_sql(sql).to_pylist(), target),
                    chosen, (year - 1, year, year - (span or 1)), rows,
                    dialect=engine.dialect, currency=target,
                )  # fmt: skip
                rows.extend(placed)
        if scheme not in REGROUPED and scheme != "cpa":
            regroup_notes = []
        result = build_sectors(rows, first, second, year, scheme, title, top, span)
        if flow is not None:  # the first territory's flow, in every view
            result = dataclasses.replace(
                result, rows=tuple(r for r in result.rows if r.flow == flow)
            )
        if not result.rows:
            raise self._no_data(first, second, [year], need="detail")
        notes = (
            *result.notes,
            *(titles.notes if titles is not None else ()),
            *regroup_notes,
            *group_notes(rows, first, second, [year]),
            *self._conversion_notes(target),
        )
        origin = provenance(
            [r for r in rows if r["year"] == year],
            (first, second),
            str(year),
            self._conversion(target),
        )
        return dataclasses.replace(result, notes=notes, provenance=origin)

    def region_share(
        self, region: str, partner: str, years: Years = None, *, currency: str | None = None
    ) -> RegionShare:
        """Return a region's trade with `partner` beside its country's, and the region's share.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files, write_regional_demo_file
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> _ = store.ingest(write_demo_files(folder)[4], synthetic=True)
        >>> _ = store.ingest(write_regional_demo_file(folder), synthetic=True)
        >>> row = store.region_share("Emilia-Romagna", "BE", 2021).rows[0]
        >>> round(row.exports_share, 3)
        0.119
        """
        territory = self.resolve(region)
        if territory.kind != "region" or territory.country is None:
            raise InvalidArgumentError(
                "region", region, f"a region (ITH5, Emilia-Romagna); {territory.name} is not"
            )
        country = get(territory.country)
        regional = self.profile(region, partner, years, currency=currency)
        national = self.profile(country.code, partner, regional.years, currency=currency)
        result = build_region_share(territory, country, regional, national)
        if not result.rows:
            raise self._no_data(country, self.resolve(partner), list(regional.years))
        sources = [*(regional.provenance, national.provenance)]
        origin = (
            dataclasses.replace(
                regional.provenance,
                sources=tuple(sorted({s for p in sources if p for s in p.sources})),
                vintages=tuple(sorted({v for p in sources if p for v in p.vintages})),
                territories=(*regional.provenance.territories, f"{country.name} ({country.code})"),
            )
            if regional.provenance
            else None
        )
        return dataclasses.replace(result, provenance=origin)

    def indicators(self, reporter: str, partner: str, year: int) -> Indicators:
        """Return the pair's trade indicators in `year`, one set per source.

        Grubel-Lloyd intra-industry trade, HHI of products and of partners, market share,
        trade intensity, complementarity, export similarity and the highest RCA, computed on HS
        chapters (see `bilateral.indicators` for each formula and its reference). The "world"
        is every reporter the store holds: indicators that need it are withheld (`withheld` on
        the row) unless it is a world's set of reporters; Grubel-Lloyd needs both flows.
        """
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(None)
        chosen, world = (selection(first), selection(second)), selection(get("WORLD"))
        inputs = engine.execute_sql(
            indicator_inputs_sql(*chosen, world, year, dialect=engine.dialect)
        ).to_pylist()
        partner_rows = engine.execute_sql(
            partner_values_sql(chosen[0], world, year, dialect=engine.dialect)
        ).to_pylist()
        by_source = slices_by_source(inputs)
        pair_sources = sorted(s for s, slices in by_source.items() if ("pair", "export") in
                              slices or ("pair", "import") in slices)  # fmt: skip
        if not pair_sources:
            raise self._no_data(first, second, [year])
        complete = completeness_by_source(inputs)
        rows = tuple(
            IndicatorRow(source, name, value, basis, withheld)
            for source in pair_sources
            for name, value, basis, withheld in compute_indicators(
                by_source[source], partners_by_flow(partner_rows, source), complete[source]
            )
        )
        notes = (
            "The store's world is the sum of every reporter it holds; indicators that need it "
            f"(intensity, RCA) are withheld unless it holds {MIN_WORLD_REPORTERS} reporters or "
            "more, and those that need the partner's imports from all partners unless they are "
            "its own declarations.",
        )
        origin = provenance(
            [{"source": s, "vintage": None, "currency": None} for s in pair_sources],
            (first, second),
            str(year),
        )
        return Indicators(
            first.code, first.name, second.code, second.name, year, rows, notes, origin
        )
