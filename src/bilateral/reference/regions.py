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
The reader of the NUTS 2021 code list is in `nuts_files`.

A name is matched for the largest unit that has it: a region named like its country or an
enclosing region (`ITC20` Valle d'Aosta, `DE300` Berlin) gets no extra names; its
`Territory.name` stays the published NUTS name.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Final, cast, get_args

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.nuts_files import NOTES_KEY as NOTES_KEY
from bilateral.reference.nuts_files import NUTS_ID as NUTS_ID
from bilateral.reference.nuts_files import NUTS_SCHEMA as NUTS_SCHEMA
from bilateral.reference.nuts_files import TABLE_SPECS as TABLE_SPECS
from bilateral.reference.nuts_files import nuts2021_edition as nuts2021_edition
from bilateral.reference.nuts_files import nuts2021_notes as nuts2021_notes
from bilateral.reference.nuts_files import nuts_country as nuts_country
from bilateral.reference.nuts_files import read_nuts2021 as read_nuts2021
from bilateral.reference.territories import (
    ChangeKind,
    RetiredCode,
    Territory,
    TerritoryEntry,
    normalise_name,
    resolve,
)

NUTS_VERSIONS: Final = ("2006", "2010", "2013", "2016", "2021")
# NUTS 2021 names in which "/" joins two places, not two languages of one name.
_SLASH_NOT_LANGUAGES: Final = frozenset({"AT126", "AT127", "NL226", "UKK1"})
_CHANGE_KINDS: Final[frozenset[str]] = frozenset(get_args(ChangeKind))
_ITALY_CSV: Final = "italy_regions.csv"
_CHANGES_CSV: Final = "nuts_changes.csv"


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

    A bare number is an ISTAT region code here (`12` is Lazio), where `resolve` finds it
    ambiguous with an ISO numeric code (`012` Algeria).

    >>> [italian_region(text).code for text in ("IT-45", "08", "ITD5", "emilia romagna")]
    ['ITH5', 'ITH5', 'ITH5', 'ITH5']
    >>> italian_region("12").name
    'Lazio'
    """
    istat = {code: entry.territory for entry in core_region_entries() for code in entry.codes}
    territory = istat.get(text.strip()) if text.strip().isdigit() else None
    territory = territory or resolve(text)
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
