"""The briefing: one store query per part of the dossier, gathered into `Brief`."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Protocol

from bilateral.api.arguments import AsOf, checked_as_of, checked_year
from bilateral.api.questions import Questions
from bilateral.brief import gather
from bilateral.brief.catalog import load_catalog
from bilateral.brief.charts import charted
from bilateral.brief.choice import SourceChoice, choose_source, covering, months_covered
from bilateral.brief.figures import (
    BriefFigures,
    Figure,
    OtherSource,
    RankLine,
    SectorLine,
    Source,
    Territories,
    TrendPoint,
    ViewLine,
)
from bilateral.brief.one_source import one_source
from bilateral.errors import NoDataError
from bilateral.query.sectors import UNMAPPED_CODE, Scheme
from bilateral.reference import Territory, get
from bilateral.reference.cpa_titles import italian_division_titles
from bilateral.reference.sectors import Language
from bilateral.results import Profile
from bilateral.results.base import Provenance
from bilateral.schema import Flow

if TYPE_CHECKING:
    from bilateral.brief.document import Brief  # its text, charts and writers: on rendering

TREND_YEARS = 10


class _Sourced(Protocol):
    """A result with provenance and notes."""

    @property
    def provenance(self) -> Provenance | None: ...

    @property
    def notes(self) -> tuple[str, ...]: ...


class _Parts:
    """The figures, sources and notes of a brief as its parts are gathered."""

    def __init__(self, currency: str | None, wanted: str | None, as_of: AsOf = None) -> None:
        self.figures: gather.Figures = {}
        self.sources: dict[str, Source] = {}
        self.notes: list[tuple[str, ...]] = []
        self.as_of = as_of
        asked = "" if as_of is None else str(as_of)
        self.option = "".join(
            [
                "" if currency is None else f", currency={currency!r}",
                "" if as_of is None else f", as_of={asked!r}",
            ]
        )
        self.flag = "".join(
            [
                "" if currency is None else f" --currency {currency}",
                "" if as_of is None else f" --as-of {asked}",
            ]
        )
        self.wanted = wanted
        self.choice = SourceChoice("", ())
        self.national = SourceChoice("", ())
        """The source of the figures on the national pair (a region's country's)."""

    def add(self, figures: gather.Figures, dataset: str) -> None:
        """Add `figures`, each marked as coming from source `dataset` alone."""
        for key, figure in figures.items():
            self.figures[key] = dataclasses.replace(figure, dataset=dataset)

    def source(self, key: str, query: str, command: str, result: _Sourced) -> None:
        """Add the footnote of the call `query` (CLI `command`) that gave `result`."""
        mark = len({source.mark for source in self.sources.values()}) + 1
        self.sources[key] = Source.of(
            key, mark, f"store.{query}", f"bilateral {command}", result.provenance
        )
        self.notes.append(result.notes)


class BriefQueries(Questions):
    """The briefing on a pair: figures, charts and text in the reader's language."""

    def brief(
        self,
        a: str,
        b: str,
        *,
        year: int,
        lang: str = "en",
        currency: str | None = None,
        source: str | None = None,
        as_of: AsOf = None,
    ) -> Brief:
        """Return the briefing on `a` and `b` in `year`, in language `lang` ("en", "it").

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> for path in write_demo_files(folder)[3:5]:
        ...     _ = store.ingest(path, synthetic=True)
        >>> shown = store.brief("IT", "BE", year=2021, lang="it").shown()
        >>> shown["views.BEL.exports"], shown["views.BEL.exports_growth"]
        ('18,0 miliardi di euro', '+22%')

        It gathers the headline and trend (profile), both reporters' views (profile and
        mirror; a region's country for a region), sectors (CPA divisions, HS sections for
        data without CPA), monthly series where held, each territory's rank among the other's
        partners, a region's share of its country's flow and the events between the two.
        Raises `NoDataError` naming the pair and what the store holds when `year` has no
        trade between them. Each form is self-checked when rendered (`Brief.render`).

        Where several sources cover the pair (Comext in EUR, the IMF or Comtrade in USD),
        every figure comes from one: `source` (a source id such as "imf_dots"), else the one
        `bilateral.brief.choice` ranks first. The others are named, each with its own
        headline figure in its own currency, never added or compared as one series.
        `as_of` reads every figure as the store held it then (a store version or a date).
        """
        checked_year(year)
        checked_as_of(self.root, as_of)
        catalog = load_catalog(lang)
        first, second = self._pair(a, b)
        parts = _Parts(currency, source, as_of)
        country = get(first.country) if first.kind == "region" and first.country else None
        national = country or first
        whole = self._brief_profile(parts, first, second, year, currency)
        profile = one_source(whole, parts.choice.chosen)
        figures, view = gather.headline(profile, year)
        parts.add(figures, parts.choice.chosen)
        parts.add(gather.trend_figures(profile, view), parts.choice.chosen)
        others = self._brief_others(parts, whole, year)
        view_reporter = next(r.reported_by for r in profile.rows if r.view == view)
        reporters = self._brief_views(parts, profile, country, second, year, currency)
        mirror_lines = self._brief_mirror(parts, national, second, year, currency)
        scheme, sector_lines = self._brief_sectors(parts, first, second, year, lang, currency, view)
        ranks = self._brief_ranks(parts, first, second, national, year, currency)
        if country is not None:
            self._brief_region(parts, first, second, year, currency)
        # Last, so that its footnote is the last one: a Markdown brief without the chart
        # leaves it out of its sources without a gap in their numbers.
        monthly = self._brief_monthly(parts, first, second, year, currency)
        notes = gather.unique_notes(parts.notes)
        result = BriefFigures(
            territories=Territories(
                first.code,
                first.name,
                second.code,
                second.name,
                country is not None,
                None if country is None else country.code,
                None if country is None else country.name,
            ),
            year=year,
            currency=next(r.currency for r in profile.rows if r.view == view and r.year == year),
            view=view,
            view_reporter=view_reporter,
            figures=parts.figures,
            sources=parts.sources,
            view_pair=(national.code, second.code),
            view_reporters=tuple(r for r in reporters if country is not None or r != view_reporter),
            mirror=mirror_lines,
            sector_scheme=scheme,
            sectors=sector_lines,
            ranks=ranks,
            annual=gather.annual_trend(profile, view),
            monthly=monthly,
            events=self.events(first.code, second.code, as_of=as_of).events,
            import_valuation=gather.headline_valuation(profile, year, view),
            year_months=gather.headline_months(profile, year, view),
            extract=gather.headline_is_extract(profile, year, view),
            dataset=parts.choice.chosen,
            dataset_chosen_by_user=parts.choice.picked_by_user,
            other_sources=others,
            notes=notes,
            synthetic=any("SYNTHETIC" in note for note in notes),
            provisional=any("provisional" in note.lower() for note in notes),
        )
        from bilateral.brief.document import Brief

        return Brief(result, catalog.language)

    def _brief_profile(
        self, parts: _Parts, first: Territory, second: Territory, year: int, currency: str | None
    ) -> Profile:
        """Return the pair's profile over the trend's years; no data in `year` is an error."""
        span = f"{year - TREND_YEARS + 1}-{year}"
        try:
            profile = self.profile(
                first.code, second.code, span, currency=currency, as_of=parts.as_of
            )
        except NoDataError:
            raise self._no_data(first, second, [year]) from None
        if year not in {row.year for row in profile.rows}:
            raise self._no_data(first, second, [year])
        parts.choice = choose_source(profile, year, parts.wanted)
        parts.national = parts.choice
        parts.source(
            "profile",
            f"profile({first.code!r}, {second.code!r}, years={span!r}{parts.option})",
            f"profile {first.code} {second.code} --years {span}{parts.flag}",
            one_source(profile, parts.choice.chosen),
        )
        return profile

    def _brief_others(self, parts: _Parts, profile: Profile, year: int) -> tuple[OtherSource, ...]:
        """Add each other source's headline in `year`, in its own currency, under `others.*`."""
        rows = covering(profile, year)
        found = []
        for dataset in parts.choice.others:
            own = [row for row in rows[dataset] if row.reported_by == profile.reporter]
            whole = [row for row in own or rows[dataset] if months_covered(row) is None]
            row = (whole or own or rows[dataset])[0]
            key = f"others.{dataset}"
            figures = {
                f"{key}.{name}": Figure(
                    f"{key}.{name}", float(value), "money", key, (), dataset, row.currency
                )
                for name in ("exports", "imports", "total")
                if (value := getattr(row, name)) is not None
            }
            if not figures:
                continue
            single = one_source(profile, dataset)
            if single.provenance is not None:
                single = dataclasses.replace(
                    single, provenance=dataclasses.replace(single.provenance, period=str(year))
                )
            parts.source(
                key,
                f"profile({profile.reporter!r}, {profile.partner!r}, years={year}{parts.option})",
                f"profile {profile.reporter} {profile.partner} --years {year}{parts.flag}",
                single,
            )
            parts.figures.update(figures)
            found.append(
                OtherSource(key, dataset, row.reported_by, row.currency, months_covered(row))
            )
        return tuple(found)

    def _brief_views(
        self,
        parts: _Parts,
        profile: Profile,
        country: Territory | None,
        second: Territory,
        year: int,
        currency: str | None,
    ) -> list[str]:
        """Add each reporter's view of the national pair; return the reporters."""
        if country is None:
            parts.sources["views"] = parts.sources["profile"]
            profile = one_source(profile, parts.choice.chosen)
        else:
            profile = self.profile(
                country.code, second.code, [year - 1, year], currency=currency, as_of=parts.as_of
            )
            wanted = parts.wanted if parts.wanted in covering(profile, year) else None
            parts.national = choose_source(profile, year, wanted)
            profile = one_source(profile, parts.national.chosen)
            parts.source(
                "views",
                f"profile({country.code!r}, {second.code!r}, years='{year - 1}-{year}'"
                f"{parts.option})",
                f"profile {country.code} {second.code} --years {year - 1}-{year}{parts.flag}",
                profile,
            )
        figures, reporters = gather.views(profile, year, "views")
        parts.add(figures, parts.national.chosen)
        return reporters

    def _brief_region(
        self, parts: _Parts, region: Territory, second: Territory, year: int, currency: str | None
    ) -> None:
        """Add the region's share of its country's flow with the partner."""
        share = self.region_share(
            region.code, second.code, year, currency=currency, as_of=parts.as_of
        )
        parts.source(
            "region",
            f"region_share({region.code!r}, {second.code!r}, {year}{parts.option})",
            f"region {region.code} {second.code} --years {year}{parts.flag}",
            share,
        )
        row = next((r for r in share.rows if r.year == year), None)
        for key, figure in gather.region_figures(share, year, "region").items():
            assert row is not None  # region_figures gives figures of the year's row only
            national = key.startswith("region.country_")
            parts.add({key: figure}, row.national_source if national else row.regional_source)

    def _brief_mirror(
        self, parts: _Parts, first: Territory, second: Territory, year: int, currency: str | None
    ) -> tuple[ViewLine, ...]:
        """Add each direction declared by both sides, with the gap; none when a side is missing."""
        try:
            mirror = self.mirror(
                first.code,
                second.code,
                year,
                top_chapters=3,
                currency=currency,
                as_of=parts.as_of,
            )
        except NoDataError:
            return ()
        mirror = one_source(mirror, parts.national.chosen)
        figures, lines = gather.mirror_lines(mirror, year, "mirror")
        if lines:
            parts.source(
                "mirror",
                f"mirror({first.code!r}, {second.code!r}, {year}, top_chapters=3{parts.option})",
                f"mirror {first.code} {second.code} --years {year} --top-chapters 3{parts.flag}",
                mirror,
            )
            parts.add(figures, parts.national.chosen)
        return lines

    def _brief_sectors(
        self,
        parts: _Parts,
        first: Territory,
        second: Territory,
        year: int,
        lang: str,
        currency: str | None,
        view: str,
    ) -> tuple[str, tuple[SectorLine, ...]]:
        """Add the leading CPA divisions, or HS sections where the data has no CPA codes."""
        language: Language = "it" if lang == "it" else "en"
        schemes: tuple[Scheme, ...] = ("cpa", "hs2")
        for scheme in schemes:
            try:
                sectors = self.sectors(
                    first.code,
                    second.code,
                    year,
                    scheme=scheme,
                    language=language,
                    currency=currency,
                    as_of=parts.as_of,
                )
            except NoDataError:
                continue
            sectors = one_source(sectors, parts.choice.chosen)
            if not sectors.rows:
                continue
            if scheme == "cpa":
                titles = italian_division_titles(self.reference.catalogue) if lang == "it" else None
                figures, lines = gather.sector_lines(sectors, view, "sectors", titles=titles)
                if not lines or all(line.code == UNMAPPED_CODE for line in lines):
                    continue
            else:
                figures, lines = gather.section_lines(sectors, view, "sectors")
            parts.source(
                "sectors",
                f"sectors({first.code!r}, {second.code!r}, {year}, scheme={scheme!r}, "
                f"language={language!r}{parts.option})",
                f"sectors {first.code} {second.code} --year {year} --scheme {scheme} "
                f"--language {language}{parts.flag}",
                sectors,
            )
            parts.add(figures, parts.choice.chosen)
            return ("cpa" if scheme == "cpa" else "hs_section"), lines
        return "cpa", ()

    def _brief_monthly(
        self, parts: _Parts, first: Territory, second: Territory, year: int, currency: str | None
    ) -> tuple[TrendPoint, ...]:
        """Return the monthly points of the year and the one before, where they make a chart.

        None for annual data, nor for a single month (nothing is shown, so no source is cited).
        """
        try:
            series = self.series(
                first.code,
                second.code,
                frequency="M",
                years=[year - 1, year],
                currency=currency,
                as_of=parts.as_of,
            )
        except NoDataError:
            return ()
        series = one_source(series, parts.choice.chosen)
        points = gather.monthly_trend(series)
        if not charted(points):
            return ()
        parts.source(
            "monthly",
            f"series({first.code!r}, {second.code!r}, frequency='M', "
            f"years='{year - 1}-{year}'{parts.option})",
            f"series {first.code} {second.code} --frequency M --years "
            f"{year - 1}-{year}{parts.flag}",
            series,
        )
        return points

    def _brief_ranks(
        self,
        parts: _Parts,
        first: Territory,
        second: Territory,
        national: Territory,
        year: int,
        currency: str | None,
    ) -> tuple[RankLine, ...]:
        """Add each territory's rank among the other's partners, in each flow, where declared."""
        asked: list[tuple[str, Territory, Territory, Flow]] = [
            ("b_in_a", first, second, "export"),
            ("b_in_a", first, second, "import"),
            ("a_in_b", second, national, "import"),
            ("a_in_b", second, national, "export"),
        ]
        lines = []
        for key, reporter, ranked, flow in asked:
            try:
                partners = self.partners(
                    reporter.code,
                    year,
                    flow,
                    partner=ranked.code,
                    currency=currency,
                    as_of=parts.as_of,
                )
            except NoDataError:
                continue
            dataset = (parts.choice if reporter is first else parts.national).chosen
            partners = one_source(partners, dataset)
            figures, line = gather.rank_line(partners, key, ranked.code, f"{key}.{flow}")
            if line is None:
                continue
            parts.source(
                f"{key}.{flow}",
                f"partners({reporter.code!r}, {year}, {flow!r}, "
                f"partner={ranked.code!r}{parts.option})",
                f"partners {reporter.code} --year {year} --flow {flow} "
                f"--partner {ranked.code}{parts.flag}",
                partners,
            )
            parts.add(figures, dataset)
            lines.append(line)
        return tuple(lines)
