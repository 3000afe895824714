"""Vectorised checks on a batch's columns that name the first offending line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import SourceFormatError

ErrorFactory = Callable[..., SourceFormatError]


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


def join_flags(*flag_columns: tuple[pa.Array, str] | None, length: int) -> pa.Array:
    """Build the `flags` column from (mask, flag) pairs; null where no flag is set."""
    flags: pa.Array = pa.nulls(length, pa.string())
    for pair in flag_columns:
        if pair is None:
            continue
        mask, name = pair
        mask = pc.fill_null(mask, False)
        if not pc.any(mask).as_py():
            continue
        joined = pc.if_else(pc.is_null(flags), name, pc.binary_join_element_wise(flags, name, ","))
        flags = pc.if_else(mask, joined, flags)
    return flags
