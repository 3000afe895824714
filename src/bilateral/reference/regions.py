"""Sub-national regions: NUTS 2021, Italian regions and provinces, and NUTS version changes.

Regions are territories of kind "region" with their NUTS 2021 id as code. Those of every
country come from the NUTS 2021 code list, imported as table `nuts2021` (level 0 rows are the
countries, not regions). Italy's are also committed, in `data/italy_regions.csv`, with the
ISTAT region code (`08` Emilia-Romagna), the ISO 3166-2 code (`IT-45`), English and other names,
and ISTAT's own codes (`IT108` Monza e della Brianza). Trentino-Alto Adige (ISTAT `04`, ISO
`IT-32`, ISTAT `ITDA`) is no NUTS region, as NUTS splits it into ITH1 Bolzano/Bozen and ITH2
Trento: it is territory `IT-32`, without NUTS level, whose parts are ITH1 and ITH2.

`data/nuts_changes.csv` lists the Italian codes of NUTS 2010, 2013 and 2016 that NUTS 2021 no
longer uses (ISTAT still publishes `ITD5`, `ITH5` since NUTS 2016) and the NUTS 2006 codes of
units split in 2010 that ISTAT's territory list still has (`ITC45` Milano, `ITF41`, `ITF42`).
Changes outside Italy are known only from Eurostat's correspondence tables (such as
`NUTS2016-NUTS2021.xlsx`), which are not read yet: `nuts_changes` refuses those codes.

A name is matched for the largest unit that has it: a region named like its country or an
enclosing region (`ITC20` Valle d'Aosta, `DE300` Berlin) gets no extra names; its
`Territory.name` stays the published NUTS name.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Final, cast, get_args

import pyarrow as pa
import pycountry

from bilateral.errors import (
    EncodingError,
    InvalidArgumentError,
    ReferenceNotLoadedError,
    SourceFormatError,
)
from bilateral.reference.catalogue import Catalogue, TableSpec
from bilateral.reference.territories import (
    ChangeKind,
    RetiredCode,
    Territory,
    TerritoryEntry,
    normalise_name,
    resolve,
)

NUTS_SCHEMA: Final = pa.schema(
    [
        pa.field("nuts_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("level", pa.int8(), nullable=False),
        pa.field("nuts_country", pa.string(), nullable=False),  # EL, UK: NUTS's own codes
        pa.field("country", pa.string(), nullable=False),  # ISO 3166-1 alpha-3
    ]
)
NOTES_KEY: Final = b"bilateral.notes"
NUTS_VERSIONS: Final = ("2006", "2010", "2013", "2016", "2021")
NUTS_ID: Final = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")
_NUTS_TO_ALPHA3: Final = {"EL": "GRC", "UK": "GBR"}
# NUTS 2021 names in which "/" joins two places, not two languages of one name.
_SLASH_NOT_LANGUAGES: Final = frozenset({"AT126", "AT127", "NL226", "UKK1"})
_CHANGE_KINDS: Final[frozenset[str]] = frozenset(get_args(ChangeKind))
_ITALY_CSV: Final = "italy_regions.csv"
_CHANGES_CSV: Final = "nuts_changes.csv"


def nuts_country(code: str) -> str:
    """Return the ISO alpha-3 code of a NUTS country code (`EL` is Greece, `UK` the UK).

    >>> nuts_country("EL"), nuts_country("IT")
    ('GRC', 'ITA')
    """
    if code in _NUTS_TO_ALPHA3:
        return _NUTS_TO_ALPHA3[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        raise InvalidArgumentError("NUTS country code", code, "ISO alpha-2, or EL or UK")
    return str(country.alpha_3)


# --- the NUTS 2021 code list -------------------------------------------------------------------


def read_nuts2021(path: Path) -> pa.Table:
    """Read a NUTS 2021 code list: columns `NUTS_ID` and `NAME_LATN`, `;` or `,` separated.

    Reads GISCO's `NUTS_AT_2021.csv` (comma-separated; its `LEVL_CODE` and `CNTR_CODE` are
    checked against the id when present) and the semicolon-separated `NUTS_ID;NAME_LATN`
    copies of it. Rows after the last region (level 1-3) that have two-character codes are a
    country list that some copies append (`1A;Kosovo`, `AL;Albania` a second time): they are
    left out and counted in the table's notes (`nuts2021_notes`). Every other row must have a
    valid, unique id whose parent is in the list, and a name.
    """
    rows = _csv_rows(path)
    header, body = rows[0][1], rows[1:]
    columns = {name.strip(): index for index, name in enumerate(header)}
    for required in ("NUTS_ID", "NAME_LATN"):
        if required not in columns:
            header_text, expected = ",".join(header), "a header with NUTS_ID and NAME_LATN"
            raise _error(path, 1, f"no {required} column", header_text, expected, field=None)
    ids = [_cell(row, columns["NUTS_ID"]) for _, row in body]
    last_region = max((i for i, code in enumerate(ids) if 3 <= len(code) <= 5), default=-1)
    tail = body[last_region + 1 :]
    if any(len(_cell(row, columns["NUTS_ID"])) != 2 for _, row in tail):
        tail = []  # not a country list: every row is checked, and the first bad one reported
    regions = body[: len(body) - len(tail)]
    if not regions:
        raise SourceFormatError(path, "no NUTS regions", expected="ids of 3 to 5 characters")
    records = [(line, _nuts_record(path, line, row, columns, len(header))) for line, row in regions]
    _check_hierarchy(path, records)
    notes = []
    if tail:
        notes.append(
            f"lines {tail[0][0]}-{tail[-1][0]}: {len(tail)} rows after the last NUTS region "
            f"list countries by two-letter code (first {tail[0][1][0]!r}), not NUTS regions; "
            "left out"
        )
    table = pa.Table.from_pylist([record for _, record in records], schema=NUTS_SCHEMA)
    return table.replace_schema_metadata({NOTES_KEY: json.dumps(notes).encode()})


def nuts2021_edition(path: Path) -> str:
    """Return the NUTS version of a code list file: always "2021" for this table."""
    return "2021"


def nuts2021_notes(table: pa.Table) -> tuple[str, ...]:
    """Return what `read_nuts2021` left out of `table`, one sentence per block of rows."""
    metadata = table.schema.metadata or {}
    return tuple(json.loads(metadata.get(NOTES_KEY, b"[]")))


TABLE_SPECS: Final = (
    TableSpec(
        name="nuts2021",
        title="NUTS 2021 code list (levels 0-3, Latin-script names)",
        publisher="Eurostat (GISCO)",
        # GISCO's attribute table of the NUTS 2021 regions: NUTS_ID, NAME_LATN, LEVL_CODE, ...
        url="https://gisco-services.ec.europa.eu/distribution/v2/nuts/csv/NUTS_AT_2021.csv",
        file_patterns=("NUTS_AT_2021.csv", "NUTS2021*.csv"),
        read=read_nuts2021,
        edition=nuts2021_edition,
    ),
)


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EncodingError(path, "not UTF-8", line=line, expected="UTF-8 text") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader]
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # blank lines at the end of the file
    if not rows:
        raise SourceFormatError(path, "empty file", expected="a header NUTS_ID;NAME_LATN")
    return rows


def _error(
    path: Path, line: int, problem: str, value: str, expected: str, field: str | None = "NUTS_ID"
) -> SourceFormatError:
    return SourceFormatError(path, problem, line=line, field=field, value=value, expected=expected)


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _nuts_record(
    path: Path, line: int, row: list[str], columns: Mapping[str, int], width: int
) -> dict[str, object]:
    if len(row) != width:
        raise SourceFormatError(
            path, f"{len(row)} fields", line=line, value=";".join(row), expected=f"{width}"
        )
    code, name = _cell(row, columns["NUTS_ID"]), _cell(row, columns["NAME_LATN"])
    if not NUTS_ID.fullmatch(code):
        expected = "two capital letters and up to three letters or digits (ITH55)"
        raise _error(path, line, "invalid NUTS id", code, expected)
    if not name:
        raise SourceFormatError(path, f"{code} has no name", line=line, field="NAME_LATN")
    try:
        country = nuts_country(code[:2])
    except InvalidArgumentError:
        expected = "an id starting with an ISO alpha-2 code, EL or UK"
        raise _error(path, line, "unknown country", code, expected) from None
    level = len(code) - 2
    for column, expected in (("LEVL_CODE", str(level)), ("CNTR_CODE", code[:2])):
        if column in columns and _cell(row, columns[column]) != expected:
            problem, found = f"{column} disagrees with NUTS_ID {code}", _cell(row, columns[column])
            raise _error(path, line, problem, found, expected, field=column)
    return dict(nuts_id=code, name=name, level=level, nuts_country=code[:2], country=country)


def _check_hierarchy(path: Path, records: list[tuple[int, dict[str, object]]]) -> None:
    lines: dict[str, int] = {}
    for line, record in records:
        code = str(record["nuts_id"])
        if code in lines:
            problem = f"duplicate NUTS id (first on line {lines[code]})"
            raise _error(path, line, problem, code, "each id once")
        lines[code] = line
    for code, line in lines.items():
        if len(code) > 2 and code[:-1] not in lines:
            problem = f"{code} has no parent region in the list"
            raise _error(path, line, problem, code, f"a row for {code[:-1]}")


# --- committed core tables --------------------------------------------------------------------


def _read_data(name: str) -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", name)
    return list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@functools.cache
def _italy() -> tuple[TerritoryEntry, ...]:
    regions: list[TerritoryEntry] = []
    for line, row in enumerate(_read_data(_ITALY_CSV), start=2):
        code, level = row["code"], row["level"]
        if not row["name"] or level not in ("", "1", "2", "3") or (not level and not row["parts"]):
            raise RuntimeError(f"{_ITALY_CSV}:{line}: {code} needs a name and a level or parts")
        parts, number = _split(row["parts"]) or (code,), int(level) if level else None
        territory = Territory(code, row["name"], "region", None, parts, "ITA", number)
        extra = (row["istat"], row["iso"], *_split(row["istat_itter107"]))
        codes = tuple(c for c in extra if c and c != code)
        regions.append(TerritoryEntry(territory, codes, (row["name"], *_split(row["aliases"]))))
    return tuple(regions)


def core_region_entries() -> list[TerritoryEntry]:
    """Return the Italian regions and provinces of NUTS 2021, and Trentino-Alto Adige (`IT-32`).

    Their codes are the ISTAT region code (`08`), the ISO 3166-2 code (`IT-45`, `IT-BO`) and
    ISTAT's own territory codes (`IT108`); names are Italian, English and local ones.

    >>> [entry.territory.code for entry in core_region_entries() if "08" in entry.codes]
    ['ITH5']
    """
    return _entries(_italy(), {})


@functools.cache
def _changes() -> tuple[tuple[RetiredCode, str], ...]:
    changes: list[tuple[RetiredCode, str]] = []
    for line, row in enumerate(_read_data(_CHANGES_CSV), start=2):
        versions, successors = _split(row["versions"]), _split(row["successors"])
        if row["change"] not in _CHANGE_KINDS or not set(versions) <= set(NUTS_VERSIONS[:-1]):
            raise RuntimeError(f"{_CHANGES_CSV}:{line}: {row['code']} has an invalid change")
        change = cast(ChangeKind, row["change"])
        retired = RetiredCode(row["code"], ", ".join(versions), change, successors)
        changes.append((retired, row["name"]))
    return tuple(changes)


def core_retired_codes() -> list[RetiredCode]:
    """Return the Italian NUTS codes of 2006-2016 that NUTS 2021 no longer uses.

    `version` lists the NUTS versions of 2010 on that used the code ("2010, 2013"), or "2006"
    for the three NUTS 2006 codes that ISTAT still publishes.

    >>> [(r.change, r.successors) for r in core_retired_codes() if r.code == "ITD5"]
    [('recoded', ('ITH5',))]
    """
    return [retired for retired, _ in _changes()]


# --- entries ----------------------------------------------------------------------------------


def region_entries(catalogue: Catalogue) -> list[TerritoryEntry]:
    """Return every NUTS 2021 region (levels 1-3) of the imported list, linked to its country.

    Italian regions come from the committed table, with their ISTAT and ISO codes; the others
    from the import, named by their NUTS name and, where it gives several languages
    (`Région de Bruxelles-Capitale/Brussels Hoofdstedelijk Gewest`), by each of them.
    """
    table = catalogue.table("nuts2021", needed_for="the NUTS 2021 regions outside Italy")
    rows = table.to_pylist()
    italy = _italy()
    core_codes = {region.territory.code for region in italy}
    country_names: dict[str, list[str]] = {}
    regions = list(italy)
    for row in rows:
        code, name, level = row["nuts_id"], row["name"], row["level"]
        if level == 0:
            country_names[code] = list(_language_names(code, name))
        elif code not in core_codes:
            territory = Territory(code, name, "region", None, (code,), row["country"], level)
            regions.append(TerritoryEntry(territory, (), _language_names(code, name)))
    return _entries(regions, country_names)


def _language_names(code: str, name: str) -> tuple[str, ...]:
    if "/" not in name or code in _SLASH_NOT_LANGUAGES:
        return (name,)
    return (name, *(part.strip() for part in name.split("/") if part.strip()))


def _entries(
    regions: Iterable[TerritoryEntry], country_names: Mapping[str, Sequence[str]]
) -> list[TerritoryEntry]:
    """Return entries whose names leave out those of the country or an enclosing region."""
    regions = sorted(regions, key=lambda r: (r.territory.level or 9, r.territory.code))
    taken: dict[str, set[str]] = {
        code: {normalise_name(name) for name in names} for code, names in country_names.items()
    }
    entries: list[TerritoryEntry] = []
    for region in regions:
        code = region.territory.code
        enclosing: set[str] = set()
        if "-" not in code:
            for size in range(2, len(code)):
                enclosing |= taken.get(code[:size], set())
        names = [name for name in region.names if normalise_name(name) not in enclosing]
        taken[code] = {normalise_name(name) for name in names}
        entries.append(replace(region, names=tuple(dict.fromkeys(names))))
    return entries


# --- questions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NutsChange:
    """What became of a NUTS code that NUTS 2021 no longer uses."""

    code: str
    name: str
    versions: tuple[str, ...]
    change: ChangeKind
    successors: tuple[Territory, ...]

    def __str__(self) -> str:
        since = NUTS_VERSIONS[NUTS_VERSIONS.index(self.versions[-1]) + 1]
        old = f"{self.code} {self.name} (NUTS {', '.join(self.versions)})"
        new = ", ".join(f"{t.code} {t.name}" for t in self.successors)
        if self.change == "recoded":
            return f"{old} is {new} since NUTS {since}: recoded"
        if self.change == "boundary":
            return f"{old} is {new} since NUTS {since}, with changed boundaries"
        if self.change == "merged":
            return f"{old} was merged into {new} in NUTS {since}"
        return f"{old} was split in NUTS {since} into {new}"


def nuts_changes(code: str) -> tuple[NutsChange, ...]:
    """Return the history of an Italian NUTS code: its own change, or the codes it replaced.

    A current code without changes gives an empty tuple. Codes of other countries raise
    `InvalidArgumentError`: their changes are unknown until Eurostat's correspondence table
    can be imported.

    >>> [str(change) for change in nuts_changes("ITD5")]
    ['ITD5 Emilia-Romagna (NUTS 2010, 2013) is ITH5 Emilia-Romagna since NUTS 2016: recoded']
    >>> [change.code for change in nuts_changes("ITH5")]
    ['ITD5']
    """
    key = code.strip().upper()
    by_code = {entry.territory.code: entry.territory for entry in core_region_entries()}
    changes = [
        NutsChange(
            retired.code,
            name,
            _split(retired.version.replace(",", "|")),
            retired.change,
            tuple(by_code[successor] for successor in retired.successors),
        )
        for retired, name in _changes()
    ]
    own = tuple(change for change in changes if change.code == key)
    if own:
        return own
    if key in by_code:
        return tuple(c for c in changes if key in {t.code for t in c.successors})
    raise InvalidArgumentError(
        "NUTS code",
        code,
        "an Italian NUTS code of 2006-2021 (changes of other countries' codes are known only "
        "from Eurostat's NUTS correspondence tables, which bilateral does not read yet)",
    )


def italian_region(text: str) -> Territory:
    """Return the Italian region or province that a code or name designates.

    Accepts NUTS 2021 ids, retired NUTS codes (`ITD5`), ISTAT region codes (`08`), ISO 3166-2
    codes (`IT-45`) and names in Italian or English, like `resolve`; raises
    `InvalidArgumentError` for a territory that is not an Italian region.

    >>> [italian_region(text).code for text in ("IT-45", "08", "ITD5", "emilia romagna")]
    ['ITH5', 'ITH5', 'ITH5', 'ITH5']
    """
    territory = resolve(text)
    if territory.kind != "region" or territory.country != "ITA":
        raise InvalidArgumentError(
            "Italian region",
            text,
            f"an Italian region, province or code; {text!r} is {territory.name} ({territory.code})",
        )
    return territory


def country_regions(
    country: str, level: int, catalogue: Catalogue | None = None
) -> tuple[Territory, ...]:
    """Return a country's NUTS 2021 regions at `level` (1-3), sorted by code.

    Italy's come from the committed table; other countries' need the imported `nuts2021`
    table. Trentino-Alto Adige, which has no NUTS level, is in no level's list.

    >>> [region.code for region in country_regions("Italy", 1)]
    ['ITC', 'ITF', 'ITG', 'ITH', 'ITI']
    """
    if level not in (1, 2, 3):
        raise InvalidArgumentError("NUTS level", level, "1, 2 or 3")
    territory = resolve(country)
    if territory.kind != "country":
        raise InvalidArgumentError("country", country, "a country (name or ISO code)")
    if catalogue is not None and catalogue.has("nuts2021"):
        entries = region_entries(catalogue)
    elif territory.code == "ITA":
        entries = core_region_entries()
    else:
        raise ReferenceNotLoadedError("nuts2021", f"the NUTS regions of {territory.name}")
    found = sorted(
        (e.territory for e in entries if e.territory.country == territory.code),
        key=lambda t: t.code,
    )
    if not found:
        raise InvalidArgumentError(
            "country", country, "a country that NUTS 2021 divides into regions"
        )
    return tuple(t for t in found if t.level == level)
