"""A reporter's partners: ranked by value, with share, growth, rank change and group lines.

The ranking counts the reporter's own declarations only. Partner territories are ranked
(countries, former countries, reporting units such as `BLX`), a country with its parts (`GBR`
with `XI` and `XU`, as the profile counts it), and their shares are of the sum over partner
territories; the reporter itself (re-imports), unallocated partners (`_X`, `QU`), bunkers and
stores (`X1`, `QQ`) are lines apart, and the partners withheld for commercial or military
reasons (`QX`, `QY`, `QZ`) one line of their own: never ranked, never in `other`, but in the
WORLD line (`query.partner_kinds`). Groups (`EU27_2020`, `EXT_EU27_2020`, `WORLD`) are lines
summed from the same partner rows with the group selections (members as of each period), or
the group's published rows where the source has them; so the summed WORLD line is the sum of
every partner line, whatever product level each partner's rows have.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import ibis
from ibis import _

from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.indicators import growth, share
from bilateral.indicators.coverage import PeriodFigure, align
from bilateral.query.coverage import coverage_of_tokens
from bilateral.query.currency import converted
from bilateral.query.partner_kinds import CONFIDENTIAL_CODES, partner_kind
from bilateral.query.partner_notes import basis_note, partner_notes, reporting_group_notes
from bilateral.query.selection import Selection, row_period, selection
from bilateral.query.tables import table
from bilateral.query.totals import LEVEL_ORDER
from bilateral.reference import Territory, all_territories, get
from bilateral.results.basis import Comparison, PartnerKind
from bilateral.results.partners import GroupBasis, PartnerLine, PartnerRow, Partners
from bilateral.schema import FLOWS, Flow

GROUP_LINES: Final[tuple[str, ...]] = ("EU27_2020", "EXT_EU27_2020", "WORLD")
CONFIDENTIAL_PARTNERS: Final[tuple[str, ...]] = tuple(sorted(CONFIDENTIAL_CODES))


def reporter_rows(
    rows: ibis.Table, reporter: Selection, years: Sequence[int], keys: Sequence[str] = ("partner",)
) -> ibis.Table:
    """Return the rows `reporter` declares in `years` that are summed, per `keys` (partner).

    The rules of `pair_rows`, with the partner as a key: per source, flow, year, key and
    reporter code only one product level is kept (the first of LEVEL_ORDER present) and annual
    rows win over monthly ones; per source, flow, year and key a reporting group's published
    rows win over its members' rows.
    """
    period = row_period(rows.year, rows.month)
    level = rows.product_level.cases(*((name, i) for i, name in enumerate(LEVEL_ORDER)), else_=99)
    declared = rows.filter(rows.year.isin(list(years)) & reporter.matches(rows.reporter, period))
    declared = declared.mutate(level_rank=level)
    group = ("source", "flow", "year", *keys)
    window = ibis.window(group_by=[declared[name] for name in group])
    # Each reporter code chooses its own level and annual or monthly rows, so a member with
    # monthly files only still counts beside one with an annual file.
    codes = ibis.window(group_by=[declared[name] for name in (*group, "reporter")])
    keep = declared.month.isnull() | ~declared.month.isnull().any().over(codes)
    keep &= declared.level_rank == declared.level_rank.min().over(codes)
    if reporter.is_group:
        member = (~reporter.is_aggregate(declared.reporter)).cast("int8")
        keep &= member == member.min().over(window)
    return declared.filter(keep)


@functools.lru_cache(maxsize=256)
def partners_sql(
    reporter: Selection,
    year: int,
    flow: Flow,
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the reporter's `flow` by partner and group, in `year` and the one before.

    Each row has `line` ("partner" or "group"), `code`, `year`, the summed `value`, whether a
    group line is the group's `published` aggregate row rather than its members' sum, and the
    reporter and month of the rows summed (`held`, `ITA:3`; `ITA:A` for annual rows).
    """
    totals = table("rollup_totals")
    totals = totals.filter(totals.flow == flow)
    own = reporter_rows(totals, reporter, [year - 1, year])
    countries = own.filter(~own.partner.isin(list(_aggregate_codes())))
    lines = [
        _summed(countries.mutate(code=countries.partner, published=False), "partner", currency)
    ]
    period = row_period(own.year, own.month)
    for code in GROUP_LINES:
        group = selection(get(code))
        chosen = own.filter(group.matches(own.partner, period))
        published = group.is_aggregate(chosen.partner).cast("int8")
        # The group's published rows, where a source has them, win over its members' rows.
        window = ibis.window(group_by=[chosen.source, chosen.year])
        chosen = chosen.filter(published == published.max().over(window))
        marked = chosen.mutate(code=ibis.literal(code), published=chosen.partner == code)
        lines.append(_summed(marked, "group", currency))
    return str(ibis.to_sql(ibis.union(*lines), dialect=dialect))


def _summed(rows: ibis.Table, line: str, currency: str | None) -> ibis.Table:
    rows = converted(rows, currency) if currency else rows.mutate(unconverted=False)
    summed = rows.group_by(["source", "code", "year"]).aggregate(
        unconverted=_.unconverted.cast("int64").sum(),
        value=_.value.sum(),
        published=_.published.any(),
        reporters=_.reporter.nunique(),
        held=(_.reporter + ":" + _.month.cast("string").fill_null("A")).collect(distinct=True),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
    )
    return summed.mutate(line=ibis.literal(line))


@functools.cache
def _aggregate_codes() -> tuple[str, ...]:
    """Return the group codes whose rows are aggregates (not `BLX`, `SACU`: trade of their own)."""
    return tuple(t.code for t in all_territories() if t.kind == "group" and t.parts == (t.code,))


@functools.cache
def _owners() -> dict[str, str]:
    """Return the country that each part code belongs to (`XI` -> `GBR`)."""
    return {
        part: t.code
        for t in all_territories()
        if t.kind in ("country", "former_country")
        for part in t.parts
        if part != t.code
    }


def check_partners_arguments(
    reporter: Territory, flow: str, top: int | None, partner: Territory | None
) -> None:
    """Raise `InvalidArgumentError` for a flow, top or partner that `partners` cannot answer."""
    if flow not in FLOWS:
        raise InvalidArgumentError("flow", flow, f"one of {', '.join(FLOWS)}")
    if top is not None and top < 1:
        raise InvalidArgumentError("top", top, "a number of partners >= 1")
    if partner is None:
        return
    owner = _owners().get(partner.code)
    if owner is not None:
        raise InvalidArgumentError(
            "partner", partner.code, f"a country: {partner.name} is counted in {get(owner).name}"
        )
    if partner.code in _aggregate_codes() and partner.code not in GROUP_LINES:
        raise InvalidArgumentError(
            "partner", partner.code, f"a country or one of {', '.join(GROUP_LINES)}"
        )
    if partner.code in CONFIDENTIAL_PARTNERS:
        raise InvalidArgumentError(
            "partner", partner.code, "a named partner: QX, QY and QZ are one confidential line"
        )
    if partner.code == reporter.code:
        raise InvalidArgumentError("partner", partner.code, f"a partner other than {reporter.name}")


def no_partner_data(reporter: Territory, flow: Flow, year: int, held: str) -> NoDataError:
    """Return the error for a reporter without declarations of `flow` in `year`."""
    return NoDataError(
        f"the store has no {flow}s declared by {reporter.name} ({reporter.code}) in {year}; "
        f"it holds {held}. Ingest a file of {reporter.name}'s declarations with `bilateral ingest`."
    )


@dataclass(frozen=True)
class _Meta:
    currency: str
    vintage: str


def build_partners(
    rows: Sequence[Mapping[str, Any]],
    reporter: Territory,
    year: int,
    flow: Flow,
    top: int | None = None,
    partner: Territory | None = None,
    partial_sources: Sequence[str] = (),
) -> Partners:
    """Rank each source's partners of `reporter` in `year`, with the confidential and group lines.

    Ranks and shares are among partner territories; the shares of group lines are of the WORLD
    line (the published WORLD row where the source has one, otherwise the sum over all
    partners). `rank_change` is the previous rank minus the rank (positive: the partner moved
    up). Growth compares the same months of both years, or is withheld with the reason.
    """
    values: dict[tuple[str, str, str], dict[int, float]] = {}
    published: dict[tuple[str, str], bool] = {}
    meta: dict[str, _Meta] = {}
    synthetic = False
    folded: set[str] = set()
    reporters: dict[str, int] = {}
    held: dict[tuple[str, int], set[str]] = {}
    for r in rows:
        if r["line"] == "partner":
            held.setdefault((r["source"], int(r["year"])), set()).update(r.get("held") or ())
        if int(r["year"]) == year:
            reporters[r["source"]] = max(reporters.get(r["source"], 0), int(r["reporters"]))
        code = r["code"] if r["line"] == "group" else _owners().get(r["code"], r["code"])
        if code != r["code"]:
            folded.add(r["code"])
        key = (r["source"], r["line"], code)
        by_year = values.setdefault(key, {})
        by_year[int(r["year"])] = by_year.get(int(r["year"]), 0.0) + float(r["value"])
        if int(r["year"]) == year:
            published[r["source"], r["code"]] = bool(r["published"])
            meta[r["source"]] = _Meta(r["currency"], r["vintage"])
        synthetic = synthetic or bool(r["synthetic"])
    out: list[PartnerRow] = []
    notes: list[str] = []
    for source in sorted(meta):
        lines = {k[1:]: v for k, v in values.items() if k[0] == source}
        comparison = _comparison(held.get((source, year)), held.get((source, year - 1)))
        source_rows = _source_rows(
            source, lines, published, year, (top, partner, reporter), meta[source], comparison
        )
        out.extend(source_rows)
        notes.append(basis_note(reporter, flow, source, published.get((source, "WORLD"), False)))
    if synthetic:
        notes.insert(0, "SYNTHETIC DEMO DATA: these figures are made up, not official statistics.")
    if folded:
        notes.append(
            "parts counted in their country, as the profile counts them: "
            f"{', '.join(sorted(folded))}."
        )
    notes.extend(reporting_group_notes(reporter, year, reporters))
    notes.extend(partner_notes(out, reporter, flow, year, partner, partial_sources, len(meta) > 1))
    return Partners(
        reporter=reporter.code,
        reporter_name=reporter.name,
        year=year,
        flow=flow,
        partner=None if partner is None else partner.code,
        rows=tuple(out),
        notes=tuple(notes),
    )


def _comparison(now: set[str] | None, before: set[str] | None) -> Comparison:
    """Return how a source's partners compare with the year before: same months, or withheld."""
    figures = [
        None if held is None else PeriodFigure(1.0, coverage_of_tokens(held), detailed=False)
        for held in (now, before)
    ]
    return align(figures[0], figures[1])[2]


def _source_rows(
    source: str,
    lines: Mapping[tuple[str, str], Mapping[int, float]],
    published: Mapping[tuple[str, str], bool],
    year: int,
    asked: tuple[int | None, Territory | None, Territory],
    meta: _Meta,
    comparison: Comparison,
) -> list[PartnerRow]:
    top, partner, reporter = asked

    def now(key: tuple[str, str]) -> float | None:
        return lines[key].get(year) if key in lines else None

    def before(key: tuple[str, str]) -> float | None:
        if comparison.withheld is not None:
            return None  # no growth across unequal coverage
        return lines[key].get(year - 1) if key in lines else None

    kinds = {c: partner_kind(c, reporter) for line, c in lines if line == "partner"}
    ranked_codes = [c for c, kind in kinds.items() if kind == "country"]
    ranks = _ranks({c: v for c in ranked_codes if (v := now(("partner", c))) is not None})
    previous = _ranks(
        {c: v for c in ranked_codes if (v := lines[("partner", c)].get(year - 1)) is not None}
    )
    world = now(("group", "WORLD"))
    if world is None:
        world = sum(lines[k][year] for k in lines if k[0] == "partner" and year in lines[k])
    # Partner territories: the WORLD line less what is not a territory (a published WORLD row
    # also counts the partners a file leaves out).
    countries = world - sum(now(("partner", c)) or 0.0 for c, k in kinds.items() if k != "country")
    ordered = sorted(ranks, key=lambda c: ranks[c])
    shown = ordered if top is None else ordered[:top]
    if partner is not None and partner.code in ranks and partner.code not in shown:
        shown = [*shown, partner.code]
    rest = [c for c in ordered if c not in shown]

    def row(
        line: PartnerLine, code: str, name: str, value: float, last: float | None
    ) -> PartnerRow:
        rank = ranks.get(code) if line == "partner" else None
        last_rank = previous.get(code) if line == "partner" else None
        basis: GroupBasis | None = None
        if line == "group":
            basis = "published" if published.get((source, code)) else "summed"
        whole = {"partner": countries, "other": countries, "group": world}.get(line)
        change = growth(value, last)
        return PartnerRow(
            source=source,
            line=line,
            code=code,
            name=name,
            rank=rank,
            previous_rank=last_rank,
            rank_change=None if rank is None or last_rank is None else last_rank - rank,
            value=value,
            previous_value=last,
            share=share(value, whole),
            growth=change,
            basis=basis,
            currency=meta.currency,
            vintage=meta.vintage,
            partner_kind=_line_kind(line, code, reporter),
            comparison=comparison if change is not None else _why(comparison, last),
            share_of=None if whole is None else ("world" if line == "group" else "countries"),
        )

    out = [
        row("partner", c, get(c).name, ranks_value, before(("partner", c)))
        for c in shown
        if (ranks_value := now(("partner", c))) is not None
    ]
    if rest:
        last_values = [before(("partner", c)) for c in rest]
        out.append(
            row(
                "other",
                "other",
                f"other ({len(rest)} partners)",
                sum(now(("partner", c)) or 0.0 for c in rest),
                None if None in last_values else sum(v or 0.0 for v in last_values),
            )
        )
    apart = sorted(
        (c for c, kind in kinds.items() if kind not in ("country", "confidential")),
        key=lambda c: (-(now(("partner", c)) or 0.0), c),
    )
    out.extend(
        row("apart", c, get(c).name, value, before(("partner", c)))
        for c in apart
        if (value := now(("partner", c))) is not None
    )
    hidden = [c for c in CONFIDENTIAL_PARTNERS if now(("partner", c)) is not None]
    if hidden:
        last_hidden = [v for c in hidden if (v := before(("partner", c))) is not None]
        out.append(
            row(
                "confidential",
                "+".join(hidden),
                "partners withheld for commercial or military reasons",
                sum(now(("partner", c)) or 0.0 for c in hidden),
                sum(last_hidden) if len(last_hidden) == len(hidden) else None,
            )
        )
    for code in GROUP_LINES:
        value = now(("group", code))
        if value is not None:
            out.append(row("group", code, get(code).name, value, before(("group", code))))
    return out


def _line_kind(line: PartnerLine, code: str, reporter: Territory) -> PartnerKind:
    if line == "group":
        return "group"
    if line == "confidential":
        return "confidential"
    return "country" if line == "other" else partner_kind(code, reporter)


def _why(comparison: Comparison, last: float | None) -> Comparison:
    """Return the comparison of a growth that was not computed, with its reason."""
    if comparison.withheld is not None:
        return comparison
    return Comparison.withhold("zero_base" if last == 0 else "no_base")


def _ranks(values: Mapping[str, float]) -> dict[str, int]:
    ordered = sorted(values, key=lambda code: (-values[code], code))
    return {code: rank for rank, code in enumerate(ordered, start=1)}
