"""The brief's charts: Vega-Lite specifications built with altair, rendered with vl-convert.

Values are drawn in the scale of the largest one ("EUR billion", "miliardi di euro"), the
axis numbers in the language's d3 locale; SVG goes inline into the HTML and PDF, PNG and SVG
files beside the brief on request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from bilateral.brief.catalog import Catalog
from bilateral.brief.figures import BriefFigures, TrendPoint
from bilateral.brief.names import territory_name
from bilateral.brief.numbers import NumberFormat


@dataclass(frozen=True)
class Chart:
    """One chart: its name (`trend`, `monthly`), Vega-Lite spec and the d3 locale to draw it in."""

    name: str
    spec: dict[str, Any]
    locale: str

    def _locale(self) -> Any:  # vl-convert types its d3 locale names as a Literal
        return self.locale

    def svg(self) -> str:
        """Return the chart as an SVG document."""
        import vl_convert  # imported when drawn: it is slow to load, and most commands never draw

        return str(vl_convert.vegalite_to_svg(self.spec, format_locale=self._locale()))

    def png(self, scale: float = 2.0) -> bytes:
        """Return the chart as PNG bytes, `scale` times its nominal size."""
        import vl_convert

        return bytes(
            vl_convert.vegalite_to_png(self.spec, scale=scale, format_locale=self._locale())
        )


FLOW_COLOURS = ("#1f4e79", "#c0504d")  # exports, imports


class _Flowing(Protocol):
    """A value of one flow: a trend point or a bar."""

    @property
    def flow(self) -> str: ...

    @property
    def value(self) -> float: ...


F = TypeVar("F", bound=_Flowing)
# (altair, its data, the value axis' unit title, the flows' colour encoding) -> the chart
Draw = Callable[[Any, Any, str, Any], Any]


def _flow_chart_spec(
    items: Sequence[F],
    label: Callable[[F], dict[str, str]],
    draw: Draw,
    catalog: Catalog,
    currency: str,
) -> dict[str, Any]:
    """Return the spec of a chart of exports and imports: the values in the scale of the
    largest, each flow in its colour and the language's words, the marks as `draw` lays them."""
    numbers = NumberFormat(catalog)
    scale = numbers.scale_for(max((abs(item.value) for item in items), default=1.0))
    unit = " ".join(
        scale.pattern.replace("{number}", "")
        .format(currency=numbers.currency_label(currency))
        .split()
    )
    flows = catalog.labels["flows"]
    rows = [
        {**label(item), "flow": flows[item.flow], "value": item.value / scale.magnitude}
        for item in items
    ]
    import altair as alt  # imported when a chart is built: it takes a third of a second to load

    colour = alt.Color(
        "flow:N",
        title=None,
        scale=alt.Scale(domain=[flows["export"], flows["import"]], range=list(FLOW_COLOURS)),
        legend=alt.Legend(orient="bottom"),
    )
    data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    spec: dict[str, Any] = draw(alt, data, unit, colour).to_dict()
    return spec


def line_chart_spec(
    points: tuple[TrendPoint, ...], title: str, x_title: str, catalog: Catalog, currency: str
) -> dict[str, Any]:
    """Return the Vega-Lite spec of exports and imports over `points` (the brief's and the
    web pages' trend charts), in the scale of the largest value."""
    angle = 0 if len(points) < 30 else -90

    def draw(alt: Any, data: Any, unit: str, colour: Any) -> Any:
        return (
            alt.Chart(data, title=title, width=520, height=220)
            .mark_line(point=True)
            .encode(
                x=alt.X("period:O", title=x_title, axis=alt.Axis(labelAngle=angle)),
                y=alt.Y("value:Q", title=unit, axis=alt.Axis(format=",.1f")),
                color=colour,
            )
        )

    return _flow_chart_spec(points, lambda p: {"period": p.period}, draw, catalog, currency)


@dataclass(frozen=True)
class Bar:
    """One bar of a sector chart: the sector's label, the flow and its value."""

    label: str
    flow: str
    value: float


def bar_chart_spec(
    bars: tuple[Bar, ...], title: str, catalog: Catalog, currency: str
) -> dict[str, Any]:
    """Return the Vega-Lite spec of sectors' exports and imports as grouped horizontal bars."""

    def draw(alt: Any, data: Any, unit: str, colour: Any) -> Any:
        return (
            alt.Chart(data, title=title, width=360)
            .mark_bar()
            .encode(
                y=alt.Y("sector:N", title=None, sort=None),
                yOffset=alt.YOffset("flow:N"),
                x=alt.X("value:Q", title=unit, axis=alt.Axis(format=",.1f")),
                color=colour,
            )
        )

    return _flow_chart_spec(bars, lambda b: {"sector": b.label[:48]}, draw, catalog, currency)


MIN_PERIODS = 2


def charted(points: tuple[TrendPoint, ...]) -> bool:
    """Say whether a trend is drawn: one of `MIN_PERIODS` periods or more, not of one."""
    return len({point.period for point in points}) >= MIN_PERIODS


def chart_names(brief: BriefFigures) -> tuple[str, ...]:
    """Return the charts the brief draws: a trend of one period is a table, not a chart."""
    names = []
    if charted(brief.annual):
        names.append("trend")
    if charted(brief.monthly):
        names.append("monthly")
    return tuple(names)


def build_charts(brief: BriefFigures, catalog: Catalog) -> list[Chart]:
    """Return the brief's charts: the annual trend and, where held, the monthly one.

    A trend of fewer than `MIN_PERIODS` periods is not drawn (the brief gives its table).
    """
    a, b = (territory_name(code, catalog) for code in (brief.territories.a, brief.territories.b))
    labels = catalog.labels
    charts = []
    drawn = chart_names(brief)
    if "trend" in drawn:
        title = labels["chart_title"].format(a=a, b=b)
        spec = line_chart_spec(brief.annual, title, labels["chart_year"], catalog, brief.currency)
        charts.append(Chart("trend", spec, catalog.chart_locale))
    if "monthly" in drawn:
        title = labels["monthly_title"].format(a=a, b=b)
        spec = line_chart_spec(brief.monthly, title, labels["chart_month"], catalog, brief.currency)
        charts.append(Chart("monthly", spec, catalog.chart_locale))
    return charts
