"""A's reported exports to B against B's reported imports from A, and the reverse."""

from __future__ import annotations

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.api.queries.titles import sector_title
from bilateral.query.coverage import year_rows
from bilateral.query.mirror import MIRROR_PARTS, build_mirror, mirror_sql
from bilateral.query.stacked import split_parts
from bilateral.query.valuation import valuation_notes, valued_imports_sql, with_mirror_bases
from bilateral.results.mirror import Mirror
from bilateral.sources import FORMATS
from bilateral.years import describe_years


def mirror_figures(run: Run, top_chapters: int | None) -> Answer[Mirror]:
    """Read both declarations' totals, chapters and unallocated partners; pair them up."""
    first, second = run.territories
    read = run.read(mirror_sql, *run.selections, run.years, currency=run.target)
    by_month, chapters, partners = split_parts(read, MIRROR_PARTS)
    totals = year_rows(run.checked(by_month))
    chapters = run.checked(chapters)
    title = sector_title("hs2", "en")
    result = build_mirror(totals, chapters, partners, first, second, run.years, top_chapters, title)
    if not result.rows:
        return Answer(result, empty=True, years=run.years)
    bases = run.import_bases({row.source for row in result.rows}, result.years)
    return Answer(
        with_mirror_bases(result, *bases),
        rows=totals,
        cited=totals,
        period=describe_years(list(run.years)),
        notes=_valuation_notes(run),
        group_years=run.years,
    )


def _valuation_notes(run: Run) -> list[str]:
    """Say where an importer's figures are on each valuation (sources valued both ways)."""
    first, second = run.territories
    if first.kind == "group" or second.kind == "group":
        return []
    valued = tuple(sorted(f.name for f in FORMATS if f.import_valuation == "both"))
    if not run.holds(valued):
        return []
    rows = run.read(valued_imports_sql, first.code, second.code, run.years, valued)
    return valuation_notes(rows, {first.code: first, second.code: second})


MIRROR: Query[int | None, Mirror] = Query("mirror", mirror_figures, held_years=True)
