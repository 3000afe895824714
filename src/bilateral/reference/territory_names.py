"""Territory names: folding for matching, pycountry's translations, and name indexes.

An index maps a folded name (or a code) to the canonical codes of the territories it designates;
`bilateral.reference.territories` builds its registry from such indexes and searches them
exactly, by leading words and, for suggestions, by similarity.
"""

from __future__ import annotations

import functools
import gettext
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, Literal, get_args

import pycountry

from bilateral.deferred import deferred

if TYPE_CHECKING:
    from rapidfuzz import fuzz, process
else:
    fuzz = deferred("rapidfuzz.fuzz")  # for suggestions: loaded when a name is not found
    process = deferred("rapidfuzz.process")

Language = Literal["en", "it", "fr", "nl", "de"]
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
Index = Mapping[str, frozenset[str]]

_MAX_SUGGESTIONS: Final = 3
_SUGGESTION_CUTOFF: Final = 60.0
_MIN_PREFIX_LENGTH: Final = 3


def normalise_name(text: str) -> str:
    """Return `text` folded for name matching: no accents, case or punctuation.

    >>> normalise_name("  Côte d'Ivoire ")
    'cote d ivoire'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


@functools.cache
def translations(domain: str) -> tuple[gettext.NullTranslations, ...]:
    """Return pycountry's gettext catalogues of `domain` for every language of `LANGUAGES`."""
    return tuple(
        gettext.NullTranslations()
        if language == "en"
        else gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
        for language in LANGUAGES
    )


def pycountry_names(record: object, domain: str) -> Iterable[str]:
    """Yield the short, official and common names of a pycountry record in every language."""
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(record, attribute, None)
        if value:
            for catalogue in translations(domain):
                yield catalogue.gettext(str(value))


def add_key(index: dict[str, set[str]], key: str | None, code: str) -> None:
    """Add `code` under `key` to an index being built; an empty key adds nothing."""
    if key:
        index.setdefault(key, set()).add(code)


def freeze(index: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Return an index being built as an `Index`."""
    return {key: frozenset(codes) for key, codes in index.items()}


def prefix_matches(names: Index, key: str) -> frozenset[str]:
    """Return the codes of the names that start with the folded name `key` as whole words.

    Keys shorter than three characters match nothing.
    """
    if len(key) < _MIN_PREFIX_LENGTH:
        return frozenset()
    head = key + " "
    return frozenset(
        code for name, codes in names.items() if name.startswith(head) for code in codes
    )


def closest_codes(names: Index, text: str) -> list[str]:
    """Return up to three codes whose names are most similar to `text`, closest first."""
    found = process.extract(
        normalise_name(text),
        list(names),
        scorer=fuzz.ratio,
        limit=4 * _MAX_SUGGESTIONS,
        score_cutoff=_SUGGESTION_CUTOFF,
    )
    codes: dict[str, None] = {}  # ordered and without repeats
    for name, _score, _position in found:
        codes.update(dict.fromkeys(sorted(names[name])))
    return list(codes)[:_MAX_SUGGESTIONS]
