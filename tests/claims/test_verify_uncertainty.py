"""What the data itself is uncertain by: revisions between releases, currency conversion.

On the real Comtrade 2022 sample; expected figures and the ECB rates' spread are computed
here with the csv module, never with the code under test.
"""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.results.claims import ClaimCheck

from .conftest import COMTRADE, ECB_DAILY, comtrade_value, shared, usd_per_eur

BN = 1e9


def only(store: Store, text: str) -> ClaimCheck:
    (check,) = store.check(text).checks
    return check


def monthly_spread(year: int) -> float:
    """Return the largest distance of a month's mean USD rate from the year's, as a ratio."""
    by_month: dict[str, list[float]] = {}
    with shared(ECB_DAILY).open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["Date"].startswith(f"{year}-"):
                by_month.setdefault(line["Date"][:7], []).append(float(line["USD"]))
    annual = usd_per_eur(year)
    return max(abs(annual / statistics.fmean(rates) - 1) for rates in by_month.values())


def test_a_difference_within_revisions_is_supported_and_says_so(comtrade: Store) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    revised = exports * 1.0003  # 0.03% off: a revision's size, well beyond the 3 decimals
    stated = f"{revised / BN:.3f}"
    assert abs(float(stated) * BN - exports) > 0.0005 * BN  # outside the written precision
    check = only(comtrade, f"In 2022 China's exports to Italy were ${stated} billion.")
    assert (check.verdict, check.match) == ("supported", "within revisions")
    (evidence,) = check.evidence
    assert evidence.difference == pytest.approx(exports - float(stated) * BN)
    assert evidence.vintage in check.reason
    assert "revisions" in check.reason

    far = f"{exports * 1.003 / BN:.3f}"  # 0.3%: more than revisions usually change
    wrong = only(comtrade, f"In 2022 China's exports to Italy were ${far} billion.")
    assert (wrong.verdict, wrong.match) == ("contradicted", None)


def test_the_written_precision_still_bounds_an_exact_figure(comtrade: Store) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    check = only(comtrade, f"In 2022 China's exports to Italy were ${exports / BN:.1f} billion.")
    assert (check.verdict, check.match) == ("supported", "as written")


def test_a_converted_figure_is_checked_within_the_monthly_rates_spread(
    comtrade_with_rates: Store,
) -> None:
    spread = monthly_spread(2022)
    assert spread > 0.01  # 2022: the euro fell from 1.13 to 0.99 dollars
    in_euro = comtrade_value("DEU", "X", "CHN") / usd_per_eur(2022)
    inside = f"{in_euro * (1 + spread / 2) / BN:.2f}"
    check = only(comtrade_with_rates, f"German exports to China were {inside} billion euros "
                                      "in 2022.")  # fmt: skip
    assert (check.verdict, check.match) == ("supported", "within conversion")
    evidence = next(e for e in check.evidence if e.supports)
    assert evidence.conversion_spread == pytest.approx(spread, rel=1e-6)
    assert evidence.conversion is not None and f"{spread:.1%}" in evidence.conversion
    assert f"{spread:.1%}" in check.reason

    outside = f"{in_euro * (1 + spread * 1.5) / BN:.2f}"
    wrong = only(comtrade_with_rates, f"German exports to China were {outside} billion euros "
                                      "in 2022.")  # fmt: skip
    assert wrong.verdict == "contradicted"


def test_a_figure_in_the_datas_own_currency_gets_no_conversion_slack(comtrade: Store) -> None:
    exports = comtrade_value("DEU", "X", "CHN")
    off = f"{exports * 1.01 / BN:.2f}"
    check = only(comtrade, f"German exports to China were ${off} billion in 2022.")
    assert check.verdict == "contradicted"
    assert all(item.conversion_spread is None for item in check.evidence)


def test_the_stored_release_that_gives_the_figure_as_written_is_named(tmp_path: Path) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    raw = shared(COMTRADE).read_bytes().decode("latin-1").split("\r\n")
    (line,) = [text for text in raw if '"CHN"' in text and '"X"' in text and '"ITA"' in text]
    assert line.count(f'"{exports:.0f}"') == 2  # fobvalue and primaryValue
    first_release = exports * 1.0003  # an earlier release, written here: revised since
    written = tmp_path / "comtrade_first_release.csv"
    edited = line.replace(f'"{exports:.0f}"', f'"{first_release:.0f}"')
    written.write_bytes(f"{raw[0]}\r\n{edited}\r\n".encode("latin-1"))
    store = bilateral.open(tmp_path / "store")
    store.ingest(written, vintage="2023-02-01")
    store.ingest(shared(COMTRADE), vintage="2023-09-30")
    stated = f"{first_release / BN:.3f}"
    check = only(store, f"In 2022 China's exports to Italy were ${stated} billion.")
    assert (check.verdict, check.match) == ("supported", "within revisions")
    assert check.evidence[0].value == pytest.approx(exports)
    assert check.evidence[0].vintage == "2023-09-30"
    assert check.release_vintage == "2023-02-01"
    assert "2023-02-01" in check.reason and "2023-09-30" in check.reason


def test_without_the_release_in_the_store_the_check_says_so(comtrade: Store) -> None:
    exports = comtrade_value("CHN", "X", "ITA")
    stated = f"{exports * 1.0003 / BN:.3f}"
    check = only(comtrade, f"In 2022 China's exports to Italy were ${stated} billion.")
    assert (check.match, check.release_vintage) == ("within revisions", None)
    assert "no vintage" in check.reason
