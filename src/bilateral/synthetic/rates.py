"""`write_demo_rates_file`: SYNTHETIC euro exchange rates, in the ECB Data Portal's CSV layout.

Monthly and annual averages of a few currencies per euro for the demo's years, drawn from a
seeded random walk around a plausible level: made up, NOT the ECB's reference rates. The demo
loads the file as the `ecb_sdmx` reference table marked synthetic, so that `--currency` works
on the demo store and every conversion note says the rates are synthetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np

from bilateral.synthetic.demo import DEMO_YEARS
from bilateral.synthetic.seeds import stable_seed

DEMO_RATES_FILE: Final = "ecb_sdmx_synthetic_demo.csv"
# Currency: units per euro at the start of the demo's years, and the monthly volatility.
_LEVELS: Final[Mapping[str, tuple[float, float]]] = {
    "USD": (1.12, 0.010),
    "GBP": (0.87, 0.010),
    "CHF": (1.10, 0.008),
    "JPY": (125.0, 0.018),
}
_HEADER: Final = "KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE"


def _line(frequency: str, currency: str, period: str, value: float) -> str:
    series = f"{frequency}.{currency}.EUR.SP00.A"
    return f"EXR.{series},{frequency},{currency},EUR,SP00,A,{period},{value:.6g}"


def write_demo_rates_file(directory: Path, *, seed: int = 2021) -> Path:
    """Write monthly and annual averages (units per EUR) of USD, GBP, CHF and JPY, 2017-2023.

    Each annual average is the mean of its months. The same seed gives the same bytes.
    """
    lines = [_HEADER]
    for currency, (level, volatility) in _LEVELS.items():
        rng = np.random.default_rng(stable_seed(seed, "rates", currency))
        steps = rng.normal(0.0, volatility, 12 * len(DEMO_YEARS))
        path = level * np.exp(np.cumsum(steps) - steps.mean() * np.arange(1, len(steps) + 1))
        for index, year in enumerate(DEMO_YEARS):
            months = path[12 * index : 12 * index + 12]
            for month, value in enumerate(months, start=1):
                lines.append(_line("M", currency, f"{year}-{month:02d}", float(value)))
            lines.append(_line("A", currency, str(year), float(months.mean())))
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / DEMO_RATES_FILE
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
