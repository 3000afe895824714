"""The one way every query runs, through an `Engine` it never names.

resolve (by the caller) -> engine for the snapshot -> currency -> selections -> years ->
the query's own SQL and result (its `Query`) -> no-data check -> notes -> provenance.

A query is described as data (`Query`: whether it finds the pair's years, how it reads and
builds its figures, how it says there is no data); `Pipeline.run` does every other step for
all of them, so currency checks, import bases, group and conversion notes and provenance are
made here once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import pyarrow as pa

from bilateral.api.arguments import AsOf, parse_as_of
from bilateral.engine import Engine, EngineFactory
from bilateral.errors import InvalidArgumentError, NoDataError, RateNotAvailableError
from bilateral.query.currency import RATES_TABLE
from bilateral.query.missing import Need, holdings_sql, missing_data
from bilateral.query.profile import pair_years_sql
from bilateral.query.provenance import provenance
from bilateral.query.selection import Selection, group_notes, selection
from bilateral.query.valuation import BasisKey, ImportBasis, import_bases, import_bases_sql
from bilateral.reference import Territory
from bilateral.reference.registry import ReferenceData
from bilateral.results import StoreInfo
from bilateral.results.notes import Note
from bilateral.schema import ImportValuation
from bilateral.sources import FORMATS
from bilateral.store import LiveTables, Snapshot, snapshot
from bilateral.years import describe_years

R = TypeVar("R")
O = TypeVar("O")  # noqa: E741 (the options of one query)
Rows = list[dict[str, Any]]


class StoreFacts(Protocol):
    """What the pipeline asks of the store it serves."""

    root: Path

    @property
    def reference(self) -> ReferenceData: ...

    def info(self) -> StoreInfo: ...


@dataclass(frozen=True)
class Ask:
    """What the caller asks of every query: territories (resolved) and the shared options."""

    territories: tuple[Territory, ...]
    years: Sequence[int] | None = None
    as_of: AsOf = None
    currency: str | None = None


@dataclass(frozen=True)
class Answer(Generic[R]):
    """What a query's own step gives the pipeline: its result and what to note and cite."""

    result: R
    rows: Sequence[Mapping[str, Any]] = ()  # read rows: group notes look at their reporters
    cited: Sequence[Mapping[str, Any]] | None = None  # rows the figures come from; None: none
    period: str = ""  # the period the provenance names
    notes: Sequence[str] = ()  # the query's notes after the result's own
    group_years: Sequence[int] | None = None  # years whose group notes apply; None: no notes
    empty: bool = False  # no figures: the pipeline raises the query's no-data error
    years: Sequence[int] | None = None  # the years asked, for the no-data error


@dataclass(frozen=True)
class Query(Generic[O, R]):
    """One query as data: its name, its own step, and how it finds years and says no data."""

    name: str
    figures: Callable[[Run, O], Answer[R]]
    held_years: bool = False  # no years given: the years the store holds for the pair
    no_data: Callable[[Run, O], NoDataError] | None = None  # None: the pair's message


@dataclass
class Run:
    """One query passing through the pipeline: its engine, currency, selections and years."""

    pipeline: Pipeline
    territories: tuple[Territory, ...]
    engine: Engine
    snapshot: Snapshot
    target: str | None
    as_of: AsOf
    years: tuple[int, ...] = ()
    selections: tuple[Selection, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.selections = tuple(selection(territory) for territory in self.territories)

    @property
    def reference(self) -> ReferenceData:
        return self.pipeline.store.reference

    def table(self, build: Callable[..., str], *args: Any, **options: Any) -> pa.Table:
        """Run the SQL `build(*args, dialect=..., **options)` and return its result."""
        return self.engine.execute_sql(build(*args, dialect=self.engine.dialect, **options))

    def read(self, build: Callable[..., str], *args: Any, **options: Any) -> Rows:
        """Run the SQL `build(*args, dialect=..., **options)` and return its rows."""
        return self.engine.execute_rows(build(*args, dialect=self.engine.dialect, **options))

    def read_snapshot_wide(self, build: Callable[..., str], *args: Any, **options: Any) -> Rows:
        """Return the rows of SQL that reads no territory of the question (the store's world):
        read once per published snapshot and kept while it is current."""
        if self.as_of is not None:
            return self.read(build, *args, **options)
        sql = build(*args, dialect=self.engine.dialect, **options)
        kept = self.pipeline.snapshot_wide
        if (self.engine, sql) not in kept:
            kept[self.engine, sql] = self.engine.execute_sql(sql).to_pylist()
        return list(kept[self.engine, sql])

    def converted(self, build: Callable[..., str], *args: Any, **options: Any) -> Rows:
        """Run a query whose values are converted to the asked currency; check every row was."""
        return self.checked(self.read(build, *args, currency=self.target, **options))

    def checked(self, rows: Rows) -> Rows:
        """Return `rows` (with an `unconverted` column) once every one was converted."""
        missing = sorted({int(row["year"]) for row in rows if row["unconverted"]})
        if self.target is not None and missing:
            rates = self.reference.rates()
            raise RateNotAvailableError(
                f"{self.target} (or a source currency)",
                "some periods of " + describe_years(missing),
                [f"rates of {', '.join(rates.currencies)}; see `bilateral reference list`"],
            )
        return rows

    def held_years(self) -> tuple[int, ...]:
        """Return the years the store holds for the pair (from the rollups, or the flows as of)."""
        rows = self.read(pair_years_sql, *self.selections, from_flows=self.as_of is not None)
        return tuple(int(row["year"]) for row in rows)

    def holds(self, sources: Iterable[str]) -> bool:
        """Say whether the snapshot's flows hold rows of any of `sources`."""
        return not self.snapshot.sources().isdisjoint(sources)

    def import_bases(
        self, sources: Collection[str], years: Sequence[int]
    ) -> tuple[dict[BasisKey, ImportBasis], dict[str, ImportValuation]]:
        """Return the basis of each published import value, and each source's import valuation.

        Only sources that value imports both ways need the query. A group's basis is that of
        the source's own published rows of the group (Comtrade's World), where it has them; a
        sum of members' rows has no one basis and is found none.
        """
        traits = {f.name: f.import_valuation for f in FORMATS}
        both = tuple(sorted({source for source in sources if traits.get(source) == "both"}))
        first, second = self.territories
        if not both:
            return {}, traits
        rows = self.read(import_bases_sql, first.code, second.code, tuple(years), both)
        return import_bases(rows), traits

    def no_data(self, years: Sequence[int] | None, need: Need = "trade") -> NoDataError:
        """Return the error saying what the store lacks for the pair (in `years`)."""
        first, second = self.territories
        holdings = self.read(holdings_sql, *self.selections)
        asked = None if years is None else list(years)
        return missing_data(holdings, first, second, asked, self.held(), need)

    def held(self) -> str:
        """Say what the store holds, source by source ("nothing yet" when empty)."""
        sources = self.pipeline.store.info().sources
        return "; ".join(f"{s.source} {s.years}" for s in sources) or "nothing yet"


class Pipeline:
    """Runs every query of one store on the engine of its published (or as-of) snapshot."""

    def __init__(self, store: StoreFacts, factory: EngineFactory) -> None:
        self.store = store
        self.factory = factory
        self._live: LiveTables | None = None
        self._engine: Engine | None = None
        self._snapshot: Snapshot | None = None
        # rows of territory-free SQL on the current snapshot's engine (`read_snapshot_wide`)
        self.snapshot_wide: dict[tuple[Engine, str], Rows] = {}

    def current(self) -> Snapshot:
        """Return the store's latest published snapshot."""
        if self._live is None:
            self._live = LiveTables(self.store.root)
        return self._live.current()

    def missing(
        self, first: Territory, second: Territory, years: Sequence[int] | None, need: Need
    ) -> NoDataError:
        """Return the error saying what the published store lacks for the pair (in `years`)."""
        engine, current = self._current_engine()
        return Run(self, (first, second), engine, current, None, None).no_data(years, need)

    def run(self, query: Query[O, R], ask: Ask, options: O) -> R:
        """Run `query` for `ask`: every step but the query's own is made here."""
        if ask.as_of is not None:
            past = snapshot(self.store.root, parse_as_of(ask.as_of))
            engine = self.factory(past)
            try:
                return self._run(query, ask, options, engine, past)
            finally:
                engine.close()
        engine, current = self._current_engine()
        return self._run(query, ask, options, engine, current)

    def _current_engine(self) -> tuple[Engine, Snapshot]:
        current = self.current()
        if (
            self._engine is None
            or self._snapshot is None
            or (self._snapshot.versions != current.versions)
        ):
            if self._engine is not None:
                self._engine.close()
            self._engine, self._snapshot = None, None
            self.snapshot_wide = {}
            self._engine, self._snapshot = self.factory(current), current
        return self._engine, self._snapshot

    def _run(self, query: Query[O, R], ask: Ask, options: O, engine: Engine, at: Snapshot) -> R:
        target = self._convert_to(engine, ask.currency)
        run = Run(self, ask.territories, engine, at, target, ask.as_of)
        if query.held_years:
            run.years = tuple(ask.years) if ask.years is not None else run.held_years()
            if not run.years:
                raise run.no_data(None)
        elif ask.years is not None:
            run.years = tuple(ask.years)
        answer = query.figures(run, options)
        if answer.empty:
            raise query.no_data(run, options) if query.no_data else run.no_data(answer.years)
        if answer.cited is None:
            return answer.result
        return self._cited(answer, run)

    def _cited(self, answer: Answer[R], run: Run) -> R:
        """Return the result with the group and conversion notes and its provenance."""
        grouped: list[str] = []
        if answer.group_years is not None:
            first, second = run.territories
            grouped = group_notes(answer.rows, first, second, answer.group_years)
        conversion = self._conversion(run.target)
        result: Any = answer.result
        notes = (
            *result.notes,
            *answer.notes,
            *grouped,
            *([] if conversion is None else [conversion + "."]),
        )
        origin = provenance(answer.cited or (), run.territories, answer.period, conversion)
        cited: R = dataclasses.replace(result, notes=notes, provenance=origin)
        return cited

    def _convert_to(self, engine: Engine, currency: str | None) -> str | None:
        """Check `currency` and give the engine the rates to convert to it (None: as published)."""
        if currency is None:
            return None
        code = currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise InvalidArgumentError("currency", currency, "a currency code such as EUR or USD")
        rates = self.store.reference.rates()
        if code not in rates.currencies:
            raise RateNotAvailableError(code, "any period", [", ".join(rates.currencies)])
        engine.register(RATES_TABLE, rates.conversion_table(rates.currencies))
        return code

    def _conversion(self, target: str | None) -> str | None:
        """Say how values were converted to `target` (None when they were not)."""
        if target is None:
            return None
        entries = self.store.reference.rates().provenance
        loaded = ", ".join(
            f"{e.name} {e.edition}" + (" (SYNTHETIC)" if e.synthetic else "") for e in entries
        )
        rates = (
            "SYNTHETIC demo rates in the layout of the ECB's (made up, not the ECB's)"
            if any(e.synthetic for e in entries)
            else "the ECB euro reference rates"
        )
        return Note(
            f"values converted to {target} at {rates} averaged over each "
            f"row's period (month or year) before summing; rates from {loaded}",
            "conversion",
            currency=target,
            rates=loaded,
            synthetic=any(e.synthetic for e in entries),
        )

    def close(self) -> None:
        """Close the engine of the current snapshot, if one is open."""
        if self._engine is not None:
            self._engine.close()
        self._engine, self._snapshot = None, None
        self.snapshot_wide = {}
