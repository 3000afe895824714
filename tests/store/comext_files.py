"""Build small Comext bulk full_v2 files for tests, one row at a time.

The values are invented in each test; these files are not official statistics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

HEADER = (
    "REPORTER", "PARTNER", "TRADE_TYPE", "PRODUCT_NC", "PRODUCT_SITC", "PRODUCT_CPA21",
    "PRODUCT_CPA22", "PRODUCT_BEC", "PRODUCT_BEC5", "PRODUCT_SECTION", "FLOW", "STAT_PROCEDURE",
    "SUPPL_UNIT", "PERIOD", "VALUE_EUR", "VALUE_NAC", "QUANTITY_KG", "QUANTITY_SUPPL_UNIT",
)  # fmt: skip
FLOW_CODES = {"import": "1", "export": "2"}

# CN8 code -> CPA 2.1 class, for the products the tests use.
CPA_OF = {
    "29011000": "2014",  # chapter 29, CPA division 20
    "29051100": "2014",
    "30049000": "2120",  # chapter 30, CPA division 21
    "39011000": "2016",  # chapter 39, CPA division 20
    "39XXXXXX": "XXXX",  # confidential: digits hidden
    "84713000": "2620",  # chapter 84, CPA division 26
    "87032310": "2910",  # chapter 87, CPA division 29
}

Row = dict[str, str]


def row(
    reporter: str,
    partner: str,
    flow: Literal["import", "export"],
    year: int,
    value: float,
    *,
    month: int | None = None,
    product: str = "29011000",
    cpa: str | None = None,
    stat_procedure: str = "1",
    quantity_kg: float | None = 10.0,
) -> Row:
    """Return one full_v2 line as a dict; `month` None writes the annual period YYYY52."""
    cpa_code = CPA_OF.get(product, "2014") if cpa is None else cpa
    period = f"{year}52" if month is None else f"{year}{month:02d}"
    return {
        "REPORTER": reporter,
        "PARTNER": partner,
        "TRADE_TYPE": "I",
        "PRODUCT_NC": product,
        "PRODUCT_SITC": "51211",
        "PRODUCT_CPA21": cpa_code,
        "PRODUCT_CPA22": cpa_code,
        "PRODUCT_BEC": "220",
        "PRODUCT_BEC5": "210000",
        "PRODUCT_SECTION": "06",
        "FLOW": FLOW_CODES[flow],
        "STAT_PROCEDURE": stat_procedure,
        "SUPPL_UNIT": "NO_SU",
        "PERIOD": period,
        "VALUE_EUR": _number(value),
        "VALUE_NAC": _number(value),
        "QUANTITY_KG": "" if quantity_kg is None else _number(quantity_kg),
        "QUANTITY_SUPPL_UNIT": "0",
    }


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_full_v2(path: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    """Write `rows` under the full_v2 header to `path` and return the path."""
    lines = [",".join(HEADER)]
    lines.extend(",".join(line[name] for name in HEADER) for line in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
