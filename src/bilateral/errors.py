"""One exception tree: every error the user can cause derives from `BilateralError`.

Each subclass also inherits the matching builtin, keeps its inputs as attributes, and its
message says what was wrong and what would be valid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


class BilateralError(Exception):
    """Root of every error that `bilateral` raises on purpose."""


class UnknownTerritoryError(BilateralError, LookupError):
    """A territory name or code that matches nothing."""

    def __init__(
        self, query: str, suggestions: Sequence[str] = (), *, hint: str | None = None
    ) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        self.hint = hint
        closest = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        valid = hint or "give a name, an ISO alpha-2 or alpha-3 code, or a group such as WORLD"
        super().__init__(f"unknown territory {query!r}{closest} ({valid})")


class AmbiguousTerritoryError(BilateralError, LookupError):
    """A territory name that matches several territories."""

    def __init__(self, query: str, candidates: Sequence[str], *, reason: str | None = None) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"territory {query!r} is ambiguous{why}: it matches {', '.join(self.candidates)}; "
            "give one of their codes"
        )


class InvalidArgumentError(BilateralError, ValueError):
    """An argument outside its valid range or format."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"invalid {name} {value!r}: expected {expected}")


class SourceFormatError(BilateralError, ValueError):
    """A file that is not in a format `bilateral` reads, or breaks its format's rules.

    `line` is 1-based and counts the header; `field` is the column name where known.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(problem)

    def __str__(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field {self.field}"
        message = f"{where}: {self.problem}"
        if self.value is not None:
            message += f" (found {self.value!r})"
        if self.expected is not None:
            message += f"; expected {self.expected}"
        return message


class WorkbookFormatError(SourceFormatError):
    """A spreadsheet that breaks its format's rules: `line` is the sheet's row, `field` the column.

    `sheet` names the sheet; `field` is the column's letter and what it holds (`BJ (2020)`).
    """

    def __init__(
        self,
        path: Path | str,
        sheet: str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.sheet = sheet
        super().__init__(path, problem, line=line, field=field, value=value, expected=expected)

    def __str__(self) -> str:
        where = f"{self.path.name}, sheet {self.sheet!r}"
        if self.line is not None:
            where += f", row {self.line}"
        if self.field is not None:
            where += f", column {self.field}"
        message = f"{where}: {self.problem}"
        if self.value is not None:
            message += f" (found {self.value!r})"
        if self.expected is not None:
            message += f"; expected {self.expected}"
        return message


class UnknownFormatError(SourceFormatError):
    """A file whose header matches none of the known source formats."""


class EncodingError(SourceFormatError, UnicodeError):
    """A file that is not in the encoding its format prescribes."""


class ArchiveError(SourceFormatError):
    """A compressed archive that cannot be read (truncated, corrupt, or holding no data file)."""


class DuplicateRowError(SourceFormatError):
    """Two rows of one file that give different figures for the same key."""


class StoreError(BilateralError, RuntimeError):
    """The store cannot be opened or changed as asked."""


class VintageNotFoundError(StoreError, LookupError):
    """An `as_of` that is before the store's first version or not a valid version."""


class StoreBusyError(StoreError, TimeoutError):
    """Another process holds the store's write lock for longer than the caller would wait."""

    def __init__(self, root: Path, holder: str, waited: float) -> None:
        self.root = root
        self.holder = holder
        self.waited = waited
        super().__init__(
            f"the store {root} is being written by {holder}; waited {waited:.0f} s. Run the "
            "command again when that one has finished, or give a longer --wait"
        )


class StoreFullError(StoreError, OSError):
    """The disk that holds the store (or its scratch space) ran out of room during a write."""

    def __init__(self, folder: Path, free_bytes: int | None) -> None:
        self.folder = folder
        self.free_bytes = free_bytes
        free = "" if free_bytes is None else f" ({free_bytes / 1e6:,.1f} MB free)"
        super().__init__(
            f"the disk holding {folder} is full{free}; nothing was written to the store. "
            "Free some space there (or give --store on another disk) and run the command again"
        )


class StoreNotFoundError(StoreError, FileNotFoundError):
    """A path given as a store that holds no store (a command that only reads never makes one)."""

    def __init__(self, root: Path, within: Sequence[Path] = ()) -> None:
        self.root = root
        self.within = tuple(within)
        what = "does not exist" if not root.exists() else "holds no bilateral store"
        if self.within:
            super().__init__(
                f"{root} is not a store, but {_stores_named(self.within)} one level below: "
                f"give --store {self.within[0]}"
            )
            return
        super().__init__(
            f"{root} {what}. A store is made by the first write into it: "
            f"`bilateral ingest FILE --store {root}` (or `bilateral demo --store {root}` for "
            "a synthetic sample); or give --store the folder of an existing store"
        )


class StoreParentError(StoreError):
    """A write into a folder that is not a store but holds stores below it: a new store
    there would mix its tables with theirs, so the write makes none."""

    def __init__(self, root: Path, within: Sequence[Path]) -> None:
        self.root = root
        self.within = tuple(within)
        super().__init__(
            f"{root} is not a store, but {_stores_named(self.within)} one level below; "
            f"nothing was written. Give --store {self.within[0]} to write into that store, "
            "or a new or empty folder to make a new one"
        )


def _stores_named(stores: Sequence[Path]) -> str:
    if len(stores) == 1:
        return f"holds the store {stores[0]}"
    return "holds the stores " + ", ".join(str(store) for store in stores)


class StoreReadOnlyError(StoreError, PermissionError):
    """A write into a folder the process may not write: a read-only store serves only reads."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"cannot write {path} ({reason}): the store there can be read (queries work) but "
            "not changed. Make the folder writable, or write into a store elsewhere with --store"
        )


class StoreDamagedError(StoreError):
    """A table of the store whose files or Delta log are missing or unreadable.

    `table` names the table, `file` the damaged file where one is known.
    """

    def __init__(self, root: Path, table: str, problem: str, file: str | None = None) -> None:
        self.root = root
        self.table = table
        self.problem = problem
        self.file = file
        where = f" ({file})" if file else ""
        super().__init__(
            f"the store {root} is damaged: its {table} table {problem}{where}. Run "
            f"`bilateral store check --repair --store {root}` to restore a consistent state"
        )


class EngineUnavailableError(BilateralError, RuntimeError):
    """A query engine that cannot start on this machine: a package or runtime it needs is missing,
    or its session could not be reached."""

    def __init__(self, engine: str, problem: str, remedy: str) -> None:
        self.engine = engine
        self.problem = problem
        super().__init__(f"the {engine} engine cannot start: {problem}; {remedy}")


class NoDataError(BilateralError, LookupError):
    """A query whose territories and period have no rows in the store.

    `reason` says what is missing, as data: `no_trade` (nothing between the territories),
    `years_not_held`, `no_product_detail` (totals only), `no_product_codes` (sectors
    only), `not_selected`; None where unsaid.
    """

    def __init__(
        self, message: str, *, reason: str | None = None, values: Mapping[str, Any] | None = None
    ) -> None:
        self.reason = reason
        self.values: Mapping[str, Any] = dict(values or {})
        super().__init__(message)


class ReferenceNotLoadedError(BilateralError, LookupError):
    """A reference table that the answer needs but that has not been imported or fetched."""

    def __init__(self, table: str, needed_for: str) -> None:
        self.table = table
        self.needed_for = needed_for
        super().__init__(
            f"reference table {table!r} is not loaded, and {needed_for} needs it; run "
            f"`bilateral reference fetch {table}` or `bilateral reference import DIR` "
            "with a folder holding the publisher's file"
        )


class FetchError(BilateralError, ConnectionError):
    """A download from a publisher that failed: unreachable, refused, or not the file expected."""

    def __init__(
        self, url: str, problem: str, *, status: int | None = None, body: str | None = None
    ) -> None:
        self.url = url
        self.problem = problem
        self.status = status  # the HTTP status, when the server answered with an error
        self.body = body  # the start of that answer's body, when it had one
        super().__init__(f"cannot download {url}: {problem}")


class OfflineCacheMissError(FetchError):
    """A download asked for offline whose answer is not in the fetch cache."""

    def __init__(self, url: str) -> None:
        super().__init__(
            url,
            "it is not in the fetch cache and --offline forbids the network; "
            "run once without --offline to download it",
        )


class UpstreamFormatError(FetchError):
    """A publisher's answer that is not in the format expected (an HTML page, a changed JSON)."""

    def __init__(self, url: str, seen: str, expected: str) -> None:
        self.seen = seen
        self.expected = expected
        super().__init__(
            url,
            f"the publisher's answer is not in the format expected: {seen}, expected {expected}",
        )


class RateNotAvailableError(BilateralError, LookupError):
    """An exchange rate asked for a currency or period that the loaded rate tables do not cover.

    `available` describes what could be asked instead: the currency's periods (`months 1999-01
    to 2025-05`, `years 1999 to 2025`) or, for a currency without rates, the currencies that
    have them.
    """

    def __init__(self, currency: str, period: str, available: Sequence[str]) -> None:
        self.currency = currency
        self.period = period
        self.available = tuple(available)
        listed = "; ".join(self.available) if self.available else "no rates are loaded"
        super().__init__(f"no euro reference rate for {currency} in {period}; available: {listed}")


class BriefCheckError(BilateralError, ValueError):
    """A brief whose text shows a number that is not the figure it claims, or no figure at all.

    `problems` lists each mismatch or stray number with its context; the brief is not written.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        listed = "; ".join(self.problems)
        super().__init__(
            f"the brief failed its self-check ({len(self.problems)} problem(s)): {listed}; "
            "the template or catalogue must print each number through its figure"
        )
