"""Checking claims about China's and Germany's 2022 trade against the real Comtrade sample.

Expected figures are computed here with the csv module from ../shared/data, never with the
code under test; each claim has a true and a false variant.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.claims import ClaimCheck
from store.comext_files import row, write_full_v2

from .conftest import COMTRADE, baci_total, comtrade_value, usd_per_eur

BN = 1e9


def only(store: Store, text: str) -> ClaimCheck:
    (check,) = store.check(text).checks
    return check


def test_china_exports_to_italy_exact_figure(comtrade: Store) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    stated = round(exports / BN, 1)
    check = only(comtrade, f"In 2022 China's exports to Italy were ${stated} billion.")
    assert check.verdict == "supported"
    assert check.supported_by == "reporter-reported"
    (evidence,) = check.evidence  # Italy reports nothing in this sample: one view
    assert evidence.value == pytest.approx(exports)
    assert (evidence.source, evidence.currency, evidence.reported_by) == ("comtrade", "USD", "CHN")
    assert evidence.query == "bilateral profile CHN ITA --years 2022"

    wrong = only(comtrade, f"In 2022 China's exports to Italy were ${stated + 0.2:.1f} billion.")
    assert wrong.verdict == "contradicted"
    assert f"{exports / BN:,.4g} billion USD" in wrong.reason
    assert wrong.evidence[0].value == pytest.approx(exports)


def test_a_figure_only_the_partner_reports_is_supported_by_the_mirror(comtrade: Store) -> None:
    china_says = comtrade_value("CHN", "X", "DEU")
    germany_says = comtrade_value("DEU", "M", "CHN")
    assert abs(germany_says - china_says) > 0.1 * china_says  # the two views differ
    stated = round(germany_says / BN)
    check = only(
        comtrade, f"Chinese exports to Germany were around {stated} billion dollars in 2022."
    )
    assert check.verdict == "supported"
    assert check.supported_by == "partner-reported (mirror)"
    views = {e.view: e for e in check.evidence}
    assert views["partner-reported (mirror)"].value == pytest.approx(germany_says)
    assert views["partner-reported (mirror)"].description == "Germany's imports from China"
    assert views["reporter-reported"].value == pytest.approx(china_says)
    assert not views["reporter-reported"].supports
    assert "Germany's imports from China" in check.reason

    own = only(comtrade, f"Chinese exports to Germany were around {round(china_says / BN)} "
                         "billion dollars in 2022.")  # fmt: skip
    assert (own.verdict, own.supported_by) == ("supported", "reporter-reported")

    neither = only(comtrade, "Chinese exports to Germany were around 160 billion dollars in 2022.")
    assert neither.verdict == "contradicted"
    assert {round(e.value or 0) for e in neither.evidence} == {
        round(china_says),
        round(germany_says),
    }


def test_total_trade_over_a_threshold(comtrade: Store) -> None:
    total = comtrade_value("DEU", "X", "BEL") + comtrade_value("DEU", "M", "BEL")
    below, above = math.floor(total / BN), math.ceil(total / BN)
    check = only(comtrade, f"Trade between Germany and Belgium exceeded ${below} billion in 2022.")
    assert check.verdict == "supported"
    assert check.evidence[0].value == pytest.approx(total)
    wrong = only(comtrade, f"Trade between Germany and Belgium exceeded ${above} billion in 2022.")
    assert wrong.verdict == "contradicted"


def test_balance_sign_and_size(comtrade: Store) -> None:
    balance = comtrade_value("CHN", "X", "ITA") - comtrade_value("CHN", "M", "ITA")
    assert balance > 0
    stated = round(balance / BN)
    surplus = only(
        comtrade, f"In 2022 China's trade surplus with Italy was about ${stated} billion."
    )
    assert surplus.verdict == "supported"
    assert surplus.claim.value == stated * BN
    assert surplus.evidence[0].value == pytest.approx(balance)
    deficit = only(
        comtrade, f"In 2022 China's trade deficit with Italy was about ${stated} billion."
    )
    assert deficit.claim.value == -stated * BN
    assert deficit.verdict == "contradicted"


def test_nearly_means_just_below(comtrade: Store) -> None:
    imports = comtrade_value("CHN", "M", "BEL")
    ceiling = math.ceil(imports / BN)
    assert ceiling * BN - imports <= 0.05 * ceiling * BN  # the true variant is within 5% below
    check = only(comtrade, f"In 2022 Chinese imports from Belgium were nearly {ceiling} billion "
                           "dollars.")  # fmt: skip
    assert check.verdict == "supported"
    floor = math.floor(imports / BN)
    wrong = only(comtrade, f"In 2022 Chinese imports from Belgium were nearly {floor} billion "
                           "dollars.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_an_italian_claim_on_the_same_data(comtrade: Store) -> None:
    exports = comtrade_value("DEU", "X", "CHN")
    stated = f"{exports / BN:.1f}".replace(".", ",")
    check = only(comtrade, f"Nel 2022 le esportazioni tedesche verso la Cina sono state di "
                           f"{stated} miliardi di dollari.")  # fmt: skip
    assert check.verdict == "supported"
    assert check.claim.language == "it"
    assert check.claim.value == pytest.approx(round(exports / BN, 1) * BN)


def test_euro_claim_on_dollar_data_is_converted_with_the_ecb_rates(
    comtrade_with_rates: Store,
) -> None:
    in_euro = comtrade_value("DEU", "X", "CHN") / usd_per_eur(2022)
    stated = round(in_euro / BN)
    check = only(comtrade_with_rates, f"German exports to China were about {stated} billion "
                                      "euros in 2022.")  # fmt: skip
    assert check.verdict == "supported"
    evidence = next(e for e in check.evidence if e.view == "reporter-reported")
    assert evidence.currency == "EUR"
    assert evidence.value == pytest.approx(in_euro, rel=1e-9)
    assert evidence.conversion is not None and "EUR" in evidence.conversion
    assert evidence.query.endswith("--currency EUR")
    wrong = only(comtrade_with_rates, f"German exports to China were about {stated + 15} "
                                      "billion euros in 2022.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_euro_claim_without_rates_is_not_checkable(comtrade: Store) -> None:
    check = only(comtrade, "German exports to China were about 100 billion euros in 2022.")
    assert check.verdict == "not checkable"
    assert check.reason.startswith("currency: the claim is in EUR")
    assert "ecb_daily" in check.reason
    assert check.evidence == ()


def test_pair_not_in_the_store(comtrade: Store) -> None:
    check = only(comtrade, "In 2022 Italian exports to Belgium were 18 billion dollars.")
    assert check.verdict == "not checkable"
    assert check.reason.startswith("no data: the store has no trade between Italy (ITA) and "
                                   "Belgium (BEL)")  # fmt: skip


def test_period_not_in_the_store(comtrade: Store) -> None:
    value = only(comtrade, "In 2021 China's exports to Italy were $45 billion.")
    assert value.verdict == "not checkable"
    assert "2021" in value.reason and "no data" in value.reason
    change = only(comtrade, "In 2022 China's exports to Italy grew by 10%.")
    assert change.claim.base_year == 2021
    assert change.verdict == "not checkable"
    assert change.reason == (
        "period not in the store: reported by China (comtrade): no figures for 2021"
    )


def test_ambiguous_territory(comtrade: Store) -> None:
    check = only(comtrade, "In 2022 China's exports to Congo were $3 billion.")
    assert check.claim.partner_codes == ("COD", "COG")
    assert check.verdict == "not checkable"
    assert check.reason.startswith("territory ambiguous: territory 'Congo' is ambiguous")
    assert "(COD)" in check.reason and "(COG)" in check.reason


def test_missing_parts_are_named(comtrade: Store) -> None:
    nobody = only(comtrade, "In 2022 exports reached $5 billion.")
    assert (nobody.verdict, nobody.reason.split(":")[0]) == ("not checkable", "territory unknown")
    no_flow = only(comtrade, "China and Italy: $50 billion in 2022.")
    assert (no_flow.verdict, no_flow.reason.split(":")[0]) == ("not checkable", "flow ambiguous")
    no_year = only(comtrade, "China's exports to Italy were $50 billion.")
    assert (no_year.verdict, no_year.reason.split(":")[0]) == ("not checkable", "period not stated")


def test_a_text_without_claims(comtrade: Store) -> None:
    report = comtrade.check("Belgium is a strong trading partner of our region.")
    assert report.checks == ()
    assert report.records() == []
    assert report.counts() == {"supported": 0, "contradicted": 0, "not checkable": 0}
    assert report.notes[0].startswith("no trade figures found")


def test_report_records_one_row_per_claim(comtrade: Store) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    text = (f"In 2022 China's exports to Italy were ${exports / BN:.1f} billion, while imports "
            "from Italy were 5 billion dollars.")  # fmt: skip
    report = comtrade.check(text)
    records = report.records()
    assert [r["verdict"] for r in records] == ["supported", "contradicted"]
    assert [r["flow"] for r in records] == ["export", "import"]
    assert records[1]["data_value"] == pytest.approx(comtrade_value("CHN", "M", "ITA"))
    assert records[0]["data_source"] == "comtrade"
    assert list(report.to_pandas()["verdict"]) == ["supported", "contradicted"]


def test_reconciled_baci_figures_are_one_view(baci: Store) -> None:
    exports = baci_total("710", "380")  # South Africa -> Italy, chapters 01-49
    stated = round(exports / 1e6)
    check = only(baci, f"In 2021 South African exports to Italy were {stated} million dollars.")
    assert check.verdict == "supported"
    assert check.supported_by == "reconciled (baci)"
    (evidence,) = check.evidence  # the two views of a reconciled flow are one figure
    assert evidence.value == pytest.approx(exports)
    assert evidence.source == "baci"
    assert evidence.description.endswith("(baci: one reconciled figure per flow)")
    wrong = only(baci, f"In 2021 South African exports to Italy exceeded {2 * stated} million "
                       "dollars.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_without_rates_the_views_in_the_claims_currency_are_still_compared(
    tmp_path: Path,
) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(COMTRADE)  # China's declarations, in USD
    invented = [row("IT", "CN", "export", 2022, 15.6e9)]  # a Comext line written here, in EUR
    store.ingest(write_full_v2(tmp_path / "full_v2_2022.dat", invented))
    check = only(store, "In 2022 Italian exports to China were 15.6 billion euros.")
    assert check.verdict == "supported"
    (evidence,) = check.evidence  # China's USD figure cannot be converted: left out
    assert (evidence.source, evidence.currency, evidence.value) == ("comext", "EUR", 15.6e9)
    dollars = only(store, "In 2022 Italian exports to China were 27 billion dollars.")
    assert dollars.verdict == "supported"
    assert dollars.evidence[0].value == pytest.approx(comtrade_value("CHN", "M", "ITA"))


def test_a_figure_with_no_partner_is_checked_against_the_world(comtrade: Store) -> None:
    world = comtrade_value("CHN", "X", "W00")
    said = f"In 2022 China's exports were around {world / 1e12 * 1.03:.2f} trillion dollars."
    [check] = comtrade.check(said).checks
    assert check.claim.partner_codes == ("WORLD",)
    assert "partner (none named: the world)" in check.claim.inherited
    assert check.verdict == "supported"
    wrong = f"In 2022 China's exports were around {world / 1e12 * 1.3:.2f} trillion dollars."
    [check] = comtrade.check(wrong).checks
    assert check.verdict == "contradicted"
    assert any(e.value == pytest.approx(world) for e in check.evidence)


def test_the_credited_territorys_own_declaration_leads_the_evidence(comtrade: Store) -> None:
    germany_says = comtrade_value("DEU", "M", "CHN")
    stated = round(germany_says / BN)
    plain = only(comtrade, f"Chinese exports to Germany were about {stated} billion dollars "
                           "in 2022.")  # fmt: skip
    assert [e.reported_by for e in plain.evidence] == ["CHN", "DEU"]
    credited = only(comtrade, f"According to the German statistical office, Chinese exports to "
                              f"Germany were about {stated} billion dollars in 2022.")  # fmt: skip
    assert credited.claim.attributed_to == "German"
    assert [e.reported_by for e in credited.evidence] == ["DEU", "CHN"]
    assert credited.evidence[0].value == pytest.approx(germany_says)
    assert (credited.verdict, credited.supported_by) == ("supported", "partner-reported (mirror)")
