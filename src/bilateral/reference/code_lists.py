"""Readers of the publishers' country code lists: UN Comtrade Plus and legacy, CEPII BACI.

Each list becomes a table of `CODE_SCHEMA`, every code linked to its canonical territory
(through `data/numeric_codes.csv`, the ISO alpha-3 or the ISO numeric code) or marked as an
aggregate; `TABLE_SPECS` registers the lists with the catalogue.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pyarrow as pa
import pycountry

from bilateral.errors import SourceFormatError
from bilateral.reference.catalogue import TableSpec
from bilateral.reference.numeric_codes import (
    AGGREGATE_CODES,
    FIRST_YEAR,
    LAST_YEAR,
    NumericSystem,
    core_codes,
    iso_numeric,
    registry_without_regions,
)

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

_UNTIL: Final = re.compile(r"\(\.\.\.(\d{4})\)")
_EDITION: Final = re.compile(r"V\d{6}", re.IGNORECASE)


def _fail(path: Path, problem: str, **where: Any) -> SourceFormatError:
    return SourceFormatError(path, problem, **where)


def _canonical(system: NumericSystem, code: str, iso3: str | None) -> tuple[str | None, bool]:
    """Return (canonical, is_aggregate) for a code of a publisher's list, or raise KeyError."""
    if code in AGGREGATE_CODES[system]:
        return None, True
    for period in core_codes()[system]:
        if period.code == code:
            return period.canonical, False
    territory = registry_without_regions().by_code.get(iso3 or "")
    if territory is not None and territory.kind in ("country", "former_country"):
        return territory.code, False
    if iso3 is None and code in iso_numeric():
        return iso_numeric()[code], False
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
        fetch_note=(
            "CEPII ships it inside the release's multi-gigabyte BACI zip; unpack "
            "country_codes_V*.csv from it and load it with `bilateral reference import DIR`"
        ),
    ),
)  # fmt: skip
