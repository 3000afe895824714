"""Territory names in the brief's language: the catalogue's, else pycountry's translation."""

from __future__ import annotations

import functools
import gettext

import pycountry

from bilateral.brief.catalog import Catalog
from bilateral.errors import BilateralError
from bilateral.reference import get


@functools.cache
def _translation(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:  # pycountry has no catalogue for the language: English names
        return gettext.NullTranslations()


def territory_name(code: str, catalog: Catalog) -> str:
    """Return territory `code`'s name in `catalog`'s language ("Belgio" for BEL in Italian).

    >>> from bilateral.brief.catalog import load_catalog
    >>> territory_name("BEL", load_catalog("it")), territory_name("ITH5", load_catalog("it"))
    ('Belgio', 'Emilia-Romagna')
    """
    if code in catalog.territory_names:
        return catalog.territory_names[code]
    try:
        english = get(code).name
    except (BilateralError, LookupError):
        return code
    return _translation(catalog.language).gettext(english)


def territory_name_with(code: str, preposition: str, catalog: Catalog) -> str:
    """Return the name of `code` after `preposition`, with the article the catalogue gives.

    >>> from bilateral.brief.catalog import load_catalog
    >>> it = load_catalog("it")
    >>> [territory_name_with(c, "di", it) for c in ("BEL", "ITA", "ITH5", "CYP")]
    ['del Belgio', "dell'Italia", "dell'Emilia-Romagna", 'di Cipro']
    >>> territory_name_with("BEL", "", load_catalog("en"))
    'Belgium'
    """
    name = territory_name(code, catalog)
    forms = catalog.contractions.get(preposition)
    if forms is None:
        return f"{preposition} {name}".strip()
    return forms.get(catalog.articles.get(code, ""), forms.get("", "")) + name
