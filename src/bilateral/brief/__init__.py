"""The briefing: a sourced dossier on a pair's trade, with charts, in several languages.

`figures` and `gather` turn API results into named figures; `messages` chooses the key
messages from them by stated rules and `notes` the technical notes they need; `text` renders
them with the language's template and catalogue (`templates/<lang>/text.j2`,
`catalogs/<lang>.yaml`); `selfcheck` proves each number of the text is the figure it claims;
`charts` draws the trend with Vega-Lite (a trend of one year stays a table); `writers` gives
HTML, PDF (two pages, or one, then an appendix of sources and notes), Markdown and JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.brief.catalog import languages, load_catalog
from bilateral.brief.figures import BriefFigures, Figure

if TYPE_CHECKING:
    from bilateral.brief.document import Brief

__all__ = ["Brief", "BriefFigures", "Figure", "languages", "load_catalog"]


def __getattr__(name: str) -> Any:
    # The document (its templates, charts and writers) is loaded when a brief is made, so that
    # the parts that gather figures load without it.
    if name == "Brief":
        from bilateral.brief.document import Brief

        return Brief
    raise AttributeError(f"module 'bilateral.brief' has no attribute {name!r}")
