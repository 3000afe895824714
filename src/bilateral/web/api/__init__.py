"""The JSON API under /api/v1/: every query the command line has, with the same fields.

URL scheme (territories are path segments, URL-encoded: a name, an ISO code, a NUTS code or a
group, as on the command line; options are query parameters named as the CLI's options with
`_` for `-`; every query also takes `as_of`, a store version or an ISO date, as the CLI's
`--as-of`: the answer is the store's as it was then):

    GET  /api/v1/profile/{reporter}/{partner}     years, currency
    GET  /api/v1/sectors/{reporter}/{partner}     year, scheme, top, language, span, flow, currency
    GET  /api/v1/partners/{reporter}              year, flow, top, partner, currency
    GET  /api/v1/products/{reporter}/{partner}    year, depth, flow, top, compare_year, currency
    GET  /api/v1/mirror/{reporter}/{partner}      years, top_chapters, currency
    GET  /api/v1/series/{reporter}/{partner}      flow, frequency, years, ytd_through, rolling,
                                                  currency
    GET  /api/v1/region/{region}/{partner}        years, currency
    GET  /api/v1/indicators/{reporter}/{partner}  year
    GET  /api/v1/events/{reporter}/{partner}      years
    GET  /api/v1/brief/{reporter}/{partner}       year, format=html|pdf|md, lang=en|it, pages,
                                                  currency, source (a download: attachment)
    POST /api/v1/check                            a text: text/plain body, or a form with a `text`
                                                  field or a `file` upload (size-limited)
    GET  /api/v1/store/info
    GET  /api/v1/store/history
    POST /api/v1/store/ingest                     with --allow-writes and its token only: a form
                                                  with a `file` upload, `vintage`
    POST /api/v1/store/fetch/{source}             with --allow-writes and its token only: the
                                                  fetch of `bilateral fetch SOURCE` (comext,
                                                  comtrade, comext-api, istat, imf), the same
                                                  options as query parameters
    GET  /api/v1/territories?q=...                suggestions (`territories.py`)
    GET  /api/v1/problems/{name}                  the page of a problem type (`type` of errors)

Every table endpoint answers `format=json` (default: the CLI's `--format json` document) or
`format=csv` (the CLI's `--format csv`, as a download), e.g.
`/api/v1/sectors/ITA/BEL?year=2021&scheme=hs2&format=csv`. Errors are
`application/problem+json` (RFC 9457) with the CLI's message as `detail`. Responses of reads
carry `ETag` and `Last-Modified` from the store's version; `If-None-Match` answers 304.
The OpenAPI document is `/openapi.json`, its page `/api/docs`.
"""

from __future__ import annotations

from fastapi import APIRouter

from bilateral.web.api import (
    brief,
    check,
    fetch,
    pair,
    problem_types,
    reporter,
    store,
    territories,
)

router = APIRouter(prefix="/api/v1")
for _module in (pair, reporter, check, brief, store, fetch, territories, problem_types):
    router.include_router(_module.router)
