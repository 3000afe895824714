"""Country groups with membership over time: EU, EU27_2020, euro area, EFTA, WORLD, extra-EU.

Membership comes from `data/group_members.csv` (`group,member,start,end`, months `YYYY-MM`, end
inclusive, empty = open). A group whose code names a composition (`EU27_2020`, `EU28`, `EU15`,
`EA20`) has the same members in every period: `EU27_2020` in 2019 means the 27 of 2020. An
evolving group (`EU`, `EA`, `EFTA`) has the members of each period: `EU` in 2010 is the EU of
2010. A monthly period counts a member that belonged to the group during that month; an annual
period counts the members at the end of the year (December), so Croatia (July 2013) is in the EU
of 2013 and the United Kingdom (left 31 January 2020) is not in the EU of 2020.

`WORLD` is every partner; an extra-group (`EXT_EU27_2020`, `EXT_EU28`, `EXT_EU`) is every partner
outside its base group as of each period, and outside the Eurostat special codes for intra-EU
trade (`QR` stores and provisions, `QV` not specified, `QY` not specified for commercial or
military reasons): member states report those codes for trade with other member states, so they
belong to intra-EU trade, never to extra-EU trade.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

import pyarrow as pa

from bilateral.errors import InvalidArgumentError
from bilateral.reference.territories import build_registry

GroupKind = Literal["all", "members", "complement"]
OPEN_START: Final = 0
OPEN_END: Final = 999912
INTRA_EU_SPECIALS: Final[tuple[str, ...]] = ("QR", "QV", "QY")
MEMBERSHIP_SCHEMA: Final = pa.schema(
    [
        pa.field("group", pa.string(), nullable=False),
        pa.field("member", pa.string(), nullable=False),
        pa.field("start_period", pa.int32(), nullable=False),
        pa.field("end_period", pa.int32(), nullable=False),
    ]
)

_MEMBERS_CSV: Final = "group_members.csv"
_MONTH: Final = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_COMPLEMENTS: Final = {"EXT_EU27_2020": "EU27_2020", "EXT_EU28": "EU28", "EXT_EU": "EU"}
# Comext and Comtrade report Belgium and Luxembourg together (BLX) until 1998.
_BLX_LAST_PERIOD: Final = 199812


@dataclass(frozen=True)
class Group:
    """A group of territories: every partner, listed members, or every partner outside `base`."""

    code: str
    name: str
    kind: GroupKind
    base: str | None = None


@dataclass(frozen=True)
class _Span:
    member: str
    start: int  # YYYYMM, OPEN_START when open
    end: int  # YYYYMM inclusive, OPEN_END when open

    def covers(self, period: int) -> bool:
        return self.start <= period <= self.end


def _period(cell: str, line: int, open_value: int) -> int:
    if not cell:
        return open_value
    match = _MONTH.fullmatch(cell)
    if match is None:
        raise RuntimeError(f"{_MEMBERS_CSV}:{line}: {cell!r} is not a YYYY-MM month")
    return int(match[1]) * 100 + int(match[2])


@functools.cache
def _spans() -> dict[str, tuple[_Span, ...]]:
    source = resources.files("bilateral.reference").joinpath("data", _MEMBERS_CSV)
    registry = build_registry()
    spans: dict[str, list[_Span]] = {}
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    for line, row in enumerate(rows, start=2):
        span = _Span(
            row["member"],
            _period(row["start"], line, OPEN_START),
            _period(row["end"], line, OPEN_END),
        )
        if span.start > span.end or registry.get(span.member).kind != "country":
            raise RuntimeError(f"{_MEMBERS_CSV}:{line}: bad period or member in {row}")
        if registry.get(row["group"]).kind != "group":
            raise RuntimeError(f"{_MEMBERS_CSV}:{line}: {row['group']} is not a group")
        spans.setdefault(row["group"], []).append(span)
    return {code: tuple(items) for code, items in spans.items()}


@functools.cache
def _groups() -> dict[str, Group]:
    registry = build_registry()
    groups = {"WORLD": Group("WORLD", registry.get("WORLD").name, "all")}
    for code in _spans():
        groups[code] = Group(code, registry.get(code).name, "members")
    for code, base in _COMPLEMENTS.items():
        groups[code] = Group(code, registry.get(code).name, "complement", base)
    return groups


def group_codes() -> tuple[str, ...]:
    """Return the codes of every group, sorted.

    >>> "EU" in group_codes() and "EXT_EU" in group_codes()
    True
    """
    return tuple(sorted(_groups()))


def group(code: str) -> Group:
    """Return the group with canonical code `code`.

    >>> group("EXT_EU27_2020")
    Group(code='EXT_EU27_2020', name='Extra-EU27 (from 2020)', kind='complement', base='EU27_2020')
    """
    try:
        return _groups()[code]
    except KeyError:
        raise InvalidArgumentError("group", code, f"one of {', '.join(group_codes())}") from None


def period_of(year: int, month: int | None = None) -> int:
    """Return the YYYYMM period that membership is tested at: December for an annual period.

    >>> period_of(2013), period_of(2013, 6)
    (201312, 201306)
    """
    if month is not None and not 1 <= month <= 12:
        raise InvalidArgumentError("month", month, "1-12, or None for an annual period")
    return year * 100 + (12 if month is None else month)


def members(code: str, year: int, month: int | None = None) -> frozenset[str]:
    """Return the member states of group `code` in `year` (at its end) or in `year`-`month`.

    Only groups with listed members have members; `WORLD` and the extra-groups are defined by
    what they exclude (see `excluded`).

    >>> sorted(members("EU", 1958))
    ['BEL', 'DEU', 'FRA', 'ITA', 'LUX', 'NLD']
    >>> "HRV" in members("EU", 2013), "HRV" in members("EU", 2013, 6)
    (True, False)
    >>> "GBR" in members("EU", 2020, 1), "GBR" in members("EU", 2020)
    (True, False)
    """
    found = group(code)
    if found.kind != "members":
        raise InvalidArgumentError(
            "group", code, "a group with listed members; WORLD and EXT_* have none (see excluded)"
        )
    period = period_of(year, month)
    return frozenset(span.member for span in _spans()[code] if span.covers(period))


def excluded(code: str, year: int, month: int | None = None) -> frozenset[str]:
    """Return the partners that `WORLD` or an extra-group leaves out in a period.

    For an extra-group: its base group's member states and the intra-EU special codes.

    >>> excluded("WORLD", 2020)
    frozenset()
    >>> sorted(excluded("EXT_EU", 1958) - {"QR", "QV", "QY"})
    ['BEL', 'DEU', 'FRA', 'ITA', 'LUX', 'NLD']
    """
    found = group(code)
    if found.kind == "all":
        return frozenset()
    if found.kind != "complement" or found.base is None:
        raise InvalidArgumentError("group", code, "WORLD or an extra-group (EXT_*)")
    return members(found.base, year, month) | frozenset(INTRA_EU_SPECIALS)


def membership_table() -> pa.Table:
    """Return the members of every group with listed members, one row per membership span.

    Columns: `group`, `member`, `start_period` and `end_period` (int32 YYYYMM, inclusive; an open
    start is 0 and an open end 999912). A query joins a row's period (December for an annual
    row) on the span. Where both Belgium and Luxembourg are members up to 1998-12, the table also
    lists `BLX`, the Belgium-Luxembourg unit that Comext and Comtrade report until 1998; a
    member's own parts (`GBR` -> `XI`, `XU`) are not listed: expand them with `Territory.parts`.
    """
    rows: list[tuple[str, str, int, int]] = []
    for code, spans in sorted(_spans().items()):
        rows.extend((code, span.member, span.start, span.end) for span in spans)
        if code != "BLX":
            rows.extend((code, "BLX", start, end) for start, end in _blx_spans(spans))
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [
            pa.array(column, type=f.type)
            for column, f in zip(columns, MEMBERSHIP_SCHEMA, strict=True)
        ],
        schema=MEMBERSHIP_SCHEMA,
    )


def _blx_spans(spans: Iterable[_Span]) -> list[tuple[int, int]]:
    """Return the periods up to 1998-12 in which both BEL and LUX are members."""
    by_member = {span.member: span for span in spans}
    belgium, luxembourg = by_member.get("BEL"), by_member.get("LUX")
    if belgium is None or luxembourg is None:
        return []
    start = max(belgium.start, luxembourg.start)
    end = min(belgium.end, luxembourg.end, _BLX_LAST_PERIOD)
    return [(start, end)] if start <= end else []


def describe_members(code: str, years: Iterable[int] | None = None) -> str:
    """Return a sentence saying how a query on group `code` sums its members over `years`.

    Without `years`, over the group's whole history. Consecutive years with the same members
    are joined; the last run reads "from" when the membership no longer changes after it.

    >>> print(describe_members("EU", [1990, 1995, *range(2013, 2025)]))
    ... # doctest: +NORMALIZE_WHITESPACE
    EU: sum of its members as of each period
    (12 in 1990, 15 in 1995, 28 in 2013-2019, 27 from 2020)
    >>> describe_members("EU27_2020")
    'EU27_2020: sum of its 27 members in every period (fixed composition)'
    """
    found = group(code)
    if found.kind == "all":
        return f"{code}: every partner"
    if found.kind == "complement" and found.base is not None:
        specials = ", ".join(INTRA_EU_SPECIALS)
        return (
            f"{code}: every partner except {_composition(found.base, years, 'the')} and the "
            f"intra-EU special codes {specials}"
        )
    return f"{code}: sum of {_composition(code, years, 'its')}"


def _composition(code: str, years: Iterable[int] | None, article: str) -> str:
    spans = _spans()[code]
    changes = sorted(
        year
        for span in spans
        for year in (span.start // 100, _last_year(span) + 1)
        if OPEN_START // 100 < year <= OPEN_END // 100
    )
    of = "" if article == "its" else f" of {code}"
    if not changes:
        return f"{article} {len(spans)} members{of} in every period (fixed composition)"
    chosen = sorted(set(years)) if years is not None else _history_years(changes)
    return f"{article} members{of} as of each period ({_runs(code, chosen, changes[-1])})"


def _last_year(span: _Span) -> int:
    """Return the last year whose December falls in `span`."""
    return span.end // 100 if span.end % 100 == 12 else span.end // 100 - 1


def _history_years(changes: list[int]) -> list[int]:
    return list(range(changes[0], changes[-1] + 1))


def _runs(code: str, years: list[int], last_change: int) -> str:
    runs: list[tuple[int, int, frozenset[str]]] = []
    for year in years:
        current = members(code, year)
        if runs and runs[-1][1] == year - 1 and runs[-1][2] == current:
            runs[-1] = (runs[-1][0], year, current)
        else:
            runs.append((year, year, current))
    texts = []
    for index, (first, last, current) in enumerate(runs):
        if index == len(runs) - 1 and first >= last_change:
            texts.append(f"{len(current)} from {first}")
        elif first == last:
            texts.append(f"{len(current)} in {first}")
        else:
            texts.append(f"{len(current)} in {first}-{last}")
    return ", ".join(texts)
