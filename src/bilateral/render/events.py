"""Printing the relations timeline and what an events import did."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.common import OutputFormat, emit_data
from bilateral.render.layout import print_table
from bilateral.results.events import EventImportReport, EventList


def show_event_import(console: Console, report: EventImportReport, output: OutputFormat) -> None:
    """Print what an events import did, with its notes below."""
    if emit_data(console, output, report.records()):
        return
    if report.status == "unchanged":
        what = "unchanged"
    else:
        what = (
            f"{report.added} of {report.read} events added, {report.already_stored} already "
            f"stored, {report.repeated} repeated in the file (years {report.years})"
        )
    console.print(
        f"[bold]{report.file}[/]: {what}; events version {report.events_version}, "
        f"{report.seconds:.2f} s",
        highlight=False,
    )
    for note in report.notes:
        console.print(f"  [dim]{note}[/]", highlight=False)


def events_document(events: EventList) -> dict[str, Any]:
    """Return the events as the JSON document of `--format json`."""
    return {"territories": list(events.territories), "events": events.records()}


def show_events(console: Console, events: EventList, output: OutputFormat) -> None:
    """Print the events between two territories, oldest first."""
    if emit_data(console, output, events.records(), events_document(events)):
        return
    pair = " – ".join(events.territories)
    if not events.events:
        console.print(f"no events stored between {pair}", highlight=False)
        return
    table = Table(title=f"relations timeline {pair}")
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("title", overflow="fold")
    for header in ("place", "participants", "themes", "sectors"):
        table.add_column(header)
    for event in events.events:
        table.add_row(
            event.date.isoformat(),
            event.kind,
            event.title if event.link is None else f"{event.title}\n[dim]{event.link}[/]",
            event.place or "",
            "\n".join(str(participant) for participant in event.participants),
            ", ".join(event.themes),
            ", ".join(event.sectors),
        )
    print_table(console, table, key_columns=2, split=False)
