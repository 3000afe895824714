"""Imports published both CIF and FOB: the profile gives both, a claim on either basis holds.

The real Comtrade Plus preview of the United States' 2023 trade with Japan publishes the
imports CIF (primaryValue) and FOB. Expected figures are read here with the json module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.claims import ClaimCheck
from shared_files import COMTRADE_PREVIEW, shared

BN = 1e9


def preview(flow: str) -> dict[str, float | None]:
    """Return the cifvalue, fobvalue and primaryValue of the USA-JPN line of `flow` (M or X)."""
    document = json.loads(shared(COMTRADE_PREVIEW).read_text(encoding="utf-8"))
    (line,) = [r for r in document["data"] if (r["reporterISO"], r["flowCode"]) == ("USA", flow)]
    return {key: line[key] for key in ("cifvalue", "fobvalue", "primaryValue")}


def fob_imports() -> float:
    value = preview("M")["fobvalue"]
    assert value is not None
    return value


def cif_imports() -> float:
    value = preview("M")["cifvalue"]
    assert value is not None
    return value


def exports() -> float:
    value = preview("X")["primaryValue"]
    assert value is not None
    return value


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened = bilateral.open(tmp_path_factory.mktemp("preview") / "store")
    opened.ingest(shared(COMTRADE_PREVIEW))
    return opened


def only(store: Store, text: str) -> ClaimCheck:
    (check,) = store.check(text).checks
    return check


def billions(value: float) -> str:
    return f"{abs(value) / BN:.1f}"


def test_the_profile_says_which_basis_its_imports_are_on_and_gives_the_other(
    store: Store,
) -> None:
    assert preview("M")["primaryValue"] == cif_imports() != fob_imports()
    (own,) = store.profile("USA", "JPN", 2023).rows
    assert own.imports == pytest.approx(cif_imports())
    assert (own.import_valuation, own.import_other_value) == ("CIF", pytest.approx(fob_imports()))
    (mirror,) = store.profile("JPN", "USA", 2023).rows  # Japan's exports as the US declares
    assert mirror.view.startswith("mirror")
    assert mirror.exports == pytest.approx(cif_imports())
    assert (mirror.import_valuation, mirror.import_other_value) == (
        "CIF",
        pytest.approx(fob_imports()),
    )


def test_an_fob_import_figure_is_supported_on_the_fob_basis(store: Store) -> None:
    check = only(store, f"In 2023 US imports from Japan were ${billions(fob_imports())} billion.")
    assert (check.verdict, check.valuation, check.match) == ("supported", "FOB", "as written")
    bases = {item.valuation: item for item in check.evidence}
    assert set(bases) == {"CIF", "FOB"}
    assert bases["FOB"].value == pytest.approx(fob_imports())
    assert bases["FOB"].supports and not bases["CIF"].supports
    assert bases["CIF"].value == pytest.approx(cif_imports())
    cif = only(store, f"In 2023 US imports from Japan were ${billions(cif_imports())} billion.")
    assert (cif.verdict, cif.valuation) == ("supported", "CIF")
    neither = (cif_imports() + fob_imports()) / 2
    wrong = only(store, f"In 2023 US imports from Japan were ${billions(neither)} billion.")
    assert wrong.verdict == "contradicted"
    assert {item.valuation for item in wrong.evidence} == {"CIF", "FOB"}


def test_balance_and_total_trade_are_derived_on_each_basis(store: Store) -> None:
    deficit = exports() - fob_imports()
    assert deficit < 0
    balance = only(
        store, f"In 2023 the US trade deficit with Japan was ${billions(deficit)} billion."
    )
    assert balance.claim.value == pytest.approx(-float(billions(deficit)) * BN)
    assert (balance.verdict, balance.valuation) == ("supported", "FOB")
    fob = next(item for item in balance.evidence if item.valuation == "FOB")
    assert fob.value == pytest.approx(deficit)
    total = exports() + fob_imports()
    trade = only(
        store,
        f"Total trade between the United States and Japan was ${billions(total)} billion in 2023.",
    )
    assert (trade.claim.flow, trade.verdict, trade.valuation) == ("total", "supported", "FOB")
    on_cif = exports() + cif_imports()
    assert float(billions(on_cif)) != float(billions(total))
    cif_trade = only(
        store,
        f"Total trade between the United States and Japan was ${billions(on_cif)} billion in 2023.",
    )
    assert (cif_trade.verdict, cif_trade.valuation) == ("supported", "CIF")


def test_the_mirror_of_japans_exports_is_the_us_import_on_either_basis(store: Store) -> None:
    check = only(
        store, f"In 2023 Japan's exports to the US were ${billions(fob_imports())} billion."
    )
    assert (check.verdict, check.supported_by, check.valuation) == (
        "supported",
        "partner-reported (mirror)",
        "FOB",
    )


def test_exports_carry_no_import_basis(store: Store) -> None:
    check = only(store, f"In 2023 US exports to Japan were ${billions(exports())} billion.")
    assert check.verdict == "supported"
    (evidence,) = check.evidence  # no import in the figure: one basis, none named
    assert (evidence.valuation, check.valuation) == (None, None)


def test_the_mirror_says_the_imports_basis_and_gives_the_other(store: Store) -> None:
    (row,) = [r for r in store.mirror("JPN", "USA", 2023).rows if r.importer == "USA"]
    assert row.imports_reported == pytest.approx(cif_imports())
    assert (row.import_valuation, row.imports_other_value) == ("CIF", pytest.approx(fob_imports()))
    assert row.gap_like_basis is None  # Japan's exports are not in the file: no gap


JAPAN_EXPORTS = 147.0 * BN  # invented here: Japan's declared exports to the United States


def test_the_gap_on_a_like_basis_compares_fob_with_fob(tmp_path: Path) -> None:
    document = json.loads(shared(COMTRADE_PREVIEW).read_text(encoding="utf-8"))
    (imports,) = [line for line in document["data"] if line["flowCode"] == "M"]
    japan = dict(imports, reporterCode=392, reporterISO="JPN", reporterDesc="Japan",
                 partnerCode=842, partnerISO="USA", partnerDesc="USA", flowCode="X",
                 flowDesc="Export", cifvalue=None, fobvalue=JAPAN_EXPORTS,
                 primaryValue=JAPAN_EXPORTS)  # fmt: skip
    written = tmp_path / "japan_exports_2023.json"
    written.write_text(json.dumps(dict(document, data=[japan], count=1)), encoding="utf-8")
    opened = bilateral.open(tmp_path / "store")
    opened.ingest(shared(COMTRADE_PREVIEW))
    opened.ingest(written)
    (row,) = [r for r in opened.mirror("JPN", "USA", 2023).rows if r.importer == "USA"]
    assert row.gap == pytest.approx(cif_imports() - JAPAN_EXPORTS)
    assert row.gap_like_basis == pytest.approx(fob_imports() - JAPAN_EXPORTS)
    assert row.gap_share_like_basis == pytest.approx(fob_imports() / JAPAN_EXPORTS - 1)
