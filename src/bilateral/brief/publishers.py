"""Who publishes each source the store holds, and which dataset, for the brief's footnotes."""

from __future__ import annotations

from typing import Final

from bilateral.results.base import Provenance

PUBLISHERS: Final[dict[str, str]] = {
    "comext": "Eurostat, Comext (EU trade since 1988 by HS2-4-6 and CN8, bulk full_v2 files)",
    "comext_sdmx": "Eurostat, Comext (SDMX dissemination API)",
    "comext_cpa": "Eurostat, Comext (EU trade by CPA 2.1)",
    "comtrade": "United Nations Statistics Division, UN Comtrade",
    "baci": "CEPII, BACI (reconciled international trade flows)",
    "imf_dots": "International Monetary Fund, Direction of Trade Statistics (DOTS / IMTS)",
}


def publisher(source: str) -> str:
    """Return the publisher and dataset of source `source` ("regional:<name>" included)."""
    if source.startswith("regional:"):
        return f"regional statistics file ({source.partition(':')[2]} layout)"
    return PUBLISHERS.get(source, source)


def describe(origin: Provenance | None) -> tuple[str, tuple[str, ...], str | None]:
    """Return a result's provenance as text, its publishers and its currency conversion."""
    if origin is None:
        return "", (), None
    return str(origin), tuple(publisher(s) for s in origin.sources), origin.conversion
