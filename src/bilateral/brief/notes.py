"""Which technical notes a brief needs, decided from its figures; the templates word them.

The API's own notes (English text, one per result) stay in the JSON form of the brief; the
printed brief explains only what its figures need, in its own language.
"""

from __future__ import annotations

from typing import Literal

from bilateral.brief.figures import BriefFigures

NoteKind = Literal[
    "synthetic",
    "mirror_view",
    "valuation",
    "reconciled",
    "confidential",
    "unallocated",
    "transit",
    "common_months",
    "sectors_cpa",
    "sectors_hs",
    "ranks",
    "region",
    "conversion",
    "provisional",
]


def technical_notes(brief: BriefFigures) -> tuple[NoteKind, ...]:
    """Return the kinds of note the brief's figures call for, in the order they are printed."""
    t = brief.territories
    lines = brief.mirror
    declared = [line for line in lines if not line.reconciled]
    causes = {cause for line in declared for cause in line.causes}
    wanted: dict[NoteKind, bool] = {
        "synthetic": brief.synthetic,
        "mirror_view": brief.view_reporter not in (t.a, t.country),
        "valuation": bool(declared) or brief.import_valuation is not None,
        "reconciled": any(line.reconciled for line in lines),
        "confidential": "confidential" in causes or brief.has("headline.confidential_share"),
        "unallocated": "unallocated" in causes,
        "transit": "third_country" in causes,
        "common_months": any(figure.months for figure in brief.figures.values()),
        "sectors_cpa": bool(brief.sectors) and brief.sector_scheme == "cpa",
        "sectors_hs": bool(brief.sectors) and brief.sector_scheme == "hs_section",
        "ranks": bool(brief.ranks),
        "region": t.a_is_region,
        "conversion": any(source.conversion for source in brief.sources.values()),
        "provisional": brief.provisional,
    }
    return tuple(kind for kind, needed in wanted.items() if needed)
