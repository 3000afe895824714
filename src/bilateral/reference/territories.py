"""Territories: countries, former countries, groups and statistical special codes.

Countries and former countries come from pycountry (ISO 3166-1 and ISO 3166-3); groups, Eurostat
special codes, parts of countries and aliases come from `data/territories_extra.csv`.
"""

from __future__ import annotations

import csv
import difflib
import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Final, Literal, get_args

import pycountry

from bilateral.errors import AmbiguousTerritoryError, UnknownTerritoryError

TerritoryKind = Literal["country", "former_country", "group", "special", "part", "region"]
TERRITORY_KINDS: Final[tuple[TerritoryKind, ...]] = get_args(TerritoryKind)

_EXTRA_CSV: Final = "territories_extra.csv"
_MAX_SUGGESTIONS: Final = 3
_MIN_PREFIX_LENGTH: Final = 3


@dataclass(frozen=True)
class Territory:
    """One territory that trade figures can be reported for or with.

    `code` is the canonical id used in the flow table: ISO 3166-1 alpha-3 for countries and former
    countries, `BLX` for Belgium-Luxembourg, ids such as `WORLD` or `EU27_2020` for groups, and the
    two-letter Eurostat code for special codes and parts (`XI`, `QZ`). `parts` lists the canonical
    codes whose rows together make up this territory when querying: `("GBR", "XI", "XU")` for the
    United Kingdom, whose trade Comext splits into Northern Ireland and the rest from 2021.
    Regions (`kind == "region"`) have their NUTS 2021 id as code, the alpha-3 of their country
    in `country` and their NUTS level (1-3) in `level`.
    """

    code: str
    name: str
    kind: TerritoryKind
    iso2: str | None
    parts: tuple[str, ...]
    country: str | None = None
    level: int | None = None


@dataclass(frozen=True)
class TerritoryEntry:
    """A territory added to the registry from a table other than pycountry (regions).

    `codes` are matched exactly (after trimming and upper-casing) and before ISO codes, so that a
    two-digit ISTAT region code such as `08` is Emilia-Romagna, not ISO numeric 008; `names`
    are matched like other names (accent- and case-insensitively).
    """

    territory: Territory
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


ChangeKind = Literal["recoded", "split", "merged", "boundary"]


@dataclass(frozen=True)
class RetiredCode:
    """A code of an earlier classification version (NUTS 2010, 2013, 2016) no longer in use.

    `successors` are the current codes that cover its territory: one for `recoded` (same
    territory, new code) and `boundary` (new code, boundaries changed), several for `split`; for
    `merged` the one region it became part of.
    """

    code: str
    version: str
    change: ChangeKind
    successors: tuple[str, ...]


@dataclass(frozen=True)
class _Registry:
    """Territories by canonical code, and the indexes that `resolve` searches in turn."""

    by_code: Mapping[str, Territory]
    iso_codes: Mapping[str, frozenset[str]]  # current ISO alpha-2, numeric; alpha-2 of extras
    current_names: Mapping[str, frozenset[str]]  # names and aliases, normalised
    historic_codes: Mapping[str, frozenset[str]]  # ISO 3166-3 alpha-2 and numeric
    historic_names: Mapping[str, frozenset[str]]


def normalise_name(text: str) -> str:
    """Return `text` folded for name matching: no accents, case or punctuation.

    >>> normalise_name("  Côte d'Ivoire ")
    'cote d ivoire'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def _code_key(text: str) -> str:
    stripped = text.strip().upper()
    return stripped.zfill(3) if stripped.isdigit() else stripped


def _add(index: dict[str, set[str]], key: str | None, code: str) -> None:
    if key:
        index.setdefault(key, set()).add(code)


def _frozen(index: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(codes) for key, codes in index.items()}


def _names_of(record: object) -> Iterable[str]:
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(record, attribute, None)
        if value:
            yield str(value)


def _read_extra() -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", _EXTRA_CSV)
    return list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@dataclass
class _Builder:
    territories: dict[str, Territory] = field(default_factory=dict)
    iso_codes: dict[str, set[str]] = field(default_factory=dict)
    historic_codes: dict[str, set[str]] = field(default_factory=dict)
    current_names: dict[str, set[str]] = field(default_factory=dict)
    historic_names: dict[str, set[str]] = field(default_factory=dict)

    def add_countries(self) -> None:
        for country in pycountry.countries:
            code = str(country.alpha_3)
            name = str(getattr(country, "common_name", None) or country.name)
            self.territories[code] = Territory(code, name, "country", str(country.alpha_2), (code,))
            for key in (country.alpha_2, country.numeric):
                _add(self.iso_codes, _code_key(str(key)), code)
            for alias in _names_of(country):
                _add(self.current_names, normalise_name(alias), code)

    def add_former_countries(self) -> None:
        current_iso2 = {t.iso2 for t in self.territories.values()}
        for former in pycountry.historic_countries:
            code = str(former.alpha_3)
            if code in self.territories:  # ATF: the historic entry reuses a current alpha-3
                continue
            iso2 = str(former.alpha_2)
            self.territories[code] = Territory(
                code, str(former.name), "former_country", iso2, (code,)
            )
            if iso2 not in current_iso2:  # AI, BQ, GE... were reassigned: the current one wins
                _add(self.historic_codes, iso2, code)
            numeric = getattr(former, "numeric", None)
            if numeric:
                _add(self.historic_codes, _code_key(str(numeric)), code)
            for alias in _names_of(former):
                _add(self.historic_names, normalise_name(alias), code)

    def add_extra(self, line: int, row: Mapping[str, str]) -> None:
        code = row["code"]
        parts = _split(row["parts"]) or (code,)
        if code in self.territories:
            if row["name"] or row["kind"] or row["iso2"]:
                raise RuntimeError(
                    f"{_EXTRA_CSV}:{line}: {code} comes from pycountry; give only parts and aliases"
                )
            self.territories[code] = replace(self.territories[code], parts=parts)
        else:
            if row["kind"] not in TERRITORY_KINDS or not row["name"]:
                raise RuntimeError(f"{_EXTRA_CSV}:{line}: {code} needs a name and a valid kind")
            self.territories[code] = Territory(
                code, row["name"], row["kind"], row["iso2"] or None, parts
            )
            _add(self.iso_codes, row["iso2"], code)
            _add(self.current_names, normalise_name(row["name"]), code)
        for alias in _split(row["aliases"]):
            _add(self.current_names, normalise_name(alias), code)

    def build(self) -> _Registry:
        parts = {part for territory in self.territories.values() for part in territory.parts}
        unknown = parts - self.territories.keys()
        if unknown:
            raise RuntimeError(f"{_EXTRA_CSV}: parts name unknown territories {sorted(unknown)}")
        return _Registry(
            by_code=self.territories,
            iso_codes=_frozen(self.iso_codes),
            current_names=_frozen(self.current_names),
            historic_codes=_frozen(self.historic_codes),
            historic_names=_frozen(self.historic_names),
        )


@functools.cache
def _registry() -> _Registry:
    builder = _Builder()
    builder.add_countries()
    builder.add_former_countries()
    for line, row in enumerate(_read_extra(), start=2):
        builder.add_extra(line, row)
    return builder.build()


def all_territories() -> tuple[Territory, ...]:
    """Return every known territory, sorted by code."""
    registry = _registry()
    return tuple(registry.by_code[code] for code in sorted(registry.by_code))


def get(code: str) -> Territory:
    """Return the territory whose canonical code is `code` (exact, case-sensitive).

    Unlike `resolve`, accepts nothing but canonical codes; an unknown code's error suggests
    what `resolve` makes of it (`get("UK")` suggests "United Kingdom (GBR)").

    >>> get("BLX").name
    'Belgium-Luxembourg'
    """
    try:
        return _registry().by_code[code]
    except KeyError:
        pass
    try:
        suggestions = [_label(resolve(code))]
    except LookupError:
        suggestions = _suggestions(normalise_name(code))
    raise UnknownTerritoryError(code, suggestions)


def resolve(text: str) -> Territory:
    """Return the territory that a code or an English name designates.

    Accepted, in this order of precedence: canonical code, ISO alpha-2, alpha-3 or numeric code,
    English name (short, official or common) or alias, former ISO codes and names, and last a
    name that starts with the query as whole words (`Moldova` for "Moldova, Republic of").
    Matching ignores case, accents, punctuation and surrounding spaces. Raises
    `AmbiguousTerritoryError` when the deciding step matches several territories (`Korea`).

    >>> resolve(" bElGiUm ").code
    'BEL'
    >>> resolve("NA").name
    'Namibia'
    """
    registry = _registry()
    code_key, name_key = _code_key(text), normalise_name(text)
    if code_key in registry.by_code:  # canonical codes, including ISO alpha-3
        return registry.by_code[code_key]
    steps = [
        (registry.iso_codes, code_key),
        (registry.current_names, name_key),
        (registry.historic_codes, code_key),
        (registry.historic_names, name_key),
    ]
    for index, key in steps:
        if key in index:
            return _single(text, index[key])
    for names in (registry.current_names, registry.historic_names):
        matches = _prefix_matches(names, name_key)
        if matches:
            return _single(text, matches)
    raise UnknownTerritoryError(text, _suggestions(name_key))


def _single(query: str, codes: frozenset[str]) -> Territory:
    by_code = _registry().by_code
    if len(codes) == 1:
        return by_code[next(iter(codes))]
    raise AmbiguousTerritoryError(query, [_label(by_code[code]) for code in sorted(codes)])


def _prefix_matches(names: Mapping[str, frozenset[str]], key: str) -> frozenset[str]:
    if len(key) < _MIN_PREFIX_LENGTH:
        return frozenset()
    head = key + " "
    return frozenset(
        code for name, codes in names.items() if name.startswith(head) for code in codes
    )


def _label(territory: Territory) -> str:
    return f"{territory.name} ({territory.code})"


def _suggestions(key: str) -> list[str]:
    """Return up to three "Name (CODE)" labels whose names are closest to `key`."""
    registry = _registry()
    names = {**registry.historic_names, **registry.current_names}
    labels: list[str] = []
    for name in difflib.get_close_matches(key, names, n=10, cutoff=0.6):
        for code in sorted(names[name]):
            label = _label(registry.by_code[code])
            if label not in labels:
                labels.append(label)
    return labels[:_MAX_SUGGESTIONS]
