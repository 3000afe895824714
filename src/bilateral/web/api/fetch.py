"""Fetching from the publishers into the store, with --allow-writes and its token only.

Each endpoint runs the fetch of `bilateral fetch ...` with the same parameters and answers its
`--format json` document (each file downloaded or found in the cache, what its ingest stored,
the notes). No URL or path is taken from a request: the publishers' addresses and the fetch
cache are the server's (its environment, as for the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from bilateral.api import Store
from bilateral.render.common import records_json
from bilateral.render.fetch import fetch_document
from bilateral.results.fetch import FetchReport
from bilateral.web.api.respond import JSON_MEDIA
from bilateral.web.api.store import Writer

router = APIRouter(prefix="/store/fetch", tags=["store"])

FetchYears = Annotated[str, Query(max_length=40, description="2021, 2020-2021 or 2019,2021.")]
Monthly = Annotated[bool, Query(description="Monthly files instead of annual.")]
Offline = Annotated[bool, Query(description="Use the fetch cache only; never the network.")]
Territory = Annotated[str, Query(max_length=100)]


async def _fetched(state: Writer, fetch: Callable[[Store], FetchReport]) -> Response:
    report = await run_in_threadpool(fetch, state.store)
    return Response(records_json(fetch_document(report)), media_type=JSON_MEDIA)


@router.post("/comext", summary="Fetch Comext bulk archives (--allow-writes and its token)")
async def comext(
    state: Writer, years: FetchYears, monthly: Monthly = False, offline: Offline = False
) -> Response:
    """Fetch Eurostat Comext full_v2 bulk archives for the years and ingest them
    (`bilateral fetch comext`)."""
    return await _fetched(
        state, lambda store: store.fetch_comext(years, monthly=monthly, offline=offline)
    )


@router.post("/comtrade", summary="Fetch from UN Comtrade Plus (--allow-writes and its token)")
async def comtrade(
    state: Writer,
    reporter: Annotated[str, Query(max_length=100, description="Reporter: Italy, IT, ITA.")],
    partner: Annotated[str, Query(max_length=100, description="Partner: Belgium, BEL, WORLD.")],
    years: FetchYears,
    monthly: Monthly = False,
    products: Annotated[
        str, Query(max_length=200, description="TOTAL, AG2, or HS codes: 30,2204.")
    ] = "TOTAL",
    offline: Offline = False,
) -> Response:
    """Fetch a reporter's trade with a partner from UN Comtrade Plus and ingest it
    (`bilateral fetch comtrade`); the API key is the server's $COMTRADE_API_KEY."""
    return await _fetched(
        state,
        lambda store: store.fetch_comtrade(
            reporter,
            partner,
            years,
            frequency="M" if monthly else "A",
            products=products,
            offline=offline,
        ),
    )


@router.post("/comext-api", summary="Fetch from the Comext SDMX API (--allow-writes, token)")
async def comext_api(
    state: Writer,
    reporter: Annotated[str, Query(max_length=100, description="Reporter: Italy, IT.")],
    partner: Annotated[str, Query(max_length=100, description="Partner: Belgium, BE, WORLD.")],
    years: FetchYears,
    frequency: Annotated[str, Query(max_length=1, description="M (monthly) or A (annual).")] = (
        "M"
    ),
    products: Annotated[
        str | None, Query(max_length=500, description="CN codes (2-8 digits): 3506,85.")
    ] = None,
    offline: Offline = False,
) -> Response:
    """Fetch a reporter's trade with a partner from the Comext SDMX API (DS-045409) and ingest
    it (`bilateral fetch comext-api`)."""
    return await _fetched(
        state,
        lambda store: store.fetch_comext_api(
            reporter,
            partner,
            years,
            frequency=frequency.strip().upper(),
            products=products,
            offline=offline,
        ),
    )


@router.post("/istat", summary="Fetch a region's trade from ISTAT (--allow-writes, token)")
async def istat(
    state: Writer,
    region: Annotated[str, Query(max_length=100, description="ITH5, Emilia-Romagna.")],
    years: FetchYears,
    partner: Annotated[
        str | None, Query(max_length=100, description="Partner (default: every partner).")
    ] = None,
    offline: Offline = False,
) -> Response:
    """Fetch an Italian region's or province's annual trade by partner and CPA sector
    (`bilateral fetch istat`)."""
    return await _fetched(
        state, lambda store: store.fetch_istat(region, years, partner=partner, offline=offline)
    )


@router.post("/imf", summary="Fetch a country's trade from the IMF (--allow-writes, token)")
async def imf(
    state: Writer,
    reporter: Annotated[str, Query(max_length=100, description="Reporter: Italy, IT, ITA.")],
    years: FetchYears,
    partner: Annotated[
        str | None, Query(max_length=100, description="Partner (default: every partner).")
    ] = None,
    offline: Offline = False,
) -> Response:
    """Fetch a country's annual goods trade by partner from the IMF (`bilateral fetch imf`)."""
    return await _fetched(
        state, lambda store: store.fetch_imf(reporter, partner, years, offline=offline)
    )
