"""The release a claim quotes, among the vintages the store keeps.

A figure within what revisions usually change may be the one an earlier (or later) release
published. The store keeps every vintage it ingested (each ingest is a version `as_of` can
read), so the check looks there for a vintage of the same source and reporter whose figure
is the claim's as written, and names it beside the current one.
"""

from __future__ import annotations

import dataclasses

from bilateral.claims.tolerance import holds, short
from bilateral.claims.views import TradeData, whole_years
from bilateral.errors import BilateralError
from bilateral.reference import Territory
from bilateral.results.claims import Claim, ClaimCheck, Evidence


def with_release(
    check: ClaimCheck,
    data: TradeData,
    pair: tuple[Territory, Territory],
    currency: str | None,
    newest_version: int | None = None,
) -> ClaimCheck:
    """Return `check` naming the stored vintage that gives the claim's figure as written.

    Only versions up to `newest_version` are searched (None: every version).
    """
    best = _best(check)
    claim = check.claim
    if best is None or claim.kind != "value" or claim.months is not None:
        return check
    found = _earlier(claim, data, pair, best, currency, newest_version)
    if found is None:
        return dataclasses.replace(
            check, reason=check.reason + "; the store holds no vintage that gives it as written"
        )
    vintage, figure = found
    reason = (
        f"{check.reason}; the store's vintage {vintage} gives {short(figure)} {best.currency}, "
        f"the claim's figure as written, and vintage {best.vintage} revises it"
    )
    return dataclasses.replace(check, reason=reason, release_vintage=vintage)


def _best(check: ClaimCheck) -> Evidence | None:
    return next(
        (
            item
            for item in check.evidence
            if item.match == "within revisions"
            and (item.view, item.valuation) == (check.supported_by, check.valuation)
        ),
        None,
    )


def _earlier(
    claim: Claim,
    data: TradeData,
    pair: tuple[Territory, Territory],
    best: Evidence,
    currency: str | None,
    newest_version: int | None,
) -> tuple[str, float] | None:
    assert claim.year is not None and claim.flow is not None and claim.value is not None
    versions = {
        entry.vintage: entry.flows_version
        for entry in data.history().entries
        if entry.source == best.source
        and entry.vintage != best.vintage
        and (newest_version is None or entry.flows_version <= newest_version)
    }
    for vintage, version in sorted(versions.items(), key=lambda item: -item[1]):
        try:
            profile = data.profile(
                pair[0].code, pair[1].code, [claim.year], as_of=version, currency=currency
            )
        except BilateralError:
            continue
        for view in whole_years(profile):
            if (view.source, view.reported_by) != (best.source, best.reported_by):
                continue
            for other in (False, True):
                figure = view.figure(claim.flow, claim.year, other=other)
                if figure is not None and holds(claim.value, figure, claim.hedge, claim.precision):
                    return vintage, figure
    return None
