"""Every query the store answers from its figures, as data for the pipeline to run."""

from bilateral.api.queries.indicators import INDICATORS
from bilateral.api.queries.mirror import MIRROR
from bilateral.api.queries.partners import PARTNERS, PartnersOptions
from bilateral.api.queries.products import PRODUCTS, ProductsOptions
from bilateral.api.queries.profile import PROFILE
from bilateral.api.queries.sectors import SECTORS, SectorsOptions
from bilateral.api.queries.series import SERIES, SeriesOptions
from bilateral.api.queries.tables import CN_CPA_LINKS, EVENTS, PRODUCT_WEIGHTS

__all__ = [
    "CN_CPA_LINKS",
    "EVENTS",
    "INDICATORS",
    "MIRROR",
    "PARTNERS",
    "PRODUCTS",
    "PRODUCT_WEIGHTS",
    "PROFILE",
    "SECTORS",
    "SERIES",
    "PartnersOptions",
    "ProductsOptions",
    "SectorsOptions",
    "SeriesOptions",
]
