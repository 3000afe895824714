"""Queries about a pair: profile, sectors, products, mirror, series, indicators, events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from bilateral.choices import Flow, Frequency, Language, Scheme, SeriesFlow
from bilateral.render.events import events_document
from bilateral.render.indicators import indicators_document
from bilateral.render.mirror import mirror_document
from bilateral.render.products import products_csv_records, products_document
from bilateral.render.profile import profile_document, sectors_document
from bilateral.render.series import series_csv_records, series_document
from bilateral.web.api.asked import Asked
from bilateral.web.api.parameters import Currency, Partner, Reporter, Year, Years

router = APIRouter(tags=["pair"])
DEPTHS = [2, 4, 6, 8]


@router.get("/profile/{reporter}/{partner}", summary="Exports, imports, balance and growth")
def profile(
    asked: Asked,
    reporter: Reporter,
    partner: Partner,
    years: Years = None,
    currency: Currency = None,
) -> Response:
    """A pair's exports, imports, total, balance and growth, in each reporter's view
    (`bilateral profile`)."""
    return asked.answer(
        lambda store: store.profile(reporter, partner, years, as_of=asked.as_of, currency=currency),
        profile_document,
        f"profile-{reporter}-{partner}",
    )


@router.get("/sectors/{reporter}/{partner}", summary="Trade by product sector in one year")
def sectors(
    asked: Asked,
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
    currency: Currency = None,
) -> Response:
    """A pair's trade by sector in one year: value, share, growth, rank (`bilateral sectors`)."""
    return asked.answer(
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
            as_of=asked.as_of,
        ),
        sectors_document,
        f"sectors-{reporter}-{partner}-{year}-{scheme}",
    )


@router.get("/products/{reporter}/{partner}", summary="Top products; what appeared or vanished")
def products(
    asked: Asked,
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
    currency: Currency = None,
) -> Response:
    """A pair's top products at 2-8 digits; what appeared or vanished (`bilateral products`)."""
    return asked.answer(
        lambda store: store.products(
            reporter,
            partner,
            year,
            depth=depth,
            flow=flow,
            top=top,
            compare_year=compare_year,
            as_of=asked.as_of,
            currency=currency,
        ),
        products_document,
        f"products-{reporter}-{partner}-{year}",
        products_csv_records,
    )


@router.get("/mirror/{reporter}/{partner}", summary="Each side's declarations, the gap")
def mirror(
    asked: Asked,
    reporter: Reporter,
    partner: Partner,
    years: Years = None,
    top_chapters: Annotated[
        int, Query(description="The N HS chapters with the largest gaps, the rest as other.")
    ] = 10,
    currency: Currency = None,
) -> Response:
    """A's exports to B against B's imports from A (and the reverse), the gap and why
    (`bilateral mirror`)."""
    return asked.answer(
        lambda store: store.mirror(
            reporter,
            partner,
            years,
            top_chapters=top_chapters,
            as_of=asked.as_of,
            currency=currency,
        ),
        mirror_document,
        f"mirror-{reporter}-{partner}",
    )


@router.get("/series/{reporter}/{partner}", summary="Annual or monthly series, YTD, rolling")
def series(
    asked: Asked,
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
    currency: Currency = None,
) -> Response:
    """A pair's annual or monthly series, year to date and 12-month rolling sums
    (`bilateral series`)."""
    return asked.answer(
        lambda store: store.series(
            reporter,
            partner,
            flow=flow,
            frequency=frequency,
            years=years,
            ytd_through=ytd_through,
            rolling=rolling,
            as_of=asked.as_of,
            currency=currency,
        ),
        series_document,
        f"series-{reporter}-{partner}-{frequency}",
        series_csv_records,
    )


@router.get("/indicators/{reporter}/{partner}", summary="Intra-industry trade, HHI, RCA")
def indicators(asked: Asked, reporter: Reporter, partner: Partner, year: Year) -> Response:
    """A pair's trade indicators: intra-industry trade, concentration, intensity, RCA
    (`bilateral indicators`)."""
    return asked.answer(
        lambda store: store.indicators(reporter, partner, year, as_of=asked.as_of),
        indicators_document,
        f"indicators-{reporter}-{partner}-{year}",
    )


@router.get("/events/{reporter}/{partner}", summary="The relations timeline")
def events(asked: Asked, reporter: Reporter, partner: Partner, years: Years = None) -> Response:
    """The events between two territories, oldest first (`bilateral events list`)."""
    return asked.answer(
        lambda store: store.events(reporter, partner, years=years, as_of=asked.as_of),
        events_document,
        f"events-{reporter}-{partner}",
    )
