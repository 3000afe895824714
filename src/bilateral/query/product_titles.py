"""Titles of product codes at any depth, from the HS edition of their year, never failing.

Chapters are core tables; headings and subheadings need the imported UN Comtrade HS tables
(`hs2022` from 2022, `hs2017` before). Where a table is not loaded or does not list a code, the
chapter title stands in and a note says why: a missing title never stops an answer.
"""

from __future__ import annotations

from typing import Final

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.products import HsScheme, describe_product, hs_chapter

HS_TABLES_NOTE: Final = (
    "load the HS tables with `bilateral reference fetch hs2022 hs2017` for descriptions"
)


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

    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self._notes: dict[str, None] = {}
        self._titles: dict[tuple[str, HsScheme], str] = {}

    @property
    def notes(self) -> list[str]:
        """Return what could not be described as asked, once each, in the order met."""
        return list(self._notes)

    def __call__(self, code: str, year: int) -> str:
        """Return the title of `code` traded in `year`."""
        scheme = hs_edition(year)
        if year < 2017:
            self._note(
                f"codes of {year} are described with HS2017 titles; the few codes that earlier "
                "HS editions numbered differently may be described wrongly or by their chapter."
            )
        key = (code, scheme)
        if key not in self._titles:
            self._titles[key] = self._describe(code, scheme)
        return self._titles[key]

    def _describe(self, code: str, scheme: HsScheme) -> str:
        if "X" in code:
            return f"confidential products of {self._chapter(code)}"
        if len(code) == 2:
            return self._chapter(code).removeprefix(f"chapter {code}: ")
        if len(code) == 8:
            self._note("CN8 codes are described by their HS subheading (the first six digits).")
        try:
            return describe_product(code[:6], scheme, self.catalogue)
        except ReferenceNotLoadedError:
            self._note(HS_TABLES_NOTE + "; chapter titles are shown instead.")
        except InvalidArgumentError:
            self._note(
                f"some codes are not listed in {scheme} (national codes of chapters 98-99, or "
                "codes of another HS edition): their chapter title is shown."
            )
        return self._chapter(code)

    def _chapter(self, code: str) -> str:
        try:
            return f"chapter {code[:2]}: {hs_chapter(code).title}"
        except InvalidArgumentError:
            self._note(f"{code[:2]} is not an HS chapter: products under it have no title.")
            return f"chapter {code[:2]} (not an HS chapter)"

    def _note(self, text: str) -> None:
        self._notes.setdefault(text)
