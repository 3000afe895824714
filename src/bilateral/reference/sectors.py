"""CPA 2.1 divisions: titles in English and Italian, and an approximate HS -> division mapping.

`data/cpa21_divisions.csv` lists the 88 divisions of CPA 2.1 (the EU's product classification,
whose divisions are those of NACE Rev. 2) with their section letter and product titles in
English and Italian ("Prodotti chimici", a product, not the activity "Fabbricazione di prodotti
chimici"). ISTAT's official Italian CPA titles, once imported (`bilateral reference import`),
are read with `bilateral.reference.cpa_titles`.

Comext bulk rows carry the exact CPA code of each CN8 line. For sources with HS codes only,
`data/hs_to_cpa21.csv` maps HS chapters to divisions, with heading rows where a chapter spreads
over several divisions; `approximate` marks rows whose own products fall in more than one
division, mapped to the division the project judges to hold the bulk of their trade. It is the
project's own reading of the CPA 2.1 structure, not a published correspondence.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Final, Literal

import pyarrow as pa

from bilateral.deferred import deferred
from bilateral.errors import InvalidArgumentError
from bilateral.reference.products import Language, hs_chapter, hs_chapters

if TYPE_CHECKING:
    from rapidfuzz import fuzz, process
else:
    fuzz = deferred("rapidfuzz.fuzz")  # for suggestions: loaded when a name is not found
    process = deferred("rapidfuzz.process")

__all__ = [
    "SCENARIO_DIVISIONS",
    "CpaMapping",
    "Division",
    "Language",
    "SectorScheme",
    "all_divisions",
    "cpa_division",
    "division_title",
    "hs_cpa_table",
    "hs_to_cpa_division",
    "resolve_sector",
]

SectorScheme = Literal["cpa", "hs"]

SCENARIO_DIVISIONS: Final = ("20", "21", "22", "28", "29", "30")
"""The divisions of the Emilia-Romagna - Belgium press release: chemicals, pharmaceuticals,
rubber and plastics, machinery, motor vehicles and other transport equipment."""

_CPA_CODE: Final = re.compile(r"^(\d{2})(?:\d{0,4}|[A-Z]|\.\d{1,2}(?:\.\d{1,2})?)$")
_STOPWORDS: Final = frozenset(
    {"a", "an", "and", "or", "of", "the", "for", "to", "in", "except", "other", "n", "e", "c"}
    | {"nec", "related", "products", "di", "ed", "del", "della", "delle", "dei", "degli", "da"}
    | {"per", "il", "la", "le", "lo", "i", "gli", "altri", "altre", "prodotti", "nca"}
)
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "chemicals": ("20",),
    "chemical industry": ("20",),
    "chemistry": ("20",),
    "chimica": ("20",),
    "industria chimica": ("20",),
    "pharmaceuticals": ("21",),
    "pharma": ("21",),
    "pharmaceutical industry": ("21",),
    "farmaceutica": ("21",),
    "farmaceutici": ("21",),
    "industria farmaceutica": ("21",),
    "plastics": ("22",),
    "plastic materials": ("22",),
    "rubber and plastics": ("22",),
    "plastica": ("22",),
    "materie plastiche": ("22",),
    "gomma e plastica": ("22",),
    "machinery": ("28",),
    "machines": ("28",),
    "mechanical engineering": ("28",),
    "macchinari": ("28",),
    "macchine": ("28",),
    "meccanica": ("28",),
    "motor vehicles": ("29",),
    "automotive": ("29",),
    "cars": ("29",),
    "autoveicoli": ("29",),
    "automobili": ("29",),
    "transport": ("29", "30"),
    "transport equipment": ("29", "30"),
    "transport components": ("29", "30"),
    "trasporti": ("29", "30"),
    "mezzi di trasporto": ("29", "30"),
}


@dataclass(frozen=True)
class Division:
    """A CPA 2.1 division: two-digit code, section letter (A-U), English and Italian titles."""

    code: str
    section: str
    title_en: str
    title_it: str


@dataclass(frozen=True)
class CpaMapping:
    """The CPA division of an HS code, with the mapping row (chapter or heading) it came from.

    `approximate` is true when the products of the HS code fall in several divisions.
    """

    hs: str
    division: str
    approximate: bool
    matched: str
    note: str


def _core_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("bilateral.reference").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def _divisions() -> dict[str, Division]:
    divisions: dict[str, Division] = {}
    for row in _core_rows("cpa21_divisions.csv"):
        code = row["division"]
        if not re.fullmatch(r"\d{2}", code) or code in divisions:
            raise RuntimeError(f"cpa21_divisions.csv: invalid or repeated division {code!r}")
        if not row["title"] or not row["title_it"]:
            raise RuntimeError(f"cpa21_divisions.csv: division {code} lacks a title")
        divisions[code] = Division(code, row["section"], row["title"], row["title_it"])
    return divisions


def all_divisions() -> tuple[Division, ...]:
    """Return the 88 CPA 2.1 divisions in code order.

    >>> [d.code for d in all_divisions()][:5], len(all_divisions())
    (['01', '02', '03', '05', '06'], 88)
    """
    return tuple(_divisions().values())


def cpa_division(code: str) -> str:
    """Return the CPA 2.1 division of a CPA code at any level.

    Accepts dotted codes (`20.14`), compact ones as Comext writes them (`2052` = 20.52, `205`)
    and Comext's 3-character residual groups (`20M`, `20S`, `23I`), whose division is their
    first two digits. Raises for confidential codes (`XXXX`) and unknown divisions.

    >>> cpa_division("20.14"), cpa_division("2052"), cpa_division("20M")
    ('20', '20', '20')
    """
    match = _CPA_CODE.match(code.strip()) if code.isascii() else None
    if match is None:
        hint = " (a confidential code: its division is unknown)" if "X" in code else ""
        raise InvalidArgumentError(
            "CPA code", code, f"a CPA 2.1 code such as 20, 20.14, 2052 or 20M{hint}"
        )
    division = match.group(1)
    if division not in _divisions():
        raise InvalidArgumentError(
            "CPA division", division, f"one of {', '.join(_divisions())} (CPA 2.1)"
        )
    return division


def division_title(code: str, language: Language = "en") -> str:
    """Return the title of the division of CPA code `code`, in English or Italian.

    >>> division_title("21")
    'Basic pharmaceutical products and pharmaceutical preparations'
    >>> division_title("2052", "it")
    'Prodotti chimici'
    """
    division = _divisions()[cpa_division(code)]
    if language == "en":
        return division.title_en
    if language == "it":
        return division.title_it
    raise InvalidArgumentError("language", language, "'en' or 'it'")


@functools.cache
def _hs_mapping() -> dict[str, CpaMapping]:
    chapters = {chapter.code for chapter in hs_chapters() if chapter.section is not None}
    mapping: dict[str, CpaMapping] = {}
    for line, row in enumerate(_core_rows("hs_to_cpa21.csv"), start=2):
        hs, division = row["hs"], row["division"]
        valid = (
            re.fullmatch(r"\d{2}|\d{4}", hs) is not None
            and hs[:2] in chapters
            and hs not in mapping
            and division in _divisions()
            and row["approximate"] in {"true", "false"}
            and (len(hs) == 2 or hs[:2] in mapping)
        )
        if not valid:
            raise RuntimeError(f"hs_to_cpa21.csv:{line}: invalid row {row}")
        approximate = row["approximate"] == "true"
        mapping[hs] = CpaMapping(hs, division, approximate, hs, row["note"])
    if missing := sorted(chapters - mapping.keys()):
        raise RuntimeError(f"hs_to_cpa21.csv: chapters {missing} are not mapped")
    return mapping


def hs_to_cpa_division(hs_code: str) -> CpaMapping:
    """Return the CPA 2.1 division that an HS chapter, heading, subheading or CN8 code maps to.

    A heading row of the mapping takes precedence over its chapter's row. A chapter whose
    headings map to several divisions is approximate, mapped to the chapter row's division.
    Confidential CN8 codes (`39XXXXXX`) map as their chapter. Chapters 98 and 99 raise.

    >>> hs_to_cpa_division("39201089").division, hs_to_cpa_division("3901").division
    ('22', '20')
    >>> hs_to_cpa_division("87").approximate
    True
    """
    chapter = hs_chapter(hs_code).code
    mapping = _hs_mapping()
    if chapter not in mapping:
        raise InvalidArgumentError(
            "HS code", hs_code, "a code of chapters 01-97: chapters 98 and 99 have no division"
        )
    heading_known = hs_code[2:4].isdigit()
    found = mapping.get(hs_code[:4]) if heading_known else None
    if found is None:
        found = mapping[chapter]
        spread = any(
            other.division != found.division for key, other in mapping.items() if key[:2] == chapter
        )
        if spread and not heading_known:
            found = CpaMapping(chapter, found.division, True, chapter, found.note)
    return CpaMapping(hs_code, found.division, found.approximate, found.matched, found.note)


def hs_cpa_table() -> pa.Table:
    """Return the HS -> CPA mapping rows (`hs` chapter or heading, `division`, `approximate`).

    For joins: match a code's first four digits to a heading row, else its first two.
    """
    rows = list(_hs_mapping().values())
    return pa.table(
        {
            "hs": [row.hs for row in rows],
            "division": [row.division for row in rows],
            "approximate": [row.approximate for row in rows],
        }
    )


def _folded(text: str) -> str:
    """Return `text` lower-case, without accents, its words joined by single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


_ALIAS_KEYS: Final = {_folded(name): codes for name, codes in _ALIASES.items()}


def _words(text: str) -> list[str]:
    return [word for word in _folded(text).split() if word not in _STOPWORDS]


def _similar(query: str, word: str) -> bool:
    """Return whether two words differ only in an ending of up to two letters (stem >= 4)."""
    shared = 0
    for mine, theirs in zip(query, word, strict=False):
        if mine != theirs:
            break
        shared += 1
    if abs(len(query) - len(word)) > 2:
        return False
    return query == word or shared >= max(4, min(len(query), len(word)) - 1)


@functools.cache
def _activity_titles() -> dict[str, str]:
    """Return the ATECO 2007 (NACE Rev. 2) activity title of each division, in Italian."""
    import ateco

    found = {d.code: ateco.lookup(d.code, edition="2007") for d in all_divisions()}
    return {code: str(node.title) for code, node in found.items() if node is not None}


def _titles(scheme: SectorScheme) -> dict[str, tuple[str, ...]]:
    """Return each sector's titles: CPA product titles in English and Italian and the Italian
    activity title ("Fabbricazione di prodotti chimici"), or the HS chapter's English title."""
    if scheme == "cpa":
        activities = _activity_titles()
        return {
            d.code: (
                d.title_en,
                d.title_it,
                *([activities[d.code]] if d.code in activities else []),
            )
            for d in all_divisions()
        }
    return {c.code: (c.title,) for c in hs_chapters()}


def _coverage(query: list[str], titles: tuple[str, ...]) -> float:
    """Return the best share of a title's words that the query covers, 0 if a word misses."""
    best = 0.0
    for title in titles:
        words = _words(title)
        if query and words and all(any(_similar(q, w) for w in words) for q in query):
            matched = sum(any(_similar(q, w) for q in query) for w in words)
            best = max(best, matched / len(words))
    return best


def _codes(text: str, scheme: SectorScheme) -> list[str]:
    """Return the codes of a list of codes or ranges such as `20,21` or `29-30`."""
    valid = [code for code, _ in _titles(scheme).items()]
    found: list[str] = []
    for part in re.split(r"[,+\s]+", text.strip()):
        first, _, last = part.partition("-")
        if scheme == "cpa":
            low, high = cpa_division(first), cpa_division(last or first)
        else:
            low, high = hs_chapter(first).code, hs_chapter(last or first).code
        found.extend(code for code in valid if low <= code <= high)
    return found


def resolve_sector(text: str, scheme: SectorScheme = "cpa") -> list[str]:
    """Return the CPA divisions (or HS chapters, `scheme="hs"`) that a sector name means.

    Takes codes (`20`, `29-30`, `20,21`), names the project knows in English and Italian
    (`chemicals`, `chimica`, `machinery`, `transport equipment` = 29 and 30), or words of the
    titles, matched ignoring case, accents and word endings: the sector whose title the words
    cover best wins, and a tie raises, listing the candidates.

    >>> resolve_sector("Pharmaceuticals"), resolve_sector("farmaceutica")
    (['21'], ['21'])
    >>> resolve_sector("plastics", scheme="hs")
    ['39']
    """
    if scheme not in ("cpa", "hs"):
        raise InvalidArgumentError("scheme", scheme, "'cpa' or 'hs'")
    if text.strip()[:1].isdigit():
        return sorted(set(_codes(text, scheme)))
    key = _folded(text)
    if scheme == "cpa" and key in _ALIAS_KEYS:
        return list(_ALIAS_KEYS[key])
    titles = _titles(scheme)
    query = _words(text)
    scores = {code: _coverage(query, names) for code, names in titles.items()}
    ranked = sorted((code for code in scores if scores[code] > 0), key=lambda c: -scores[c])
    if len(ranked) == 1 or (ranked and scores[ranked[0]] > scores[ranked[1]]):
        return ranked[:1]
    if ranked:
        listed = "; ".join(f"{code} {titles[code][0]}" for code in ranked[:8])
        expected = f"a name or code matching one sector; it matches {listed}"
    else:
        names = [*_ALIASES, *(names[0] for names in titles.values())]
        close = process.extract(text, names, scorer=fuzz.WRatio, limit=3, score_cutoff=80)
        hint = f"; close: {', '.join(name for name, _, _ in close)}" if close else ""
        expected = f"a sector code or a name such as chemicals or machinery{hint}"
    raise InvalidArgumentError("sector", text, expected)
