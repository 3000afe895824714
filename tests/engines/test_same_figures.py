"""One query suite for every engine: each query on each store, run on every engine, gives
the reference engine's (DuckDB's) result row for row: figures, notes, provenance and errors.

A capability an engine lacks is listed in LACKS and expected to fail (strictly), never skipped.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import pytest

from bilateral.api import Store

REFERENCE = "duckdb"
OTHERS = ("spark",)
CLAIM = "In 2022 China's exports to Germany were 162 billion dollars."
DEMO_CLAIM = "In 2021 Italian exports to Belgium were 17.6 billion euros."


@dataclass(frozen=True)
class Case:
    """One query call on one store."""

    store: str
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    refused: bool = False  # the query is refused with an error (the same on every engine)

    @property
    def id(self) -> str:
        shown = [*map(str, self.args), *(f"{k}={v}" for k, v in self.kwargs.items())]
        return f"{self.store}-{self.method}-" + "-".join(shown)[:60]


SCHEMES = ("cpa", "hs2", "hs4", "hs6", "cn8", "sitc", "bec")
CASES = [
    # the demo store: Comext 2019-2021, a region, events
    Case("demo", "profile", ("IT", "BE")),
    Case("demo", "profile", ("IT", "BE", 2020), {"as_of": 2}),
    Case("demo", "profile", ("EU", "BE", 2021)),
    *(Case("demo", "sectors", ("IT", "BE", 2021), {"scheme": s}) for s in SCHEMES),
    Case("demo", "sectors", ("IT", "BE", 2021), {"span": 2, "top": 3, "flow": "import"}),
    Case("demo", "partners", ("IT", 2021), {"partner": "BE"}),
    Case("demo", "partners", ("EU", 2021), {"flow": "import"}),
    Case("demo", "products", ("IT", "BE", 2021), {"depth": 4, "compare_year": 2019}),
    Case("demo", "products", ("EU", "BE", 2021), {"depth": 2, "compare_year": 2020}),
    Case("demo", "products", ("BE", "EU", 2020), {"depth": 6, "top": 3, "flow": "import"}),
    Case("demo", "mirror", ("IT", "BE", 2021)),
    Case("demo", "mirror", ("EU", "BE", 2021)),
    Case("demo", "mirror", ("IT", "WORLD", 2021)),
    Case("demo", "sectors", ("EU", "BE", 2021)),
    Case("demo", "series", ("IT", "BE")),
    Case("demo", "region_share", ("ITH5", "BE", 2021)),
    Case("demo", "indicators", ("IT", "BE", 2021)),
    Case("demo", "events", ("BE", "ITH5")),
    Case("demo", "cn_cpa_links", (2021,)),
    Case("demo", "check", (DEMO_CLAIM,)),
    Case("demo", "brief", ("IT", "BE"), {"year": 2021}),
    # every real file of ../shared/data
    Case("real", "profile", ("IT", "WORLD")),
    Case("real", "profile", ("IT", "BE"), {"currency": "USD"}),
    Case("real", "profile", ("IT", "WORLD"), {"currency": "USD"}, refused=True),  # no 2025 rate
    Case("real", "profile", ("IT", "WORLD", "2023"), {"as_of": 2}),
    Case("real", "profile", ("CHN", "DEU", 2022)),
    Case("real", "profile", ("CHN", "DEU", 2015), refused=True),  # says what the store holds
    Case("real", "mirror", ("IT", "BE", 2020)),
    Case("real", "mirror", ("IT", "BE", 2020), {"currency": "USD"}),
    Case("real", "sectors", ("DE", "FR", 2019), {"currency": "USD"}),
    Case("real", "profile", ("ZAF", "ITA", 2021)),
    Case("real", "profile", ("USA", "JPN", 2023)),
    Case("real", "profile", ("AT", "AD", 2024)),
    Case("real", "profile", ("CHN", "ARG", 2010)),
    *(Case("real", "sectors", ("IT", "WORLD", 2024), {"scheme": s}) for s in SCHEMES[1:]),
    Case("real", "sectors", ("DE", "FR", 2019)),
    Case("real", "sectors", ("ZAF", "ITA", 2021), {"scheme": "hs2"}),
    Case("real", "sectors", ("ZAF", "ITA", 2021)),  # CPA placed from BACI's HS codes
    Case("real", "partners", ("CHN", 2022)),
    Case("real", "partners", ("AFG", 2021)),
    Case("real", "partners", ("DE", 2019)),
    Case("real", "products", ("IT", "WORLD", 2024), {"depth": 8}),
    Case("real", "products", ("ZAF", "ITA", 2021), {"depth": 6}),
    Case("real", "products", ("IT", "WORLD", 2024), {"depth": 4, "currency": "USD"}),
    Case("real", "mirror", ("CHN", "DEU", 2022)),
    Case("real", "mirror", ("ZAF", "ITA", 2021)),
    Case("real", "series", ("IT", "WORLD"), {"frequency": "M"}),
    Case("real", "series", ("DE", "FR")),
    Case("real", "indicators", ("IT", "WORLD", 2024)),
    Case("real", "indicators", ("ZAF", "ITA", 2021)),
    Case("real", "check", (CLAIM,)),
    Case("real", "brief", ("CHN", "DEU"), {"year": 2022}),
    Case("real", "cn_cpa_links", (2024,)),
]
# (engine, case id) -> why the engine cannot answer it; expected to fail, strictly.
LACKS: dict[tuple[str, str], str] = {}


def answer(store: Store, case: Case) -> Any:
    """Return the case's result, or its error as (type, message)."""
    try:
        return getattr(store, case.method)(*case.args, **case.kwargs)
    except Exception as error:
        return (type(error).__name__, str(error))


def plain(value: Any) -> Any:
    """Return `value` as plain data (dataclasses as dicts) for a comparison field by field."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def differences(expected: Any, got: Any, where: str = "", rel_tol: float = 1e-9) -> list[str]:
    """Return where `got` differs from `expected`: floats to `rel_tol`, the rest exactly."""
    if isinstance(expected, float) and isinstance(got, float):
        same = math.isclose(expected, got, rel_tol=rel_tol, abs_tol=1e-6) or (
            math.isnan(expected) and math.isnan(got)
        )
        return [] if same else [f"{where}: {expected!r} != {got!r}"]
    if isinstance(expected, dict) and isinstance(got, dict) and expected.keys() == got.keys():
        return [
            d
            for key in expected
            for d in differences(expected[key], got[key], f"{where}.{key}", rel_tol)
        ]
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        return [
            d
            for i, (e, g) in enumerate(zip(expected, got, strict=True))
            for d in differences(e, g, f"{where}[{i}]", rel_tol)
        ]
    return [] if expected == got else [f"{where}: {expected!r} != {got!r}"]


def params() -> list[Any]:
    return [
        pytest.param(
            engine,
            case,
            id=f"{engine}-{case.id}",
            marks=[pytest.mark.xfail(reason=LACKS[engine, case.id], strict=True)]
            if (engine, case.id) in LACKS
            else [],
        )
        for engine in OTHERS
        for case in CASES
    ]


@pytest.mark.parametrize(("engine", "case"), params())
def test_every_engine_gives_the_reference_engines_result(
    stores: dict[tuple[str, str], Store], engine: str, case: Case
) -> None:
    expected = answer(stores[case.store, REFERENCE], case)
    assert isinstance(expected, tuple) is case.refused, expected
    got = answer(stores[case.store, engine], case)
    assert differences(plain(expected), plain(got)) == []
    assert type(got) is type(expected)
