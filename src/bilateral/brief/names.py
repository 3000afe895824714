"""Territory names in the brief's language: the catalogue's, the reference table's, else
pycountry's translation (ISO 3166-1 for countries, ISO 3166-3 for former countries)."""

from __future__ import annotations

import functools
import gettext

import pycountry

from bilateral.brief.catalog import Catalog
from bilateral.errors import BilateralError
from bilateral.reference import get
from bilateral.reference.local_names import local_name


@functools.cache
def _translation(language: str, domain: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except OSError:  # pycountry has no catalogue for the language: English names
        return gettext.NullTranslations()


def territory_name(code: str, catalog: Catalog) -> str:
    """Return territory `code`'s name in `catalog`'s language ("Belgio" for BEL in Italian).

    >>> from bilateral.brief.catalog import load_catalog
    >>> it = load_catalog("it")
    >>> [territory_name(code, it) for code in ("BEL", "ITH5", "QU")]
    ['Belgio', 'Emilia-Romagna', 'Paesi e territori non determinati']
    >>> territory_name("DDR", it)
    'Repubblica Democratica Tedesca'
    """
    if code in catalog.territory_names:
        return catalog.territory_names[code]
    local = local_name(code, catalog.language)
    if local is not None:
        return local
    try:
        territory = get(code)
    except (BilateralError, LookupError):
        return code
    domain = "iso3166-3" if territory.kind == "former_country" else "iso3166-1"
    return _translation(catalog.language, domain).gettext(territory.name)


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
