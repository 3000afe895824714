"""SITC Rev. 4 sections and BEC Rev. 4 categories: the titles of two product groupings.

Trade values reach them from HS codes through the UNSD correlation tables
(`bilateral.reference.concordances`); these small tables only name the groups.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

from bilateral.errors import InvalidArgumentError


@functools.cache
def _titles(name: str, key: str) -> dict[str, str]:
    text = resources.files("bilateral.reference").joinpath("data", name).read_text("utf-8")
    return {row[key]: row["title"] for row in csv.DictReader(text.splitlines())}


def sitc_section_title(code: str) -> str:
    """Return the title of SITC Rev. 4 section `code` (one digit, or any longer SITC code).

    >>> sitc_section_title("54293")
    'Chemicals and related products, n.e.s.'
    """
    titles = _titles("sitc4_sections.csv", "section")
    section = code.strip()[:1]
    if section not in titles:
        raise InvalidArgumentError("SITC code", code, "a code starting with a digit 0-9")
    return titles[section]


def bec_category_title(code: str) -> str:
    """Return the title of BEC Rev. 4 category `code` (7, 21, 111, ...).

    >>> bec_category_title("51")
    'Passenger motor cars'
    """
    titles = _titles("bec4_categories.csv", "category")
    if code.strip() not in titles:
        raise InvalidArgumentError(
            "BEC category", code, f"one of {', '.join(sorted(titles, key=lambda c: (c[0], c)))}"
        )
    return titles[code.strip()]
