"""Check claims against the store: every view, tolerances that follow the hedge, a verdict.

A claim is `supported` if any view bears it out, on any basis its imports are published on
(the verdict names the view: the reporter's own figure, the partner's mirror figure, or
BACI's reconciled one, and the basis), and a rank claim if the reporter's partner ranks give
the partner that place; `contradicted` if views hold the figure and none bears it out (the
verdict gives the data's figure), and `not checkable` when a part is missing or unclear
(territory unknown or ambiguous, flow, period or currency not stated), when the store has
no data for the pair or period, or when the claim's currency differs from the data's and no
exchange rates are loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from bilateral.claims.rank_check import check_rank, flows_of, no_ranks
from bilateral.claims.verdict import Conversion, base_year, verdict
from bilateral.claims.views import (
    AsOf,
    TradeData,
    View,
    query_text,
    whole_years,
    year_to_date,
)
from bilateral.claims.vintages import with_release
from bilateral.errors import (
    AmbiguousTerritoryError,
    InvalidArgumentError,
    NoDataError,
    RateNotAvailableError,
    ReferenceNotLoadedError,
    UnknownTerritoryError,
)
from bilateral.reference import Territory
from bilateral.results.claims import Claim, ClaimCheck

SYNTHETIC_PREFIX: Final = "SYNTHETIC DEMO DATA"


@dataclass
class Checker:
    """Checks claims against one store, fetching each pair's figures once."""

    data: TradeData
    as_of: AsOf = None
    """Read the store as of this version or moment (None: as published now)."""
    newest_version: int | None = None
    """The store version `as_of` reads: no release after it is named (None: the latest)."""
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
        if claim.kind == "rank":
            return self._rank(claim, first, second)
        years = [claim.year] if claim.kind == "value" else [base_year(claim), claim.year]
        try:
            views, conversion = self._views(first, second, sorted(set(years)), claim)
        except NoDataError as error:
            return ClaimCheck(claim, "not checkable", f"no data: {error}")
        except (ReferenceNotLoadedError, RateNotAvailableError) as error:
            return ClaimCheck(
                claim,
                "not checkable",
                f"currency: the claim is in {claim.currency} and the store's figures are not; "
                f"they cannot be converted: {error}",
            )
        query = query_text(first, second, sorted(set(years)), claim.months, None, self.as_of)
        views = self._claimant_first(claim, views, first)
        result = verdict(claim, (first, second), views, query, conversion)
        if result.match == "within revisions":
            currency = None if conversion is None else conversion.target
            pair = (first, second)
            return with_release(result, self.data, pair, currency, self.newest_version)
        return result

    def _claimant_first(self, claim: Claim, views: list[View], first: Territory) -> list[View]:
        """Put the declaration of the territory the text credits first, its mirror after."""
        if len(claim.attributed_codes) != 1:
            return views
        try:
            claimant = self.data.resolve(claim.attributed_codes[0])
        except (AmbiguousTerritoryError, UnknownTerritoryError):
            return views
        if claimant.code == first.code:
            return views
        return sorted(views, key=lambda view: view.reported_by != claimant.code)

    def _rank(self, claim: Claim, first: Territory, second: Territory) -> ClaimCheck:
        assert claim.year is not None
        try:
            results = [
                self.data.partners(
                    first.code, claim.year, flow, partner=second.code, as_of=self.as_of
                )
                for flow in flows_of(claim)
            ]
        except (NoDataError, InvalidArgumentError) as error:
            return no_ranks(claim, error)
        for result in results:
            self._note_caveats(result.notes)
        return check_rank(claim, first, second, results)

    def _territory(self, text: str | None, codes: tuple[str, ...]) -> Territory:
        if len(codes) == 1:
            return self.data.resolve(codes[0])
        return self.data.resolve(text or "")

    def _views(
        self, first: Territory, second: Territory, years: list[int], claim: Claim
    ) -> tuple[list[View], Conversion | None]:
        """Return the views to compare with the claim, and which of them were converted.

        A view published in the claim's currency is compared as published. Another source's
        view of the same declaration (the same reporter; BACI's reconciled figures apart) in
        another currency is left out: a claim in USD is checked against the source that
        publishes USD, not against a converted EUR figure. A declaration no source publishes
        in the claim's currency is converted, where the rates are loaded.
        """
        views = self._fetch(first, second, years, claim.months, None)
        wanted = claim.currency
        if wanted is None or all(view.currency == wanted for view in views):
            return views, None
        held = {_declaration(view) for view in views if view.currency == wanted}
        kept = [v for v in views if v.currency == wanted or _declaration(v) not in held]
        if all(view.currency == wanted for view in kept):
            return kept, None
        try:
            converted = self._fetch(first, second, years, claim.months, wanted)
        except (ReferenceNotLoadedError, RateNotAvailableError):
            same = [view for view in kept if view.currency == wanted]
            if not same:  # no view to compare without converting: say why
                raise
            return same, None  # compare the views already in the claim's currency
        by_key = {(view.source, view.view): view for view in converted}
        published = {(view.source, view.view): view.currency for view in kept}
        changed = {key for key, currency in published.items() if currency != wanted}
        spreads = {}
        for key in changed:
            spread = self._spread(published[key], wanted, max(years), claim.months)
            if spread is not None:
                spreads[key] = spread
        chosen = [
            by_key[(v.source, v.view)] if (v.source, v.view) in changed else v
            for v in kept
            if (v.source, v.view) in by_key or v.currency == wanted
        ]
        query = query_text(first, second, years, claim.months, wanted, self.as_of)
        return chosen, Conversion(wanted, frozenset(changed), spreads, query)

    def _spread(self, published: str, wanted: str, year: int, months: int | None) -> float | None:
        """Return how far a month's average rate strays from the year's, at most (a ratio).

        A figure converted at the annual average rate would come out within this ratio if
        each month's trade were converted at its own month's rate, as many releases do.
        Figures of parts of a year are converted month by month already: None.
        """
        if months is not None or published == wanted:
            return None
        try:
            rates = self.data.reference.rates()
            annual = rates.factor(published, wanted, year)
            monthly = [rates.factor(published, wanted, year, month) for month in range(1, 13)]
        except (ReferenceNotLoadedError, RateNotAvailableError):
            return None
        return max(abs(factor / annual - 1) for factor in monthly)

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
                profile = self.data.profile(
                    first.code, second.code, years, currency=currency, as_of=self.as_of
                )
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
                    as_of=self.as_of,
                )
                self._note_caveats(series.notes)
                self._cache[key] = year_to_date(series, months)
        return self._cache[key]

    def _note_caveats(self, notes: Sequence[str]) -> None:
        for note in notes:
            if note.startswith(SYNTHETIC_PREFIX) and note not in self.caveats:
                self.caveats.append(note)


def check_claims(
    claims: Sequence[Claim],
    data: TradeData,
    as_of: AsOf = None,
    newest_version: int | None = None,
) -> tuple[list[ClaimCheck], list[str]]:
    """Return the check of each claim against `data`, in order, and the data's caveats.

    `as_of` reads `data` as of a store version or moment, `newest_version` the store version
    it resolves to (no later release is named).
    """
    checker = Checker(data, as_of, newest_version)
    return [checker.check(claim) for claim in claims], checker.caveats


def _declaration(view: View) -> tuple[str, bool]:
    """Return whose declaration a view gives: its reporter, or a reconciliation."""
    return view.reported_by, view.reconciled


def _with_world_partner(claim: Claim) -> Claim:
    if claim.kind == "rank":
        return claim  # a rank is among partners: the world is none of them
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
    if claim.kind in ("value", "change") and claim.currency is None:
        return "currency not stated: the text gives no currency for this figure"
    return None
