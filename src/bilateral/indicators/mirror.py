"""Mirror gaps: one reporter's exports against its partner's imports of the same trade.

An importer values goods CIF (cost, insurance and freight paid to its own border), an exporter
FOB (free on board at its border), so the importer's figure is normally the larger one. The
IMF's Direction of Trade Statistics converts between the two with a CIF/FOB factor of 1.06
("A CIF/FOB factor of 1.06 is currently used", IMF, Direction of Trade Statistics Yearbook
2017, introduction): imports about 6% above exports. The band of 2-10% around it that counts
as explained by valuation alone is this module's working assumption, not a published range:
margins are smaller for neighbours trading by road or pipeline and larger for long sea routes
and bulky goods.
"""

from __future__ import annotations

from typing import Final

# The IMF DOTS factor: imports CIF = exports FOB * 1.06 (DOTS Yearbook 2017).
CIF_FOB_FACTOR: Final = 1.06
# The gap share (imports / exports - 1) that valuation alone explains: an assumption around it.
CIF_FOB_LOW: Final = 0.02
CIF_FOB_HIGH: Final = 0.10
EXPECTED_BAND: Final = "CIF/FOB: imports usually 2-10% above exports"


def mirror_gap(exports: float | None, imports: float | None) -> float | None:
    """Return the importer's figure minus the exporter's, or None if either is missing.

    >>> mirror_gap(100.0, 106.0)
    6.0
    >>> mirror_gap(None, 106.0) is None
    True
    """
    if exports is None or imports is None:
        return None
    return imports - exports


def gap_share(exports: float | None, imports: float | None) -> float | None:
    """Return the gap as a share of the exporter's figure, or None if undefined.

    gap_share = (imports - exports) / exports; undefined when either is missing or the
    exporter reports nothing.

    >>> gap_share(100.0, 106.0)
    0.06
    >>> gap_share(0.0, 5.0) is None
    True
    """
    gap = mirror_gap(exports, imports)
    if gap is None or exports is None or exports == 0:
        return None
    return round(gap / exports, 12)


def within_cif_fob_band(share: float | None) -> bool | None:
    """Return whether a gap share lies in the CIF/FOB band (2-10%), or None if undefined.

    >>> within_cif_fob_band(0.06), within_cif_fob_band(-0.2), within_cif_fob_band(None)
    (True, False, None)
    """
    if share is None:
        return None
    return CIF_FOB_LOW <= share <= CIF_FOB_HIGH
