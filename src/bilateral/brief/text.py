"""Render a brief's text with Jinja2: numbers only through `fig`, which records what it prints.

A template sees the names, titles and lines of `BriefFigures` and, for wording that depends
on a figure (surplus or deficit, up or down), `sign(id)`; it cannot print a number except by
`fig(id)`, which formats figure `id` in the language and records (id, string) for the
self-check. `literal(text)` marks digits that are not figures (sector codes, dates, API notes)
and `cite(key)` prints a source's footnote mark.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from bilateral.brief.catalog import Catalog
from bilateral.brief.charts import chart_names
from bilateral.brief.figures import BriefFigures
from bilateral.brief.messages import key_messages
from bilateral.brief.names import territory_name, territory_name_with
from bilateral.brief.notes import technical_notes
from bilateral.brief.numbers import PERCENT_KINDS, NumberFormat, Shown
from bilateral.errors import BriefCheckError
from bilateral.events.demo import event_place, event_title
from bilateral.indicators.mirror import CIF_FOB_HIGH, CIF_FOB_LOW
from bilateral.results.events import Event

if TYPE_CHECKING:
    import jinja2

TextFormat = Literal["md", "html"]
Pages = Literal[1, 2]
CIF_FOB_BAND = (CIF_FOB_LOW, CIF_FOB_HIGH)
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
}
_MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
}  # fmt: skip


@dataclass(frozen=True)
class Record:
    """A figure as printed: its id, the string shown, and whether its sign was dropped."""

    figure_id: str
    shown: Shown
    absolute: bool


@dataclass
class Recorder:
    """The functions templates call, and what they printed."""

    brief: BriefFigures
    numbers: NumberFormat
    records: list[Record] = field(default_factory=list)
    literals: list[str] = field(default_factory=list)

    def fig(self, figure_id: str, absolute: bool = False) -> str:
        """Return figure `figure_id` formatted, and record it (`absolute`: without its sign)."""
        figure = self.brief.figures.get(figure_id)
        if figure is None:
            raise BriefCheckError([f"the template prints figure {figure_id!r}, which is missing"])
        value = abs(figure.value) if absolute else figure.value
        shown = self.numbers.figure(value, figure.kind, figure.currency or self.brief.currency)
        if absolute:  # a growth pattern signs every number: "+22%" reads "22%" without sign
            shown = Shown(shown.text.lstrip("+"), shown.magnitude, shown.decimals)
        self.records.append(Record(figure_id, shown, absolute))
        return shown.text

    def fig_with(self, figure_id: str, preposition: str = "", absolute: bool = False) -> str:
        """Return figure `figure_id` after `preposition` with the article its number takes.

        In Italian fig_with(id, "di") gives "dell'11,9%" or "del 7,6%" (the catalogue's
        `number_articles`); in a language without such articles, the preposition and figure.
        """
        shown = self.fig(figure_id, absolute)
        catalog = self.numbers.catalog
        kind = self.brief.figures[figure_id].kind
        rules = catalog.number_articles.get("percent" if kind in PERCENT_KINDS else kind, ())
        digits = shown.lstrip("+-\u2212")
        article = next((a for pattern, a in rules if re.match(pattern, digits)), None)
        if article is None:
            return f"{preposition} {shown}".strip()
        forms = catalog.contractions.get(preposition, {})
        return forms.get(article, f"{preposition} {article} ") + shown

    def cite_figures(self, figure_ids: tuple[str, ...]) -> str:
        """Return the footnote marks of the sources of `figure_ids`, each once, in order."""
        keys = dict.fromkeys(self.brief.figures[i].source for i in figure_ids)
        marks = dict.fromkeys(self.brief.sources[k].mark for k in keys if k in self.brief.sources)
        return "".join(f"[{mark}]" for mark in marks)

    def sign(self, figure_id: str) -> int:
        """Return -1, 0 or 1: the sign of figure `figure_id` as the text will show it."""
        figure = self.brief.figures[figure_id]
        currency = figure.currency or self.brief.currency
        shown = self.numbers.figure(abs(figure.value), figure.kind, currency)
        if shown.text == self.numbers.figure(0.0, figure.kind, currency).text:
            return 0
        return 1 if figure.value > 0 else -1

    def months(self, figure_id: str) -> str:
        """Return the months a growth compares ("Jan-Nov "), or "" for whole years."""
        months = self.brief.figures[figure_id].months
        return self.month_span(months) + " " if months else ""

    def month_span(self, months: Sequence[int], full: bool = False) -> str:
        """Return months as the language names them, runs joined ("Jan-Mar, Dec").

        `full` names them in full ("January-March, December"), for a sentence.
        """
        table = _MONTH_NAMES if full else _MONTHS
        names = table.get(self.numbers.catalog.language, table["en"])
        runs: list[list[int]] = []
        for month in months:
            if runs and runs[-1][-1] == month - 1:
                runs[-1].append(month)
            else:
                runs.append([month])
        spans = [
            names[r[0] - 1] if len(r) == 1 else f"{names[r[0] - 1]}-{names[r[-1] - 1]}"
            for r in runs
        ]
        return ", ".join(spans)

    def literal(self, text: object) -> str:
        """Return `text` unchanged, recorded as digits the self-check accepts (codes, notes)."""
        self.literals.append(str(text))
        return str(text)

    def date(self, day: dt.date) -> str:
        """Return `day` in the language's date format, recorded as a literal."""
        return self.literal(self.numbers.date(day))

    def date_with(self, day: dt.date, preposition: str = "") -> Markup:
        """Return `day` after `preposition` with the article its day takes ("l'8 dicembre").

        The catalogue's `number_articles` of kind `date` choose it; a language without them
        gives the preposition and the date.
        """
        shown = self.date(day)
        catalog = self.numbers.catalog
        rules = catalog.number_articles.get("date", ())
        article = next((a for pattern, a in rules if re.match(pattern, shown)), None)
        if article is None:
            return Markup(f"{preposition} " if preposition else "") + shown
        form = catalog.contractions.get(preposition, {}).get(article, f"{preposition} {article} ")
        # The catalogue's words are safe text: "l'" stays an apostrophe in HTML and in CSS.
        return Markup(form) + shown

    def event_title(self, event: Event) -> str:
        """Return the event's title in the brief's language, recorded as a literal."""
        return self.literal(event_title(event, self.numbers.catalog.language))

    def event_place(self, event: Event) -> str:
        """Return the event's place in the brief's language ("" if none), recorded as a literal."""
        return self.literal(event_place(event, self.numbers.catalog.language) or "")

    def cite(self, key: str) -> str:
        """Return the footnote mark of source `key`, e.g. "[1]"."""
        return f"[{self.brief.sources[key].mark}]"

    def name(self, code: str, preposition: str | None = None) -> str:
        """Return the name of territory `code` in the brief's language.

        With `preposition` ("" for the bare article), joined with the territory's article
        as the catalogue gives them: name("BEL", "di") is "del Belgio" in Italian. Names are
        literals to the self-check ("European Union (27 countries from 2020)").
        """
        catalog = self.numbers.catalog
        if preposition is None:
            return self.literal(territory_name(code, catalog))
        return self.literal(territory_name_with(code, preposition, catalog))


def upper_first(text: str) -> str:
    """Return `text` with its first letter in upper case, the rest unchanged."""
    return text[:1].upper() + text[1:]


def css_string(text: object) -> Markup:
    """Return `text` as a quoted CSS string, for the running heads of printed pages."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(f'"{escaped}"')


def environment(text_format: TextFormat) -> jinja2.Environment:
    """Return the Jinja2 environment of `text_format`, templates from the package."""
    import jinja2  # imported when a brief is written, not by every command

    return jinja2.Environment(
        loader=jinja2.PackageLoader("bilateral.brief", "templates"),
        autoescape=text_format == "html",
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_text(
    brief: BriefFigures,
    catalog: Catalog,
    text_format: TextFormat,
    charts: dict[str, str] | None = None,
    env: jinja2.Environment | None = None,
    pages: Pages = 2,
) -> tuple[str, Recorder]:
    """Render the brief as Markdown or HTML; return the text and what `fig` recorded.

    `charts` maps a chart name to its inline SVG (HTML) or its image path (Markdown);
    `pages` is the length of the brief before its appendix (sources and notes) in print:
    2, or 1 for the short form (key messages, headline, leading sectors and ranks).
    """
    recorder = Recorder(brief, NumberFormat(catalog))
    chosen = env or environment(text_format)
    layout = chosen.get_template(f"layout.{text_format}.j2")
    text = layout.render(
        b=brief,
        t=brief.territories,
        lang=catalog.language,
        text_template=f"{catalog.language}/text.j2",
        labels=catalog.labels,
        charts={k: Markup(v) for k, v in (charts or {}).items()},
        drawable=chart_names(brief),
        band=[recorder.literal(recorder.numbers.whole_percent(x)) for x in CIF_FOB_BAND],
        messages=key_messages(brief),
        notes=technical_notes(brief),
        pages=pages,
        fig=recorder.fig,
        fig_with=recorder.fig_with,
        cite_figures=recorder.cite_figures,
        css=css_string,
        sign=recorder.sign,
        literal=recorder.literal,
        date=recorder.date,
        date_with=recorder.date_with,
        event_title=recorder.event_title,
        event_place=recorder.event_place,
        cite=recorder.cite,
        name=recorder.name,
        months=recorder.months,
        month_span=recorder.month_span,
        upper_first=upper_first,
    )
    return _join_wrapped_lines(text), recorder


_WRAPPED = re.compile(r"\n[ \t]+(?=\S)")


def _join_wrapped_lines(text: str) -> str:
    """Join the lines the templates' tags leave inside a sentence ("...,\n a surplus ...").

    A line that starts with blanks continues the one before; tables, lists and headings
    start at the margin, so they are left as they are.
    """
    return _WRAPPED.sub(" ", text)
