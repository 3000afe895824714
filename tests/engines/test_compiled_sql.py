"""Compiled SQL read from the cache gives the fresh compile's result for every query of the
engine suite, and a changed argument, ibis or sqlglot version or source file is compiled anew."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ibis
import pytest

import bilateral
from bilateral.query import compiled
from bilateral.query.compiled import CACHE_VARIABLE, forget_in_memory
from bilateral.query.products_ranked import ranked_products_sql
from bilateral.query.profile import profile_sql
from bilateral.query.selection import Selection, selection
from bilateral.reference import get

from .test_same_figures import CASES, answer, differences, plain

STALE = "SELECT 'stale' AS value"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "sql"
    monkeypatch.setenv(CACHE_VARIABLE, str(folder))
    forget_in_memory()
    yield folder
    forget_in_memory()


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every dialect ibis compiles an expression for."""
    calls: list[str] = []
    to_sql = ibis.to_sql

    def counted(expression: object, dialect: str | None = None, **options: object) -> object:
        calls.append(str(dialect))
        return to_sql(expression, dialect=dialect, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ibis, "to_sql", counted)
    return calls


def test_every_query_from_cached_sql_gives_the_fresh_result_and_compiles_nothing(
    demo_root: Path, real_root: Path, cache: Path, compiles: list[str]
) -> None:
    roots = {"demo": demo_root, "real": real_root}
    stores = {name: bilateral.open(root, engine="duckdb") for name, root in roots.items()}
    fresh = [plain(answer(stores[case.store], case)) for case in CASES]
    assert compiles  # the first pass compiled
    assert len(list(cache.rglob("*.sql"))) >= len(set(compiles)) > 0
    forget_in_memory()
    compiles.clear()
    stores = {name: bilateral.open(root, engine="duckdb") for name, root in roots.items()}
    for case, expected in zip(CASES, fresh, strict=True):
        got = plain(answer(stores[case.store], case))
        assert differences(expected, got) == [], case.id
    assert compiles == []  # every SQL came from the cache


def _profile(first: str, second: str, years: tuple[int, ...], **options: object) -> str:
    return profile_sql(
        selection(get(first)), selection(get(second)), years, from_flows=False, **options
    )  # type: ignore[arg-type]


def test_a_changed_argument_or_compiler_never_reads_another_sql(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = ("ITA", "BEL", (2024,))
    _profile(*asked, dialect="duckdb")
    written = list(cache.rglob("*.sql"))
    assert len(written) == 1
    for path in written:  # a cached SQL that no fresh compile would give
        path.write_text(STALE, encoding="utf-8")
    forget_in_memory()
    assert _profile(*asked, dialect="duckdb") == STALE  # the same arguments read it
    changed = [
        (("ITA", "BEL", (2023,)), {"dialect": "duckdb"}),
        (("ITA", "BEL", (2023, 2024)), {"dialect": "duckdb"}),
        (("ITA", "ITA", (2024,)), {"dialect": "duckdb"}),  # one code on both sides
        (("ITA", "GBR", (2024,)), {"dialect": "duckdb"}),  # a country of three codes
        (("ITA", "EU27_2020", (2024,)), {"dialect": "duckdb"}),
        (("ITA", "BEL", (2024,)), {"dialect": "duckdb", "currency": "USD"}),
    ]
    for arguments, options in changed:
        forget_in_memory()
        cached = _profile(*arguments, **options)
        monkeypatch.setenv(CACHE_VARIABLE, "off")
        forget_in_memory()
        assert cached == _profile(*arguments, **options) != STALE, (arguments, options)
        monkeypatch.setenv(CACHE_VARIABLE, str(cache))
    for versions in (("0.0.0", "30.31.0"), ("12.0.0", "0.0.0")):
        monkeypatch.setattr(compiled, "compiler_versions", lambda versions=versions: versions)
        forget_in_memory()
        assert _profile(*asked, dialect="duckdb") != STALE
    monkeypatch.undo()
    monkeypatch.setenv(CACHE_VARIABLE, str(cache))
    monkeypatch.setattr(compiled, "code_fingerprint", lambda: "edited sources")
    forget_in_memory()
    assert _profile(*asked, dialect="duckdb") != STALE


def test_a_new_pair_of_countries_reads_the_sql_of_its_shape_with_its_own_codes(
    cache: Path, compiles: list[str]
) -> None:
    _profile("ITA", "BEL", (2024,), dialect="duckdb")
    assert compiles == ["duckdb", "duckdb"]  # the shape, and its check with other stand-ins
    compiles.clear()
    for first, second in [("FRA", "DEU"), ("AUT", "SWE"), ("BEL", "ITA"), ("ITA", "BEL")]:
        forget_in_memory()
        sql = _profile(first, second, (2024,), dialect="duckdb")
        assert f"'{first}'" in sql and f"'{second}'" in sql
        assert compiles == [], (first, second)  # the shape's SQL, read from the cache
        assert _layout_free(sql) == _layout_free(_fresh_profile(first, second, (2024,), "duckdb"))
        compiles.clear()
    assert ibis.pyspark.name == "pyspark"  # the backend, whose options its compiler reads

    for first, second in [("GBR", "ITC4"), ("BEL", "ITA"), ("EU27_2020", "USA"), ("BEL", "BEL")]:
        for dialect in ("duckdb", "pyspark"):
            sql = _profile(first, second, (2023, 2024), dialect=dialect)
            fresh = _fresh_profile(first, second, (2023, 2024), dialect)
            assert _layout_free(sql) == _layout_free(fresh), (first, second)
    assert "bilateral.query.profile.profile_sql" not in compiled.PER_TERRITORY


def test_sql_that_carries_codes_otherwise_than_as_literals_is_compiled_per_territory(
    cache: Path,
) -> None:
    @compiled.compiled_sql
    def direction_sql(first: Selection, second: Selection, *, dialect: str) -> str:
        return f"SELECT '{first.code}->{second.code}' AS direction -- {dialect}"

    for first, second in [("ITA", "BEL"), ("FRA", "DEU")]:
        sql = direction_sql(selection(get(first)), selection(get(second)), dialect="duckdb")
        assert sql == f"SELECT '{first}->{second}' AS direction -- duckdb"
    assert any(name.endswith("direction_sql") for name in compiled.PER_TERRITORY)


def _fresh_profile(first: str, second: str, years: tuple[int, ...], dialect: str) -> str:
    """Compile the profile SQL for these very codes, without the cache or stand-ins."""
    fresh: str = profile_sql.__wrapped__(  # type: ignore[attr-defined]
        selection(get(first)), selection(get(second)), years, from_flows=False, dialect=dialect
    )
    return fresh


def _layout_free(sql: str) -> str:
    """Return the SQL without spaces and line breaks (a longer code breaks lines elsewhere)."""
    return "".join(sql.split())


def test_ranked_products_compile_once_per_shape_for_both_dialects(
    cache: Path, compiles: list[str]
) -> None:
    def ranked(first: str, second: str, dialect: str, *, fresh: bool = False) -> str:
        build = ranked_products_sql.__wrapped__ if fresh else ranked_products_sql  # type: ignore[attr-defined]
        sql: str = build(
            selection(get(first)), selection(get(second)), 2024, 6, "export", 20, 2022,
            dialect=dialect,
        )  # fmt: skip
        return sql

    assert ibis.pyspark.name == "pyspark"  # the backend, whose options its compiler reads
    ranked("ITA", "BEL", "duckdb")
    compiles.clear()
    forget_in_memory()
    sql = ranked("FRA", "DEU", "duckdb")
    assert compiles == []  # the shape's SQL, with France's and Germany's codes
    assert "'FRA'" in sql and "'DEU'" in sql
    for first, second in [("FRA", "DEU"), ("EU27_2020", "WORLD")]:
        for dialect in ("duckdb", "pyspark"):
            got = ranked(first, second, dialect)
            assert _layout_free(got) == _layout_free(ranked(first, second, dialect, fresh=True))
    assert "bilateral.query.products_ranked.ranked_products_sql" not in compiled.PER_TERRITORY
