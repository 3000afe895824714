"""Fetching from the publishers into the store, with --allow-writes and its token only.

Each endpoint runs the fetch of `bilateral fetch ...` with the same parameters and answers its
`--format json` document (each file downloaded or found in the cache, what its ingest stored,
the notes). No URL or path is taken from a request: the publishers' addresses and the fetch
cache are the server's (its environment, as for the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
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
FetchReporter = Annotated[str, Query(max_length=100, description="Reporter: Italy, IT, ITA.")]
FetchPartner = Annotated[str, Query(max_length=100, description="Partner: Belgium, BE, WORLD.")]
EveryPartner = Annotated[
    str | None, Query(max_length=100, description="Partner (default: every partner).")
]


class Fetching:
    """What every fetch takes: the writing store, the years, and whether to stay offline."""

    def __init__(self, state: Writer, years: FetchYears, offline: Offline = False) -> None:
        self.state, self.years, self.offline = state, years, offline

    async def answer(self, fetch: Callable[[Store], FetchReport]) -> Response:
        """Run `fetch` on the store outside the event loop; answer its JSON document."""
        report = await run_in_threadpool(fetch, self.state.store)
        return Response(records_json(fetch_document(report)), media_type=JSON_MEDIA)


Fetch = Annotated[Fetching, Depends()]


@router.post("/comext", summary="Fetch Comext bulk archives (--allow-writes and its token)")
async def comext(asked: Fetch, monthly: Monthly = False) -> Response:
    """Fetch Eurostat Comext full_v2 bulk archives for the years and ingest them
    (`bilateral fetch comext`)."""
    return await asked.answer(
        lambda store: store.fetch_comext(asked.years, monthly=monthly, offline=asked.offline)
    )


@router.post("/comtrade", summary="Fetch from UN Comtrade Plus (--allow-writes and its token)")
async def comtrade(
    asked: Fetch,
    reporter: FetchReporter,
    partner: FetchPartner,
    monthly: Monthly = False,
    products: Annotated[
        str, Query(max_length=200, description="TOTAL, AG2, or HS codes: 30,2204.")
    ] = "TOTAL",
) -> Response:
    """Fetch a reporter's trade with a partner from UN Comtrade Plus and ingest it
    (`bilateral fetch comtrade`); the API key is the server's $COMTRADE_API_KEY."""
    return await asked.answer(
        lambda store: store.fetch_comtrade(
            reporter,
            partner,
            asked.years,
            frequency="M" if monthly else "A",
            products=products,
            offline=asked.offline,
        ),
    )


@router.post("/comext-api", summary="Fetch from the Comext SDMX API (--allow-writes, token)")
async def comext_api(
    asked: Fetch,
    reporter: FetchReporter,
    partner: FetchPartner,
    frequency: Annotated[str, Query(max_length=1, description="M (monthly) or A (annual).")] = (
        "M"
    ),
    products: Annotated[
        str | None, Query(max_length=500, description="CN codes (2-8 digits): 3506,85.")
    ] = None,
) -> Response:
    """Fetch a reporter's trade with a partner from the Comext SDMX API (DS-045409) and ingest
    it (`bilateral fetch comext-api`)."""
    return await asked.answer(
        lambda store: store.fetch_comext_api(
            reporter,
            partner,
            asked.years,
            frequency=frequency.strip().upper(),
            products=products,
            offline=asked.offline,
        ),
    )


@router.post("/istat", summary="Fetch a region's trade from ISTAT (--allow-writes, token)")
async def istat(
    asked: Fetch,
    region: Annotated[str, Query(max_length=100, description="ITH5, Emilia-Romagna.")],
    partner: EveryPartner = None,
) -> Response:
    """Fetch an Italian region's or province's annual trade by partner and CPA sector
    (`bilateral fetch istat`)."""
    return await asked.answer(
        lambda store: store.fetch_istat(region, asked.years, partner=partner, offline=asked.offline)
    )


@router.post("/imf", summary="Fetch a country's trade from the IMF (--allow-writes, token)")
async def imf(asked: Fetch, reporter: FetchReporter, partner: EveryPartner = None) -> Response:
    """Fetch a country's annual goods trade by partner from the IMF (`bilateral fetch imf`)."""
    return await asked.answer(
        lambda store: store.fetch_imf(reporter, partner, asked.years, offline=asked.offline)
    )
