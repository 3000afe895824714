"""The lines of one source's partners: ranked territories, other, apart, confidential, groups.

Ranks and shares are among partner territories (`query.partner_kinds`); growth compares the
months both years hold (`Lines.comparison`), summed from the month values where the years
cover different months, and is withheld with the reason where they cannot be aligned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from bilateral.indicators import growth, share
from bilateral.indicators.coverage import PeriodFigure, align
from bilateral.query.coverage import Coverage
from bilateral.query.partner_kinds import CONFIDENTIAL_CODES, partner_kind
from bilateral.reference import Territory, get
from bilateral.results.basis import Comparison, PartnerKind, Withheld
from bilateral.results.partners import GroupBasis, PartnerLine, PartnerRow

GROUP_LINES: Final[tuple[str, ...]] = ("EU27_2020", "EXT_EU27_2020", "WORLD")
CONFIDENTIAL_PARTNERS: Final[tuple[str, ...]] = tuple(sorted(CONFIDENTIAL_CODES))
Key = tuple[str, str]  # line, code


@dataclass(frozen=True)
class Meta:
    """A source's currency and vintage in the year asked."""

    currency: str
    vintage: str


def comparison_of(now: Coverage | None, before: Coverage | None) -> Comparison:
    """Return how a year compares with the one before, from the months each member holds."""
    figures = [None if held is None else PeriodFigure(0.0, held) for held in (now, before)]
    return align(figures[0], figures[1])[2]


@dataclass(frozen=True)
class Lines:
    """One source's values by line and code: by year, by (year, month), and their comparison."""

    years: Mapping[Key, Mapping[int, float]]
    months: Mapping[Key, Mapping[tuple[int, int], float]]
    year: int
    comparison: Comparison

    def now(self, key: Key) -> float | None:
        """Return the value of `key` in the year asked."""
        return self.years[key].get(self.year) if key in self.years else None

    def before(self, key: Key) -> float | None:
        """Return the value of `key` in the year before."""
        return self.years[key].get(self.year - 1) if key in self.years else None

    def compared(self, keys: Sequence[Key], year: int) -> float | None:
        """Return the sum of `keys` in `year` over the compared months (None if one is missing)."""
        if any(key not in self.years or year not in self.years[key] for key in keys):
            return None
        if self.comparison.basis != "common_months":
            return sum(self.years[key][year] for key in keys)
        months = set(self.comparison.months)
        return sum(
            value
            for key in keys
            for (when, month), value in self.months.get(key, {}).items()
            if when == year and month in months
        )


def _rank_changes(
    lines: Lines, codes: Sequence[str], ranks: Mapping[str, int], previous: Mapping[str, int]
) -> tuple[dict[str, int], Comparison]:
    """Return each partner's rank change and how the two years were compared.

    Whole years compare their ranks; years of unequal coverage compare the ranks over the
    months both hold; otherwise no rank change is given, for the comparison's reason.
    """
    comparison = lines.comparison
    if comparison.basis == "full_year":
        return {c: previous[c] - ranks[c] for c in ranks if c in previous}, comparison
    if comparison.basis != "common_months":
        return {}, comparison
    year = lines.year
    now = _ranks({c: v for c in codes if (v := lines.compared([("partner", c)], year)) is not None})
    before = _ranks(
        {c: v for c in codes if (v := lines.compared([("partner", c)], year - 1)) is not None}
    )
    return {c: before[c] - now[c] for c in now if c in before and c in ranks}, comparison


def source_rows_of(
    source: str,
    lines: Lines,
    published: Mapping[tuple[str, str], bool],
    asked: tuple[int | None, Territory | None, Territory],
    meta: Meta,
    complete: tuple[bool, bool] = (True, True),
) -> list[PartnerRow]:
    """Return one source's lines: ranked partners, other, apart, confidential and groups.

    `complete` says whether the source holds the reporter's trade with every partner in the
    year and in the one before: where it does not, the year's partners are listed by value
    with no rank and no share (`withheld`), the groups it would sum from them are left out,
    and no rank is compared with a year it does not hold whole.
    """
    top, partner, reporter = asked
    year = lines.year
    kinds = {c: partner_kind(c, reporter) for line, c in lines.years if line == "partner"}
    ranked_codes = [c for c, kind in kinds.items() if kind == "country"]
    order = _ranks({c: v for c in ranked_codes if (v := lines.now(("partner", c))) is not None})
    ranks = order if complete[0] else {}
    previous = (
        _ranks({c: v for c in ranked_codes if (v := lines.before(("partner", c))) is not None})
        if complete[1]
        else {}
    )
    rank_changes, rank_comparison = _rank_changes(lines, ranked_codes, ranks, previous)
    withheld: Withheld | None = None if complete[0] else "incomplete_partners"
    held_before = any(lines.before(("partner", c)) is not None for c in ranked_codes)
    # A year before that is not held at all keeps its own reason (no_base).
    if not complete[0] or (not complete[1] and held_before):
        rank_changes, rank_comparison = {}, Comparison.withhold("incomplete_partners")
    world = lines.now(("group", "WORLD"))
    if world is None:
        world = sum(v for k, by_year in lines.years.items() if k[0] == "partner"
                    for y, v in by_year.items() if y == year)  # fmt: skip
    # Partner territories: the WORLD line less what is not a territory (a published WORLD row
    # also counts the partners a file leaves out).
    apart_value = sum(lines.now(("partner", c)) or 0.0 for c, k in kinds.items() if k != "country")
    countries = world - apart_value
    ordered = sorted(order, key=lambda c: order[c])
    shown = ordered if top is None else ordered[:top]
    if partner is not None and partner.code in order and partner.code not in shown:
        shown = [*shown, partner.code]

    def row(line: PartnerLine, code: str, name: str, keys: Sequence[Key]) -> PartnerRow:
        value = sum(lines.now(key) or 0.0 for key in keys)
        befores = [lines.before(key) for key in keys]
        last = None if None in befores else sum(v or 0.0 for v in befores)
        rank = ranks.get(code) if line == "partner" else None
        last_rank = previous.get(code) if line == "partner" else None
        basis: GroupBasis | None = None
        if line == "group":
            basis = "published" if published.get((source, code)) else "summed"
        whole = {"partner": countries, "other": countries, "group": world}.get(line)
        if withheld is not None and (line != "group" or not published.get((source, "WORLD"))):
            whole = None
        change, comparison = _growth(lines, keys)
        return PartnerRow(
            source=source,
            line=line,
            code=code,
            name=name,
            rank=rank,
            previous_rank=last_rank,
            rank_change=rank_changes.get(code) if line == "partner" else None,
            value=value,
            previous_value=last,
            share=share(value, whole),
            growth=change,
            basis=basis,
            currency=meta.currency,
            vintage=meta.vintage,
            partner_kind=_line_kind(line, code, reporter),
            comparison=comparison,
            share_of=None if whole is None else ("world" if line == "group" else "countries"),
            rank_comparison=rank_comparison if line == "partner" else Comparison(None),
            withheld=withheld if line in ("partner", "other") else None,
        )

    out = [row("partner", c, get(c).name, [("partner", c)]) for c in shown]
    rest = [c for c in ordered if c not in shown]
    if rest:
        keys = [("partner", c) for c in rest]
        out.append(row("other", "other", f"other ({len(rest)} partners)", keys))
    apart = sorted(
        (c for c, kind in kinds.items() if kind not in ("country", "confidential")),
        key=lambda c: (-(lines.now(("partner", c)) or 0.0), c),
    )
    out.extend(
        row("apart", c, get(c).name, [("partner", c)])
        for c in apart
        if lines.now(("partner", c)) is not None
    )
    hidden = [c for c in CONFIDENTIAL_PARTNERS if lines.now(("partner", c)) is not None]
    if hidden:
        name = "partners withheld for commercial or military reasons"
        out.append(row("confidential", "+".join(hidden), name, [("partner", c) for c in hidden]))
    # A group summed from part of the partners is not the group's trade.
    out.extend(
        row("group", code, get(code).name, [("group", code)])
        for code in GROUP_LINES
        if lines.now(("group", code)) is not None
        and (withheld is None or published.get((source, code)))
    )
    return out


def _growth(lines: Lines, keys: Sequence[Key]) -> tuple[float | None, Comparison]:
    """Return the growth of `keys` over the compared months, or None with the reason."""
    if lines.comparison.withheld is not None:
        return None, lines.comparison
    now, before = lines.compared(keys, lines.year), lines.compared(keys, lines.year - 1)
    if now is None or before is None:
        return None, Comparison.withhold("no_base")
    if before == 0:
        return None, Comparison.withhold("zero_base")
    return growth(now, before), lines.comparison


def _line_kind(line: PartnerLine, code: str, reporter: Territory) -> PartnerKind:
    if line == "group":
        return "group"
    if line == "confidential":
        return "confidential"
    return "country" if line == "other" else partner_kind(code, reporter)


def _ranks(values: Mapping[str, float]) -> dict[str, int]:
    ordered = sorted(values, key=lambda code: (-values[code], code))
    return {code: rank for rank, code in enumerate(ordered, start=1)}
