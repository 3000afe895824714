"""Queries of the store's other tables: events, CN8 -> CPA links, product weights."""

from __future__ import annotations

import pyarrow as pa

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.events.query import events_sql
from bilateral.events.rows import row_event
from bilateral.query.links import cn_cpa_links_sql
from bilateral.query.weights import product_weights_sql
from bilateral.results import ProductLink, ProductLinks
from bilateral.results.events import EventList


def events_figures(run: Run, years: tuple[int, ...] | None) -> Answer[EventList]:
    """Read the events stored for exactly this pair, oldest first."""
    first, second = run.territories
    rows = run.read(events_sql, first.code, second.code, years)
    return Answer(EventList((first.code, second.code), tuple(row_event(row) for row in rows)))


def links_figures(run: Run, year: int | None) -> Answer[ProductLinks]:
    """Read the CN8 -> CPA links the ingested rows carried, by year."""
    links = tuple(
        ProductLink(
            int(r["year"]), r["cn8"], r["cpa"], float(r["value"]), int(r["rows"]), float(r["share"])
        )
        for r in run.read(cn_cpa_links_sql, year)
    )
    return Answer(ProductLinks(links))


def weights_figures(run: Run, year: int) -> Answer[pa.Table]:
    """Read the store's trade by HS6 code in `year` (weights of a classification split)."""
    return Answer(run.table(product_weights_sql, year, 6))


EVENTS: Query[tuple[int, ...] | None, EventList] = Query("events", events_figures)
CN_CPA_LINKS: Query[int | None, ProductLinks] = Query("cn_cpa_links", links_figures)
PRODUCT_WEIGHTS: Query[int, pa.Table] = Query("product_weights", weights_figures)
