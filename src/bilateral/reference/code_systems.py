"""Country code systems of the sources: ISO 3166, UN Comtrade (Plus and legacy), CEPII BACI.

Comtrade and BACI numeric codes are ISO 3166-1 numeric codes with exceptions: France 251, USA
842 (841 before 1981), Switzerland 757, Norway 579, India 699 (356 before 1975), Belgium 56 from
1999 and Belgium-Luxembourg 58 before, Other Asia nes 490, former countries, and Italy 381 in the
legacy Comtrade lists (380 in Comtrade Plus). `data/numeric_codes.csv` lists them with their
years of validity, so that conversions work without any import; where the publisher's list has
been imported into a catalogue (`TABLE_SPECS`), that list decides for the codes it holds.
The exceptions live in `numeric_codes`, the readers of the publishers' lists in `code_lists`.
Eurostat GEONOM codes are in `bilateral.reference.geonom`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Final

import pyarrow as pa
import pycountry

from bilateral.errors import InvalidArgumentError, UnknownTerritoryError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.code_lists import CODE_SCHEMA as CODE_SCHEMA
from bilateral.reference.code_lists import TABLE_SPECS as TABLE_SPECS
from bilateral.reference.code_lists import read_baci_countries as read_baci_countries
from bilateral.reference.code_lists import read_comtrade_legacy as read_comtrade_legacy
from bilateral.reference.code_lists import read_comtrade_reporters as read_comtrade_reporters
from bilateral.reference.code_lists import repair_mojibake as repair_mojibake
from bilateral.reference.numeric_codes import AGGREGATE_CODES as AGGREGATE_CODES
from bilateral.reference.numeric_codes import FIRST_YEAR as FIRST_YEAR
from bilateral.reference.numeric_codes import LAST_YEAR as LAST_YEAR
from bilateral.reference.numeric_codes import SYSTEMS as SYSTEMS
from bilateral.reference.numeric_codes import CodePeriod as CodePeriod
from bilateral.reference.numeric_codes import NumericSystem as NumericSystem
from bilateral.reference.numeric_codes import System as System
from bilateral.reference.numeric_codes import core_codes as core_codes
from bilateral.reference.numeric_codes import iso_numeric, registry_without_regions

_TABLES: Final[Mapping[NumericSystem, tuple[str, ...]]] = {
    "comtrade": ("comtrade_reporters",),
    "comtrade_legacy": ("comtrade_legacy_reporters", "comtrade_legacy_partners"),
    "baci": ("baci_countries",),
}


def _check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise InvalidArgumentError("code system", system, f"one of {', '.join(SYSTEMS)}")


_PERIODS_OF: dict[int, tuple[pa.Table, list[CodePeriod]]] = {}


def _periods_of(table: pa.Table) -> list[CodePeriod]:
    """Return an imported table's rows as periods (remembered while the table object lives)."""
    cached = _PERIODS_OF.get(id(table))
    if cached is None or cached[0] is not table:
        columns = ("code", "canonical", "year_from", "year_to")
        periods = [CodePeriod(*(row[name] for name in columns)) for row in table.to_pylist()]
        cached = _PERIODS_OF[id(table)] = (table, periods)
    return cached[1]


def _imported(system: NumericSystem, catalogue: Catalogue | None) -> list[CodePeriod]:
    periods: dict[CodePeriod, None] = {}  # ordered and without repeats
    for name in _TABLES[system] if catalogue is not None else ():
        table = catalogue.optional(name) if catalogue is not None else None
        if table is not None:
            periods.update(dict.fromkeys(_periods_of(table)))
    return list(periods)


def _sources(system: NumericSystem, catalogue: Catalogue | None) -> Iterable[list[CodePeriod]]:
    yield _imported(system, catalogue)
    yield list(core_codes()[system])


def _numeric_key(code: str) -> str:
    stripped = code.strip()
    return str(int(stripped)) if stripped.isdigit() else stripped.lower()


def to_canonical(
    system: System, code: str, *, year: int | None = None, catalogue: Catalogue | None = None
) -> str:
    """Return the canonical territory code of `code` in `system`, valid in `year`.

    Without `year`, a code valid today, or one that stood for a single territory in every
    year. An aggregate code or one valid only in other years raises `UnknownTerritoryError`,
    whose query names the system and the years the code is valid in.

    >>> to_canonical("comtrade", "842", year=2021), to_canonical("comtrade_legacy", "381")
    ('USA', 'ITA')
    >>> to_canonical("baci", "58", year=1995), to_canonical("iso2", "NA")
    ('BLX', 'NAM')
    """
    _check_system(system)
    if system in ("iso2", "iso3", "iso_numeric"):
        return _iso_to_canonical(system, code)
    numeric: NumericSystem = system  # type: ignore[assignment]
    key = _numeric_key(code)
    for periods in _sources(numeric, catalogue):
        listed = [period for period in periods if period.code == key]
        if listed:
            return _choose(numeric, code, year, listed)
    if key in AGGREGATE_CODES[numeric]:
        return _raise_aggregate(numeric, code)
    if key in iso_numeric():
        return iso_numeric()[key]
    raise UnknownTerritoryError(f"{system} code {code!r}", [])


def _choose(system: NumericSystem, code: str, year: int | None, listed: list[CodePeriod]) -> str:
    valid = [period for period in listed if period.valid_in(year)]
    if year is None and not valid and len({period.canonical for period in listed}) == 1:
        valid = listed
    if valid and valid[0].canonical is not None:
        return valid[0].canonical
    if valid or all(period.canonical is None for period in listed):
        return _raise_aggregate(system, code)
    spans = ", ".join(f"{p.canonical} {p.validity()}" for p in listed if p.canonical)
    when = "today" if year is None else f"in {year}"
    raise UnknownTerritoryError(f"{system} code {code!r} {when} (valid for {spans})", [])


def _raise_aggregate(system: NumericSystem, code: str) -> str:
    name = AGGREGATE_CODES[system].get(_numeric_key(code), "an aggregate")
    raise UnknownTerritoryError(f"{system} code {code!r} ({name}: an aggregate, no territory)", [])


def _iso_to_canonical(system: System, code: str) -> str:
    key = code.strip().upper()
    registry = registry_without_regions()
    if system == "iso3" and key in registry.by_code:
        if registry.by_code[key].kind in ("country", "former_country"):
            return key
    elif system == "iso2":
        found = [t.code for t in registry.by_code.values() if t.iso2 == key and t.kind == "country"]
        if len(found) == 1:
            return found[0]
    elif system == "iso_numeric" and key.isdigit() and key.zfill(3) in _iso_numeric_padded():
        return _iso_numeric_padded()[key.zfill(3)]
    raise UnknownTerritoryError(f"{system} code {code!r}", registry.suggestions(code))


@functools.cache
def _iso_numeric_padded() -> dict[str, str]:
    return {str(country.numeric).zfill(3): str(country.alpha_3) for country in pycountry.countries}


def from_canonical(
    system: System, canonical: str, *, year: int | None = None, catalogue: Catalogue | None = None
) -> str:
    """Return the code of territory `canonical` in `system`, valid in `year`.

    Where several codes are valid in one year (Sudan 736 and 729 in 2011), the one valid at
    its end. Without `year`, the code valid today.

    >>> from_canonical("comtrade", "ITA"), from_canonical("comtrade_legacy", "ITA")
    ('380', '381')
    >>> from_canonical("comtrade", "USA", year=1975), from_canonical("baci", "FRA")
    ('841', '251')
    """
    _check_system(system)
    territory = registry_without_regions().get(canonical)
    if system in ("iso2", "iso3", "iso_numeric"):
        country = pycountry.countries.get(alpha_3=canonical)
        code = {
            "iso2": territory.iso2 if territory.kind == "country" else None,
            "iso3": canonical if territory.kind in ("country", "former_country") else None,
            "iso_numeric": str(country.numeric) if country else None,
        }[system]
        if code is None:
            raise UnknownTerritoryError(f"{canonical} in {system}", [])
        return code
    numeric: NumericSystem = system  # type: ignore[assignment]
    iso = territory_numeric(canonical)
    when = "today" if year is None else f"in {year}"
    for periods in _sources(numeric, catalogue):
        listed = [period for period in periods if period.canonical == canonical]
        valid = [period for period in listed if period.valid_in(year)]
        if valid:
            return max(valid, key=lambda period: (period.year_to, period.year_from)).code
        if listed and (iso is None or any(period.code == iso for period in listed)):
            spans = ", ".join(f"{period.code} {period.validity()}" for period in listed)
            raise UnknownTerritoryError(f"{canonical} in {system} {when} (codes: {spans})", [])
    if iso is None:
        raise UnknownTerritoryError(f"{canonical} in {system}", [])
    try:
        back = to_canonical(system, iso, year=year, catalogue=catalogue)
    except UnknownTerritoryError:
        back = None
    if back != canonical:  # legacy 492 is "Europe EU, nes", not Monaco
        raise UnknownTerritoryError(
            f"{canonical} in {system} {when} (ISO {iso} stands for something else there)", []
        )
    return iso


def territory_numeric(canonical: str) -> str | None:
    """Return the ISO 3166-1 numeric code of a current country, unpadded, or None.

    >>> territory_numeric("BEL"), territory_numeric("BLX")
    ('56', None)
    """
    country = pycountry.countries.get(alpha_3=canonical)
    return str(int(country.numeric)) if country else None
