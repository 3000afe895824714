"""Queries about one reporter: its partners ranked, a region beside its country."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from bilateral.choices import Flow
from bilateral.render.partners import partners_document
from bilateral.render.regional import region_share_document
from bilateral.web.api.asked import Asked
from bilateral.web.api.parameters import Currency, Partner, Year, Years

router = APIRouter(tags=["reporter"])


@router.get("/partners/{reporter}", summary="A reporter's partners ranked")
def partners(
    asked: Asked,
    reporter: Annotated[str, Path(description="Reporter: ITH5, Emilia-Romagna, IT.")],
    year: Year,
    flow: Annotated[Flow, Query(description="The reporter's exports or imports.")] = "export",
    top: Annotated[
        int | None, Query(description="The N largest partners, the rest as other.")
    ] = None,
    partner: Annotated[
        str | None, Query(description="Highlight one partner and say its rank: BEL.")
    ] = None,
    currency: Currency = None,
) -> Response:
    """A reporter's partners: value, share, growth, rank change; EU and WORLD lines
    (`bilateral partners`)."""
    return asked.answer(
        lambda store: store.partners(
            reporter, year, flow, top=top, partner=partner, as_of=asked.as_of, currency=currency
        ),
        partners_document,
        f"partners-{reporter}-{year}-{flow}",
    )


@router.get("/region/{region}/{partner}", summary="A region's trade beside its country's")
def region(
    asked: Asked,
    region: Annotated[str, Path(description="A region: ITH5, ITD5, Emilia-Romagna, IT-45.")],
    partner: Partner,
    years: Years = None,
    currency: Currency = None,
) -> Response:
    """A region's trade with a partner beside its country's, and the region's share
    (`bilateral region`)."""
    return asked.answer(
        lambda store: store.region_share(
            region, partner, years, as_of=asked.as_of, currency=currency
        ),
        region_share_document,
        f"region-{region}-{partner}",
    )
