"""Reference tables and resolvers: territories and Eurostat GEONOM codes."""

from bilateral.reference.geonom import geonom_table, geonom_to_canonical
from bilateral.reference.territories import (
    Territory,
    TerritoryKind,
    all_territories,
    get,
    resolve,
)

__all__ = [
    "Territory",
    "TerritoryKind",
    "all_territories",
    "geonom_table",
    "geonom_to_canonical",
    "get",
    "resolve",
]
