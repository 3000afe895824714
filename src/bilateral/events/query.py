"""The events between two territories, as one query compiled per engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.query.compiled import compiled_sql
from bilateral.query.tables import table

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis


@compiled_sql
def events_sql(first: str, second: str, years: tuple[int, ...] | None, *, dialect: str) -> str:
    """Return the SQL of the events between two territory codes, in either order, oldest first.

    `years` keeps the events dated in those years (None: all).
    """
    events = table("events")
    pair = ((events.territory_a == first) & (events.territory_b == second)) | (
        (events.territory_a == second) & (events.territory_b == first)
    )
    chosen = events.filter(pair)
    if years is not None:
        chosen = chosen.filter(chosen.date.year().isin(years))
    ordered = chosen.order_by([chosen.date, chosen.kind, chosen.title])
    return str(ibis.to_sql(ordered, dialect=dialect))
