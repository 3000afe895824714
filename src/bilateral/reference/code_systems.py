"""Country code systems of the sources: ISO 3166, UN Comtrade (Plus and legacy), CEPII BACI.

Comtrade and BACI numeric codes are ISO 3166-1 numeric codes with exceptions: France 251, USA
842 (841 before 1981), Switzerland 757, Norway 579, India 699 (356 before 1975), Belgium 56 from
1999 and Belgium-Luxembourg 58 before, Other Asia nes 490, former countries, and Italy 381 in the
legacy Comtrade lists (380 in Comtrade Plus). `data/numeric_codes.csv` lists them with their
years of validity, so that conversions work without any import; where the publisher's list has
been imported into a catalogue (`TABLE_SPECS`), that list decides for the codes it holds.
Eurostat GEONOM codes are in `bilateral.reference.geonom`.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, cast, get_args

import pyarrow as pa
import pycountry

from bilateral.errors import InvalidArgumentError, SourceFormatError, UnknownTerritoryError
from bilateral.reference.catalogue import Catalogue, TableSpec
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

CODE_SCHEMA: Final = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("iso2", pa.string()),
        pa.field("iso3", pa.string()),
        pa.field("canonical", pa.string()),  # null for an aggregate
        pa.field("year_from", pa.int16(), nullable=False),
        pa.field("year_to", pa.int16(), nullable=False),
        pa.field("aggregate", pa.bool_(), nullable=False),
    ]
)

_NUMERIC_CSV: Final = "numeric_codes.csv"
_TABLES: Final[Mapping[NumericSystem, tuple[str, ...]]] = {
    "comtrade": ("comtrade_reporters",),
    "comtrade_legacy": ("comtrade_legacy_reporters", "comtrade_legacy_partners"),
    "baci": ("baci_countries",),
}
_UNTIL: Final = re.compile(r"\(\.\.\.(\d{4})\)")
_EDITION: Final = re.compile(r"V\d{6}", re.IGNORECASE)


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
def _registry() -> Registry:
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
    for line, row in enumerate(rows, start=2):
        period = CodePeriod(
            row["code"], row["canonical"], int(row["year_from"]), int(row["year_to"])
        )
        valid = FIRST_YEAR <= period.year_from <= period.year_to <= LAST_YEAR
        if row["system"] not in periods or not valid or period.canonical not in _registry().by_code:
            raise RuntimeError(f"{_NUMERIC_CSV}:{line}: invalid system, years or code in {row}")
        periods[cast(NumericSystem, row["system"])].append(period)
    return {system: tuple(items) for system, items in periods.items()}


@functools.cache
def _iso_numeric() -> dict[str, str]:
    """Return current ISO numeric codes, unpadded as the numeric systems write them."""
    return {str(int(country.numeric)): str(country.alpha_3) for country in pycountry.countries}


# ---------------------------------------------------------------------------- readers


def _fail(path: Path, problem: str, **where: Any) -> SourceFormatError:
    return SourceFormatError(path, problem, **where)


def _canonical(system: NumericSystem, code: str, iso3: str | None) -> tuple[str | None, bool]:
    """Return (canonical, is_aggregate) for a code of a publisher's list, or raise KeyError."""
    if code in AGGREGATE_CODES[system]:
        return None, True
    for period in core_codes()[system]:
        if period.code == code:
            return period.canonical, False
    territory = _registry().by_code.get(iso3 or "")
    if territory is not None and territory.kind in ("country", "former_country"):
        return territory.code, False
    if iso3 is None and code in _iso_numeric():
        return _iso_numeric()[code], False
    raise KeyError(code)


def _table(rows: Sequence[dict[str, Any]], path: Path) -> pa.Table:
    codes = [row["code"] for row in rows]
    if len(set(codes)) != len(codes):
        duplicate = next(code for code in codes if codes.count(code) > 1)
        raise _fail(path, "a code appears twice", field="code", value=duplicate)
    return pa.Table.from_pylist(list(rows), schema=CODE_SCHEMA)


def _row(path: Path, line: int, system: NumericSystem, values: Mapping[str, Any]) -> dict[str, Any]:
    code, iso3 = values["code"], values["iso3"]
    try:
        canonical, aggregate = _canonical(system, code, iso3)
    except KeyError:
        raise _fail(
            path,
            f"code {code} ({values['name']}) is no known territory",
            line=line,
            field="iso3" if iso3 else "code",
            value=iso3 or code,
            expected="an ISO 3166 alpha-3 or numeric code, or a code of numeric_codes.csv",
        ) from None
    return {**values, "canonical": canonical, "aggregate": aggregate}


def _json_entries(path: Path) -> list[Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(path, f"not a UTF-8 JSON file: {error}") from None
    entries = document.get("results") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise _fail(path, "no list of entries", field="results", expected='{"results": [...]}')
    return entries


def _field(path: Path, line: int, entry: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, kind):
        raise _fail(path, "missing or mistyped field", line=line, field=key, value=repr(value))
    return value


def read_comtrade_reporters(path: Path) -> pa.Table:
    """Read Comtrade Plus `Reporters.json`; `line` in errors is the 1-based entry index.

    Validity comes from `entryEffectiveDate` and `entryExpiredDate` (absent while valid).
    """
    rows = []
    for line, entry in enumerate(_json_entries(path), start=1):
        code = _field(path, line, entry, "reporterCode", int)
        if _field(path, line, entry, "id", int) != code:
            raise _fail(path, "id differs from reporterCode", line=line, field="id")
        start = _field(path, line, entry, "entryEffectiveDate", str)
        end = entry.get("entryExpiredDate") or f"{LAST_YEAR}-12-31"
        if not (start[:4].isdigit() and isinstance(end, str) and end[:4].isdigit()):
            raise _fail(path, "bad date", line=line, field="entryExpiredDate", value=str(end))
        iso2 = entry.get("reporterCodeIsoAlpha2")
        values = {
            "code": str(code),
            "name": _field(path, line, entry, "text", str),
            "iso2": iso2,
            "iso3": _field(path, line, entry, "reporterCodeIsoAlpha3", str),
            "year_from": max(int(start[:4]), FIRST_YEAR),
            "year_to": int(end[:4]),
        }
        rows.append(_row(path, line, "comtrade", values))
    return _table(rows, path)


def read_comtrade_legacy(path: Path) -> pa.Table:
    """Read a legacy Comtrade area list (`reporterAreas.json`, `partnerAreas.json`).

    The lists have no ISO columns and no dates: codes map through `numeric_codes.csv` (with
    its years) or else as ISO numeric codes, valid in every year.
    """
    core = {period.code: period for period in core_codes()["comtrade_legacy"]}
    rows = []
    for line, entry in enumerate(_json_entries(path), start=1):
        code = _field(path, line, entry, "id", str)
        period = core.get(code)
        values = {
            "code": code,
            "name": _field(path, line, entry, "text", str),
            "iso2": None,
            "iso3": None,
            "year_from": period.year_from if period else FIRST_YEAR,
            "year_to": period.year_to if period else LAST_YEAR,
        }
        rows.append(_row(path, line, "comtrade_legacy", values))
    return _table(rows, path)


def repair_mojibake(text: str) -> str:
    r"""Return `text` with UTF-8 read as Latin-1 undone; other text unchanged.

    >>> repair_mojibake("C\xc3\xb4te d'Ivoire"), repair_mojibake("Curaçao")
    ("Côte d'Ivoire", 'Curaçao')
    """
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_BACI_LAYOUTS: Final = {
    ("country_code", "country_name_abbreviation", "country_name_full", "iso_2digit_alpha",
     "iso_3digit_alpha"): ("country_name_abbreviation", "iso_2digit_alpha", "iso_3digit_alpha"),
    ("country_code", "country_name", "country_iso2", "country_iso3"): (
        "country_name", "country_iso2", "country_iso3"),
}  # fmt: skip


def read_baci_countries(path: Path) -> pa.Table:
    """Read a BACI `country_codes_V*.csv`, in the layout before V202401 or after.

    Names are repaired of mojibake; `N/A` or empty ISO codes are null, except that an empty
    alpha-2 of a country is filled from pycountry (Namibia's `NA`); a "(...1998)" suffix of the
    name is the last year of validity.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise _fail(path, f"not UTF-8: {error}") from None
    reader = csv.DictReader(lines)
    header = tuple(reader.fieldnames or ())
    if header not in _BACI_LAYOUTS:
        expected = " or ".join(",".join(layout) for layout in _BACI_LAYOUTS)
        raise _fail(path, "unknown header", line=1, value=",".join(header), expected=expected)
    name_field, iso2_field, iso3_field = _BACI_LAYOUTS[header]
    rows = []
    for line, record in enumerate(reader, start=2):
        code = record["country_code"] or ""
        if not code.isdigit():
            raise _fail(path, "not a numeric code", line=line, field="country_code", value=code)
        name = repair_mojibake(record[name_field] or "")
        iso3 = (record[iso3_field] or "").strip() or None
        iso3 = None if iso3 == "N/A" else iso3
        iso2 = (record[iso2_field] or "").strip() or None
        country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
        iso2 = None if iso2 == "N/A" else iso2 or (str(country.alpha_2) if country else None)
        until = _UNTIL.search(name)
        values = {
            "code": str(int(code)),
            "name": name,
            "iso2": iso2,
            "iso3": iso3,
            "year_from": FIRST_YEAR,
            "year_to": int(until[1]) if until else LAST_YEAR,
        }
        rows.append(_row(path, line, "baci", values))
    return _table(rows, path)


def _modified(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()


def _baci_edition(path: Path) -> str:
    match = _EDITION.search(path.name)
    if match is None:
        raise _fail(path, "no BACI release in the file name", expected="a name with V2023xx")
    return match[0].upper()


_COMTRADE: Final = "United Nations Statistics Division (UN Comtrade)"
_LEGACY: Final = "https://comtrade.un.org/Data/cache/"
TABLE_SPECS: Final[tuple[TableSpec, ...]] = (
    TableSpec(
        "comtrade_reporters", "UN Comtrade Plus reporters", _COMTRADE,
        "https://comtradeapi.un.org/files/v1/app/reference/Reporters.json",
        ("Reporters.json", "comtradeplus_ref_Reporters.json"),
        read_comtrade_reporters, _modified,
    ),
    TableSpec(
        "comtrade_legacy_reporters", "UN Comtrade (legacy API) reporter areas", _COMTRADE,
        f"{_LEGACY}reporterAreas.json",
        ("reporterAreas.json", "comtrade_legacy_reporterAreas.json"),
        read_comtrade_legacy, lambda path: "legacy",
    ),
    TableSpec(
        "comtrade_legacy_partners", "UN Comtrade (legacy API) partner areas", _COMTRADE,
        f"{_LEGACY}partnerAreas.json",
        ("partnerAreas.json", "comtrade_legacy_partnerAreas.json"),
        read_comtrade_legacy, lambda path: "legacy",
    ),
    TableSpec(
        "baci_countries", "CEPII BACI country codes", "CEPII",
        "http://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_HS92_V202501.zip",
        ("country_codes_V*.csv",),
        read_baci_countries, _baci_edition,
    ),
)  # fmt: skip


# ---------------------------------------------------------------------------- conversions


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
    if key in _iso_numeric():
        return _iso_numeric()[key]
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
    registry = _registry()
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
    territory = _registry().get(canonical)
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
