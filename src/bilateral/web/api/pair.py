"""Queries about a pair: profile, sectors, products, mirror, series, indicators, events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from bilateral.choices import Flow, Frequency, Language, Scheme, SeriesFlow
from bilateral.render.events import events_document
from bilateral.render.indicators import indicators_document
from bilateral.render.mirror import mirror_document
from bilateral.render.products import products_csv_records, products_document
from bilateral.render.profile import profile_document, sectors_document
from bilateral.render.series import series_csv_records, series_document
from bilateral.web.api.parameters import (
    AsOf,
    Currency,
    Partner,
    Reporter,
    Year,
    Years,
    checked_year,
)
from bilateral.web.api.respond import FormatParameter, Served, answer

router = APIRouter(tags=["pair"])
DEPTHS = [2, 4, 6, 8]


@router.get("/profile/{reporter}/{partner}", summary="Exports, imports, balance and growth")
def profile(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    years: Years = None,
    as_of: AsOf = None,
    currency: Currency = None,
    output: FormatParameter = "json",
) -> Response:
    """A pair's exports, imports, total, balance and growth, in each reporter's view
    (`bilateral profile`)."""
    return answer(
        request,
        state,
        lambda store: store.profile(reporter, partner, years, as_of=as_of, currency=currency),
        profile_document,
        lambda result: result.records(),
        output,
        f"profile-{reporter}-{partner}",
    )


@router.get("/sectors/{reporter}/{partner}", summary="Trade by product sector in one year")
def sectors(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    year: Year,
    scheme: Annotated[
        Scheme, Query(description="cpa, hs2/hs4/hs6 (HS), cn8, sitc (sections), bec.")
    ] = "cpa",
    top: Annotated[
        int | None, Query(description="The N largest sectors, the rest as other.")
    ] = None,
    language: Annotated[Language, Query(description="Titles in.")] = "en",
    span: Annotated[int | None, Query(description="Also the CAGR over N years.")] = None,
    flow: Annotated[Flow | None, Query(description="export or import (default: both).")] = None,
    as_of: AsOf = None,
    currency: Currency = None,
    output: FormatParameter = "json",
) -> Response:
    """A pair's trade by sector in one year: value, share, growth, rank (`bilateral sectors`)."""
    checked_year(year)
    return answer(
        request,
        state,
        lambda store: store.sectors(
            reporter,
            partner,
            year,
            scheme=scheme,
            top=top,
            language=language,
            currency=currency,
            span=span,
            flow=flow,
            as_of=as_of,
        ),
        sectors_document,
        lambda result: result.records(),
        output,
        f"sectors-{reporter}-{partner}-{year}-{scheme}",
    )


@router.get("/products/{reporter}/{partner}", summary="Top products; what appeared or vanished")
def products(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    year: Year,
    depth: Annotated[
        int,
        Query(description="Digits of the product codes.", json_schema_extra={"enum": DEPTHS}),
    ] = 6,
    flow: Annotated[Flow, Query(description="The first territory's exports or imports.")] = (
        "export"
    ),
    top: Annotated[int, Query(description="The N largest products, the rest as other.")] = 20,
    compare_year: Annotated[
        int | None, Query(description="List products that appeared or vanished since.")
    ] = None,
    as_of: AsOf = None,
    currency: Currency = None,
    output: FormatParameter = "json",
) -> Response:
    """A pair's top products at 2-8 digits; what appeared or vanished (`bilateral products`)."""
    checked_year(year)
    if compare_year is not None:
        checked_year(compare_year, "compare_year")
    return answer(
        request,
        state,
        lambda store: store.products(
            reporter,
            partner,
            year,
            depth=depth,
            flow=flow,
            top=top,
            compare_year=compare_year,
            as_of=as_of,
            currency=currency,
        ),
        products_document,
        products_csv_records,
        output,
        f"products-{reporter}-{partner}-{year}",
    )


@router.get("/mirror/{reporter}/{partner}", summary="Each side's declarations, the gap")
def mirror(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    years: Years = None,
    top_chapters: Annotated[
        int, Query(description="The N HS chapters with the largest gaps, the rest as other.")
    ] = 10,
    as_of: AsOf = None,
    currency: Currency = None,
    output: FormatParameter = "json",
) -> Response:
    """A's exports to B against B's imports from A (and the reverse), the gap and why
    (`bilateral mirror`)."""
    return answer(
        request,
        state,
        lambda store: store.mirror(
            reporter, partner, years, top_chapters=top_chapters, as_of=as_of, currency=currency
        ),
        mirror_document,
        lambda result: result.records(),
        output,
        f"mirror-{reporter}-{partner}",
    )


@router.get("/series/{reporter}/{partner}", summary="Annual or monthly series, YTD, rolling")
def series(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    flow: Annotated[
        SeriesFlow, Query(description="From the first territory's side: export, import, both.")
    ] = "both",
    frequency: Annotated[Frequency, Query(description="A: annual; M: monthly.")] = "A",
    years: Years = None,
    ytd_through: Annotated[
        int | None, Query(description="Add year to date through month N (9: Jan-Sep).")
    ] = None,
    rolling: Annotated[bool, Query(description="Add 12-month rolling sums (monthly).")] = False,
    as_of: AsOf = None,
    currency: Currency = None,
    output: FormatParameter = "json",
) -> Response:
    """A pair's annual or monthly series, year to date and 12-month rolling sums
    (`bilateral series`)."""
    return answer(
        request,
        state,
        lambda store: store.series(
            reporter,
            partner,
            flow=flow,
            frequency=frequency,
            years=years,
            ytd_through=ytd_through,
            rolling=rolling,
            as_of=as_of,
            currency=currency,
        ),
        series_document,
        series_csv_records,
        output,
        f"series-{reporter}-{partner}-{frequency}",
    )


@router.get("/indicators/{reporter}/{partner}", summary="Intra-industry trade, HHI, RCA")
def indicators(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    year: Year,
    as_of: AsOf = None,
    output: FormatParameter = "json",
) -> Response:
    """A pair's trade indicators: intra-industry trade, concentration, intensity, RCA
    (`bilateral indicators`)."""
    checked_year(year)
    return answer(
        request,
        state,
        lambda store: store.indicators(reporter, partner, year, as_of=as_of),
        indicators_document,
        lambda result: result.records(),
        output,
        f"indicators-{reporter}-{partner}-{year}",
    )


@router.get("/events/{reporter}/{partner}", summary="The relations timeline")
def events(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    years: Years = None,
    as_of: AsOf = None,
    output: FormatParameter = "json",
) -> Response:
    """The events between two territories, oldest first (`bilateral events list`)."""
    return answer(
        request,
        state,
        lambda store: store.events(reporter, partner, years=years, as_of=as_of),
        events_document,
        lambda result: result.records(),
        output,
        f"events-{reporter}-{partner}",
    )
