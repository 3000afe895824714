"""The pair page's figures: every section's query, its chart, footnote and downloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bilateral.api import Store
from bilateral.brief import gather
from bilateral.brief.charts import Bar
from bilateral.query.sectors import Scheme
from bilateral.reference import Territory
from bilateral.reference.sectors import Language
from bilateral.results import Profile, Sectors
from bilateral.results.events import EventList
from bilateral.results.indicators import Indicators
from bilateral.results.mirror import Mirror, MirrorRow
from bilateral.results.partners import PartnerRow, Partners
from bilateral.results.products import ProductChange, ProductRow, Products
from bilateral.results.profile import ProfileRow
from bilateral.results.regional import RegionShare
from bilateral.results.series import Series
from bilateral.schema import Flow
from bilateral.web.i18n import Numbers, Texts
from bilateral.web.pages.charts import ChartView, sectors_chart, trend_chart
from bilateral.web.pages.sections import Section, api_url, downloads, run, segment

SECTOR_SCHEMES: Final[tuple[str, ...]] = ("cpa", "hs_section", "hs2", "sitc", "bec")
FLOWS: Final[tuple[Flow, Flow]] = ("export", "import")
TOP: Final = 10
CHART_BARS: Final = 8


@dataclass(frozen=True)
class Question:
    """What the pair page is asked: two territories, the years and the sector scheme."""

    a: Territory
    b: Territory
    years: str | None  # as asked ("2019-2021"); None: every year the store holds
    scheme: str
    as_of: str | None = None  # a store version or ISO date to read as of; None: now


@dataclass(frozen=True)
class SectorLine:
    """One sector of the table: code, title, value, share (and growth where the scheme has it)."""

    flow: str
    code: str
    title: str
    value: float
    share: float | None
    growth: float | None


@dataclass(frozen=True)
class Rank:
    """One territory's place among the other's partners for one flow."""

    reporter: str
    flow: str
    section: Section[Partners]
    row: PartnerRow | None


@dataclass(frozen=True)
class PairView:
    """Everything the pair page shows."""

    question: Question
    year: int | None
    profile: Section[Profile]
    views: list[str]
    headline: dict[str, ProfileRow]  # view -> row of `year`
    own_view: str | None
    trend: ChartView | None
    monthly: Section[Series]
    monthly_chart: ChartView | None
    sectors: Section[Sectors]
    sector_lines: list[SectorLine]
    sectors_chart: ChartView | None
    products: dict[str, Section[Products]]
    product_rows: dict[str, list[ProductRow]]
    product_changes: dict[str, list[ProductChange]]
    ranks: list[Rank]
    mirror: Section[Mirror]
    mirror_rows: list[tuple[MirrorRow, tuple[str, ...]]]
    indicators: Section[Indicators]
    region: Section[RegionShare] | None
    events: Section[EventList]
    brief_links: list[tuple[str, str, str]]  # (format, language, url)
    currency: str

    @property
    def has_data(self) -> bool:
        """Whether the store holds any trade of the pair in the years asked."""
        return self.profile.result is not None


def build(store: Store, question: Question, texts: Texts, numbers: Numbers) -> PairView:
    """Run every query of the pair page (each section on its own) and shape its figures."""
    a, b = question.a.code, question.b.code
    pa, pb = segment(a), segment(b)
    years, as_of = question.years, question.as_of
    flag = ("" if years is None else f" --years {years}") + _as_of_flag(as_of)
    profile = run(
        lambda: store.profile(a, b, years, as_of=as_of),
        f"bilateral profile {a} {b}{flag}",
        downloads(f"profile/{pa}/{pb}", years=years, as_of=as_of),
    )
    result = profile.result
    year = max(result.years) if result is not None and result.years else None
    own = gather.own_view(result, year) if result is not None and year is not None else None
    views = result.views() if result is not None else []
    headline = {
        row.view: row for row in (result.rows if result is not None else ()) if row.year == year
    }
    currency = next(iter(headline.values())).currency if headline else "EUR"
    catalog = numbers.catalog
    labels = catalog.labels
    pair_title = f"{numbers.name(a)} – {numbers.name(b)}"
    trend = None
    if result is not None and own is not None:
        trend = trend_chart(
            gather.annual_trend(result, own),
            labels["chart_title"].format(a=numbers.name(a), b=numbers.name(b)),
            labels["chart_year"],
            catalog,
            currency,
        )
    monthly = run(
        lambda: store.series(a, b, frequency="M", years=years, as_of=as_of),
        f"bilateral series {a} {b} --frequency M{flag}",
        downloads(f"series/{pa}/{pb}", frequency="M", years=years, as_of=as_of),
    )
    monthly_points = gather.monthly_trend(monthly.result) if monthly.result is not None else ()
    monthly_chart = trend_chart(
        monthly_points,
        labels["monthly_title"].format(a=numbers.name(a), b=numbers.name(b)),
        labels["chart_month"],
        catalog,
        currency,
    )
    sectors, lines = _sectors(store, question, year, numbers)
    bars = tuple(
        Bar(f"{line.code} {line.title}", line.flow, line.value)
        for flow in FLOWS
        for line in [x for x in lines if x.flow == flow][:CHART_BARS]
    )
    chart = sectors_chart(bars, texts("pair.sectors_chart", pair=pair_title), catalog, currency)
    products, product_rows, product_changes = _products(store, question, year, own)
    return PairView(
        question=question,
        year=year,
        profile=profile,
        views=views,
        headline=headline,
        own_view=own,
        trend=trend,
        monthly=monthly,
        monthly_chart=monthly_chart,
        sectors=sectors,
        sector_lines=lines,
        sectors_chart=chart,
        products=products,
        product_rows=product_rows,
        product_changes=product_changes,
        ranks=_ranks(store, question, year),
        mirror=(mirror := _mirror(store, question)),
        mirror_rows=[
            (row, gather.gap_causes(row))
            for row in (mirror.result.rows if mirror.result is not None else ())
        ],
        indicators=_indicators(store, question, year),
        region=_region(store, question),
        events=run(
            lambda: store.events(a, b, years=years, as_of=as_of),
            f"bilateral events list {a} {b}{flag}",
            downloads(f"events/{pa}/{pb}", years=years, as_of=as_of),
        ),
        brief_links=_brief_links(a, b, year, as_of),
        currency=currency,
    )


def _sectors(
    store: Store, question: Question, year: int | None, numbers: Numbers
) -> tuple[Section[Sectors], list[SectorLine]]:
    language = numbers.catalog.language
    a, b = question.a.code, question.b.code
    if year is None:
        return Section(None, None, None), []
    scheme: Scheme = "hs2" if question.scheme == "hs_section" else question.scheme  # type: ignore[assignment]
    title_language: Language = "it" if language == "it" else "en"
    as_of = question.as_of
    section = run(
        lambda: store.sectors(a, b, year, scheme=scheme, language=title_language, as_of=as_of),
        f"bilateral sectors {a} {b} --year {year} --scheme {scheme} --language {title_language}"
        + _as_of_flag(as_of),
        downloads(
            f"sectors/{segment(a)}/{segment(b)}",
            year=year,
            scheme=scheme,
            language=title_language,
            as_of=as_of,
        ),
    )
    result = section.result
    if result is None or not result.rows:
        return section, []
    own = result.rows[0].view
    if question.scheme == "hs_section":
        figures, found = gather.section_lines(result, own, "sectors", top=TOP)
        return section, [
            SectorLine(
                line.flow,
                line.code,
                numbers.catalog.labels["hs_sections"].get(line.code, line.title),
                figures[f"{line.id}.value"].value,
                figures[f"{line.id}.share"].value,
                None,
            )
            for line in found
        ]
    lines = [
        SectorLine(row.flow, row.code, row.title, row.value, row.share, row.growth)
        for row in result.rows
        if row.view == own and row.rank is not None
    ]
    return section, [line for flow in FLOWS for line in [x for x in lines if x.flow == flow][:TOP]]


def _products(
    store: Store, question: Question, year: int | None, own: str | None
) -> tuple[
    dict[str, Section[Products]], dict[str, list[ProductRow]], dict[str, list[ProductChange]]
]:
    sections: dict[str, Section[Products]] = {}
    rows: dict[str, list[ProductRow]] = {}
    changes: dict[str, list[ProductChange]] = {}
    if year is None:
        return sections, rows, changes
    a, b, as_of = question.a.code, question.b.code, question.as_of
    for flow in FLOWS:
        section = run(
            lambda flow=flow: store.products(  # type: ignore[misc]
                a, b, year, depth=4, flow=flow, top=TOP, compare_year=year - 1, as_of=as_of
            ),
            f"bilateral products {a} {b} --year {year} --depth 4 --flow {flow} --top {TOP} "
            f"--compare-year {year - 1}{_as_of_flag(as_of)}",
            downloads(
                f"products/{segment(a)}/{segment(b)}",
                year=year,
                depth=4,
                flow=flow,
                top=TOP,
                compare_year=year - 1,
                as_of=as_of,
            ),
        )
        sections[flow] = section
        result = section.result
        view = own if result is not None and any(r.view == own for r in result.rows) else None
        if result is not None and view is None and result.rows:
            view = result.rows[0].view
        rows[flow] = [r for r in (result.rows if result else ()) if r.view == view]
        changes[flow] = [c for c in (result.changes if result else ()) if c.view == view]
    return sections, rows, changes


def _ranks(store: Store, question: Question, year: int | None) -> list[Rank]:
    if year is None:
        return []
    ranks = []
    for reporter, partner in ((question.a, question.b), (question.b, question.a)):
        for flow in FLOWS:
            r, p = reporter.code, partner.code
            section = run(
                lambda r=r, p=p, flow=flow: store.partners(  # type: ignore[misc]
                    r, year, flow, top=TOP, partner=p, as_of=question.as_of
                ),
                f"bilateral partners {r} --year {year} --flow {flow} --top {TOP} --partner {p}"
                + _as_of_flag(question.as_of),
                downloads(
                    f"partners/{segment(r)}",
                    year=year,
                    flow=flow,
                    top=TOP,
                    partner=p,
                    as_of=question.as_of,
                ),
            )
            row = None
            if section.result is not None:
                row = next(
                    (x for x in section.result.rows if x.line == "partner" and x.code == p), None
                )
            ranks.append(Rank(r, flow, section, row))
    return ranks


def _mirror(store: Store, question: Question) -> Section[Mirror]:
    a, b, years, as_of = question.a.code, question.b.code, question.years, question.as_of
    flag = ("" if years is None else f" --years {years}") + _as_of_flag(as_of)
    return run(
        lambda: store.mirror(a, b, years, as_of=as_of),
        f"bilateral mirror {a} {b}{flag}",
        downloads(f"mirror/{segment(a)}/{segment(b)}", years=years, as_of=as_of),
    )


def _indicators(store: Store, question: Question, year: int | None) -> Section[Indicators]:
    if year is None:
        return Section(None, None, None)
    a, b, as_of = question.a.code, question.b.code, question.as_of
    return run(
        lambda: store.indicators(a, b, year, as_of=as_of),
        f"bilateral indicators {a} {b} --year {year}{_as_of_flag(as_of)}",
        downloads(f"indicators/{segment(a)}/{segment(b)}", year=year, as_of=as_of),
    )


def _region(store: Store, question: Question) -> Section[RegionShare] | None:
    if question.a.kind == "region":
        region, other = question.a.code, question.b.code
    elif question.b.kind == "region":
        region, other = question.b.code, question.a.code
    else:
        return None
    years, as_of = question.years, question.as_of
    flag = ("" if years is None else f" --years {years}") + _as_of_flag(as_of)
    return run(
        lambda: store.region_share(region, other, years, as_of=as_of),
        f"bilateral region {region} {other}{flag}",
        downloads(f"region/{segment(region)}/{segment(other)}", years=years, as_of=as_of),
    )


def _as_of_flag(as_of: str | None) -> str:
    return "" if as_of is None else f" --as-of {as_of}"


def _brief_links(a: str, b: str, year: int | None, as_of: str | None) -> list[tuple[str, str, str]]:
    if year is None:
        return []
    return [
        (
            kind,
            language,
            api_url(
                f"brief/{segment(a)}/{segment(b)}",
                year=year,
                lang=language,
                format=kind,
                as_of=as_of,
            ),
        )
        for language in ("en", "it")
        for kind in ("html", "pdf", "md")
    ]
