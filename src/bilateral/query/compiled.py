"""Compiled SQL kept on disk, so a new process answers without importing ibis or compiling.

Every SQL builder of the query layer (`*_sql`) is a pure function of its arguments, the code
of `bilateral` and the versions of ibis and sqlglot that compile it: the SQL names the store's
tables, never their files, so it is the same for every store. `compiled_sql` keeps each
builder's SQL in memory and in the user's cache folder (`platformdirs`, or
`$BILATERAL_SQL_CACHE`; `off` keeps it in memory only), under a key made of all of these: a
different argument (territory, year, flow, currency, dialect), a changed source file or
another ibis or sqlglot version gives another key and a fresh compile, never a stale SQL.

A territory of plain codes (a country or region: its own code and its parts) changes the
SQL only by the text of its codes, so its SQL is compiled once per query shape: with stand-in
codes, which are then replaced by the territory's quoted codes. A new pair of countries then
costs no compile. Each shape is checked once when compiled (a second set of stand-ins must give
the same SQL); a builder whose SQL depends on codes in another way is compiled per territory.
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
from typing import Any, Final, ParamSpec

import platformdirs

from bilateral.query.selection import Selection

P = ParamSpec("P")
CACHE_VARIABLE: Final = "BILATERAL_SQL_CACHE"
FORMAT: Final = "1"  # bump when the key's recipe changes
_PACKAGE: Final = Path(__file__).resolve().parents[1]  # the bilateral package
_BUILDERS: list[functools._lru_cache_wrapper[str]] = []
PER_TERRITORY: set[str] = set()  # builders whose SQL is compiled for each territory's codes


def compiled_sql(builder: Callable[P, str]) -> Callable[P, str]:
    """Return `builder` with its SQL kept in memory and on disk (see the module)."""
    name = f"{builder.__module__}.{builder.__qualname__}"

    def compile_shape(*args: Any, **options: Any) -> str:
        stand_ins = _stand_ins(args, options)
        sql = builder(*args, **options)
        if stand_ins:  # the same shape with other stand-ins must give the same SQL
            other = {code: CHECK_PREFIX + code for code in stand_ins}
            checked_args, checked_options = _replaced((args, options), other)
            checked = builder(*checked_args, **checked_options)
            if _words(_substituted(sql, other)) != _words(checked):
                PER_TERRITORY.add(name)
                raise _CodesNotLiteralError
        return sql

    @functools.lru_cache(maxsize=512)
    def cached(*args: Any, **options: Any) -> str:
        folder = cache_folder()
        key = None if folder is None else sql_key(builder, args, options)
        if folder is None or key is None:
            return compile_shape(*args, **options)
        path = folder / key[:2] / f"{key}.sql"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        sql = compile_shape(*args, **options)
        _write(path, sql)
        return sql

    @functools.lru_cache(maxsize=512)
    def answered(*args: Any, **options: Any) -> str:
        codes = _codes_of((args, options))
        if codes and name not in PER_TERRITORY:
            names = {code: f"{STAND_IN_PREFIX}{i:04d}" for i, code in enumerate(codes)}
            shape_args, shape_options = _replaced((args, options), names)
            try:
                sql = cached(*shape_args, **shape_options)
            except _CodesNotLiteralError:
                pass
            else:
                real = _substituted(sql, {name: code for code, name in names.items()})
                if STAND_IN_PREFIX not in real:
                    return real
        return cached(*args, **options)

    _BUILDERS.extend((cached, answered))
    return functools.wraps(builder)(answered)  # type: ignore[return-value]


STAND_IN_PREFIX: Final = "bilateral_stand_in_"
CHECK_PREFIX: Final = "checked_"


class _CodesNotLiteralError(Exception):
    """A builder's SQL depends on a territory's codes otherwise than by their text."""


def _codes_of(value: object) -> list[str]:
    """Return the codes of every plain-codes territory selection in `value`: territories in
    order, each one's codes sorted (as SQL listing a territory's codes sorted lists them), so
    that ITA-BEL and BEL-ITA are one shape."""
    found: dict[str, None] = {}

    def visit(item: object) -> None:
        if isinstance(item, Selection) and item.kind == "parts":
            found.update(dict.fromkeys(sorted({item.code, *item.parts})))
        elif isinstance(item, tuple | list):
            for inner in item:
                visit(inner)
        elif isinstance(item, dict):
            for inner in item.values():
                visit(inner)

    visit(value)
    return list(found)


def _stand_ins(args: tuple[Any, ...], options: dict[str, Any]) -> list[str]:
    return [code for code in _codes_of((args, options)) if code.startswith(STAND_IN_PREFIX)]


def _replaced(
    value: tuple[tuple[Any, ...], dict[str, Any]], names: dict[str, str]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Return the arguments with each plain-codes selection's codes renamed by `names`."""

    def rename(item: Any) -> Any:
        if isinstance(item, Selection) and item.kind == "parts":
            return dataclasses.replace(
                item, code=names[item.code], parts=tuple(names[part] for part in item.parts)
            )
        if isinstance(item, tuple | list):
            return type(item)(rename(inner) for inner in item)
        if isinstance(item, dict):
            return {key: rename(inner) for key, inner in item.items()}
        return item

    args, options = value
    return rename(args), rename(options)


def _words(sql: str) -> str:
    """Return the SQL without its layout: two compiles that differ only where a line breaks
    (around a longer code) give the same text; a literal holds no line break."""
    return "".join(sql.split())


def _substituted(sql: str, names: dict[str, str]) -> str:
    """Return `sql` with each quoted stand-in code replaced by the quoted code it stands for."""
    for name, code in sorted(names.items(), key=lambda item: -len(item[0])):
        sql = sql.replace(f"'{name}'", "'" + code.replace("'", "''") + "'")
    return sql


def forget_in_memory() -> None:
    """Drop every builder's SQL held in memory (the next call reads the disk or compiles),
    and which builders were found to need a compile per territory."""
    for cached in _BUILDERS:
        cached.cache_clear()
    PER_TERRITORY.clear()


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
