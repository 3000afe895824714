"""The publishers' base URLs, with environment overrides for mirrors and tests.

A call's `base_url` wins over the environment variable, which wins over the default.
"""

from __future__ import annotations

import os
from typing import Final

COMEXT_URL: Final = "https://ec.europa.eu/eurostat/api/dissemination"
COMEXT_VARIABLE: Final = "BILATERAL_COMEXT_URL"
COMTRADE_URL: Final = "https://comtradeapi.un.org"
COMTRADE_VARIABLE: Final = "BILATERAL_COMTRADE_URL"
COMTRADE_KEY_VARIABLE: Final = "COMTRADE_API_KEY"


def base_url(default: str, variable: str, given: str | None = None) -> str:
    """Return the base URL to use, without a trailing slash.

    >>> base_url(COMEXT_URL, "BILATERAL_NO_SUCH_VARIABLE", "http://127.0.0.1:8000/")
    'http://127.0.0.1:8000'
    """
    chosen = given or os.environ.get(variable) or default
    return chosen.rstrip("/")


def comext_url(given: str | None = None) -> str:
    """Return the Eurostat dissemination API base (its `files` service serves Comext bulk)."""
    return base_url(COMEXT_URL, COMEXT_VARIABLE, given)


def comtrade_url(given: str | None = None) -> str:
    """Return the UN Comtrade Plus API base."""
    return base_url(COMTRADE_URL, COMTRADE_VARIABLE, given)
