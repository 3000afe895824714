"""Suggestions as you type a territory: `GET /api/v1/territories?q=belg`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from bilateral.api import Store
from bilateral.reference import Territory
from bilateral.web.state import store_of

router = APIRouter()


class Suggestion(BaseModel):
    """One territory a partly typed text may mean."""

    code: str
    name: str
    kind: str
    country: str | None
    label: str


class Suggestions(BaseModel):
    """The territories a partly typed text may mean, best first."""

    query: str
    suggestions: list[Suggestion]


def _suggestion(territory: Territory) -> Suggestion:
    return Suggestion(
        code=territory.code,
        name=territory.name,
        kind=territory.kind,
        country=territory.country,
        label=f"{territory.name} ({territory.code})",
    )


@router.get("/territories", response_model=Suggestions, tags=["reference"])
def territories(
    store: Annotated[Store, Depends(store_of)],
    q: Annotated[str, Query(max_length=100, description="A partly typed name or code.")] = "",
    limit: Annotated[int, Query(ge=1, le=50, description="How many at most.")] = 10,
) -> Suggestions:
    """Territories whose code or name (English, Italian, French, Dutch, German) starts with `q`:
    countries, groups, NUTS regions of the loaded list and their ISO or ISTAT codes."""
    found = store.reference.territories().complete(q, limit)
    return Suggestions(query=q, suggestions=[_suggestion(t) for t in found])
