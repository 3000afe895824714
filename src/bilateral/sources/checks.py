"""Vectorised checks on a batch's columns that name the first offending line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import SourceFormatError


class BatchChecker:
    """Check columns of one batch; `lines` gives each row's line number in the file."""

    def __init__(self, path: Path, lines: pa.Array) -> None:
        self.path = path
        self.lines = lines

    def fail(self, index: int, field: str, problem: str, value: object, expected: str) -> None:
        """Raise the error for row `index`."""
        raise SourceFormatError(
            self.path,
            problem,
            line=self.lines[index].as_py(),
            field=field,
            value=None if value is None else str(value),
            expected=expected,
        )

    def require(
        self, ok: pa.Array, values: pa.Array, field: str, problem: str, expected: str
    ) -> None:
        """Fail on the first row where `ok` is false or null."""
        ok = pc.fill_null(ok, False)
        if pc.all(ok).as_py():
            return
        index = pc.index(ok, False).as_py()
        self.fail(index, field, problem, values[index].as_py(), expected)

    def pattern(self, values: pa.Array, regex: str, field: str, expected: str) -> None:
        """Fail on the first value that does not match `regex` in full."""
        distinct = pc.unique(values)
        ok = pc.fill_null(pc.match_substring_regex(distinct, regex), False)
        if not pc.all(ok).as_py():
            self._fail_on(values, distinct[pc.index(ok, False).as_py()], field, expected)

    def one_of(self, values: pa.Array, allowed: Iterable[str], field: str) -> None:
        """Fail on the first value outside `allowed`."""
        allowed = sorted(allowed)
        expected = "one of " + ", ".join(allowed)
        for value in pc.unique(values).to_pylist():
            if value not in allowed:
                self._fail_on(values, pa.scalar(value, pa.string()), field, expected)

    def _fail_on(self, values: pa.Array, bad: pa.Scalar, field: str, expected: str) -> None:
        if bad.is_valid:
            index = pc.index(values, bad).as_py()
        else:
            index = pc.index(pc.is_null(values), True).as_py()
        self.fail(index, field, "invalid value", bad.as_py(), expected)

    def number(
        self, values: pa.Array, field: str, *, allow_empty: bool = False, scale: float = 1.0
    ) -> pa.Array:
        """Parse non-negative decimal numbers into float64 (empty -> null where allowed)."""
        if allow_empty:
            values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
        else:
            self.require(pc.not_equal(values, ""), values, field, "missing value", "a number")
        try:
            parsed = pc.cast(values, pa.float64())
        except pa.ArrowInvalid:
            self.pattern(values, r"^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$", field, "a number")
            raise
        finite = pc.is_finite(parsed)
        self.require(
            pc.or_kleene(finite, pc.is_null(parsed)),
            values,
            field,
            "not a finite number",
            "a number",
        )
        negative = pc.fill_null(pc.less(parsed, 0), False)
        self.require(pc.invert(negative), values, field, "negative value", "a value >= 0")
        return pc.multiply(parsed, scale) if scale != 1.0 else parsed


def line_numbers(first: int, count: int) -> pa.Array:
    """Return the line numbers `first`, `first + 1`, ... of `count` rows."""
    return pa.array(np.arange(first, first + count, dtype=np.int64))


def recode(values: pa.Array, mapping: Callable[[str], object], type: pa.DataType) -> pa.Array:
    """Map each value through `mapping`, calling it once per distinct value."""
    encoded = values.dictionary_encode()
    mapped = pa.array([mapping(value) for value in encoded.dictionary.to_pylist()], type)
    return pc.take(mapped, encoded.indices)


def join_flags(*flag_columns: tuple[pa.Array | bool, str] | None, length: int) -> pa.Array:
    """Build the `flags` column from (mask, flag) pairs; null where no flag is set.

    A mask may be `True` for a flag every row carries.
    """
    names: list[str] = []
    code: pa.Array | int = 0
    for pair in flag_columns:
        if pair is None:
            continue
        mask, name = pair
        bit = 1 << len(names)
        if mask is True:
            code = pc.add(code, bit) if isinstance(code, pa.Array) else code + bit
        else:
            mask = pc.fill_null(mask, False)
            if not pc.any(mask).as_py():
                continue
            code = pc.add(
                code, pc.if_else(mask, pa.scalar(bit, pa.int8()), pa.scalar(0, pa.int8()))
            )
        names.append(name)
    lookup = pa.array(
        [
            ",".join(n for i, n in enumerate(names) if c >> i & 1) or None
            for c in range(1 << len(names))
        ],
        pa.string(),
    )
    if isinstance(code, int):
        return pa.repeat(lookup[code], length)
    return pc.take(lookup, code)
