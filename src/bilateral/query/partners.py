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
from typing import TYPE_CHECKING, Any

from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import Coverage, add_held
from bilateral.query.currency import converted
from bilateral.query.partner_lines import (
    CONFIDENTIAL_PARTNERS,
    GROUP_LINES,
    Lines,
    Meta,
    comparison_of,
    source_rows_of,
)
from bilateral.query.partner_notes import basis_note, partner_notes, reporting_group_notes
from bilateral.query.partner_sets import holds_every_partner
from bilateral.query.selection import Selection, row_period, selection
from bilateral.query.tables import table
from bilateral.query.totals import LEVEL_ORDER
from bilateral.reference import Territory, all_territories, get
from bilateral.results.notes import SYNTHETIC_NOTE
from bilateral.results.partners import PartnerRow, Partners
from bilateral.schema import FLOWS, Flow, PartnerCoverage

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis


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
    # Windows are computed as columns and filtered on after: every engine's SQL can say it.
    ranks = {
        "_monthly_only": ~declared.month.isnull().any().over(codes),
        "_top_level": declared.level_rank.min().over(codes),
    }
    if reporter.is_group:
        member = (~reporter.is_aggregate(declared.reporter)).cast("int8")
        ranks |= {"_member": member, "_top_member": member.min().over(window)}
    ranked = declared.mutate(**ranks)
    keep = ranked.month.isnull() | ranked._monthly_only
    keep &= ranked.level_rank == ranked._top_level
    if reporter.is_group:
        keep &= ranked._member == ranked._top_member
    return ranked.filter(keep).drop(*ranks)


@compiled_sql
def partners_sql(
    reporter: Selection,
    year: int,
    flow: Flow,
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the reporter's `flow` by partner and group, in `year` and the one before.

    Each row has `line` ("partner" or "group"), `code`, `year`, `month` (null for annual
    rows), the summed `value`, whether a group line is the group's `published` aggregate row
    rather than its members' sum, and the reporting `members` summed (a code once per row
    summed: read as a set).
    """
    totals = table("rollup_totals")
    totals = totals.filter(totals.flow == flow)
    own = reporter_rows(totals, reporter, [year - 1, year])
    period = row_period(own.year, own.month)
    # Each row counts in its partner's line and in every group line whose group holds the
    # partner: the lines are unnested from the rows read once, then summed in one aggregate.
    codes = [
        ibis.ifelse(~own.partner.isin(list(_aggregate_codes())), own.partner, ibis.null("string")),
        *(
            ibis.ifelse(selection(get(code)).matches(own.partner, period), code, None)
            for code in GROUP_LINES
        ),
    ]
    lined = own.mutate(code=ibis.array(codes).unnest())
    lined = lined.filter(lined.code.notnull())
    is_group = lined.code.isin(list(GROUP_LINES))
    published = (is_group & (lined.partner == lined.code)).cast("int8")
    # The group's published rows, where a source has them, win over its members' rows.
    window = ibis.window(group_by=[lined.source, lined.year, lined.code])
    lined = lined.mutate(
        published=published,
        line=is_group.ifelse("group", "partner"),
        _top=published.max().over(window),
    )
    lined = lined.filter(lined.published == lined._top)
    lined = lined.mutate(published=lined.published == 1).drop("_top")
    return str(ibis.to_sql(_summed(lined, currency), dialect=dialect))


def _summed(rows: ibis.Table, currency: str | None) -> ibis.Table:
    rows = converted(rows, currency) if currency else rows.mutate(unconverted=False)
    summed = rows.group_by(["source", "code", "year", "month", "line"]).aggregate(
        unconverted=_.unconverted.cast("int64").sum(),
        value=_.value.sum(),
        published=_.published.any(),
        # every reporting code once per partner row: read as a set (`build_partners`), so
        # no distinct aggregate, which costs engines a join of their own
        members=_.reporter.collect(),
        currency=_.currency.min(),
        vintage=_.vintage.max(),
        synthetic=_.flags.fill_null("").contains("synthetic").any(),
        file_dated=_.flags.fill_null("").contains("file_dated").any(),
        published_total=(_.product_level == "TOTAL").all(),
    )
    columns = ["source", "code", "year", "month", "unconverted", "value", "published"]
    extra = ["members", "currency", "vintage", "synthetic", "file_dated", "published_total"]
    return summed.select(*columns, *extra, "line")


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
        f"it holds {held}. Ingest a file of {reporter.name}'s declarations with "
        "`bilateral ingest`.",
        reason="no_declarations",
        values={"reporter": reporter.code, "flow": flow, "year": year, "held": held},
    )


def build_partners(
    rows: Sequence[Mapping[str, Any]],
    reporter: Territory,
    year: int,
    flow: Flow,
    top: int | None = None,
    partner: Territory | None = None,
    partial_sources: Sequence[str] = (),
    partner_coverage: Mapping[str, PartnerCoverage] | None = None,
) -> Partners:
    """Rank each source's partners of `reporter` in `year`, with the confidential and group lines.

    Ranks and shares are among partner territories; the shares of group lines are of the WORLD
    line (the published WORLD row where the source has one, otherwise the sum over all
    partners). `rank_change` is the previous rank minus the rank (positive: the partner moved
    up). Growth compares the same months of both years, or is withheld with the reason.
    A source that does not hold the reporter's trade with every partner in a year
    (`partner_sets`; `partner_coverage` is each source's format trait, None: every source
    holds every partner) has no ranks and no shares in it: its rows say why (`withheld`).
    """
    values: dict[tuple[str, str, str], dict[int, float]] = {}
    by_month: dict[tuple[str, str, str], dict[tuple[int, int], float]] = {}
    coverage: dict[tuple[str, int], Coverage] = {}
    published: dict[tuple[str, str], bool] = {}
    meta: dict[str, Meta] = {}
    synthetic = False
    folded: set[str] = set()
    worlds: dict[tuple[str, int], float] = {}
    summed: dict[tuple[str, int], float] = {}
    for r in rows:
        when, month = int(r["year"]), r["month"]
        held = coverage.setdefault((r["source"], when), {})
        for member in r["members"]:
            add_held(held, str(member), None if month is None else int(month))
        code = r["code"] if r["line"] == "group" else _owners().get(r["code"], r["code"])
        if code != r["code"]:
            folded.add(r["code"])
        key = (r["source"], r["line"], code)
        by_year = values.setdefault(key, {})
        by_year[when] = by_year.get(when, 0.0) + float(r["value"])
        if month is not None:
            cells = by_month.setdefault(key, {})
            cells[when, int(month)] = cells.get((when, int(month)), 0.0) + float(r["value"])
        if when == year:
            published[r["source"], r["code"]] = published.get(
                (r["source"], r["code"]), False
            ) or bool(r["published"])
            meta[r["source"]] = Meta(r["currency"], r["vintage"])
        synthetic = synthetic or bool(r["synthetic"])
        if r["line"] == "partner":
            summed[r["source"], when] = summed.get((r["source"], when), 0.0) + float(r["value"])
        elif r["code"] == "WORLD" and r["published"]:
            worlds[r["source"], when] = worlds.get((r["source"], when), 0.0) + float(r["value"])

    def whole(source: str, when: int) -> bool:
        trait = "every_partner" if partner_coverage is None else partner_coverage.get(source)
        return holds_every_partner(
            trait, worlds.get((source, when)), summed.get((source, when), 0.0)
        )

    reporters = {s: len(coverage.get((s, year), {})) for s in meta}
    out: list[PartnerRow] = []
    notes: list[str] = []
    for source in sorted(meta):
        lines = Lines(
            {k[1:]: v for k, v in values.items() if k[0] == source},
            {k[1:]: v for k, v in by_month.items() if k[0] == source},
            year,
            comparison_of(coverage.get((source, year)), coverage.get((source, year - 1))),
        )
        complete = (whole(source, year), whole(source, year - 1))
        source_rows = source_rows_of(
            source, lines, published, (top, partner, reporter), meta[source], complete
        )
        out.extend(source_rows)
        world_row = published.get((source, "WORLD"), False)
        notes.append(basis_note(reporter, flow, source, world_row, complete[0]))
    if synthetic:
        notes.insert(0, SYNTHETIC_NOTE)
    if folded:
        notes.append(
            "parts counted in their country, as the profile counts them: "
            f"{', '.join(sorted(folded))}."
        )
    notes.extend(reporting_group_notes(reporter, year, reporters))
    # A source whose rows are all published totals holds all trade, not an extract.
    totals_only = {
        s for s in meta if all(r.get("published_total") for r in rows if r["source"] == s)
    }
    extracts = [s for s in partial_sources if s not in totals_only]
    notes.extend(partner_notes(out, reporter, flow, year, partner, extracts, len(meta) > 1))
    return Partners(
        reporter=reporter.code,
        reporter_name=reporter.name,
        year=year,
        flow=flow,
        partner=None if partner is None else partner.code,
        rows=tuple(out),
        notes=tuple(notes),
    )
