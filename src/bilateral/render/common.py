"""Output helpers: JSON and CSV of records, units, money and percentages."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, Protocol

from rich.console import Console

from bilateral.choices import OutputFormat as OutputFormat
from bilateral.results.base import Provenance
from bilateral.results.notes import SYNTHETIC_NOTE as SYNTHETIC_NOTE


def records_csv(records: Sequence[dict[str, Any]]) -> str:
    """Return records as CSV text with a header."""
    if not records:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def records_json(payload: Any) -> str:
    """Return a payload as indented JSON (NaN written as null)."""
    return json.dumps(_clean(payload), indent=2, ensure_ascii=False)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def unit_for(values: Sequence[float | None]) -> tuple[float, str]:
    """Choose the unit that keeps a column of amounts short: billions, millions or thousands."""
    largest = max((abs(v) for v in values if v is not None), default=0.0)
    for divisor, name in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands")):
        if largest >= divisor:
            return divisor, name
    return 1.0, "units"


def emit_data(
    console: Console, output: OutputFormat, records: list[dict[str, Any]], document: Any = None
) -> bool:
    """Print `document` (or the records) as JSON, or the records as CSV; False for tables."""
    if output == "json":
        console.print_json(records_json(records if document is None else document))
        return True
    if output == "csv":
        console.out(records_csv(records), end="", highlight=False)
        return True
    return False


def money(value: float | None, divisor: float = 1e6) -> str:
    """Format an amount in the chosen unit with two decimals: 18.03."""
    return "–" if value is None else f"{value / divisor:,.2f}"


def percent(value: float | None) -> str:
    """Format a ratio as a signed percentage: +22.0%."""
    return "–" if value is None else f"{value * 100:+.1f}%"


# What a result computed on synthetic rows says above its table (the results carry a flag).


def show_synthetic(console: Console, notes: Sequence[str]) -> None:
    for note in notes:
        if note.startswith("SYNTHETIC"):
            console.print(f"[bold yellow]{note}[/]")


def as_of_line(asked: str, version: int | None) -> str:
    """Say which store version a result read: "as the store was at version 3 (...)"."""
    asked = asked.strip()
    shown = asked if version is None else str(version)
    when = f"version {shown}" + ("" if asked.isdigit() else f", its state at {asked}")
    return f"as the store was at {when} (store history lists the versions)"


def show_other_notes(console: Console, notes: Sequence[str]) -> None:
    for note in notes:
        if not note.startswith("SYNTHETIC"):
            console.print(f"[dim]note: {note}[/]", highlight=False)


def dated(vintage: str, provenance: Provenance | None) -> str:
    """Label a vintage: "file date 2026-12-07" where it is only the file's date."""
    kind = "file date" if provenance is not None and vintage in provenance.file_dates else "vintage"
    return f"{kind} {vintage}"


class Sourced(Protocol):
    """A result with its provenance, notes and records (every query's result)."""

    @property
    def provenance(self) -> Provenance | None: ...

    @property
    def notes(self) -> tuple[str, ...]: ...

    def records(self) -> list[dict[str, Any]]: ...


def sourced_document(result: Sourced, **asked: Any) -> dict[str, Any]:
    """Return the JSON document of `--format json`: what was asked, provenance, notes, rows."""
    return {
        **asked,
        "provenance": None if result.provenance is None else asdict(result.provenance),
        "notes": list(result.notes),
        "rows": result.records(),
    }
