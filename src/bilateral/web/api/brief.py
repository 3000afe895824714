"""The brief: a sourced dossier on a pair, as an HTML, PDF, Markdown or JSON download."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from bilateral.web.api.parameters import AsOf, Currency, Partner, Reporter, Year
from bilateral.web.api.respond import Served, safe_name, unchanged, validators

router = APIRouter(tags=["brief"])

MEDIA = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


@router.get("/brief/{reporter}/{partner}", summary="A sourced briefing on a pair (download)")
def brief(
    request: Request,
    state: Served,
    reporter: Reporter,
    partner: Partner,
    year: Year,
    form: Annotated[
        Literal["html", "pdf", "md", "json"],
        Query(alias="format", description="html, pdf, md (Markdown) or json (its figures)."),
    ] = "html",
    lang: Annotated[Literal["en", "it"], Query(description="Language: en, it.")] = "en",
    pages: Annotated[
        int,
        Query(
            description="2 (the full brief) or 1 (key messages, headline, sectors, ranks).",
            json_schema_extra={"enum": [1, 2]},
        ),
    ] = 2,
    currency: Currency = None,
    source: Annotated[
        str | None,
        Query(description="Take every figure from this source (comext, imf_dots, comtrade...)."),
    ] = None,
    as_of: AsOf = None,
) -> Response:
    """Key messages, figures, sectors, ranks; sources in an appendix (`bilateral brief`)."""
    version = state.version()
    cached = unchanged(request, version)
    if cached is not None:
        return cached
    made = state.ask(
        lambda store: store.brief(
            reporter, partner, year=year, lang=lang, currency=currency, source=source, as_of=as_of
        ).in_pages(pages)
    )
    document = made.render(form)
    asked = "" if as_of is None else f"-as-of-{as_of}"
    name = safe_name(f"brief-{reporter}-{partner}-{year}-{lang}{asked}")
    headers = {
        **validators(version),
        "Content-Disposition": f'attachment; filename="{name}.{form}"',
    }
    return Response(document, media_type=MEDIA[form], headers=headers)
