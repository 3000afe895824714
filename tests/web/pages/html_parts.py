"""Reading the pages' HTML in tests: links, headline cells, text (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser

LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "data-suggest")


class PageParts(HTMLParser):
    """Collect a page's link targets, headline figures and visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.figures: list[tuple[str, str, str]] = []  # (figure, raw value, shown text)
        self.text: list[str] = []
        self.lang: str | None = None
        self._figure: tuple[str, str] | None = None
        self._shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        self.links.extend(v for k, v in attrs if k in LINK_ATTRIBUTES and v is not None)
        if tag == "td" and "data-figure" in values:
            self._figure = (values["data-figure"] or "", values.get("data-value") or "")
            self._shown = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._figure is not None:
            self.figures.append((*self._figure, "".join(self._shown)))
            self._figure = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._figure is not None:
            self._shown.append(data)


def parts(html: str) -> PageParts:
    """Return the parts of `html`."""
    parser = PageParts()
    parser.feed(html)
    return parser
