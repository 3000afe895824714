"""Check claims against the store: every view, tolerances that follow the hedge, a verdict.

A claim is `supported` if any view bears it out (the verdict names the view: the
reporter's own figure, the partner's mirror figure, or BACI's reconciled one),
`contradicted` if views hold the figure and none bears it out (the verdict gives the data's
figure), and `not checkable` when a part is missing or unclear (territory unknown or
ambiguous, flow, period or currency not stated), when the store has no data for the pair or
period, or when the claim's currency differs from the data's and no exchange rates are loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from bilateral.claims.tolerance import describe_rule, holds, short
from bilateral.claims.views import TradeData, View, query_text, whole_years, year_to_date
from bilateral.errors import (
    AmbiguousTerritoryError,
    NoDataError,
    RateNotAvailableError,
    ReferenceNotLoadedError,
    UnknownTerritoryError,
)
from bilateral.indicators import growth
from bilateral.reference import Territory
from bilateral.results.claims import Claim, ClaimCheck, Evidence

_FLOW_WORDS = {"export": "exports", "import": "imports", "total": "trade", "balance": "balance"}


SYNTHETIC_PREFIX: Final = "SYNTHETIC DEMO DATA"


@dataclass
class Checker:
    """Checks claims against one store, fetching each pair's figures once."""

    data: TradeData
    _cache: dict[tuple[str, str, tuple[int, ...], int | None, str | None], list[View]] = field(
        default_factory=dict
    )
    caveats: list[str] = field(default_factory=list)
    """Notes of the figures used that every reader must see (synthetic demo data)."""

    def check(self, claim: Claim) -> ClaimCheck:
        """Return the verdict on one claim, with the evidence of every view.

        A figure whose text names a territory but no partner ("China exported goods worth
        $3.38 trillion") is that territory's trade with the world, and says so in `inherited`.
        """
        claim = _with_world_partner(claim)
        missing = _missing(claim)
        if missing is not None:
            return ClaimCheck(claim, "not checkable", missing)
        try:
            first = self._territory(claim.reporter, claim.reporter_codes)
            second = self._territory(claim.partner, claim.partner_codes)
        except AmbiguousTerritoryError as error:
            return ClaimCheck(claim, "not checkable", f"territory ambiguous: {error}")
        except UnknownTerritoryError as error:
            return ClaimCheck(claim, "not checkable", f"territory unknown: {error}")
        assert claim.year is not None and claim.flow is not None  # checked by _missing
        years = [claim.year] if claim.kind == "value" else [_base(claim), claim.year]
        try:
            views, currency = self._views(first, second, sorted(set(years)), claim)
        except NoDataError as error:
            return ClaimCheck(claim, "not checkable", f"no data: {error}")
        except (ReferenceNotLoadedError, RateNotAvailableError) as error:
            return ClaimCheck(
                claim,
                "not checkable",
                f"currency: the claim is in {claim.currency} and the store's figures are not; "
                f"they cannot be converted: {error}",
            )
        query = query_text(first, second, sorted(set(years)), claim.months, currency)
        return _verdict(claim, first, second, views, query, currency)

    def _territory(self, text: str | None, codes: tuple[str, ...]) -> Territory:
        if len(codes) == 1:
            return self.data.resolve(codes[0])
        return self.data.resolve(text or "")

    def _views(
        self, first: Territory, second: Territory, years: list[int], claim: Claim
    ) -> tuple[list[View], str | None]:
        views = self._fetch(first, second, years, claim.months, None)
        wanted = claim.currency
        if wanted is None or all(view.currency == wanted for view in views):
            return views, None
        try:
            return self._fetch(first, second, years, claim.months, wanted), wanted
        except (ReferenceNotLoadedError, RateNotAvailableError):
            same = [view for view in views if view.currency == wanted]
            if not same:  # no view to compare without converting: say why
                raise
            return same, None  # compare the views already in the claim's currency

    def _fetch(
        self,
        first: Territory,
        second: Territory,
        years: list[int],
        months: int | None,
        currency: str | None,
    ) -> list[View]:
        key = (first.code, second.code, tuple(years), months, currency)
        if key not in self._cache:
            if months is None:
                profile = self.data.profile(first.code, second.code, years, currency=currency)
                self._note_caveats(profile.notes)
                self._cache[key] = whole_years(profile)
            else:
                series = self.data.series(
                    first.code,
                    second.code,
                    frequency="M",
                    years=years,
                    ytd_through=months,
                    currency=currency,
                )
                self._note_caveats(series.notes)
                self._cache[key] = year_to_date(series, months)
        return self._cache[key]

    def _note_caveats(self, notes: Sequence[str]) -> None:
        for note in notes:
            if note.startswith(SYNTHETIC_PREFIX) and note not in self.caveats:
                self.caveats.append(note)


def check_claims(claims: Sequence[Claim], data: TradeData) -> tuple[list[ClaimCheck], list[str]]:
    """Return the check of each claim against `data`, in order, and the data's caveats."""
    checker = Checker(data)
    return [checker.check(claim) for claim in claims], checker.caveats


def _with_world_partner(claim: Claim) -> Claim:
    named = claim.reporter_codes or claim.reporter is not None
    if not named or claim.partner_codes or claim.partner is not None:
        return claim
    return dataclasses.replace(
        claim,
        partner="the world",
        partner_codes=("WORLD",),
        inherited=(*claim.inherited, "partner (none named: the world)"),
    )


def _missing(claim: Claim) -> str | None:
    if not claim.reporter_codes and claim.reporter is None:
        return "territory unknown: the text names no territory for this figure"
    if not claim.partner_codes and claim.partner is None:
        return "territory unknown: the text names no partner for this figure"
    if claim.flow is None:
        return "flow ambiguous: the text does not say exports, imports, trade or balance"
    if claim.year is None:
        return "period not stated: the text gives no year for this figure"
    if claim.kind == "value" and claim.currency is None:
        return "currency not stated: the text gives no currency for this figure"
    if claim.kind == "growth" and claim.flow == "balance":
        return "flow ambiguous: a change in a balance has no growth rate to compare"
    return None


def _base(claim: Claim) -> int:
    assert claim.year is not None
    return claim.base_year if claim.base_year is not None else claim.year - 1


def _verdict(
    claim: Claim,
    first: Territory,
    second: Territory,
    views: list[View],
    query: str,
    conversion: str | None,
) -> ClaimCheck:
    stated = claim.value if claim.kind == "value" else claim.growth
    assert stated is not None and claim.year is not None and claim.flow is not None
    ratio = claim.kind == "growth"
    rule = describe_rule(stated, claim.hedge, claim.precision, ratio=ratio)
    evidence: list[Evidence] = []
    gaps: list[str] = []
    for view in views:
        figure, gap = _figure(claim, view)
        if figure is None:
            gaps.append(f"{view.view} ({view.source}): {gap}")
            continue
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
                supports=holds(stated, figure, claim.hedge, claim.precision),
                query=query,
                conversion=None
                if conversion is None
                else f"converted to {conversion} at the ECB average rates of each period",
            )
        )
    unit: Callable[[float], str] = lambda v: short(v, ratio=ratio)  # noqa: E731
    supporting = [item for item in evidence if item.supports]
    if supporting:
        best = min(supporting, key=lambda item: abs((item.value or 0.0) - stated))
        reason = (
            f"supported by the {best.view} figure: {best.description}, {best.source}, "
            f"vintage {best.vintage}: {unit(best.value or 0.0)}{_currency(best, ratio)} "
            f"(the claim allows {rule})"
        )
        credited = _credited(claim, best, first, second)
        return ClaimCheck(claim, "supported", reason + credited, tuple(evidence), best.view)
    if evidence:
        closest = min(evidence, key=lambda item: abs((item.value or 0.0) - stated))
        others = "; ".join(
            f"{item.view}: {unit(item.value or 0.0)}" for item in evidence if item is not closest
        )
        reason = (
            f"contradicted: the data gives {unit(closest.value or 0.0)}"
            f"{_currency(closest, ratio)} ({closest.view}: {closest.description}, "
            f"{closest.source}, vintage {closest.vintage}); the claim allows {rule}"
            + (f"; other views: {others}" if others else "")
        )
        return ClaimCheck(claim, "contradicted", reason, tuple(evidence))
    why = "; ".join(gaps) or "no view holds this flow"
    return ClaimCheck(claim, "not checkable", f"period not in the store: {why}")


def _figure(claim: Claim, view: View) -> tuple[float | None, str]:
    assert claim.year is not None and claim.flow is not None
    years = [claim.year] if claim.kind == "value" else [_base(claim), claim.year]
    for year in years:
        if year in view.partial:
            return None, f"{year} covers {view.partial[year]} only"
        if view.figure(claim.flow, year) is None:
            held = "no figures" if year not in view.values else "not every flow"
            return None, f"{held} for {year}"
    now = view.figure(claim.flow, claim.year)
    if claim.kind == "value":
        return now, ""
    change = growth(now, view.figure(claim.flow, years[0]))
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
    if view.source == "baci":
        text += " (CEPII BACI reconciled flows)"
    if claim.kind == "growth":
        text = f"change in {text} from {_base(claim)} to {claim.year}"
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
