"""The partners of a reporter's own declarations in a year, ranked, with the group lines."""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.errors import NoDataError
from bilateral.query.partners import build_partners, no_partner_data, partners_sql
from bilateral.reference import Territory
from bilateral.results.partners import Partners
from bilateral.schema import Flow
from bilateral.sources import FORMATS


@dataclass(frozen=True)
class PartnersOptions:
    year: int
    flow: Flow
    top: int | None
    highlight: Territory | None


def partners_figures(run: Run, options: PartnersOptions) -> Answer[Partners]:
    """Read the reporter's partner lines in the year and the year before; rank them."""
    [territory] = run.territories
    year, flow = options.year, options.flow
    rows = run.converted(partners_sql, run.selections[0], year, flow)
    partial = [f.name for f in FORMATS if not f.complete_products]
    # A source two formats write is whole only where both formats' files are.
    coverage = {f.source: f.partner_coverage for f in FORMATS}
    coverage |= {
        f.source: f.partner_coverage for f in FORMATS if f.partner_coverage != "every_partner"
    }
    result = build_partners(
        rows, territory, year, flow, options.top, options.highlight, partial, coverage
    )
    return Answer(
        result,
        rows=rows,
        cited=[row for row in rows if row["year"] == year],
        period=str(year),
        empty=not result.rows,
    )


def _no_partners(run: Run, options: PartnersOptions) -> NoDataError:
    [territory] = run.territories
    return no_partner_data(territory, options.flow, options.year, run.held())


PARTNERS: Query[PartnersOptions, Partners] = Query(
    "partners", partners_figures, no_data=_no_partners
)
