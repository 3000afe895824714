"""Territories named in a sentence: country, group and region names, demonyms, abbreviations.

Names come from the territory registry (every name and alias in EN, IT, FR, NL, DE, regions
included) and must start with a capital; demonyms (`Italian exports`, `esportazioni
italiane`) and abbreviations (`EU`, `US`) come from `demonyms.csv`, one row per territory.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

from bilateral.reference.territories import Registry, default_registry
from bilateral.reference.territory_names import Index, normalise_name

MentionKind = Literal["name", "demonym"]

_LONGEST_NAME: Final = 6
_WORD: Final = re.compile(r"[^\W\d_]+")
_WORLD: Final = re.compile(
    r"(?<=\bto )the world\b|(?<=\bfrom )the world\b|(?<=\bwith )the world\b|"
    r"\b(?<=verso )il mondo\b|(?<=\bcon )il mondo\b|\bU\.S\.(?:A\.)?"
)


@dataclass(frozen=True)
class Mention:
    """A territory named in a sentence, at normalised offsets [start, end) of the sentence.

    `codes` holds one code, or several when the name is ambiguous (`Congo`).
    """

    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    kind: MentionKind


@dataclass(frozen=True)
class Demonyms:
    """Demonym forms (lower case) and abbreviations (exact case) to territory codes."""

    forms: dict[str, str]
    abbreviations: dict[str, str]


@functools.cache
def demonyms() -> Demonyms:
    """Return the packaged demonyms: `demonyms.csv`, columns code, en, it (forms `|`-separated).

    A form in capitals (`EU`, `US`, `UK`) is an abbreviation, matched with its case and used
    like a name; the others are matched in any case.
    """
    source = resources.files("bilateral.claims").joinpath("demonyms.csv")
    forms: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))):
        for language in ("en", "it"):
            for form in filter(None, row[language].split("|")):
                target = abbreviations if form.isupper() else forms
                key = form if form.isupper() else form.casefold()
                if target.get(key, row["code"]) != row["code"]:
                    raise RuntimeError(f"demonyms.csv: {form!r} names two territories")
                target[key] = row["code"]
    return Demonyms(forms, abbreviations)


_NAME_CACHE: dict[int, tuple[Registry, dict[str, frozenset[str]]]] = {}


def _names(registry: Registry) -> dict[str, frozenset[str]]:
    """Return the registry's names (regions' and current ones) as one index, cached."""
    cached = _NAME_CACHE.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    merged: dict[str, frozenset[str]] = {}
    indexes: tuple[Index, ...] = (registry.entry_names, registry.current_names)
    for index in indexes:
        for key, codes in index.items():
            merged[key] = merged.get(key, frozenset()) | codes
    if len(_NAME_CACHE) > 8:
        _NAME_CACHE.clear()
    _NAME_CACHE[id(registry)] = (registry, merged)
    return merged


def find_mentions(text: str, registry: Registry | None = None) -> list[Mention]:
    """Return the territories that `text` (normalised) names, in order, longest names first.

    >>> [(m.text, m.codes, m.kind) for m in find_mentions("Italian exports to Belgio")]
    [('Italian', ('ITA',), 'demonym'), ('Belgio', ('BEL',), 'name')]
    """
    names = _names(registry or default_registry())
    table = demonyms()
    words = list(_WORD.finditer(text))
    found: list[Mention] = []
    index = 0
    while index < len(words):
        mention = _name_at(text, words, index, names) or _demonym_at(text, words, index, table)
        if mention is None:
            index += 1
            continue
        found.append(mention)
        index += 1
        while index < len(words) and words[index].start() < mention.end:
            index += 1
    for match in _WORLD.finditer(text):
        code = "USA" if match.group().startswith("U") else "WORLD"
        found.append(Mention(match.start(), match.end(), match.group(), (code,), "name"))
    found = [m for m in found if not any(_inside(m, other) for other in found if other != m)]
    return sorted(found, key=lambda m: m.start)


def _inside(mention: Mention, other: Mention) -> bool:
    return (
        other.start <= mention.start
        and mention.end <= other.end
        and other.end - other.start > (mention.end - mention.start)
    )


def _name_at(
    text: str, words: list[re.Match[str]], index: int, names: dict[str, frozenset[str]]
) -> Mention | None:
    first = words[index].group()
    if not first[0].isupper():
        return None
    for count in range(min(_LONGEST_NAME, len(words) - index), 0, -1):
        chosen = words[index : index + count]
        key = normalise_name(" ".join(word.group() for word in chosen))
        if key not in names:
            continue
        if count == 1 and len(key) < 3 and first not in ("UE", "UK"):
            continue
        start, end = chosen[0].start(), chosen[-1].end()
        return Mention(start, end, text[start:end], tuple(sorted(names[key])), "name")
    return None


def _demonym_at(
    text: str, words: list[re.Match[str]], index: int, table: Demonyms
) -> Mention | None:
    word = words[index]
    form = word.group()
    if form in table.abbreviations:
        return Mention(word.start(), word.end(), form, (table.abbreviations[form],), "name")
    if index + 1 < len(words):  # two-word forms: "South Korean", "South African"
        pair = text[word.start() : words[index + 1].end()]
        two = table.forms.get(" ".join(pair.split()).casefold())
        if two is not None:
            return Mention(word.start(), words[index + 1].end(), pair, (two,), "demonym")
    one = table.forms.get(form.casefold())
    if one is None:
        return None
    return Mention(word.start(), word.end(), form, (one,), "demonym")
