"""The notes every result that shows a pair in its own and its mirror view shares."""

from __future__ import annotations

from collections.abc import Iterable

from bilateral.reference import Territory
from bilateral.results.notes import Note


def mirror_view_notes(mirrored: Iterable[bool], first: Territory, second: Territory) -> list[str]:
    """Return the mirror view's note if any of the rows (their `mirror` flags) is a mirror view.

    >>> from bilateral.reference import get
    >>> [note.code for note in mirror_view_notes([False, True], get("ITA"), get("BEL"))]
    ['mirror_view']
    >>> mirror_view_notes([False], get("ITA"), get("BEL"))
    []
    """
    if not any(mirrored):
        return []
    return [
        Note(
            f"mirror view: {first.name}'s exports as {second.name} declares its imports (CIF) "
            "and the reverse; the own view values exports FOB, so the two differ.",
            "mirror_view",
            a=first.code,
            b=second.code,
        )
    ]
