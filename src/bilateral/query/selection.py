"""Which reporter or partner codes of the flow table make up a territory, period by period.

A country sums its parts (`GBR` = `GBR` + `XI` + `XU`). A group sums its members as of each
period (the EU of 2010 in 2010), every partner (`WORLD`) or every partner outside a group
(`EXT_EU27_2020`); where a source publishes the group's own aggregate rows, those are used
instead of the members' sum, never both.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from bilateral.reference import Territory, all_territories, get
from bilateral.reference import groups as reference_groups
from bilateral.results.notes import Note

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis

SelectionKind = Literal["parts", "members", "all", "complement"]
OPEN_END: Final = 999912
# Intra-EU stores and unspecified partners (QR, QV, QY) count in intra-EU trade, so they are
# neither in WORLD minus the EU nor among its members.
_INTRA_EU_SPECIALS: Final = ("QR", "QV", "QY")

Member = tuple[str, int, int]  # code, first and last period (YYYYMM) of membership


@dataclass(frozen=True)
class Selection:
    """The rows of one territory: `parts` always, `members` in their periods, or all but some."""

    code: str
    kind: SelectionKind
    parts: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()
    excluded: tuple[str, ...] = ()
    description: str = ""

    @property
    def is_group(self) -> bool:
        """Return whether the territory sums other territories' rows (a group)."""
        return self.kind != "parts"

    def matches(self, column: ibis.StringValue, period: ibis.IntegerValue) -> ibis.BooleanValue:
        """Return whether a row's `column` (reporter or partner) at `period` is in the territory."""
        if self.kind == "parts":
            return column.isin(list(self.parts))
        own = column == self.code
        if self.kind == "members":
            return own | self._member(column, period)
        outside = ~column.isin(list(self.excluded))
        if self.kind == "all":
            return own | outside
        return own | (outside & ~self._member(column, period))

    def codes(self) -> tuple[str, ...] | None:
        """Return every code the territory's rows can carry, or None when it is open-ended."""
        if self.kind == "parts":
            return self.parts
        if self.kind == "members":
            return tuple(sorted({self.code, *(code for code, _, _ in self.members)}))
        return None

    def is_aggregate(self, column: ibis.StringValue) -> ibis.BooleanValue:
        """Return whether a row is the group's published aggregate rather than a member's."""
        return ibis.literal(self.is_group) & (column == self.code)

    def _member(self, column: ibis.StringValue, period: ibis.IntegerValue) -> ibis.BooleanValue:
        spans: dict[tuple[int, int], list[str]] = {}
        for code, first, last in self.members:
            spans.setdefault((first, last), []).append(code)
        conditions = [
            column.isin(sorted(codes))
            if (first, last) == (0, OPEN_END)
            else column.isin(sorted(codes)) & period.between(first, last)
            for (first, last), codes in sorted(spans.items())
        ]
        if not conditions:
            return ibis.literal(False)
        return functools.reduce(lambda left, right: left | right, conditions)


def row_period(year: ibis.IntegerValue, month: ibis.IntegerValue) -> ibis.IntegerValue:
    """Return a row's period as YYYYMM; an annual row counts as December of its year."""
    return year.cast("int32") * 100 + month.cast("int32").fill_null(12)


@functools.cache
def _group_codes() -> tuple[str, ...]:
    """Return the codes of aggregate rows, which a sum over partners must leave out.

    Reporting units that publishers report as one partner (`BLX`, Belgium-Luxembourg until
    1998; `SACU`) are groups too, but their rows are trade of their own: they are summed.
    """
    return tuple(t.code for t in all_territories() if t.kind == "group" and t.parts == (t.code,))


def selection(territory: Territory) -> Selection:
    """Return the selection of rows that make up `territory`."""
    if territory.kind != "group":
        return Selection(territory.code, "parts", parts=territory.parts)
    group = reference_groups.group(territory.code)
    description = reference_groups.describe_members(territory.code)
    if group.kind == "all":
        return Selection(territory.code, "all", excluded=_group_codes(), description=description)
    base = group.base if group.kind == "complement" and group.base else territory.code
    members = tuple(_members(base))
    if group.kind == "complement":
        excluded = (*_group_codes(), *_INTRA_EU_SPECIALS)
        return Selection(
            territory.code,
            "complement",
            members=members,
            excluded=excluded,
            description=description,
        )
    return Selection(territory.code, "members", members=members, description=description)


def _members(group_code: str) -> Iterable[Member]:
    """Yield the group's members with their periods, each member expanded to its parts."""
    table = reference_groups.membership_table()
    for row in table.to_pylist():
        if row["group"] == group_code:
            for part in get(row["member"]).parts:
                yield (part, int(row["start_period"]), int(row["end_period"]))


def group_notes(
    rows: Sequence[Mapping[str, Any]], first: Territory, second: Territory, years: Sequence[int]
) -> list[str]:
    """Say how each group of the pair was summed, and where a reporting group is incomplete.

    `rows` are the pair's totals by source, side, flow and year, with the count of distinct
    `reporters` summed: a group that reports (the EU's own declarations) is only as complete as
    the members' files in the store.
    """
    notes: list[str] = [
        Note(
            reference_groups.describe_members(territory.code, years),
            f"group_{reference_groups.group(territory.code).kind}",
            group=territory.code,
        )
        for territory in (first, second)
        if territory.kind == "group"
    ]
    for side, territory in (("first", first), ("second", second)):
        if territory.kind != "group" or reference_groups.group(territory.code).kind != "members":
            continue
        found: dict[int, int] = {}
        for row in rows:
            if row["side"] == side and int(row["year"]) in years:
                year = int(row["year"])
                found[year] = max(found.get(year, 0), int(row["reporters"]))
        short = [
            (year, count, len(reference_groups.members(territory.code, year)))
            for year, count in sorted(found.items())
        ]
        short = [item for item in short if item[1] < item[2]]
        if short:
            spans = "; ".join(f"{count} of {expected} in {year}" for year, count, expected in short)
            notes.append(
                Note(
                    f"{territory.code} as reporter sums the members whose declarations the "
                    f"store holds ({spans}); ingest the other members' files for the whole "
                    "group.",
                    "group_incomplete",
                    group=territory.code,
                    found=[{"year": y, "count": c, "expected": e} for y, c, e in short],
                )
            )
    return notes
