"""How a query titles the sector codes of a scheme."""

from __future__ import annotations

from collections.abc import Callable

from bilateral.query.sectors import UNMAPPED_CODE, Scheme
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.cpa_titles import italian_division_titles
from bilateral.reference.products import describe_product
from bilateral.reference.sectors import Language, cpa_division, division_title
from bilateral.reference.trade_classes import bec_category_title, sitc_section_title


def sector_title(
    scheme: Scheme, language: Language, catalogue: Catalogue | None = None
) -> Callable[[str], str]:
    """Return the function that titles a sector code of `scheme` in `language`.

    CPA divisions in Italian take ISTAT's product titles where `catalogue` has them loaded
    (`cpa21_divisions_it`), as the brief does.
    """
    if scheme == "cpa" and language == "it":
        italian = italian_division_titles(catalogue)
        return lambda code: italian.get(cpa_division(code)) or division_title(code, language)
    if scheme == "cpa":
        return lambda code: division_title(code, language)
    if scheme in ("sitc", "bec"):
        name = sitc_section_title if scheme == "sitc" else bec_category_title
        return lambda code: "not in the correlation table" if code == UNMAPPED_CODE else name(code)
    return lambda code: describe_product(code, "HS2022")
