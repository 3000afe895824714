"""The pair's yearly exports, imports, total, balance and growth, in every view."""

from __future__ import annotations

import dataclasses

from bilateral.api.pipeline import Answer, Query, Run
from bilateral.query.coverage import year_rows
from bilateral.query.profile import build_profile, profile_sql
from bilateral.query.valuation import with_import_bases
from bilateral.results import Profile
from bilateral.sources import FORMATS
from bilateral.years import describe_years


def profile_figures(run: Run, options: None) -> Answer[Profile]:
    """Read the pair's yearly totals, build the profile and give each import figure its basis."""
    first, second = run.territories
    rows = year_rows(
        run.converted(profile_sql, *run.selections, run.years, from_flows=run.as_of is not None)
    )
    partial = [f.name for f in FORMATS if not f.complete_products]
    as_of = None if run.as_of is None else str(run.as_of)
    result = build_profile(rows, first, second, list(run.years), partial, as_of)
    if run.as_of is not None:
        result = dataclasses.replace(result, as_of_version=run.snapshot.versions["flows"])
    bases = run.import_bases({row.source for row in result.rows}, result.years)
    return Answer(
        with_import_bases(result, *bases),
        rows=rows,
        cited=rows,
        period=describe_years(list(run.years)),
        group_years=[year for year in run.years if year in result.years],
        empty=not result.rows,
        years=run.years,
    )


PROFILE: Query[None, Profile] = Query("profile", profile_figures, held_years=True)
