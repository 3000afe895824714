"""Rendering results for the terminal: rich tables, JSON and CSV.

Each name is imported from its module on first use, so that a command loads the rendering
of its own result only (the claim check's or the reference tables' renderers load more).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral.render.claims import show_check as show_check
    from bilateral.render.common import (
        OutputFormat,
        emit_data,
        money,
        percent,
        records_csv,
        records_json,
        unit_for,
    )
    from bilateral.render.fetch import show_fetch as show_fetch
    from bilateral.render.mirror import show_mirror
    from bilateral.render.partners import show_partners
    from bilateral.render.products import show_products
    from bilateral.render.profile import show_profile, show_sectors
    from bilateral.render.reference import (
        show_reference_import,
        show_reference_loaded,
        show_reference_tables,
        show_territory,
    )
    from bilateral.render.series import show_series
    from bilateral.render.store import (
        show_history,
        show_info,
        show_ingest,
        show_store_check,
        show_vacuum,
    )

_MODULES = {
    "claims": ("show_check",),
    "common": (
        "OutputFormat",
        "emit_data",
        "money",
        "percent",
        "records_csv",
        "records_json",
        "unit_for",
    ),
    "fetch": ("show_fetch",),
    "mirror": ("show_mirror",),
    "partners": ("show_partners",),
    "products": ("show_products",),
    "profile": ("show_profile", "show_sectors"),
    "reference": (
        "show_reference_import",
        "show_reference_loaded",
        "show_reference_tables",
        "show_territory",
    ),
    "series": ("show_series",),
    "store": ("show_history", "show_info", "show_ingest", "show_store_check", "show_vacuum"),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "OutputFormat",
    "emit_data",
    "money",
    "percent",
    "records_csv",
    "records_json",
    "show_check",
    "show_history",
    "show_info",
    "show_ingest",
    "show_mirror",
    "show_partners",
    "show_products",
    "show_profile",
    "show_reference_import",
    "show_reference_loaded",
    "show_reference_tables",
    "show_sectors",
    "show_series",
    "show_store_check",
    "show_territory",
    "show_vacuum",
    "unit_for",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'bilateral.render' has no attribute {name!r}")
    return getattr(importlib.import_module(f"bilateral.render.{module}"), name)
