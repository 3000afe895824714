"""Rendering claim checks: a table on screen, JSON per claim, an annotated HTML of the text."""

from __future__ import annotations

import html
from typing import Final, Literal

from rich.console import Console
from rich.table import Table

from bilateral.render.common import records_json
from bilateral.render.layout import print_table
from bilateral.results.claims import CheckReport, ClaimCheck, claim_count

CheckFormat = Literal["table", "json", "html"]

_STYLE: Final = {"supported": "green", "contradicted": "red", "not checkable": "yellow"}
_CSS: Final = """
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.5;
       color: #1d1d1f; padding: 0 1rem; }
.text { white-space: pre-wrap; border-left: 3px solid #ccc; padding-left: 1rem; }
mark { padding: 0 .15em; border-radius: .2em; }
mark.supported { background: #c8f0c8; }
mark.contradicted { background: #f8c4c4; }
mark.not-checkable { background: #f5e6a8; }
sup a { text-decoration: none; }
ol.checks li { margin-bottom: 1rem; }
.verdict { font-weight: 600; }
.verdict.supported { color: #17692a; } .verdict.contradicted { color: #a01818; }
.verdict.not-checkable { color: #7a5b00; }
table { border-collapse: collapse; margin-top: .3rem; font-size: .9em; }
td, th { border: 1px solid #ddd; padding: .15rem .4rem; text-align: left; }
td.num { text-align: right; }
"""


def claims_json(report: CheckReport) -> str:
    """Return one JSON object per claim: text, figure, structured claim, verdict, evidence."""
    return records_json(report.documents())


def claims_html(report: CheckReport, title: str = "Claim check") -> str:
    """Return a self-contained HTML page: the text with each claim marked, and the verdicts.

    Each claim is a `<mark>` whose class is its verdict (`supported`, `contradicted`,
    `not-checkable`) and whose tooltip gives the reason; a footnote number links to the
    verdict and its evidence below the text. Everything from the text is escaped.

    >>> from bilateral.results.claims import CheckReport
    >>> "<p>No trade figures" in claims_html(CheckReport("<b>hi</b>", ()))
    True
    """
    marked = _marked_text(report)
    items = "\n".join(_footnote(number, check) for number, check in _numbered(report))
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items())
    body = (
        f'<ol class="checks">\n{items}\n</ol>'
        if report.checks
        else "<p>No trade figures were found in this text.</p>"
    )
    notes = "".join(f'<p class="note">{html.escape(note)}</p>' for note in report.notes)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{claim_count(len(report.checks))}: {counts}.</p>\n"
        f'<div class="text">{marked}</div>\n<h2>Verdicts</h2>\n{body}\n{notes}\n'
        "</body>\n</html>\n"
    )


def _numbered(report: CheckReport) -> list[tuple[int, ClaimCheck]]:
    return list(enumerate(report.checks, start=1))


def _css_class(check: ClaimCheck) -> str:
    return check.verdict.replace(" ", "-")


def _marked_text(report: CheckReport) -> str:
    text = report.text
    pieces: list[str] = []
    cursor = 0
    for number, check in sorted(_numbered(report), key=lambda pair: pair[1].claim.start):
        start, end = check.claim.start, check.claim.end
        if start < cursor:  # overlapping figures: the first keeps the mark
            continue
        pieces.append(html.escape(text[cursor:start]))
        tooltip = html.escape(f"{check.verdict}: {check.reason}", quote=True)
        pieces.append(
            f'<mark class="{_css_class(check)}" title="{tooltip}">'
            f"{html.escape(text[start:end])}</mark>"
            f'<sup><a href="#claim-{number}">{number}</a></sup>'
        )
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def _footnote(number: int, check: ClaimCheck) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(item.view)}</td><td>{html.escape(item.description)}</td>"
        f"<td>{html.escape(item.valuation or '')}</td>"
        f'<td class="num">{_value(item.value, check)}</td>'
        f"<td>{html.escape(item.currency if check.claim.kind != 'growth' else '')}</td>"
        f"<td>{html.escape(item.source)}</td><td>{html.escape(item.vintage)}</td>"
        f"<td>{'yes' if item.supports else 'no'}</td>"
        f"<td><code>{html.escape(item.query)}</code></td></tr>"
        for item in check.evidence
    )
    table = (
        "<table><tr><th>view</th><th>figure</th><th>imports valued</th><th>value</th>"
        "<th>currency</th><th>source</th><th>vintage</th><th>supports</th><th>query</th></tr>"
        f"{rows}</table>"
        if rows
        else ""
    )
    return (
        f'<li id="claim-{number}"><q>{html.escape(check.claim.figure)}</q> '
        f'<span class="verdict {_css_class(check)}">{html.escape(verdict_label(check))}</span>'
        f"<br>{html.escape(check.claim.describe())}<br>{html.escape(check.reason)}{table}</li>"
    )


def verdict_label(check: ClaimCheck) -> str:
    """Return the verdict with how it holds: "supported (FOB imports, within revisions)"."""
    qualifiers = [f"{check.valuation} imports"] if check.valuation is not None else []
    if check.match not in (None, "as written"):
        qualifiers.append(str(check.match))
    return check.verdict + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def _value(value: float | None, check: ClaimCheck) -> str:
    if value is None:
        return "–"
    if check.claim.kind == "growth":
        return f"{value * 100:+.1f}%"
    return f"{value:,.0f}"


def show_check(console: Console, report: CheckReport, output: CheckFormat) -> None:
    """Print a claim check as a table, as JSON (one object per claim) or as HTML."""
    if output == "json":
        console.out(claims_json(report), highlight=False)
        return
    if output == "html":
        console.out(claims_html(report), highlight=False, end="")
        return
    if not report.checks:
        console.print("No trade figures found in the text.")
        for note in report.notes:
            console.print(f"[dim]note: {note}[/]", highlight=False)
        return
    table = Table(title="Claim check", show_lines=True)
    for header in ("#", "figure", "claim", "verdict", "why"):
        table.add_column(header, overflow="fold")
    for number, check in _numbered(report):
        style = _STYLE[check.verdict]
        table.add_row(
            str(number),
            check.claim.figure,
            check.claim.describe(),
            f"[{style}]{verdict_label(check)}[/]",
            check.reason,
        )
    print_table(console, table)
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items())
    console.print(f"{claim_count(len(report.checks))}: {counts}", highlight=False)
