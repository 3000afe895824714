"""Queries over time, both reporters' views, partners and products."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Sequence

from bilateral.api.base import StoreBase, Years, sector_title
from bilateral.engine import DuckDBEngine
from bilateral.errors import (
    InvalidArgumentError,
)
from bilateral.query.coverage import year_rows
from bilateral.query.mirror import (
    build_mirror,
    mirror_chapters_sql,
    mirror_totals_sql,
    unallocated_sql,
)
from bilateral.query.partners import (
    build_partners,
    check_partners_arguments,
    no_partner_data,
    partners_sql,
)
from bilateral.query.product_titles import ProductTitles
from bilateral.query.products import (
    Depth,
    build_products,
    check_products_arguments,
    products_sql,
)
from bilateral.query.profile import pair_years_sql
from bilateral.query.provenance import provenance
from bilateral.query.selection import group_notes, selection
from bilateral.query.series import build_series, check_options, series_sql
from bilateral.query.series_notes import series_period, used_rows
from bilateral.query.valuation import (
    valuation_notes,
    valued_imports_sql,
    with_mirror_bases,
)
from bilateral.reference import Territory
from bilateral.results.mirror import Mirror
from bilateral.results.partners import Partners
from bilateral.results.products import Products
from bilateral.results.series import Frequency, Series, SeriesFlow
from bilateral.schema import Flow
from bilateral.sources import FORMATS
from bilateral.years import describe_years, parse_years


class TradeQueries(StoreBase):
    """Series, mirror statistics, a reporter's partners and a pair's products."""

    def series(
        self,
        reporter: str,
        partner: str,
        *,
        flow: SeriesFlow = "both",
        frequency: Frequency = "A",
        years: Years = None,
        ytd_through: int | None = None,
        rolling: bool = False,
        currency: str | None = None,
    ) -> Series:
        """Return the pair's annual or monthly series of each flow, in every view.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> _ = store.ingest(write_demo_files(folder)[4], synthetic=True)
        >>> point = store.series("Italy", "BE", flow="export").points[0]
        >>> point.period, point.view, round(point.value / 1e9, 1), point.basis
        ('2021', 'reported by Italy', 17.6, 'annual')

        Annual figures are used where a source publishes them, else the sum of its months,
        marked `partial` below 12. `ytd_through=9` adds each year's January-September sum
        and its change on the same months of the year before; `rolling` (monthly only) adds
        12-month rolling sums where all 12 months are held. `flow` is from the first
        territory's side: the mirror view's exports are the partner's declared imports.
        """
        chosen_flow, chosen_frequency = check_options(flow, frequency, ytd_through, rolling)
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        chosen = selection(first), selection(second)
        if years is None:
            found = engine.execute_sql(
                pair_years_sql(*chosen, from_flows=False, dialect=engine.dialect)
            )
            wanted = [int(year) for year in found.column("year").to_pylist()]
        else:
            wanted = parse_years(years)
        if not wanted:
            raise self._no_data(first, second, None)
        sql = series_sql(*chosen, tuple(wanted), dialect=engine.dialect, currency=target)
        rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
        result = build_series(
            rows,
            first,
            second,
            wanted,
            flow=chosen_flow,
            frequency=chosen_frequency,
            ytd_through=ytd_through,
            rolling=rolling,
            partial_product_sources=[f.name for f in FORMATS if not f.complete_products],
        )
        if not result.points and not result.year_to_date:
            raise self._no_data(first, second, wanted)
        notes = (
            *result.notes,
            *group_notes(rows, first, second, wanted),
            *self._conversion_notes(target),
        )
        origin = provenance(
            used_rows(rows, result),
            (first, second),
            series_period(result),
            self._conversion(target),
        )
        return dataclasses.replace(result, notes=notes, provenance=origin)

    def mirror(
        self,
        a: str,
        b: str,
        years: Years = None,
        *,
        top_chapters: int | None = 10,
        currency: str | None = None,
    ) -> Mirror:
        """Return A's reported exports to B against B's reported imports from A, and the reverse.

        Each row (source, year, direction) gives the gap (imports - exports) in value and as a
        share of exports, whether it lies in the CIF/FOB band, each side's confidential
        products, its share of partners left unallocated (QU-QZ) and the months it covers.
        `chapters` breaks each gap down by HS chapter: the `top_chapters` largest gaps, the
        rest as `other` (None lists every chapter). The notes name each reason that applies.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> _ = store.ingest(write_demo_files(folder)[4], synthetic=True)
        >>> [row.direction for row in store.mirror("Italy", "BE", 2021).rows]
        ['ITA->BEL', 'BEL->ITA']
        """
        if top_chapters is not None and top_chapters < 1:
            raise InvalidArgumentError("top_chapters", top_chapters, "a number >= 1, or None")
        first, second = self._pair(a, b)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        chosen = selection(first), selection(second)
        if years is None:
            sql = pair_years_sql(*chosen, from_flows=False, dialect=engine.dialect)
            wanted = tuple(int(y) for y in engine.execute_sql(sql).column("year").to_pylist())
        else:
            wanted = tuple(parse_years(years))
        if not wanted:
            raise self._no_data(first, second, None)
        totals, chapters = (
            self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
            for sql in (
                mirror_totals_sql(*chosen, wanted, dialect=engine.dialect, currency=target),
                mirror_chapters_sql(*chosen, wanted, dialect=engine.dialect, currency=target),
            )
        )
        totals = year_rows(totals)
        partners = engine.execute_sql(unallocated_sql(*chosen, wanted, dialect=engine.dialect))
        title = sector_title("hs2", "en")
        result = build_mirror(
            totals, chapters, partners.to_pylist(), first, second, wanted, top_chapters, title
        )
        if not result.rows:
            raise self._no_data(first, second, list(wanted))
        result = self._with_mirror_bases(engine, result, first, second)
        notes = (
            *result.notes,
            *self._valuation_notes(engine, first, second, wanted),
            *group_notes(totals, first, second, wanted),
            *self._conversion_notes(target),
        )
        conversion = self._conversion(target)
        origin = provenance(totals, (first, second), describe_years(list(wanted)), conversion)
        return dataclasses.replace(result, notes=notes, provenance=origin)

    def _with_mirror_bases(
        self, engine: DuckDBEngine, result: Mirror, first: Territory, second: Territory
    ) -> Mirror:
        """Say which basis each row's imports are on, and give the gap on a like basis."""
        sources = {row.source for row in result.rows}
        bases, traits = self._import_bases(engine, sources, result.years, (first, second))
        return with_mirror_bases(result, bases, traits)

    def _valuation_notes(
        self, engine: DuckDBEngine, first: Territory, second: Territory, years: Sequence[int]
    ) -> builtins.list[str]:
        if first.kind == "group" or second.kind == "group":
            return []
        valued = tuple(sorted(f.name for f in FORMATS if f.import_valuation == "both"))
        files = engine.snapshot.files["flows"]
        if not any(f"/source={source}/" in file for source in valued for file in files):
            return []  # only sources that value imports both ways can have such rows
        sql = valued_imports_sql(
            first.code, second.code, tuple(years), valued, dialect=engine.dialect
        )
        rows = engine.execute_sql(sql).to_pylist()
        return valuation_notes(rows, {first.code: first, second.code: second})

    def partners(
        self,
        reporter: str,
        year: int,
        flow: Flow = "export",
        *,
        top: int | None = None,
        partner: str | None = None,
        currency: str | None = None,
    ) -> Partners:
        """Rank the partners of `reporter`'s own declarations in `year`, with the group lines.

        Each partner territory has its value, share of the reporter's trade with partner
        territories, growth (over the months both years hold), rank and rank change on the
        year before; the reporter itself, unallocated partners and bunkers are lines apart,
        never ranked (`partner_kind`); partners beyond `top` are summed as `other`;
        `partner` is always shown and described in a note ("Belgium is Emilia-Romagna's 8th
        export market ..."). Partners withheld as confidential (QX-QZ) are a line of their
        own; EU27_2020, EXT_EU27_2020 and WORLD are lines summed as of each period.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> for path in write_demo_files(folder)[3:5]:
        ...     _ = store.ingest(path, synthetic=True)
        >>> result = store.partners("IT", 2021, partner="BE")
        >>> [(row.line, row.code) for row in result.rows][-3:]
        [('group', 'EU27_2020'), ('group', 'EXT_EU27_2020'), ('group', 'WORLD')]
        """
        territory = self.resolve(reporter)
        highlight = None if partner is None else self._pair(reporter, partner)[1]
        check_partners_arguments(territory, flow, top, highlight)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        chosen = selection(territory)
        sql = partners_sql(chosen, year, flow, dialect=engine.dialect, currency=target)
        rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
        partial = [f.name for f in FORMATS if not f.complete_products]
        result = build_partners(rows, territory, year, flow, top, highlight, partial)
        if not result.rows:
            held = "; ".join(f"{s.source} {s.years}" for s in self.info().sources)
            raise no_partner_data(territory, flow, year, held or "nothing yet")
        current = [r for r in rows if r["year"] == year]
        origin = provenance(current, (territory,), str(year), self._conversion(target))
        notes = (*result.notes, *self._conversion_notes(target))
        return dataclasses.replace(result, notes=notes, provenance=origin)

    def products(
        self,
        reporter: str,
        partner: str,
        year: int,
        *,
        depth: Depth = 6,
        flow: Flow = "export",
        top: int | None = 20,
        compare_year: int | None = None,
        currency: str | None = None,
    ) -> Products:
        """Return the pair's top products in `year` at 2, 4, 6 or 8 digits, in every view.

        Each view ranks its products by value with share and growth on the year before;
        products beyond `top` are summed as `other`, confidential codes (`39XXXXXX`) are lines
        of their own. Titles come from the HS edition of the year (chapter titles and a note
        when the HS tables are not loaded). With `compare_year`, the products traded in one of
        the two years only are listed as `appeared` or `vanished`.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> for path in write_demo_files(folder)[3:5]:
        ...     _ = store.ingest(path, synthetic=True)
        >>> top = store.products("IT", "BE", 2021, depth=2, top=1).rows[0]
        >>> top.code, top.description
        ('30', 'Pharmaceutical products')
        """
        check_products_arguments(year, depth, flow, top, compare_year)
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        years = tuple(sorted({year - 1, year, *(() if compare_year is None else (compare_year,))}))
        chosen = selection(first), selection(second)
        sql = products_sql(*chosen, years, depth, flow, dialect=engine.dialect, currency=target)
        rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
        titles = ProductTitles(self.reference.catalogue)
        result = build_products(rows, first, second, year, depth, flow, titles, top, compare_year)
        if not result.rows:
            raise self._no_data(first, second, [year], need="detail")
        notes = (
            *result.notes,
            *group_notes(rows, first, second, [year]),
            *self._conversion_notes(target),
        )
        current = [r for r in rows if r["year"] == year]
        origin = provenance(current, (first, second), str(year), self._conversion(target))
        return dataclasses.replace(result, notes=notes, provenance=origin)
