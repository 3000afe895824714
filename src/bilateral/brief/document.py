"""`Brief`: a briefing's figures in one language, rendered and self-checked on demand."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from bilateral.brief.catalog import Catalog, load_catalog
from bilateral.brief.charts import Chart, build_charts
from bilateral.brief.figures import BriefFigures, check_identities
from bilateral.brief.messages import key_messages
from bilateral.brief.selfcheck import check_text, visible_text
from bilateral.brief.text import Pages, TextFormat, render_text
from bilateral.brief.writers import BriefFormat, figures_json, format_for, html_to_pdf
from bilateral.errors import InvalidArgumentError


@dataclass(frozen=True)
class Brief:
    """A sourced dossier on a pair's trade in one year, in one language.

    Every form is checked before it is returned: the figures against each other, and each
    number of the text against the figure it shows (`bilateral.brief.selfcheck`); a failed
    check raises `BriefCheckError` and nothing is written.
    """

    figures: BriefFigures
    language: str
    pages: Pages = 2
    """The brief's length in print before its appendix: 2 pages, or 1 for the short form."""

    def in_pages(self, pages: int) -> Brief:
        """Return the brief laid out in `pages` printed pages before its appendix (1 or 2)."""
        if pages not in (1, 2):
            raise InvalidArgumentError(
                "pages", pages, "1 (key messages, headline, sectors, ranks) or 2 (the full brief)"
            )
        return dataclasses.replace(self, pages=1 if pages == 1 else 2)

    @property
    def catalog(self) -> Catalog:
        """Return the catalogue of the brief's language."""
        return load_catalog(self.language)

    def charts(self) -> list[Chart]:
        """Return the brief's charts (Vega-Lite specs, rendered on demand)."""
        return build_charts(self.figures, self.catalog)

    def text(self, text_format: TextFormat, charts: dict[str, str] | None = None) -> str:
        """Return the Markdown or HTML text, self-checked; `charts` maps names to SVG or paths."""
        check_identities(self.figures)
        text, recorder = render_text(
            self.figures, self.catalog, text_format, charts, pages=self.pages
        )
        check_text(visible_text(text) if text_format == "html" else text, recorder, self.catalog)
        return text

    def shown(self) -> dict[str, str]:
        """Return each figure the Markdown text prints, as it prints it (first occurrence)."""
        _, recorder = render_text(self.figures, self.catalog, "md", pages=self.pages)
        shown: dict[str, str] = {}
        for record in recorder.records:
            shown.setdefault(record.figure_id, record.shown.text)
        return shown

    def render(self, form: BriefFormat, chart_paths: dict[str, str] | None = None) -> str | bytes:
        """Return the brief as HTML, Markdown or JSON text, or PDF bytes.

        HTML and PDF carry the charts inline as SVG; Markdown links `chart_paths` (chart name
        to image path) when given, and has no images otherwise.
        """
        if form == "md":
            return self.text("md", chart_paths)
        if form == "json":
            check_identities(self.figures)
            self.text("md")
            return figures_json(
                self.figures, self.language, self.shown(), key_messages(self.figures)
            )
        html = self.text("html", {chart.name: chart.svg() for chart in self.charts()})
        return html if form == "html" else html_to_pdf(html)

    def write(self, path: str | Path, *, charts: bool = False) -> list[Path]:
        """Write the brief to `path` (format from its extension); return the files written.

        `charts` also writes each chart beside it as `<stem>_<chart>.svg`, `.png` and the
        Vega-Lite spec `.vl.json`. The self-check runs before any file is written.
        """
        target = Path(path)
        form = format_for(target)
        drawn = self.charts() if charts else []
        files = {
            chart.name: [
                target.with_name(f"{target.stem}_{chart.name}{suffix}")
                for suffix in (".svg", ".png", ".vl.json")
            ]
            for chart in drawn
        }
        content = self.render(form, {name: paths[0].name for name, paths in files.items()} or None)
        target.parent.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for chart in drawn:
            svg, png, spec = files[chart.name]
            svg.write_text(chart.svg(), encoding="utf-8")
            png.write_bytes(chart.png())
            spec.write_text(json.dumps(chart.spec, indent=2) + "\n", encoding="utf-8")
            written.extend([svg, png, spec])
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return [target, *written]
