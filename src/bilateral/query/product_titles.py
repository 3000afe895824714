"""Titles of product codes at any depth, from their HS revision, never failing.

A row's revision is data: the product scheme of BACI and Comtrade subheadings names it
(`HS1992`, `HS2022`); a CN code is of the HS edition of its year (`hs_revision`). Chapters are
core tables; headings and subheadings need the imported tables (`hs2022`, `hs2017` from UN
Comtrade, `hs1992` from CEPII's BACI product list). Where a table is not loaded or does not list
a code, the chapter title stands in and a note says why: a missing title never stops an answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final, cast

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.products import SCHEMES, HsScheme, describe_product, hs_chapter
from bilateral.results.notes import Note

HS_TABLES_NOTE: Final = (
    "load the HS tables with `bilateral reference fetch hs2022 hs2017` for descriptions"
)


_HS_REVISION: Final = re.compile(r"^HS(19|20)[0-9]{2}$")
_CN_EDITION: Final = re.compile(r"^CN((?:19|20)[0-9]{2})$")


@functools.lru_cache(maxsize=1024)  # asked once per code of an answer
def hs_revision(scheme: str | None, year: int) -> str:
    """Return the HS revision of codes stored under `scheme` in `year`.

    A scheme naming its revision gives it; a CN code is of the HS edition of its CN year;
    a scheme without a revision (`HS6` from a file that did not say) is taken to be of the
    edition of its year.

    >>> hs_revision("HS1992", 2021), hs_revision("CN2023", 2023), hs_revision("HS6", 2021)
    ('HS1992', 'HS2022', 'HS2017')
    """
    if scheme is not None and _HS_REVISION.match(scheme):
        return scheme
    found = _CN_EDITION.match(scheme or "")
    return hs_edition(int(found.group(1)) if found else year)


@functools.lru_cache(maxsize=256)
def revision_known(scheme: str | None) -> bool:
    """Return whether `scheme` says its HS revision (an HS revision or a CN edition)."""
    return scheme is not None and bool(_HS_REVISION.match(scheme) or _CN_EDITION.match(scheme))


def hs_edition(year: int) -> HsScheme:
    """Return the HS edition whose titles describe the codes of `year`.

    HS2022 from 2022, HS2017 before (for years before 2017 too: the tables the project reads
    start with HS2017, and most codes are unchanged).

    >>> hs_edition(2022), hs_edition(2021), hs_edition(2010)
    ('HS2022', 'HS2017', 'HS2017')
    """
    return "HS2022" if year >= 2022 else "HS2017"


class ProductTitles:
    """Describe product codes (2-8 digits, confidential codes too), collecting notes.

    A CN8 code is described by its HS subheading (its first six digits).
    """

    def __init__(
        self,
        catalogue: Catalogue | None,
        schemes: Mapping[tuple[int, str], str | None] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.schemes = dict(schemes or {})  # (year, code) -> stored product scheme, where known
        self._notes: dict[str, None] = {}
        self._titles: dict[tuple[str, str], str] = {}
        self._not_loaded: set[str] = set()  # revisions whose titles table is not loaded

    @property
    def notes(self) -> list[str]:
        """Return what could not be described as asked, once each, in the order met."""
        return list(self._notes)

    def __call__(self, code: str, year: int, scheme: str | None = None) -> str:
        """Return the title of `code` traded in `year`, stored under product `scheme`."""
        stored = scheme or self.schemes.get((year, code))
        revision = hs_revision(stored, year)
        if not revision_known(stored) and year < 2017:
            self._note(
                f"codes of {year} are described with HS2017 titles; the few codes that earlier "
                "HS editions numbered differently may be described wrongly or by their chapter."
            )
        key = (code, revision)
        if key not in self._titles:
            self._titles[key] = self._describe(code, revision)
        return self._titles[key]

    def _describe(self, code: str, revision: str) -> str:
        if "X" in code:
            chapter = self._chapter(code)
            kind = (
                "product_confidential"
                if "title" in chapter.values
                else "product_confidential_unknown"
            )
            return Note(f"confidential products of {chapter}", kind, **chapter.values)
        if len(code) == 2:
            return str(self._chapter(code)).removeprefix(f"chapter {code}: ")
        if len(code) == 8:
            self._note("CN8 codes are described by their HS subheading (the first six digits).")
        if revision not in SCHEMES:
            self._note(f"no {revision} titles are known: {revision} codes show their chapter.")
            return self._chapter(code)
        if revision in self._not_loaded:  # said once, for its first code
            return self._chapter(code)
        try:
            return describe_product(code[:6], cast(HsScheme, revision), self.catalogue)
        except ReferenceNotLoadedError as missing:
            self._not_loaded.add(revision)
            self._note(_load_note(missing.table) + "; chapter titles are shown instead.")
        except InvalidArgumentError:
            self._note(
                f"some codes are not listed in {revision} (national codes of chapters 98-99, "
                "or codes of another HS edition): their chapter title is shown."
            )
        return self._chapter(code)

    def _chapter(self, code: str) -> Note:
        """Return the title of `code`'s HS chapter, worded as data: the chapter and its title."""
        number = code[:2]
        try:
            title = hs_chapter(code).title
        except InvalidArgumentError:
            self._note(f"{number} is not an HS chapter: products under it have no title.")
            return Note(
                f"chapter {number} (not an HS chapter)", "product_no_chapter", number=number
            )
        return Note(f"chapter {number}: {title}", "product_chapter", number=number, title=title)

    def _note(self, text: str) -> None:
        self._notes.setdefault(text)


def _load_note(table: str) -> str:
    if table == "hs1992":
        return (
            "load the HS1992 titles with `bilateral reference import DIR` from a folder holding "
            "CEPII's product_codes_HS92_*.csv (inside the BACI HS92 archive) for descriptions"
        )
    return HS_TABLES_NOTE
