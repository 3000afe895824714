"""The pair page, `/pair/{a}/{b}?years=2019-2021`: every figure on two territories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import URL

from bilateral.api import Store
from bilateral.api.arguments import checked_as_of
from bilateral.errors import BilateralError, InvalidArgumentError
from bilateral.web.i18n import Numbers, Texts, requested_language
from bilateral.web.pages import pair_view
from bilateral.web.pages.pair_view import SECTOR_SCHEMES, Question
from bilateral.web.pages.problems import problem_page
from bilateral.web.pages.rendering import page
from bilateral.web.pages.sections import segment
from bilateral.web.state import served, store_of
from bilateral.years import describe_years, parse_years

router = APIRouter()

StoreDep = Annotated[Store, Depends(store_of)]
YearsQuery = Annotated[str | None, Query(max_length=40)]
AsOfQuery = Annotated[
    str | None,
    Query(max_length=40, description="Store version or ISO date to read as of."),
]


def _years(text: str | None) -> str | None:
    """Return the years as the page asks them ("2019-2021"), checked; None for every year."""
    if text is None or not text.strip():
        return None
    return describe_years(parse_years(text.strip())).replace(", ", ",")


def _pair_url(
    a: str, b: str, years: str | None, scheme: str | None = None, as_of: str | None = None
) -> str:
    url = URL(f"/pair/{segment(a)}/{segment(b)}")
    asked = (("years", years), ("scheme", scheme), ("as_of", as_of))
    query = {k: v for k, v in asked if v}
    return str(url.include_query_params(**query)) if query else str(url)


@router.get("/pair", include_in_schema=False, response_model=None)
def pair_form(
    request: Request,
    store: StoreDep,
    a: Annotated[str, Query(max_length=100)] = "",
    b: Annotated[str, Query(max_length=100)] = "",
    years: YearsQuery = None,
) -> Response:
    """The home page's form: resolve both territories and go to the pair's shareable URL."""
    try:
        if not a.strip() or not b.strip():
            missing = "a" if not a.strip() else "b"
            raise InvalidArgumentError(missing, "", "a territory: a name, ISO code or NUTS code")
        first, second = store.resolve(a), store.resolve(b)
        return RedirectResponse(_pair_url(first.code, second.code, _years(years)), 303)
    except BilateralError as error:
        return problem_page(request, error)


@router.get("/pair/{a}/{b}", include_in_schema=False, response_model=None)
def pair(
    request: Request,
    store: StoreDep,
    a: str,
    b: str,
    years: YearsQuery = None,
    scheme: Annotated[str, Query(max_length=20)] = "cpa",
    as_of: AsOfQuery = None,
) -> Response:
    """Every figure of the pair in the years asked; a name in the URL goes to its code's URL."""
    try:
        if scheme not in SECTOR_SCHEMES:
            raise InvalidArgumentError("scheme", scheme, f"one of {', '.join(SECTOR_SCHEMES)}")
        asked = _years(years)
        as_of = as_of.strip() if as_of and as_of.strip() else None
        checked_as_of(store.root, as_of)
        first, second = store.resolve(a), store.resolve(b)
        if first.code == second.code:
            raise InvalidArgumentError("b", b, f"a territory other than {first.name}")
    except BilateralError as error:
        return problem_page(request, error)
    if (first.code, second.code) != (a, b):
        return RedirectResponse(_pair_url(first.code, second.code, asked, scheme, as_of), 307)
    language, _ = requested_language(request)
    texts, numbers = Texts(language), Numbers(language)
    question = Question(first, second, asked, scheme, as_of)
    state = served(request)
    view = state.remembered(
        state.version(),
        ("pair page", question, language),
        lambda warm: pair_view.build(warm, question, texts, numbers),
    )
    context = {
        "view": view,
        "schemes": SECTOR_SCHEMES,
        "scheme_links": [
            (s, _pair_url(first.code, second.code, asked, s, as_of)) for s in SECTOR_SCHEMES
        ],
    }
    status = 200 if view.has_data else 404
    return page(request, "pair.html.j2", context, status)
