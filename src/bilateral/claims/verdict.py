"""The verdict on one claim: every view's figure, on every basis it is published on, against
the rule the claim's words set.

A figure bears a claim out `as written` (within the hedge or the written precision),
`within conversion` (a figure converted between currencies, within what monthly instead of
annual average rates could change) or `within revisions` (an amount within what revisions
between releases usually change, `REVISIONS`); the written precision still bounds every
larger difference. Where a reporter publishes its imports both CIF and FOB, each basis is
one piece of evidence, and a claim matching either is supported on that basis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from bilateral.claims.tolerance import REVISIONS, describe_rule, holds, short
from bilateral.claims.views import View, dated
from bilateral.indicators import growth
from bilateral.reference import Territory
from bilateral.results.claims import Claim, ClaimCheck, Evidence, Match

_FLOW_WORDS: Final = {
    "export": "exports",
    "import": "imports",
    "total": "trade",
    "balance": "balance",
}
_MATCH_ORDER: Final[dict[Match, int]] = {
    "as written": 0,
    "within conversion": 1,
    "within revisions": 2,
}

ViewKey = tuple[str, str]  # source, view


@dataclass(frozen=True)
class Conversion:
    """The views converted to the claim's currency `target` (the others are as published).

    `spreads` gives each converted whole-year view's spread of monthly around annual average
    rates; `query` is the command that shows the converted figures.
    """

    target: str
    views: frozenset[ViewKey]
    spreads: Mapping[ViewKey, float]
    query: str


def base_year(claim: Claim) -> int:
    """Return the year a growth claim compares with (the year before, unless stated)."""
    assert claim.year is not None
    return claim.base_year if claim.base_year is not None else claim.year - 1


def verdict(
    claim: Claim,
    pair: tuple[Territory, Territory],
    views: list[View],
    query: str,
    conversion: Conversion | None = None,
) -> ClaimCheck:
    """Return the verdict on `claim` from `views`, the evidence in the views' order.

    `query` shows the figures as published; `conversion` names the views converted to the
    claim's currency (None: every view as published). Each evidence names its source and
    currency.
    """
    first, second = pair
    stated = claim.growth if claim.kind == "growth" else claim.value
    assert stated is not None and claim.year is not None and claim.flow is not None
    evidence: list[Evidence] = []
    gaps: list[str] = []
    for view in views:
        key = (view.source, view.view)
        converted = conversion is not None and key in conversion.views
        spread = conversion.spreads.get(key) if conversion is not None and converted else None
        bases = (False, True) if view.basis(claim.flow, claim.year) is not None else (False,)
        for other in bases:
            figure, gap = _figure(claim, view, other)
            if figure is None:
                if not other:
                    gaps.append(f"{view.view} ({view.source}): {gap}")
                continue
            match = _match(claim, stated, figure, spread)
            evidence.append(
                Evidence(
                    view=view.label(first),
                    reported_by=view.reported_by,
                    description=_describe(claim, view, first, second),
                    source=view.source,
                    vintage=view.vintage,
                    year=claim.year,
                    value=figure,
                    currency=view.currency,
                    supports=match is not None,
                    query=conversion.query if conversion is not None and converted else query,
                    conversion=_conversion(conversion.target, spread)
                    if conversion is not None and converted
                    else None,
                    conversion_spread=spread,
                    valuation=view.basis(claim.flow, claim.year, other=other),
                    match=match,
                    difference=figure - stated,
                    file_dated=view.file_dated,
                )
            )
    return _decide(claim, stated, evidence, gaps, pair)


def _decide(
    claim: Claim,
    stated: float,
    evidence: list[Evidence],
    gaps: list[str],
    pair: tuple[Territory, Territory],
) -> ClaimCheck:
    ratio = claim.kind == "growth"
    rule = describe_rule(stated, claim.hedge, claim.precision, ratio=ratio)
    unit: Callable[[float], str] = lambda v: short(v, ratio=ratio)  # noqa: E731
    supporting = [item for item in evidence if item.match is not None]
    if supporting:
        best = min(
            supporting,
            key=lambda item: (_MATCH_ORDER[item.match or "as written"], abs(item.difference or 0)),
        )
        reason = (
            f"supported by the {best.view} figure{_basis(best)}: {best.description}, "
            f"{best.source}, {dated(best.vintage, best.file_dated)}: {unit(best.value or 0.0)}"
            f"{_currency(best, ratio)} (the claim allows {rule}){_within(best, stated)}"
        )
        reason += _credited(claim, best, *pair)
        return ClaimCheck(
            claim,
            "supported",
            reason,
            tuple(evidence),
            best.view,
            valuation=best.valuation,
            match=best.match,
        )
    if evidence:
        closest = min(evidence, key=lambda item: abs(item.difference or 0.0))
        others = "; ".join(
            f"{item.view}{_basis(item)}: {unit(item.value or 0.0)}"
            for item in evidence
            if item is not closest
        )
        reason = (
            f"contradicted: the data gives {unit(closest.value or 0.0)}"
            f"{_currency(closest, ratio)} ({closest.view}{_basis(closest)}: "
            f"{closest.description}, {closest.source}, "
            f"{dated(closest.vintage, closest.file_dated)}); the claim allows {rule}"
            + (f"; other views: {others}" if others else "")
        )
        return ClaimCheck(claim, "contradicted", reason, tuple(evidence))
    why = "; ".join(gaps) or "no view holds this flow"
    return ClaimCheck(claim, "not checkable", f"period not in the store: {why}")


def _match(claim: Claim, stated: float, figure: float, spread: float | None) -> Match | None:
    if holds(stated, figure, claim.hedge, claim.precision):
        return "as written"
    if claim.kind != "value":
        return None
    if spread and holds(stated, figure, claim.hedge, claim.precision, spread * abs(figure)):
        return "within conversion"
    if holds(stated, figure, claim.hedge, claim.precision, REVISIONS * abs(figure)):
        return "within revisions"
    return None


def _within(best: Evidence, stated: float) -> str:
    difference = best.difference or 0.0
    if best.match == "within conversion" and best.conversion_spread is not None:
        return (
            f"; the figure is converted at annual average rates, and monthly ones could move "
            f"it by up to {best.conversion_spread:.1%}: the claim's "
            f"{short(stated)} is within that"
        )
    if best.match == "within revisions":
        return (
            f"; it differs from the claim by {short(difference)} "
            f"({difference / stated:+.3%}), less than revisions between releases usually "
            f"change ({REVISIONS:.2%}): the text may quote a release other than the store's "
            f"{dated(best.vintage, best.file_dated)}"
        )
    return ""


def _basis(item: Evidence) -> str:
    return "" if item.valuation is None else f" ({item.valuation} imports)"


def _conversion(target: str | None, spread: float | None) -> str | None:
    if target is None:
        return None
    text = f"converted to {target} at the ECB average rates of each period"
    if spread is not None:
        text += f"; monthly instead of annual average rates could move it by up to {spread:.1%}"
    return text


def _figure(claim: Claim, view: View, other: bool) -> tuple[float | None, str]:
    assert claim.year is not None and claim.flow is not None
    years = [claim.year] if claim.kind == "value" else [base_year(claim), claim.year]
    for year in years:
        if year in view.partial:
            return None, f"{year} covers {view.partial[year]} only"
        if view.figure(claim.flow, year, other=other) is None:
            held = "no figures" if year not in view.values else "not every flow"
            return None, f"{held} for {year}"
    now = view.figure(claim.flow, claim.year, other=other)
    if claim.kind == "value" or now is None:
        return now, ""
    before = view.figure(claim.flow, years[0], other=other)
    assert before is not None
    if claim.flow == "balance":  # a deficit that shrinks: its size changes, not its sign
        if now * before <= 0:
            if claim.kind == "growth":
                return None, f"the balance changes sign from {years[0]}: no growth rate"
            return now - before, ""
        now, before = abs(now), abs(before)
    if claim.kind == "change":
        return now - before, ""
    change = growth(now, before)
    return change, "" if change is not None else f"{years[0]} is zero"


def _describe(claim: Claim, view: View, first: Territory, second: Territory) -> str:
    own = view.reported_by == first.code
    flow: str = claim.flow or "total"
    a, b = (first.name, second.name) if own else (second.name, first.name)
    if not own:
        flow = {"export": "import", "import": "export"}.get(flow, flow)
    towards = {"export": "to", "import": "from"}.get(flow, "with")
    text = f"{a}'s {_FLOW_WORDS[flow]} {towards} {b}"
    if flow == "balance":
        text = f"{first.name}'s exports minus imports with {second.name}"
        text += "" if own else f", from {second.name}'s figures"
    if view.reconciled:
        text += f" ({view.source}: one reconciled figure per flow)"
    if claim.kind != "value":
        size = "size of " if claim.flow == "balance" else ""
        text = f"change in {size}{text} from {base_year(claim)} to {claim.year}"
    if claim.months is not None:
        text += f", January to month {claim.months}"
    return text


def _currency(item: Evidence, ratio: bool) -> str:
    return "" if ratio else f" {item.currency}"


def _credited(claim: Claim, best: Evidence, first: Territory, second: Territory) -> str:
    if claim.attributed_to is None or best.view != "partner-reported (mirror)":
        return ""
    return (
        f"; the text credits a source named {claim.attributed_to!r}: figures declared by "
        f"{second.name}, which is the mirror view"
    )
