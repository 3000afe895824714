"""The brief's key messages: three to five talking points chosen from its figures by rule.

The rules, in the order the messages are printed (each applies only when its figures exist):

1. `size`: the size and direction of trade in the year: the total and the balance (or the
   flows there are).
2. `change`: what changed since the last earlier year with data: each flow's growth when that
   year is the one before, else both years' values; and the balance of both years when the
   growth compares whole years (a balance of part of a year is not set against a whole one).
3. `sectors`: the largest sector of exports (of imports when there are no export sectors),
   with its share; and the fastest-growing of the listed sectors of either flow that holds at
   least `FAST_SECTOR_MIN_SHARE` of its flow, if it grew and is not the largest.
4. `ranks`: the rank each side holds for the other: the partner among the first territory's
   export markets, and the first territory among the partner's suppliers (the other flow of
   each where one is missing).
5. `region`: for a region, its share of its country's exports to (and imports from) the partner.

A message names figures only; the templates word it, through `fig`, so the self-check proves
each of its numbers as it does every other, and it cites the sources of its figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from bilateral.brief.figures import BriefFigures, SectorLine

MessageKind = Literal["size", "change", "sectors", "ranks", "region"]
MAX_MESSAGES: Final = 5
FAST_SECTOR_MIN_SHARE: Final = 0.05


@dataclass(frozen=True)
class KeyMessage:
    """One talking point: its rule, the figures it prints, and for `change` the year compared.

    `lines` are the ids of the sector or rank lines it speaks of, in the order it names them.
    """

    kind: MessageKind
    figure_ids: tuple[str, ...]
    lines: tuple[str, ...] = ()
    compared_year: int | None = None


def _present(brief: BriefFigures, ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in ids if brief.has(i))


def size_message(brief: BriefFigures) -> KeyMessage | None:
    """Return the size and direction of trade: total and balance, or the flows there are."""
    ids = _present(brief, ("headline.total", "headline.balance"))
    if len(ids) < 2:
        ids = _present(brief, ("headline.exports", "headline.imports"))
    return KeyMessage("size", ids) if ids else None


def last_year_with_data(brief: BriefFigures) -> int | None:
    """Return the last year before the brief's in its annual trend, or None."""
    earlier = [int(y) for y in brief.trend_years if y.isdigit() and int(y) < brief.year]
    return max(earlier) if earlier else None


def change_message(brief: BriefFigures) -> KeyMessage | None:
    """Return what changed since the last earlier year with data (flows, then balance)."""
    last = last_year_with_data(brief)
    if last is None:
        return None
    growths = _present(brief, ("headline.exports_growth", "headline.imports_growth"))
    if last == brief.year - 1 and growths:
        ids = growths
        whole_years = all(not brief.figures[i].months for i in growths)
    else:
        pairs = (("exports", "headline.exports"), ("imports", "headline.imports"))
        ids = tuple(
            i
            for name, current in pairs
            if brief.has(current) and brief.has(f"trend.{last}.{name}")
            for i in (f"trend.{last}.{name}", current)
        )
        whole_years = True
    if not ids:
        return None
    balances = ("headline.balance", f"trend.{last}.balance")
    if whole_years and all(brief.has(i) for i in balances):
        ids = (*ids, *balances)
    return KeyMessage("change", ids, compared_year=last)


def _fastest(lines: list[SectorLine], brief: BriefFigures) -> SectorLine | None:
    candidates = [
        line
        for line in lines
        if line.has_growth and brief.value(f"{line.id}.share") >= FAST_SECTOR_MIN_SHARE
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda line: brief.value(f"{line.id}.growth"))


def sectors_message(brief: BriefFigures) -> KeyMessage | None:
    """Return the largest sector of exports (else imports) and the fastest-growing one."""
    flows = [[s for s in brief.sectors if s.flow == flow] for flow in ("export", "import")]
    leading = next((lines[0] for lines in flows if lines), None)
    if leading is None:
        return None
    ids: tuple[str, ...] = (f"{leading.id}.share",)
    chosen: tuple[str, ...] = (leading.id,)
    fastest = _fastest([*flows[0], *flows[1]], brief)
    grew = fastest is not None and brief.value(f"{fastest.id}.growth") > 0
    if fastest is not None and grew and fastest.id != leading.id:
        ids = (*ids, f"{fastest.id}.growth")
        chosen = (*chosen, fastest.id)
    return KeyMessage("sectors", ids, lines=chosen)


def ranks_message(brief: BriefFigures) -> KeyMessage | None:
    """Return the partner's rank among the first side's markets and the reverse."""
    by_id = {line.id: line for line in brief.ranks if line.withheld is None}
    chosen = []
    for key, preferred in (("b_in_a", "export"), ("a_in_b", "import")):
        ordered = sorted(
            (line for line in by_id.values() if line.id.split(".")[1] == key),
            key=lambda line: line.flow != preferred,
        )
        if ordered:
            chosen.append(ordered[0].id)
    if not chosen:
        return None
    return KeyMessage("ranks", tuple(f"{i}.rank" for i in chosen), lines=tuple(chosen))


def region_message(brief: BriefFigures) -> KeyMessage | None:
    """Return a region's share of its country's trade with the partner."""
    ids = _present(brief, ("region.exports_share", "region.imports_share"))
    return KeyMessage("region", ids) if ids else None


def key_messages(brief: BriefFigures) -> tuple[KeyMessage, ...]:
    """Return the brief's key messages by the module's rules, at most `MAX_MESSAGES`."""
    rules = (size_message, change_message, sectors_message, ranks_message, region_message)
    found = (rule(brief) for rule in rules)
    return tuple(message for message in found if message is not None)[:MAX_MESSAGES]
