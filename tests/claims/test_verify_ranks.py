"""Rank claims ("China was Germany's largest supplier") against the real Comtrade 2022 sample.

Ranks are computed here with the csv module among the countries each reporter declares
(not the world, not areas not specified, not the reporter itself), never with the code under
test; each claim has a true and a false variant.
"""

from __future__ import annotations

import csv

import pytest

from bilateral.api import Store
from bilateral.results.claims import ClaimCheck

from .conftest import COMTRADE, shared

NOT_COUNTRIES = {"W00", "_X", "X1", "S19"}


def partners_by_value(reporter: str, flows: tuple[str, ...]) -> list[tuple[str, float]]:
    """Return `reporter`'s partner countries by the sum of `flows` (X, M), largest first."""
    values: dict[str, float] = {}
    with shared(COMTRADE).open(encoding="latin-1", newline="") as handle:
        for line in csv.DictReader(handle):
            partner = line["partnerISO"].strip()
            if line["reporterISO"] != reporter or line["flowCode"] not in flows:
                continue
            if partner in NOT_COUNTRIES or partner == reporter:
                continue
            values[partner] = values.get(partner, 0.0) + float(line["primaryValue"])
    both = [p for p in values if len(flows) == 1 or _declares_both(reporter, p)]
    return sorted(((p, values[p]) for p in both), key=lambda item: -item[1])


def _declares_both(reporter: str, partner: str) -> bool:
    with shared(COMTRADE).open(encoding="latin-1", newline="") as handle:
        flows = {
            line["flowCode"]
            for line in csv.DictReader(handle)
            if (line["reporterISO"], line["partnerISO"].strip()) == (reporter, partner)
        }
    return flows >= {"X", "M"}


def only(store: Store, text: str) -> ClaimCheck:
    (check,) = store.check(text).checks
    return check


def test_the_largest_supplier(comtrade: Store) -> None:
    (first, value), (second, _) = partners_by_value("DEU", ("M",))[:2]
    assert (first, second) == ("CHN", "NLD")
    check = only(comtrade, "In 2022 China was Germany's largest supplier.")
    assert (check.claim.kind, check.claim.flow, check.claim.rank) == ("rank", "import", 1)
    assert check.verdict == "supported"
    (evidence,) = check.evidence
    assert (evidence.rank, evidence.reported_by) == (1, "DEU")
    assert evidence.value == pytest.approx(value)
    wrong = only(comtrade, "In 2022 the Netherlands was Germany's largest supplier.")
    assert wrong.verdict == "contradicted"
    assert wrong.evidence[0].rank == 2
    assert "China" in wrong.reason  # who holds the place claimed


def test_an_ordinal_rank_among_suppliers(comtrade: Store) -> None:
    ranked = [code for code, _ in partners_by_value("DEU", ("M",))]
    assert ranked.index("USA") == 2
    check = only(comtrade, "The United States was the third-largest supplier of German "
                           "imports in 2022.")  # fmt: skip
    assert (check.verdict, check.evidence[0].rank) == ("supported", 3)
    wrong = only(comtrade, "The United States was the fourth-largest supplier of German "
                           "imports in 2022.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_a_market_is_a_partner_of_exports(comtrade: Store) -> None:
    ranked = [code for code, _ in partners_by_value("DEU", ("X",))]
    assert ranked[:6] == ["USA", "FRA", "NLD", "CHN", "POL", "ITA"]
    check = only(comtrade, "In 2022 France was the second market for German exports.")
    assert (check.claim.flow, check.verdict) == ("export", "supported")
    italy = only(comtrade, "Italy was Germany's 5th largest export market in 2022.")
    assert italy.verdict == "contradicted"
    assert italy.evidence[0].rank == 6
    assert "Poland" in italy.reason


def test_the_most_important_trading_partner_is_ranked_by_exports_plus_imports(
    comtrade: Store,
) -> None:
    ranked = partners_by_value("DEU", ("X", "M"))
    (first, value) = ranked[0]
    assert first == "CHN" != partners_by_value("DEU", ("X",))[0][0]  # the US leads exports
    check = only(comtrade, "China was Germany's most important trading partner in 2022.")
    assert (check.claim.flow, check.verdict) == ("total", "supported")
    assert check.evidence[0].value == pytest.approx(value)
    wrong = only(comtrade, "The United States was Germany's most important trading partner "
                           "in 2022.")  # fmt: skip
    assert wrong.verdict == "contradicted"
    assert wrong.evidence[0].rank == [code for code, _ in ranked].index("USA") + 1


def test_a_rank_of_a_reporter_not_in_the_store_is_not_checkable(comtrade: Store) -> None:
    check = only(comtrade, "In 2022 Germany was Italy's largest supplier.")
    assert check.verdict == "not checkable"
    assert check.reason.startswith("no data")
