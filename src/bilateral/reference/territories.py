"""Territories: countries, former countries, groups, statistical special codes and regions.

Countries and former countries come from pycountry (ISO 3166-1 and ISO 3166-3), with their names
in English and, from pycountry's gettext catalogues, in Italian, French, Dutch and German; groups,
Eurostat special codes, parts of countries and hand aliases come from `data/territories_extra.csv`;
names that designate several territories (`Congo`, `Corea`) from `data/ambiguous_names.csv`.
Regions and their retired codes join through `build_registry`. Name folding, translations and
name search are in `territory_names`.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Final, Literal, get_args

import pycountry

from bilateral.errors import AmbiguousTerritoryError, InvalidArgumentError, UnknownTerritoryError
from bilateral.reference.territory_names import LANGUAGES as LANGUAGES
from bilateral.reference.territory_names import (
    Index,
    add_key,
    closest_codes,
    freeze,
    prefix_matches,
    pycountry_names,
)
from bilateral.reference.territory_names import Language as Language
from bilateral.reference.territory_names import normalise_name as normalise_name
from bilateral.reference.territory_names import translations as translations

TerritoryKind = Literal["country", "former_country", "group", "special", "part", "region"]
TERRITORY_KINDS: Final[tuple[TerritoryKind, ...]] = get_args(TerritoryKind)

_EXTRA_CSV: Final = "territories_extra.csv"
_AMBIGUOUS_CSV: Final = "ambiguous_names.csv"


@dataclass(frozen=True)
class Territory:
    """One territory that trade figures can be reported for or with.

    `code` is the canonical id used in the flow table: ISO 3166-1 alpha-3 for countries and former
    countries, `BLX` for Belgium-Luxembourg, ids such as `WORLD` or `EU27_2020` for groups, and the
    two-letter Eurostat code for special codes and parts (`XI`, `QZ`). `parts` lists the canonical
    codes whose rows together make up this territory when querying: `("GBR", "XI", "XU")` for the
    United Kingdom, whose trade Comext splits into Northern Ireland and the rest from 2021.
    Regions (`kind == "region"`) have their NUTS 2021 id as code, the alpha-3 of their country
    in `country` and their NUTS level (1-3) in `level`; a region outside NUTS (`IT-32`
    Trentino-Alto Adige, made of ITH1 and ITH2) has no level.
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
    two-digit ISTAT region code such as `08` is Emilia-Romagna, not ISO numeric 008; a number
    that is also an ISO numeric code as written (`12`: Lazio, or Algeria 012) is ambiguous.
    `names` are matched like other names (accent- and case-insensitively).
    """

    territory: Territory
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


ChangeKind = Literal["recoded", "split", "merged", "boundary"]


@dataclass(frozen=True)
class RetiredCode:
    """A code of an earlier classification version (NUTS 2010, 2013, 2016) no longer in use.

    `version` lists the versions that used the code ("2010, 2013, 2016"). `successors` are the
    current codes that cover its territory: one for `recoded` (same territory, new code) and
    `boundary` (new code, boundaries changed), several for `split`; for `merged` the one region
    it became part of.
    """

    code: str
    version: str
    change: ChangeKind
    successors: tuple[str, ...]


def _code_key(text: str) -> str:
    stripped = text.strip().upper()
    return stripped.zfill(3) if stripped.isdigit() else stripped


@dataclass(frozen=True)
class Registry:
    """Territories by canonical code, and the indexes that `resolve` searches in turn."""

    by_code: Mapping[str, Territory]
    entry_codes: Index  # codes of TerritoryEntry, exact
    iso_codes: Index  # current ISO alpha-2, numeric; alpha-2 of extras
    current_names: Index  # names and aliases in every language, normalised
    entry_names: Index  # names of TerritoryEntry (regions)
    historic_codes: Index  # ISO 3166-3 alpha-2 and numeric
    historic_names: Index
    retired: Mapping[str, RetiredCode]
    children_of: Mapping[str, tuple[str, ...]]

    def all_territories(self) -> tuple[Territory, ...]:
        """Return every known territory, sorted by code."""
        return tuple(self.by_code[code] for code in sorted(self.by_code))

    def get(self, code: str) -> Territory:
        """Return the territory whose canonical code is `code` (exact, case-sensitive).

        Unlike `resolve`, accepts nothing but canonical codes; an unknown code's error suggests
        what `resolve` makes of it (`get("UK")` suggests "United Kingdom (GBR)").
        """
        if code in self.by_code:
            return self.by_code[code]
        try:
            suggestions = [_label(self.resolve(code))]
        except LookupError:
            suggestions = self.suggestions(code)
        raise UnknownTerritoryError(code, suggestions)

    def children(self, code: str) -> tuple[Territory, ...]:
        """Return the regions directly below `code`, sorted by code.

        A NUTS level-1 region's parent is its country (alpha-3), as is that of a region without
        NUTS level (`IT-32`); a deeper region's parent is the NUTS code one character shorter.
        A territory without regions has no children.
        """
        self.get(code)
        return tuple(self.by_code[child] for child in self.children_of.get(code, ()))

    def resolve(self, text: str) -> Territory:
        """Return the territory that a code or a name in EN, IT, FR, NL or DE designates.

        Steps, in order: canonical code; codes of added entries (exact, no zero-padding); ISO
        alpha-2 or numeric; names and aliases of countries and groups in any language; names of
        added entries (regions); former ISO codes, retired region codes and former names; names
        that start with the query as whole words. The first step that matches decides; several
        matches there raise `AmbiguousTerritoryError`, as do a retired code that was split and
        a number that is both an entry's code and an ISO numeric code (`12`, but not `08`).
        """
        code_key, name_key = _code_key(text), normalise_name(text)
        if code_key in self.by_code:  # canonical codes, including ISO alpha-3
            return self.by_code[code_key]
        exact = text.strip().upper()
        if exact in self.entry_codes and _iso_written(exact) and code_key in self.iso_codes:
            return self._ambiguous(
                text,
                [*sorted(self.entry_codes[exact]), *sorted(self.iso_codes[code_key])],
                f"{exact} is a region code and ISO 3166 numeric code {code_key}",
            )
        steps: list[tuple[Index, str]] = [
            (self.entry_codes, exact),
            (self.iso_codes, code_key),
            (self.current_names, name_key),
            (self.entry_names, name_key),
            (self.historic_codes, code_key),
        ]
        for index, key in steps:
            if key in index:
                return self._single(text, index[key])
        if exact in self.retired:
            return self._successor(text, self.retired[exact])
        if name_key in self.historic_names:
            return self._single(text, self.historic_names[name_key])
        for names in (self.current_names, self.entry_names, self.historic_names):
            matches = prefix_matches(names, name_key)
            if matches:
                return self._single(text, matches)
        raise UnknownTerritoryError(text, self.suggestions(text))

    def complete(self, text: str, limit: int = 10) -> list[Territory]:
        """Return up to `limit` territories for a partly typed code or name, best first.

        A canonical, ISO or region code typed in full comes first; then territories with a
        name in any language that starts with the text, then those with a later word that
        does (accents and case ignored), shorter names first.

        >>> from bilateral.reference.territories import default_registry
        >>> [t.code for t in default_registry().complete("belg")][:2]
        ['BEL', 'BLX']
        """
        key, exact = normalise_name(text), text.strip().upper()
        if not key:
            return []
        ranked: dict[str, tuple[int, int]] = {}

        def add(codes: Iterable[str], rank: tuple[int, int]) -> None:
            for code in codes:
                if code in self.by_code and rank < ranked.get(code, (9, 0)):
                    ranked[code] = rank

        if exact in self.by_code:
            add([exact], (0, 0))
        add(self.entry_codes.get(exact, ()), (0, 1))
        add(self.iso_codes.get(_code_key(text), ()), (0, 2))
        for names in (self.current_names, self.entry_names):
            for name, codes in names.items():
                if name.startswith(key):
                    add(codes, (1, len(name)))
                elif f" {key}" in name:
                    add(codes, (2, len(name)))
        best = sorted(ranked, key=lambda code: (ranked[code], code))
        return [self.by_code[code] for code in best[:limit]]

    def suggestions(self, text: str) -> list[str]:
        """Return up to three "Name (CODE)" labels whose names are closest to `text`."""
        names = {**self.historic_names, **self.entry_names, **self.current_names}
        return [_label(self.by_code[code]) for code in closest_codes(names, text)]

    def _single(self, query: str, codes: frozenset[str]) -> Territory:
        if len(codes) == 1:
            return self.by_code[next(iter(codes))]
        return self._ambiguous(query, sorted(codes))

    def _successor(self, query: str, retired: RetiredCode) -> Territory:
        if retired.change != "split":
            return self.by_code[retired.successors[0]]
        reason = f"{retired.code} (NUTS {retired.version}) was split"
        return self._ambiguous(query, retired.successors, reason)

    def _ambiguous(self, query: str, codes: Iterable[str], reason: str | None = None) -> Territory:
        labels = [_label(self.by_code[code]) for code in codes]
        raise AmbiguousTerritoryError(query, labels, reason=reason)


def _iso_written(number: str) -> bool:
    """Return whether `number` is written as an ISO numeric code may be: 3 digits or no 0 first."""
    return number.isdigit() and (len(number) >= 3 or not number.startswith("0"))


def _label(territory: Territory) -> str:
    return f"{territory.name} ({territory.code})"


def _read_data(name: str) -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", name)
    return list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@dataclass
class _Builder:
    territories: dict[str, Territory] = field(default_factory=dict)
    entry_codes: dict[str, set[str]] = field(default_factory=dict)
    iso_codes: dict[str, set[str]] = field(default_factory=dict)
    current_names: dict[str, set[str]] = field(default_factory=dict)
    entry_names: dict[str, set[str]] = field(default_factory=dict)
    historic_codes: dict[str, set[str]] = field(default_factory=dict)
    historic_names: dict[str, set[str]] = field(default_factory=dict)
    retired: dict[str, RetiredCode] = field(default_factory=dict)

    def add_countries(self) -> None:
        for country in pycountry.countries:
            code = str(country.alpha_3)
            name = str(getattr(country, "common_name", None) or country.name)
            self.territories[code] = Territory(code, name, "country", str(country.alpha_2), (code,))
            for key in (country.alpha_2, country.numeric):
                add_key(self.iso_codes, _code_key(str(key)), code)
            for alias in pycountry_names(country, "iso3166-1"):
                add_key(self.current_names, normalise_name(alias), code)

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
                add_key(self.historic_codes, iso2, code)
            numeric = getattr(former, "numeric", None)
            if numeric:
                add_key(self.historic_codes, _code_key(str(numeric)), code)
            for alias in pycountry_names(former, "iso3166-3"):
                add_key(self.historic_names, normalise_name(alias), code)

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
            add_key(self.iso_codes, row["iso2"], code)
            names = self.historic_names if row["kind"] == "former_country" else self.current_names
            add_key(names, normalise_name(row["name"]), code)
        for alias in _split(row["aliases"]):
            add_key(self.current_names, normalise_name(alias), code)

    def add_ambiguous(self, line: int, row: Mapping[str, str]) -> None:
        codes = _split(row["codes"])
        if len(codes) < 2 or not set(codes) <= self.territories.keys():
            raise RuntimeError(f"{_AMBIGUOUS_CSV}:{line}: give two or more known codes")
        for code in codes:
            add_key(self.current_names, normalise_name(row["name"]), code)

    def add_entry(self, entry: TerritoryEntry) -> None:
        code = entry.territory.code
        if code in self.territories:
            raise InvalidArgumentError("territory entry", code, "a code not yet in the registry")
        self.territories[code] = entry.territory
        for key in entry.codes:
            add_key(self.entry_codes, key.strip().upper(), code)
        for name in (entry.territory.name, *entry.names):
            add_key(self.entry_names, normalise_name(name), code)

    def add_retired(self, retired: RetiredCode) -> None:
        single = retired.change != "split"
        if not retired.successors or (single and len(retired.successors) != 1):
            raise InvalidArgumentError(
                "retired code", retired, "one successor, or several for a split"
            )
        key = retired.code.strip().upper()
        earlier = self.retired.get(key)
        if earlier is None or earlier.version < retired.version:  # the latest retirement wins
            self.retired[key] = retired

    def build(self) -> Registry:
        linked = {part for territory in self.territories.values() for part in territory.parts}
        linked |= {code for retired in self.retired.values() for code in retired.successors}
        unknown = linked - self.territories.keys()
        if unknown:
            raise InvalidArgumentError("parts or successors", sorted(unknown), "known territories")
        children: dict[str, list[str]] = {}
        for territory in self.territories.values():
            parent = _parent(territory)
            if parent is not None:
                children.setdefault(parent, []).append(territory.code)
        return Registry(
            by_code=self.territories,
            entry_codes=freeze(self.entry_codes),
            iso_codes=freeze(self.iso_codes),
            current_names=freeze(self.current_names),
            entry_names=freeze(self.entry_names),
            historic_codes=freeze(self.historic_codes),
            historic_names=freeze(self.historic_names),
            retired=dict(self.retired),
            children_of={code: tuple(sorted(codes)) for code, codes in children.items()},
        )


def _parent(territory: Territory) -> str | None:
    """Return a region's parent: its country at NUTS level 1 or none, else the code one shorter."""
    if territory.kind != "region":
        return None
    if territory.level in (None, 1) or len(territory.code) <= 3:
        return territory.country
    return territory.code[:-1]


def build_registry(
    entries: Iterable[TerritoryEntry] = (), retired: Iterable[RetiredCode] = ()
) -> Registry:
    """Return a registry of pycountry's countries, the committed extras and `entries`.

    `entries` (regions) must not reuse a code already in the registry; every retired code's
    successors and every part must be a known territory.

    >>> build_registry().resolve("Belgio").code
    'BEL'
    """
    builder = _Builder()
    builder.add_countries()
    builder.add_former_countries()
    for line, row in enumerate(_read_data(_EXTRA_CSV), start=2):
        builder.add_extra(line, row)
    for line, row in enumerate(_read_data(_AMBIGUOUS_CSV), start=2):
        builder.add_ambiguous(line, row)
    for entry in entries:
        builder.add_entry(entry)
    for code in retired:
        builder.add_retired(code)
    return builder.build()


@functools.cache
def default_registry() -> Registry:
    """Return the registry that `resolve`, `get` and `all_territories` use: with NUTS regions."""
    from bilateral.reference.regions import core_region_entries, core_retired_codes

    return build_registry(core_region_entries(), core_retired_codes())


def all_territories() -> tuple[Territory, ...]:
    """Return every known territory of the default registry, sorted by code."""
    return default_registry().all_territories()


def get(code: str) -> Territory:
    """Return the territory whose canonical code is `code` (exact, case-sensitive).

    >>> get("BLX").name
    'Belgium-Luxembourg'
    """
    return default_registry().get(code)


def resolve(text: str) -> Territory:
    """Return the territory that a code or a name in EN, IT, FR, NL or DE designates.

    Matching ignores case, accents, punctuation and surrounding spaces; see `Registry.resolve`
    for the order of precedence. Raises `UnknownTerritoryError` with the closest names, or
    `AmbiguousTerritoryError` listing the candidates (`Korea`, `Congo`, `Guinea`).

    >>> resolve(" bElGiUm ").code
    'BEL'
    >>> resolve("NA").name
    'Namibia'
    >>> [resolve(name).code for name in ("Belgio", "Belgique", "België", "Belgien")]
    ['BEL', 'BEL', 'BEL', 'BEL']
    """
    return default_registry().resolve(text)
