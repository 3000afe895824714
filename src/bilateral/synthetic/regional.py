"""`write_regional_demo_file`: SYNTHETIC Emilia-Romagna trade by CPA division, tidy CSV layout.

Every figure is invented by a seeded generator, of a plausible size and shape (machinery and
ceramics lead; with Belgium, chemicals, pharmaceuticals, machinery, plastics and vehicles
stand out): not official statistics.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np

from bilateral.sources.regional_tidy import ANNUAL_HEADER
from bilateral.synthetic.demo import DEMO_YEARS, YEAR_INDEX
from bilateral.synthetic.seeds import stable_seed

REGION: Final = "ITH5"
# Partner: (exports, imports) of Emilia-Romagna in bn EUR in 2017.
# fmt: off
_PARTNERS: Final[Mapping[str, tuple[float, float]]] = {
    "DE": (7.6, 6.1), "FR": (6.4, 3.3), "US": (6.2, 1.1), "GB": (3.4, 0.9),
    "ES": (3.3, 1.9), "PL": (2.1, 1.1), "CH": (1.9, 0.6), "BE": (1.8, 1.5),
    "NL": (1.5, 2.6), "AT": (1.4, 0.9), "CN": (1.4, 2.9), "RU": (1.1, 0.5),
    "TR": (0.8, 0.5), "JP": (0.7, 0.3),
}
# CPA 2.1 division: (share of exports, share of imports).
_DIVISIONS: Final[Mapping[str, tuple[float, float]]] = {
    "10": (0.09, 0.13), "11": (0.02, 0.01), "14": (0.05, 0.05), "15": (0.01, 0.02),
    "20": (0.05, 0.10), "21": (0.03, 0.06), "22": (0.04, 0.04), "23": (0.08, 0.02),
    "24": (0.03, 0.08), "25": (0.05, 0.04), "26": (0.03, 0.07), "27": (0.05, 0.06),
    "28": (0.30, 0.12), "29": (0.08, 0.08), "30": (0.03, 0.02), "31": (0.01, 0.01),
    "32": (0.03, 0.03),
}
_BELGIUM_BOOST: Final[Mapping[str, float]] = {
    "20": 3.0, "21": 3.5, "22": 2.2, "28": 1.3, "29": 1.6, "30": 2.0,
}
# fmt: on


def write_regional_demo_file(directory: Path, *, seed: int = 2021) -> Path:
    """Write `regional_ITH5_demo.csv`: Emilia-Romagna's yearly trade by partner and division.

    Its WORLD rows sum the partners' rows, as a publisher's world total would: the file holds
    the region's trade with every partner, so its partners can be ranked.
    """
    lines = [ANNUAL_HEADER]
    world: dict[tuple[str, int, str], float] = {}
    for partner, (exports, imports) in _PARTNERS.items():
        for flow, total in (("export", exports), ("import", imports)):
            rng = np.random.default_rng(stable_seed(seed, REGION, partner, flow))
            column = 0 if flow == "export" else 1
            weights = np.array([shares[column] for shares in _DIVISIONS.values()])
            if partner == "BE":
                weights *= [_BELGIUM_BOOST.get(code, 1.0) for code in _DIVISIONS]
            weights = weights * rng.lognormal(0.0, 0.3, len(weights))
            trend = rng.normal(1.0, 0.02)
            for step, year in enumerate(DEMO_YEARS):
                level = total * 1e9 * YEAR_INDEX[year] * trend**step
                yearly = weights * rng.lognormal(0.0, 0.05, len(weights))
                values = np.round(level * yearly / yearly.sum())
                for code, value in zip(_DIVISIONS, values, strict=True):
                    lines.append(f"{REGION},{partner},{flow},{year},CPA21,{code},{value:.0f},EUR")
                    world[flow, year, code] = world.get((flow, year, code), 0.0) + value
    for (flow, year, code), value in world.items():
        lines.append(f"{REGION},WORLD,{flow},{year},CPA21,{code},{value:.0f},EUR")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "regional_ITH5_demo.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
