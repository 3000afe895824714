"""Numeric country codes of UN Comtrade and CEPII BACI that differ from ISO 3166-1 numeric.

`data/numeric_codes.csv` lists the exceptions (France 251, USA 842 and 841 before 1981, Italy
381 in the legacy Comtrade lists...) with their years of validity; `AGGREGATE_CODES` the codes
that designate no single territory. `bilateral.reference.code_systems` converts with them.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal, cast, get_args

import pycountry

from bilateral.reference.territories import Registry, build_registry

System = Literal["iso2", "iso3", "iso_numeric", "comtrade", "comtrade_legacy", "baci"]
SYSTEMS: Final[tuple[System, ...]] = get_args(System)
NumericSystem = Literal["comtrade", "comtrade_legacy", "baci"]
FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 9999

# Codes of the publishers' lists that designate no single territory: groups of countries that
# the sources define themselves, "not elsewhere specified" areas, and the legacy "all" query code.
AGGREGATE_CODES: Final[Mapping[NumericSystem, Mapping[str, str]]] = {
    "comtrade": {"975": "ASEAN"},
    "comtrade_legacy": {
        "all": "All (query for every area)",
        "129": "Caribbean, nes",
        "221": "Eastern Europe, nes",
        "290": "Northern Africa, nes",
        "471": "CACM, nes",
        "472": "Africa CAMEU region, nes",
        "473": "LAIA, nes",
        "492": "Europe EU, nes",
        "527": "Oceania, nes",
        "568": "Other Europe, nes",
        "577": "Other Africa, nes",
        "636": "Rest of America, nes",
        "637": "North America and Central America, nes",
        "697": "Europe EFTA, nes",
        "837": "Bunkers",
        "838": "Free Zones",
        "839": "Special Categories",
        "879": "Western Asia, nes",
        "899": "Areas, nes",
    },
    "baci": {"697": "Europe EFTA, nes"},
}

_NUMERIC_CSV: Final = "numeric_codes.csv"


@dataclass(frozen=True)
class CodePeriod:
    """One code of a numeric system, the territory it stands for and its years of validity."""

    code: str
    canonical: str | None  # None: an aggregate (see AGGREGATE_CODES)
    year_from: int
    year_to: int

    def valid_in(self, year: int | None) -> bool:
        """Return whether the code is valid in `year` (None: valid today)."""
        if year is None:
            return self.year_to == LAST_YEAR
        return self.year_from <= year <= self.year_to

    def validity(self) -> str:
        """Return the years of validity as text ("1900-1998", "from 1999")."""
        if self.year_to == LAST_YEAR:
            return f"from {self.year_from}"
        return f"{self.year_from}-{self.year_to}"


@functools.cache
def registry_without_regions() -> Registry:
    """Return the territory registry without regions, built once."""
    return build_registry()


@functools.cache
def core_codes() -> dict[NumericSystem, tuple[CodePeriod, ...]]:
    """Return the committed exceptions of `data/numeric_codes.csv`, by system."""
    source = resources.files("bilateral.reference").joinpath("data", _NUMERIC_CSV)
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    periods: dict[NumericSystem, list[CodePeriod]] = {
        "comtrade": [],
        "comtrade_legacy": [],
        "baci": [],
    }
    known = registry_without_regions().by_code
    for line, row in enumerate(rows, start=2):
        period = CodePeriod(
            row["code"], row["canonical"], int(row["year_from"]), int(row["year_to"])
        )
        valid = FIRST_YEAR <= period.year_from <= period.year_to <= LAST_YEAR
        if row["system"] not in periods or not valid or period.canonical not in known:
            raise RuntimeError(f"{_NUMERIC_CSV}:{line}: invalid system, years or code in {row}")
        periods[cast(NumericSystem, row["system"])].append(period)
    return {system: tuple(items) for system, items in periods.items()}


@functools.cache
def iso_numeric() -> dict[str, str]:
    """Return current ISO numeric codes, unpadded as the numeric systems write them."""
    return {str(int(country.numeric)): str(country.alpha_3) for country in pycountry.countries}
