"""Mirror statistics: what one territory declares exporting to the other, against what the
other declares importing from it, year by year, with the gap by HS chapter.

Totals come from the totals rollup, chapters from the products rollup (classification HS2),
both through `pair_rows`, so each side is summed at one product level, annual over monthly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from bilateral.indicators.coverage import PeriodFigure, align
from bilateral.indicators.mirror import (
    EXPECTED_BAND,
    gap_share,
    mirror_gap,
    within_cif_fob_band,
)
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import reporters_complete
from bilateral.query.currency import converted
from bilateral.query.mirror_notes import Compared, mirror_notes
from bilateral.query.mirror_pass import UNALLOCATED_PARTNERS, one_pass_mirror
from bilateral.query.selection import Selection, row_period, selection
from bilateral.query.stacked import stacked
from bilateral.query.tables import table
from bilateral.query.totals import (
    members_rank_of,
    pair_rows,
    pair_year_totals,
    ranked_rows,
    with_reconciled_imports,
)
from bilateral.reference import Territory, get
from bilateral.results import Mirror, MirrorChapter, MirrorRow
from bilateral.results.basis import Withheld

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

OTHER_CHAPTERS: Final = "other"

Key = tuple[str, str, str, int]  # source, side, flow, year


MIRROR_PARTS: Final = ("totals", "chapters", "unallocated")


@compiled_sql
def mirror_sql(
    first: Selection,
    second: Selection,
    years: tuple[int, ...],
    *,
    dialect: str,
    currency: str | None = None,
) -> str:
    """Return the SQL of the pair's totals, HS chapters and unallocated shares in one
    statement (`query.stacked`; `split_parts(rows, MIRROR_PARTS)` gives the three back).

    - totals: by source, reporting side, flow, year, month and reporting code;
      `query.coverage.year_rows` folds them into years with their coverage;
    - chapters: the pair's values by source, side, flow, year and HS chapter;
    - unallocated: each territory's flows to every partner and to partners not allocated or
      withheld (QU-QZ, Comtrade's `_X`, ...), one row per source, side (the reporting
      territory: "first" or "second"), flow and year, with `total` (to every partner,
      aggregates such as WORLD left out) and `unallocated` (to those partners), in the
      published currency: only their ratio is used.

    On Spark the statement reads each rollup once (`query.mirror_pass`): the same rows.
    """
    if dialect == "pyspark":
        return str(ibis.to_sql(one_pass_mirror(first, second, years, currency), dialect=dialect))
    parts = {
        "totals": pair_year_totals(
            table("rollup_totals"), first, second, years, currency, by_month=True
        ),
        "chapters": _chapter_sums(first, second, years, currency),
        "unallocated": _unallocated_sums(first, second, years),
    }
    return str(ibis.to_sql(stacked(parts), dialect=dialect))


def _chapter_sums(
    first: Selection, second: Selection, years: tuple[int, ...], currency: str | None
) -> ibis.Table:
    """Return the pair's values by source, side, flow, year and HS chapter."""
    products = table("rollup_products")
    products = products.filter(products.classification == "HS2")
    rows = pair_rows(products, first, second, years, keys=["classification"])
    rows = converted(rows, currency) if currency else rows.mutate(unconverted=False)
    return rows.group_by(["source", "side", "flow", "year", "code"]).aggregate(
        unconverted=_.unconverted.sum(),
        value=_.value.sum(),
    )


def _unallocated_sums(first: Selection, second: Selection, years: tuple[int, ...]) -> ibis.Table:
    """Return each territory's flows to every partner and to unallocated ones (`mirror_sql`)."""
    world = selection(get("WORLD"))
    totals = table("rollup_totals")
    rows = totals.filter(totals.year.isin(list(years)))
    first_codes, second_codes = first.codes(), second.codes()
    if first_codes is not None and second_codes is not None:
        codes = sorted({*first_codes, *second_codes})
        rows = rows.filter(rows.reporter.isin(codes) | rows.partner.isin(codes))
    rows = with_reconciled_imports(rows)
    period = row_period(rows.year, rows.month)
    # Both territories' declarations are read in one scan; a row both declare counts in each.
    sides = [
        ibis.ifelse(
            territory.matches(rows.reporter, period) & world.matches(rows.partner, period),
            side,
            ibis.null("string"),
        )
        for side, territory in (("first", first), ("second", second))
    ]
    rows = rows.mutate(side=ibis.array(sides).unnest())
    rows = rows.filter(rows.side.notnull())
    members_rank = ibis.cases(
        (rows.side == "first", members_rank_of(first, world, rows)),
        else_=members_rank_of(second, world, rows),
    )
    rows = ranked_rows(rows, members_rank, keys=["partner"])
    rows = rows.filter(rows.partner != world.code)
    unallocated = rows.partner.isin(list(UNALLOCATED_PARTNERS))
    summed = rows.group_by(["source", "flow", "year", "side"]).aggregate(
        total=_.value.sum(), unallocated=unallocated.ifelse(rows.value, 0.0).sum()
    )
    return summed.select("source", "flow", "year", "total", "unallocated", "side")


@dataclass(frozen=True)
class _Cell:
    value: float
    confidential: float
    months: int
    currency: str
    vintage: str
    reconciled: bool
    published_total: bool
    figure: PeriodFigure


def build_mirror(
    totals: Sequence[Mapping[str, Any]],
    chapters: Sequence[Mapping[str, Any]],
    partners: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    years: Sequence[int],
    top_chapters: int | None,
    title: Callable[[str], str],
) -> Mirror:
    """Pair each direction's exporter and importer figures by source and year, with chapters.

    `totals`, `chapters` and `partners` are the executed rows of `mirror_sql`'s three parts;
    `title` names an HS chapter. A direction is listed when either side reports it.
    """
    cells = {_key(r): _cell(r) for r in totals}
    by_chapter: dict[Key, dict[str, float]] = {}
    for r in chapters:
        by_chapter.setdefault(_key(r), {})[r["code"]] = float(r["value"])
    shares = {
        _key(r): None if not r["total"] else float(r["unallocated"]) / float(r["total"])
        for r in partners
    }
    directions = (("first", first, second), ("second", second, first))
    rows: list[MirrorRow] = []
    lines: list[MirrorChapter] = []
    compared: list[Compared] = []
    for source in sorted({key[0] for key in cells}):
        for year in sorted(years):
            for side, exporter, importer in directions:
                other = "second" if side == "first" else "first"
                exports_key = (source, side, "export", year)
                imports_key = (source, other, "import", year)
                exports, imports = cells.get(exports_key), cells.get(imports_key)
                if exports is None and imports is None:
                    continue
                row = _row(
                    (source, year, exporter, importer), (exports, imports), shares, exports_key
                )
                rows.append(row)
                compared.append(Compared(row, exporter, importer))
                # Chapters are annual sums: shown where the gap is of the whole figures.
                whole = row.gap is not None and row.gap == mirror_gap(
                    row.exports_reported, row.imports_reported
                )
                if exports is not None and imports is not None and whole:
                    lines.extend(
                        _chapters(
                            row,
                            by_chapter.get(exports_key, {}),
                            by_chapter.get(imports_key, {}),
                            top_chapters,
                            title,
                        )
                    )
    synthetic = any(bool(r["synthetic"]) for r in totals)
    return Mirror(
        reporter=first.code,
        reporter_name=first.name,
        partner=second.code,
        partner_name=second.name,
        years=tuple(sorted(years)),
        rows=tuple(rows),
        chapters=tuple(lines),
        notes=tuple(mirror_notes(compared, synthetic)),
    )


def _key(r: Mapping[str, Any]) -> Key:
    return (str(r["source"]), str(r["side"]), str(r["flow"]), int(r["year"]))


def _cell(r: Mapping[str, Any]) -> _Cell:
    return _Cell(
        value=float(r["value"]),
        confidential=float(r["confidential_value"] or 0.0),
        months=12 if r["annual"] else int(r["months"]),
        currency=str(r["currency"]),
        vintage=str(r["vintage"]),
        reconciled=bool(r.get("reconciled")),
        published_total=r.get("product_level") == "TOTAL",
        figure=r["figure"],
    )


def _complete(territory: Territory, year: int, cell: _Cell | None) -> bool | None:
    """Return whether a group's cell sums all its members (None: not a group, or no cell)."""
    if cell is None or territory.kind != "group":
        return None
    return reporters_complete(territory, year, cell.figure.coverage)


def _row(
    where: tuple[str, int, Territory, Territory],
    cells: tuple[_Cell | None, _Cell | None],
    shares: Mapping[Key, float | None],
    exports_key: Key,
) -> MirrorRow:
    """Return one direction's row from its exporter's and importer's cells (either missing)."""
    source, year, exporter, importer = where
    exports, imports = cells
    other = "second" if exports_key[1] == "first" else "first"
    imports_key = (source, other, "import", year)
    exports_value = None if exports is None else exports.value
    imports_value = None if imports is None else imports.value
    complete = (_complete(exporter, year, exports), _complete(importer, year, imports))
    # Both declarations over the months both hold, or no gap (with the reason).
    exported, imported, comparison = align(
        None if exports is None else exports.figure,
        None if imports is None else imports.figure,
        same_members=False,
    )
    present = [cell for cell in (exports, imports) if cell is not None]
    reconciled = any(cell.reconciled for cell in present)
    withheld: Withheld | None = "partial_group" if False in complete else None
    if withheld is None and exports is not None and imports is not None:
        withheld = "reconciled" if reconciled else comparison.withheld
    share = None if withheld else gap_share(exported, imported)
    same_months = comparison.withheld is None
    measurable = not reconciled and not any(cell.published_total for cell in present)

    def confidential(cell: _Cell | None) -> float | None:
        return None if cell is None or not measurable else cell.confidential

    return MirrorRow(
        source=source,
        year=year,
        direction=f"{exporter.code}->{importer.code}",
        exporter=exporter.code,
        importer=importer.code,
        exports_reported=exports_value,
        imports_reported=imports_value,
        gap=None if withheld else mirror_gap(exported, imported),
        gap_share=share,
        expected_band=EXPECTED_BAND,
        within_band=(
            within_cif_fob_band(share) if same_months and not withheld and not reconciled else None
        ),
        confidential_exporter=confidential(exports),
        confidential_importer=confidential(imports),
        unallocated_exporter=None if exports is None else shares.get(exports_key),
        unallocated_importer=None if imports is None else shares.get(imports_key),
        months_exporter=None if exports is None else exports.months,
        months_importer=None if imports is None else imports.months,
        currency=present[0].currency,
        vintage=max(cell.vintage for cell in present),
        reconciled=reconciled,
        confidentiality="measured" if measurable else "not measurable",
        exporter_complete=complete[0],
        importer_complete=complete[1],
        gap_withheld=withheld,
        gap_comparison=comparison,
    )


def _chapters(
    row: MirrorRow,
    exported: Mapping[str, float],
    imported: Mapping[str, float],
    top: int | None,
    title: Callable[[str], str],
) -> list[MirrorChapter]:
    """Return the chapters of one direction by size of gap, the rest summed as `other`.

    A chapter that one side does not declare counts 0 on that side. Nothing is returned when
    either side has no chapter detail (a source publishing totals only).
    """
    if not exported or not imported:
        return []
    codes = sorted(
        set(exported) | set(imported),
        key=lambda code: (-abs(imported.get(code, 0.0) - exported.get(code, 0.0)), code),
    )
    shown = codes if top is None else codes[:top]
    rest = codes[len(shown) :]

    def line(chapter: str, name: str, picked: Sequence[str]) -> MirrorChapter:
        exports = sum(exported.get(code, 0.0) for code in picked)
        imports = sum(imported.get(code, 0.0) for code in picked)
        return MirrorChapter(
            source=row.source,
            year=row.year,
            direction=row.direction,
            chapter=chapter,
            title=name,
            exports_reported=exports,
            imports_reported=imports,
            gap=imports - exports,
            currency=row.currency,
        )

    lines = [line(code, title(code), [code]) for code in shown]
    if rest:
        plural = "s" if len(rest) > 1 else ""
        lines.append(line(OTHER_CHAPTERS, f"other ({len(rest)} chapter{plural})", rest))
    return lines
