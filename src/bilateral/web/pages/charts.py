"""Charts on the pages: the brief's Vega-Lite specs, drawn as SVG on the server.

The SVG is in the page for readers without JavaScript; the spec travels beside it in a JSON
block that `static/app.js` hands to vega-embed for tooltips.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from bilateral.brief.catalog import Catalog
from bilateral.brief.charts import MIN_PERIODS, Bar, bar_chart_spec, line_chart_spec
from bilateral.brief.figures import TrendPoint


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: SVG markup, and the interactive spec as JSON text."""

    svg: Markup
    spec: str
    locale: str
    title: str


@functools.lru_cache(maxsize=256)
def _svg(spec: str, locale: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec), format_locale=locale))  # type: ignore[arg-type]


def _view(spec: dict[str, Any], catalog: Catalog, title: str) -> ChartView:
    text = json.dumps(spec, sort_keys=True)
    svg = _svg(text, catalog.chart_locale)
    # vl-convert writes the SVG from our spec; its text nodes are escaped by it.
    interactive = {**spec, "config": {**spec.get("config", {}), "mark": {"tooltip": True}}}
    return ChartView(
        Markup(svg),
        json.dumps(interactive),
        catalog.chart_locale,
        title,
    )


def trend_chart(
    points: tuple[TrendPoint, ...], title: str, x_title: str, catalog: Catalog, currency: str
) -> ChartView | None:
    """Return the trend chart of `points`, None for fewer than the brief's minimum periods."""
    if len({p.period for p in points}) < MIN_PERIODS:
        return None
    return _view(line_chart_spec(points, title, x_title, catalog, currency), catalog, title)


def sectors_chart(
    bars: tuple[Bar, ...], title: str, catalog: Catalog, currency: str
) -> ChartView | None:
    """Return the sectors' bar chart, None without bars."""
    if not bars:
        return None
    return _view(bar_chart_spec(bars, title, catalog, currency), catalog, title)
