"""The sentences of a partners ranking: share basis, groups, confidential lines, highlights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from bilateral.reference import Territory
from bilateral.reference import groups as reference_groups
from bilateral.results.notes import Note
from bilateral.results.partners import PartnerRow
from bilateral.schema import Flow

_NOUNS: Final[Mapping[Flow, str]] = {"export": "export market", "import": "supplier"}


def reporting_group_notes(
    reporter: Territory, year: int, reporters: Mapping[str, int]
) -> list[str]:
    """Say how many members' declarations a reporting group sums, where not all of them."""
    if reporter.kind != "group" or reference_groups.group(reporter.code).kind != "members":
        return []
    expected = len(reference_groups.members(reporter.code, year))
    return [
        f"{reporter.code} as reporter sums the members whose declarations the store holds "
        f"({count} of {expected} in {year}, {source}); ingest the other members' files for "
        "the whole group."
        for source, count in sorted(reporters.items())
        if count < expected
    ]


def basis_note(
    reporter: Territory, flow: Flow, source: str, published: bool, complete: bool = True
) -> str:
    """Say what the shares of one source are of: partner territories; groups of the WORLD line.

    Of a source without every partner of the reporter, say that it has no ranks nor shares.
    """
    if not complete:
        check = (
            "its partner rows do not sum to its WORLD row"
            if published
            else "it publishes no WORLD row to check them against"
        )
        return (
            f"{source}: no ranks, no shares and no summed groups: the store does not hold "
            f"{reporter.name}'s {flow}s to all its partners from this source ({check})."
        )
    basis = (
        "the published WORLD rows"
        if published
        else "the sum over all its partners (no published WORLD row)"
    )
    return (
        f"{source}: partners' ranks and shares are among partner territories (the reporter "
        "itself, unallocated partners, bunkers and confidential partners are apart); groups' "
        f"shares are of {reporter.name}'s {flow}s to all partners, as {basis}."
    )


def partner_notes(
    rows: Sequence[PartnerRow],
    reporter: Territory,
    flow: Flow,
    year: int,
    partner: Territory | None,
    partial_sources: Sequence[str],
    several_sources: bool,
) -> list[str]:
    """Say how confidential partners, groups and extracts count, and where `partner` ranks.

    The highlight reads "Belgium is Emilia-Romagna's 8th export market in 2021 (2.9% of its
    exports)." per source (named when there are several); a group "takes" its share.
    """
    notes: list[str] = []
    if any(row.line == "confidential" for row in rows):
        notes.append(
            Note(
                "QX, QY, QZ: partners the reporter withholds for commercial or military "
                "reasons; one line of their own, not ranked and not in other.",
                "confidential_partners",
            )
        )
    for code in ("EU27_2020", "EXT_EU27_2020"):
        if any(row.code == code and row.line == "group" for row in rows):
            notes.append(reference_groups.describe_members(code, [year - 1, year]) + ".")
    for source in sorted({row.source for row in rows} & set(partial_sources)):
        notes.append(
            Note(
                f"{source} holds extracts: its figures sum the products in the store, not all "
                "trade.",
                "extracts",
                source=source,
            )
        )
    if partner is not None:
        notes.extend(_highlight(rows, reporter, flow, year, partner, several_sources))
    return notes


def _highlight(
    rows: Sequence[PartnerRow],
    reporter: Territory,
    flow: Flow,
    year: int,
    partner: Territory,
    several_sources: bool,
) -> list[str]:
    sentences: list[str] = []
    for source in sorted({row.source for row in rows}):
        suffix = f" ({source})" if several_sources else ""
        found = next((r for r in rows if r.source == source and r.code == partner.code), None)
        of_its = (
            ""
            if found is None or found.share is None
            else f" ({found.share:.1%} of its {flow}s to partner territories)"
        )
        if found is None:
            sentences.append(
                f"{reporter.name} declares no {flow}s with {partner.name} in {year}{suffix}."
            )
        elif found.withheld is not None:
            sentences.append(
                f"{partner.name} is not ranked among {_possessive(reporter.name)} partners in "
                f"{year}{suffix}: the source does not hold its {flow}s to all its partners."
            )
        elif found.rank is None:
            sentences.append(
                f"{partner.name} takes {_percent(found.share)} of {_possessive(reporter.name)} "
                f"{flow}s in {year}{suffix}."
            )
        else:
            sentences.append(
                f"{partner.name} is {_possessive(reporter.name)} {ordinal(found.rank)} "
                f"{_NOUNS[flow]} in {year}{of_its}{suffix}."
            )
    return sentences


def _percent(value: float | None) -> str:
    return "an unknown share" if value is None else f"{value:.1%}"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def ordinal(number: int) -> str:
    """Return `number` as an English ordinal.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 102, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '102nd', '111th']
    """
    if 11 <= number % 100 <= 13:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
