"""Whether a source holds a reporter's trade with all its partners: ranks and shares need it.

A rank or a share among partners is right only where the source holds the reporter's trade
with every partner in the year and flow. A source's published WORLD row settles it: the
partner rows (territories, and the unallocated, bunker and confidential partners the source
publishes as partners) must sum to it, up to the rounding of published figures. Without a
WORLD row the format's trait settles it: bulk and release files publish every partner
(`every_partner`); extracts hold the partners asked for, which may be any.
"""

from __future__ import annotations

from typing import Final

from bilateral.schema import PartnerCoverage

# Partner rows may miss the WORLD row by the rounding of published figures (a Comtrade or
# IMF file's partners sum to its World row to within 1e-15 of it), not by a partner.
ROUNDING: Final = 1e-6


def holds_every_partner(
    coverage: PartnerCoverage | None, world: float | None, partners: float
) -> bool:
    """Say whether partner rows summing to `partners` are all of a reporter's partners.

    `world` is the source's published WORLD row (None where it publishes none), `coverage` the
    trait of the source's format (None for a source no format declares: not whole).

    >>> holds_every_partner("checked_against_world", 100.0, 100.0)
    True
    >>> holds_every_partner("checked_against_world", 100.0, 40.0)
    False
    >>> holds_every_partner("checked_against_world", None, 40.0)
    False
    >>> holds_every_partner("every_partner", None, 40.0)
    True
    """
    if world is not None:
        return abs(world - partners) <= ROUNDING * abs(world)
    return coverage == "every_partner"
