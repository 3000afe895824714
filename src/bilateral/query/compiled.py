"""Compiled SQL kept on disk, so a new process answers without importing ibis or compiling.

Every SQL builder of the query layer (`*_sql`) is a pure function of its arguments, the code
of `bilateral` and the versions of ibis and sqlglot that compile it: the SQL names the store's
tables, never their files, so it is the same for every store. `compiled_sql` keeps each
builder's SQL in memory and in the user's cache folder (`platformdirs`, or
`$BILATERAL_SQL_CACHE`; `off` keeps it in memory only), under a key made of all of these: a
different argument (territory, year, flow, currency, dialect), a changed source file or
another ibis or sqlglot version gives another key and a fresh compile, never a stale SQL.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Final, ParamSpec

import platformdirs

P = ParamSpec("P")
CACHE_VARIABLE: Final = "BILATERAL_SQL_CACHE"
FORMAT: Final = "1"  # bump when the key's recipe changes
_PACKAGE: Final = Path(__file__).resolve().parents[1]  # the bilateral package
_BUILDERS: list[functools._lru_cache_wrapper[str]] = []


def compiled_sql(builder: Callable[P, str]) -> Callable[P, str]:
    """Return `builder` with its SQL kept in memory and on disk (see the module)."""

    @functools.lru_cache(maxsize=512)
    def cached(*args: P.args, **options: P.kwargs) -> str:
        folder = cache_folder()
        key = None if folder is None else sql_key(builder, args, options)
        if folder is None or key is None:
            return builder(*args, **options)
        path = folder / key[:2] / f"{key}.sql"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        sql = builder(*args, **options)
        _write(path, sql)
        return sql

    _BUILDERS.append(cached)
    return functools.wraps(builder)(cached)  # type: ignore[return-value]


def forget_in_memory() -> None:
    """Drop every builder's SQL held in memory (the next call reads the disk or compiles)."""
    for cached in _BUILDERS:
        cached.cache_clear()


def cache_folder() -> Path | None:
    """Return the folder of compiled SQL, or None when `$BILATERAL_SQL_CACHE` is `off`."""
    chosen = os.environ.get(CACHE_VARIABLE, "").strip()
    if chosen.lower() == "off":
        return None
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("bilateral")) / "sql"


def sql_key(
    builder: Callable[..., str], args: tuple[object, ...], options: dict[str, object]
) -> str | None:
    """Return the key of a builder's SQL for these arguments (None: an argument without a
    stable text, whose SQL is then compiled every time)."""
    try:
        call = canonical((args, sorted(options.items())))
    except TypeError:
        return None
    recipe = "\n".join(
        (FORMAT, f"{builder.__module__}.{builder.__qualname__}", call, *compiler_versions(),
         code_fingerprint())
    )  # fmt: skip
    return hashlib.sha256(recipe.encode()).hexdigest()


def canonical(value: object) -> str:
    """Return a text that names `value` exactly (TypeError for a value without one).

    >>> canonical((("ITA",), 2024, None, frozenset({"b", "a"})))
    "(('ITA',),2024,None,{'a','b'})"
    """
    if value is None or isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, tuple | list):
        return "(" + ",".join(canonical(item) for item in value) + ",)"[len(value) != 1 :]
    if isinstance(value, frozenset | set):
        return "{" + ",".join(sorted(canonical(item) for item in value)) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ",".join(
            f"{field.name}={canonical(getattr(value, field.name))}"
            for field in dataclasses.fields(value)
        )
        return f"{type(value).__module__}.{type(value).__qualname__}({fields})"
    raise TypeError(f"no canonical text for {type(value).__name__}")


@functools.cache
def compiler_versions() -> tuple[str, str]:
    """Return the versions of ibis and sqlglot, read without importing either."""
    return metadata.version("ibis-framework"), metadata.version("sqlglot")


@functools.cache
def code_fingerprint() -> str:
    """Return a digest of every file of the package (path, size, modification time)."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            path = Path(root, name)
            status = path.stat()
            relative = path.relative_to(_PACKAGE).as_posix()
            digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _write(path: Path, sql: str) -> None:
    """Write `sql` at `path` whole or not at all; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as file:
            file.write(sql)
        Path(file.name).replace(path)
    except OSError:
        return
