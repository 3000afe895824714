"""Output forms of a brief: format from a file's extension, PDF from HTML, JSON of figures."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from bilateral.brief.figures import BriefFigures
from bilateral.brief.messages import KeyMessage
from bilateral.errors import InvalidArgumentError

BriefFormat = Literal["html", "pdf", "md", "json"]
EXTENSIONS: dict[str, BriefFormat] = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".md": "md",
    ".json": "json",
}


def format_for(path: Path) -> BriefFormat:
    """Return the brief format that `path`'s extension names; refuse any other extension."""
    chosen = EXTENSIONS.get(path.suffix.lower())
    if chosen is None:
        raise InvalidArgumentError(
            "out", str(path), "a file ending .html, .pdf, .md or .json (the format of the brief)"
        )
    return chosen


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Refuse every resource: a brief is self-contained, so the PDF needs none."""
    raise ValueError(f"the brief is self-contained; it does not fetch {url}")


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained HTML brief (WeasyPrint, no network)."""
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=_no_fetch)
    return bytes(document.write_pdf())


def figures_json(
    brief: BriefFigures,
    language: str,
    shown: dict[str, str],
    messages: Sequence[KeyMessage] = (),
) -> str:
    """Return the brief's figures as JSON: every figure's value, kind, source and text.

    `shown` maps a figure id to the string the text printed for it, in `language`;
    `messages` are the key messages (their rule and the figures they print).
    """
    data = brief.to_dict()
    for figure_id, figure in data["figures"].items():
        figure["shown"] = shown.get(figure_id)
    data["language"] = language
    data["key_messages"] = [dataclasses.asdict(message) for message in messages]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
