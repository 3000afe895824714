"""Territory names in a language other than English where pycountry has none: the groups,
special codes, parts of countries and former territories of the reference tables.

A language's names are the table `data/territory_names_<language>.csv` (`code,name,istat_code`):
`istat_code`, where given, is the ISTAT GEONOM code whose Italian label the name is.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.cache
def local_names(language: str) -> dict[str, str]:
    """Return the names of `language` by territory code (empty for a language without a table)."""
    source = resources.files("bilateral.reference").joinpath(
        "data", f"territory_names_{language}.csv"
    )
    if not source.is_file():
        return {}
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    return {row["code"]: row["name"] for row in rows}


def local_name(code: str, language: str) -> str | None:
    """Return territory `code`'s name in `language` from its table, or None.

    >>> local_name("S19", "it"), local_name("S19", "en")
    ('Altri paesi asiatici, non specificati altrove', None)
    """
    return local_names(language).get(code)
