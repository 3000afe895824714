"""bilateral: how do two territories trade, and how is that changing?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.errors import BilateralError

if TYPE_CHECKING:
    from bilateral.api import Store, open

__all__ = ["BilateralError", "Store", "open"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The API (and the engines under it) is imported on first use, so that the command line
    # prints its help and parses its arguments without loading them.
    if name in ("Store", "open"):
        from bilateral import api

        return getattr(api, name)
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")
