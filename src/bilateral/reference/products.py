"""HS products: sections, chapters, headings and subheadings of HS1992, HS2017 and HS2022.

Sections and chapters are core tables the project writes from the HS nomenclature
(`data/hs_sections.csv`, `data/hs_chapters.csv`): the 21 sections with their chapter ranges,
and the chapters 01-97 (77 is reserved by the HS and absent), plus the two chapters the HS
leaves to national use, which belong to no HS section: 98, the CN's complete industrial plant,
and 99, "commodities not specified according to kind" in UN Comtrade and BACI (the CN's special
codes; Comext counts 98 and 99 in its section 21). Headings and subheadings
come from the publishers' code lists, imported through the catalogue: tables `hs2017` and
`hs2022` from the UN Comtrade classification files (H5, H6), `hs1992` from the product list
shipped inside CEPII's BACI HS92 archive, which has 6-digit codes only (HS1992 headings have no
titles there; their chapters come from the core table). The readers of those lists are in
`classification_files`.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

import pyarrow.compute as pc

from bilateral.choices import Language as Language
from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.classification_files import PRODUCT_SCHEMA as PRODUCT_SCHEMA
from bilateral.reference.classification_files import TABLE_SPECS as TABLE_SPECS
from bilateral.reference.classification_files import (
    read_baci_product_codes as read_baci_product_codes,
)
from bilateral.reference.classification_files import (
    read_comtrade_classification as read_comtrade_classification,
)

HsLevel = Literal["section", "chapter", "heading", "subheading"]
HsScheme = Literal["HS1992", "HS2017", "HS2022"]

RESERVED_CHAPTERS: Final = frozenset({"77"})
NATIONAL_CHAPTERS: Final = frozenset({"98", "99"})
SCHEMES: Final[dict[str, str]] = {"HS1992": "hs1992", "HS2017": "hs2017", "HS2022": "hs2022"}

_CONFIDENTIAL_CN8: Final = re.compile(r"^(\d{2,7})(X+)$")
_LEVELS: Final[dict[int, HsLevel]] = {2: "chapter", 4: "heading", 6: "subheading"}


@dataclass(frozen=True)
class Section:
    """One of the 21 HS sections: Roman numeral, number (1-21, as Comext's PRODUCT_SECTION)."""

    roman: str
    number: int
    first_chapter: str
    last_chapter: str
    title: str

    @property
    def chapters(self) -> tuple[str, ...]:
        """Return the section's chapter codes, without the reserved chapter 77."""
        first, last = int(self.first_chapter), int(self.last_chapter)
        codes = (f"{number:02d}" for number in range(first, last + 1))
        return tuple(code for code in codes if code not in RESERVED_CHAPTERS)


@dataclass(frozen=True)
class Chapter:
    """An HS chapter; `section` is None for chapters 98 and 99, outside the HS sections."""

    code: str
    section: str | None
    title: str


def _core_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("bilateral.reference").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def hs_sections() -> tuple[Section, ...]:
    """Return the 21 HS sections in order; their chapter ranges partition 01-97."""
    sections = tuple(
        Section(row["section"], number, row["first_chapter"], row["last_chapter"], row["title"])
        for number, row in enumerate(_core_rows("hs_sections.csv"), start=1)
    )
    expected_first = 1
    for section in sections:
        if int(section.first_chapter) != expected_first:
            raise RuntimeError(f"hs_sections.csv: section {section.roman} breaks the 01-97 order")
        expected_first = int(section.last_chapter) + 1
    if expected_first != 98:
        raise RuntimeError("hs_sections.csv: the sections do not end at chapter 97")
    return sections


@functools.cache
def hs_chapters() -> tuple[Chapter, ...]:
    """Return the HS chapters 01-97 (without the reserved 77), 98 and 99, with English titles."""
    owner = {code: section.roman for section in hs_sections() for code in section.chapters}
    chapters = tuple(
        Chapter(row["chapter"], owner.get(row["chapter"]), row["title"])
        for row in _core_rows("hs_chapters.csv")
    )
    codes = [chapter.code for chapter in chapters]
    if sorted(codes) != codes or set(codes) != set(owner) | NATIONAL_CHAPTERS:
        raise RuntimeError("hs_chapters.csv: chapters missing, duplicated or out of order")
    return chapters


@functools.cache  # read only: the core tables never change
def _chapters_by_code() -> dict[str, Chapter]:
    return {chapter.code: chapter for chapter in hs_chapters()}


@functools.cache  # read only: the core tables never change
def _sections_by_roman() -> dict[str, Section]:
    return {section.roman: section for section in hs_sections()}


def hs_level(code: str) -> HsLevel:
    """Return the HS level of `code` from its form: Roman numeral, or 2, 4 or 6 digits.

    >>> hs_level("XVI"), hs_level("84"), hs_level("8471"), hs_level("847130")
    ('section', 'chapter', 'heading', 'subheading')
    """
    if code in _sections_by_roman():
        return "section"
    if code.isascii() and code.isdigit() and len(code) in _LEVELS:
        return _LEVELS[len(code)]
    raise InvalidArgumentError(
        "HS code", code, "a section (I-XXI) or a code of 2, 4 or 6 digits such as 84, 8471, 847130"
    )


def hs_chapter(code: str) -> Chapter:
    """Return the chapter of an HS or CN code of 2-8 digits, or of a confidential CN8 code.

    Comext hides confidential products as the chapter followed by `X`s (`39XXXXXX`); their
    chapter is known. Raises for the reserved chapter 77 and for 00.

    >>> hs_chapter("39XXXXXX").title
    'Plastics and articles thereof'
    """
    valid = code.isascii() and (code.isdigit() or _CONFIDENTIAL_CN8.match(code) is not None)
    if not valid or not 2 <= len(code) <= 8:
        raise InvalidArgumentError("HS or CN code", code, "2 to 8 digits, such as 39 or 39201089")
    chapter = _chapters_by_code().get(code[:2])
    if chapter is None:
        why = "reserved in the HS" if code[:2] in RESERVED_CHAPTERS else "not an HS chapter"
        raise InvalidArgumentError(
            "HS chapter", code[:2], f"a chapter 01-99 (chapter {code[:2]} is {why})"
        )
    return chapter


def hs_section(code: str) -> Section:
    """Return the section of an HS chapter (or of any longer code), or of a Roman numeral.

    Chapters 98 and 99 are in no HS section (Comext counts them in its section 21): they raise.

    >>> hs_section("30").roman, hs_section("XVII").chapters
    ('VI', ('86', '87', '88', '89'))
    """
    if code in _sections_by_roman():
        return _sections_by_roman()[code]
    if code and set(code) <= set("IVX"):
        raise InvalidArgumentError("HS section", code, "a Roman numeral I-XXI")
    chapter = hs_chapter(code)
    if chapter.section is not None:
        return _sections_by_roman()[chapter.section]
    raise InvalidArgumentError(
        "HS chapter", chapter.code, "a chapter 01-97: chapters 98 and 99 are in no HS section"
    )


def is_confidential_cn8(code: str) -> bool:
    """Return whether `code` is a Comext confidential CN8 code such as `39XXXXXX`.

    >>> is_confidential_cn8("39XXXXXX"), is_confidential_cn8("39201089")
    (True, False)
    """
    return len(code) == 8 and code.isascii() and _CONFIDENTIAL_CN8.match(code) is not None


def cn8_to_hs6(code: str) -> str:
    """Return the HS subheading of a CN8 code: its first six digits.

    The CN is the HS with two more digits, so this holds for every CN edition and the HS
    edition it is built on. CN chapters 98 and 99 (industrial plant, special codes) give codes
    that are not HS subheadings. A confidential code keeps its HS6 when its first six digits
    are published (`392010XX`); `39XXXXXX` raises: only its chapter is known (`hs_chapter`).

    >>> cn8_to_hs6("39201089")
    '392010'
    """
    if is_confidential_cn8(code):
        if code[:6].isdigit():
            return code[:6]
        raise InvalidArgumentError(
            "CN8 code",
            code,
            f"a CN8 code with a published subheading: {code} is confidential and only "
            f"its chapter {code[:2]} is known (use hs_chapter)",
        )
    if len(code) != 8 or not code.isascii() or not code.isdigit():
        raise InvalidArgumentError("CN8 code", code, "8 digits as text, such as '39201089'")
    return code[:6]


def describe_product(
    code: str,
    scheme: HsScheme = "HS2022",
    catalogue: Catalogue | None = None,
    language: Language = "en",
) -> str:
    """Return the English title of an HS section, chapter, heading or subheading.

    Sections and chapters come from the core tables and need no catalogue; headings and
    subheadings need the scheme's imported table (`hs2022`, `hs2017`, `hs1992`) and raise
    `ReferenceNotLoadedError` without it. HS1992 headings have no titles (BACI lists 6-digit
    codes only). No Italian HS titles are available: `language="it"` raises.

    >>> describe_product("30")
    'Pharmaceutical products'
    """
    if language != "en":
        raise InvalidArgumentError("language", language, "'en' (HS titles exist in English only)")
    table_name = SCHEMES.get(scheme)
    if table_name is None:
        raise InvalidArgumentError("scheme", scheme, f"one of {', '.join(SCHEMES)}")
    level = hs_level(code)
    if level == "section":
        return hs_section(code).title
    if level == "chapter":
        return hs_chapter(code).title
    if catalogue is None:
        raise ReferenceNotLoadedError(table_name, f"the title of {scheme} {level} {code}")
    table = catalogue.table(table_name, f"the title of {scheme} {level} {code}")
    found = table.filter(pc.equal(table["code"], code))
    if found.num_rows == 0:
        detail = " (BACI's HS1992 list has no heading titles)" if scheme == "HS1992" else ""
        raise InvalidArgumentError(
            "product", code, f"a {level} code of {scheme} listed in table {table_name}{detail}"
        )
    return str(found["description"][0].as_py())
