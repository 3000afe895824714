"""Rendering a page: the Jinja2 environment (autoescaping), the language and its formats."""

from __future__ import annotations

from typing import Any, Final

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from bilateral.web.i18n import COOKIE, LANGUAGES, Numbers, Texts, requested_language
from bilateral.web.pages.wording import Wording

ENVIRONMENT: Final = Environment(
    loader=PackageLoader("bilateral.web", "templates"),
    autoescape=True,  # every template, whatever its name: request text is data
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
YEAR_SECONDS: Final = 365 * 24 * 3600


def language_links(request: Request, current: str) -> list[tuple[str, str, bool]]:
    """Return (language, same page's relative URL in it, whether current) for the switch."""
    links = []
    for language in LANGUAGES:
        query = dict(request.query_params)
        query["lang"] = language
        url = request.url.replace(query=None).include_query_params(**query)
        links.append((language, f"{url.path}?{url.query}", language == current))
    return links


def page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render `template` in the request's language; remember a language chosen by `?lang=`."""
    language, chosen = requested_language(request)
    html = ENVIRONMENT.get_template(template).render(
        t=Texts(language),
        n=Numbers(language),
        w=Wording(language),
        lang=language,
        languages=language_links(request, language),
        current_path=request.url.path,
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language, Cookie"
    if chosen:
        response.set_cookie(COOKIE, language, max_age=YEAR_SECONDS, samesite="lax")
    return response
