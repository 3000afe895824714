"""The questions the store answers from its figures: one method per query.

Each method checks its arguments, resolves the territories and runs its query's definition
(`bilateral.api.queries`) through the one pipeline (`bilateral.api.pipeline`), which picks
the engine, converts currencies, adds the notes and cites the sources for all of them.
"""

from __future__ import annotations

import dataclasses

from bilateral.api.arguments import checked_choice, checked_count, checked_year
from bilateral.api.base import AsOf, StoreBase, Years
from bilateral.api.pipeline import Ask
from bilateral.api.queries import (
    EVENTS,
    INDICATORS,
    MIRROR,
    PARTNERS,
    PRODUCTS,
    PROFILE,
    SECTORS,
    SERIES,
    PartnersOptions,
    ProductsOptions,
    SectorsOptions,
    SeriesOptions,
)
from bilateral.errors import InvalidArgumentError
from bilateral.query.partners import check_partners_arguments
from bilateral.query.products import Depth, check_products_arguments
from bilateral.query.regional import build_region_share
from bilateral.query.sectors import SCHEMES, Scheme
from bilateral.query.series import check_options
from bilateral.reference import Territory, get
from bilateral.reference.sectors import Language
from bilateral.results import Profile, Sectors
from bilateral.results.base import Provenance
from bilateral.results.events import EventList
from bilateral.results.indicators import Indicators
from bilateral.results.mirror import Mirror
from bilateral.results.partners import Partners
from bilateral.results.products import Products
from bilateral.results.regional import RegionShare
from bilateral.results.series import Frequency, Series, SeriesFlow
from bilateral.schema import FLOWS, Flow
from bilateral.years import parse_years


class Questions(StoreBase):
    """Profiles, sectors, indicators, a region's share, series, mirror, partners, products,
    events: every query the pipeline runs."""

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
        territories = self._pair(reporter, partner)
        wanted = None if years is None else parse_years(years)
        ask = Ask(territories, wanted, as_of, currency)
        return self._pipeline.run(PROFILE, ask, None)

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
        as_of: AsOf = None,
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
        checked_year(year)
        checked_choice("scheme", scheme, SCHEMES)
        checked_count("top", top, "sectors")
        checked_count("span", span, "years for the CAGR")
        if flow is not None:
            checked_choice("flow", flow, FLOWS, "export or import (or None for both)")
        ask = Ask(self._pair(reporter, partner), as_of=as_of, currency=currency)
        options = SectorsOptions(year, scheme, top, language, span, flow)
        return self._pipeline.run(SECTORS, ask, options)

    def indicators(
        self, reporter: str, partner: str, year: int, *, as_of: AsOf = None
    ) -> Indicators:
        """Return the pair's trade indicators in `year`, one set per source.

        Grubel-Lloyd intra-industry trade, HHI of products and of partners, market share,
        trade intensity, complementarity, export similarity and the highest RCA, computed on HS
        chapters (see `bilateral.indicators` for each formula and its reference). The "world"
        is every reporter the store holds: indicators that need it are withheld (`withheld` on
        the row) unless it is a world's set of reporters; Grubel-Lloyd needs both flows.
        """
        ask = Ask(self._pair(reporter, partner), as_of=as_of)
        return self._pipeline.run(INDICATORS, ask, checked_year(year))

    def region_share(
        self,
        region: str,
        partner: str,
        years: Years = None,
        *,
        as_of: AsOf = None,
        currency: str | None = None,
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
        regional = self.profile(region, partner, years, as_of=as_of, currency=currency)
        national = self.profile(
            country.code, partner, regional.years, as_of=as_of, currency=currency
        )
        result = build_region_share(territory, country, regional, national)
        if not result.rows:
            raise self._no_data(country, self.resolve(partner), list(regional.years))
        return dataclasses.replace(result, provenance=_joined(regional, national, country))

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
        as_of: AsOf = None,
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
        territories = self._pair(reporter, partner)
        wanted = None if years is None else parse_years(years)
        options = SeriesOptions(chosen_flow, chosen_frequency, ytd_through, rolling)
        ask = Ask(territories, wanted, as_of, currency)
        return self._pipeline.run(SERIES, ask, options)

    def mirror(
        self,
        a: str,
        b: str,
        years: Years = None,
        *,
        top_chapters: int | None = 10,
        as_of: AsOf = None,
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
        checked_count("top_chapters", top_chapters, "chapters")
        territories = self._pair(a, b)
        wanted = None if years is None else parse_years(years)
        ask = Ask(territories, wanted, as_of, currency)
        return self._pipeline.run(MIRROR, ask, top_chapters)

    def partners(
        self,
        reporter: str,
        year: int,
        flow: Flow = "export",
        *,
        top: int | None = None,
        partner: str | None = None,
        as_of: AsOf = None,
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
        checked_year(year)
        territory = self.resolve(reporter)
        highlight = None if partner is None else self._pair(reporter, partner)[1]
        check_partners_arguments(territory, flow, top, highlight)
        options = PartnersOptions(year, flow, top, highlight)
        ask = Ask((territory,), as_of=as_of, currency=currency)
        return self._pipeline.run(PARTNERS, ask, options)

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
        as_of: AsOf = None,
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
        checked_year(year)
        if compare_year is not None:
            checked_year(compare_year, "compare_year")
        check_products_arguments(year, depth, flow, top, compare_year)
        ask = Ask(self._pair(reporter, partner), as_of=as_of, currency=currency)
        options = ProductsOptions(year, depth, flow, top, compare_year)
        return self._pipeline.run(PRODUCTS, ask, options)

    def events(self, a: str, b: str, *, years: Years = None, as_of: AsOf = None) -> EventList:
        """Return the events between two territories, oldest first (the order of a, b is free).

        `a` and `b` are names or codes as in every query; `years` (2021, "2019-2021",
        [2019, 2021]) keeps the events dated in those years. Only events stored for exactly
        this pair are listed (not those of a region of either territory). No events is an
        empty list, not an error.

        >>> import bilateral, tempfile
        >>> from pathlib import Path
        >>> from bilateral.events import write_demo_events
        >>> folder = Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> store.import_events(write_demo_events(folder)).added
        4
        >>> timeline = store.events("Belgio", "Emilia-Romagna", years=2023)
        >>> [event.date.isoformat() for event in timeline.events]
        ['2023-03-11', '2023-09-20']
        """
        territories = self._pair(a, b)
        wanted = None if years is None else tuple(parse_years(years))
        return self._pipeline.run(EVENTS, Ask(territories, as_of=as_of), wanted)


def _joined(regional: Profile, national: Profile, country: Territory) -> Provenance | None:
    """Return the region's provenance with the country's sources, vintages and name added."""
    if not regional.provenance:
        return None
    both = [regional.provenance, national.provenance]
    return dataclasses.replace(
        regional.provenance,
        sources=tuple(sorted({s for p in both if p for s in p.sources})),
        vintages=tuple(sorted({v for p in both if p for v in p.vintages})),
        territories=(*regional.provenance.territories, f"{country.name} ({country.code})"),
    )
