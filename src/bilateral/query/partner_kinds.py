"""What a partner code stands for: a partner territory, or a line to keep apart from ranks.

Ranks and shares are among partner territories (`country`: countries, former countries and
territories with trade of their own, `BLX`). Groups are lines of their own; the reporter's
trade with itself (re-imports, re-exports), partners not allocated to any territory, bunkers
and ships' stores, and partners withheld for confidentiality are listed apart: they count in
the WORLD line, so totals stay exact, but never in a rank or a share among partners.
"""

from __future__ import annotations

import functools
from typing import Final

from bilateral.reference import Territory, all_territories
from bilateral.results.basis import PartnerKind

CONFIDENTIAL_CODES: Final = frozenset({"QX", "QY", "QZ"})
# Comtrade `_X` (899, areas nes), GEONOM QU-QW (not specified), ZZ (no data), Comtrade's
# regional "nes" codes and the IMF's "not specified" partners (XNA, XNM, XNW, XSC), which
# allocate trade to no territory. `S19` (Other Asia, nes) is the code Comtrade uses for Taiwan,
# a territory: it stays a partner.
UNALLOCATED_CODES: Final = frozenset(
    {"_X", "QU", "QV", "QW", "ZZ", "A59", "A79", "E19", "F19", "XNA", "XNM", "XNW", "XSC"}
)
# Comtrade X1 (837, bunkers); GEONOM QP (high seas), QQ-QS (stores and provisions).
BUNKER_CODES: Final = frozenset({"X1", "QP", "QQ", "QR", "QS"})


@functools.cache
def _group_codes() -> frozenset[str]:
    """Return the codes of groups whose rows are aggregates (not BLX: trade of its own)."""
    return frozenset(
        t.code for t in all_territories() if t.kind == "group" and t.parts == (t.code,)
    )


def partner_kind(code: str, reporter: Territory) -> PartnerKind:
    """Return what `code` stands for among `reporter`'s partners.

    >>> from bilateral.reference import get
    >>> [partner_kind(c, get("CHN")) for c in ("DEU", "CHN", "_X", "X1", "QX", "WORLD")]
    ['country', 'self', 'unallocated', 'bunkers', 'confidential', 'group']
    """
    if code in CONFIDENTIAL_CODES:
        return "confidential"
    if code in UNALLOCATED_CODES:
        return "unallocated"
    if code in BUNKER_CODES:
        return "bunkers"
    if code in _group_codes():
        return "group"
    if code == reporter.code or code in reporter.parts:
        return "self"
    return "country"
