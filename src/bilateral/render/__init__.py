"""Rendering results for the terminal: rich tables, JSON and CSV."""

from bilateral.render.common import (
    OutputFormat,
    emit_data,
    money,
    percent,
    records_csv,
    records_json,
    unit_for,
)
from bilateral.render.profile import show_profile, show_sectors
from bilateral.render.reference import (
    show_reference_import,
    show_reference_loaded,
    show_reference_tables,
    show_territory,
)
from bilateral.render.store import show_history, show_info, show_ingest

__all__ = [
    "OutputFormat",
    "emit_data",
    "money",
    "percent",
    "records_csv",
    "records_json",
    "show_history",
    "show_info",
    "show_ingest",
    "show_profile",
    "show_reference_import",
    "show_reference_loaded",
    "show_reference_tables",
    "show_sectors",
    "show_territory",
    "unit_for",
]
