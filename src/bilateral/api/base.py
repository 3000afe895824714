"""What every query of the store shares: territories, engines, currency conversion."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bilateral.engine import DuckDBEngine, connect
from bilateral.errors import (
    InvalidArgumentError,
    NoDataError,
    RateNotAvailableError,
)
from bilateral.query.currency import RATES_TABLE
from bilateral.query.missing import Need, holdings_sql, missing_data
from bilateral.query.sectors import UNMAPPED_CODE, Scheme
from bilateral.query.selection import selection
from bilateral.query.valuation import BasisKey, ImportBasis, import_bases, import_bases_sql
from bilateral.reference import Territory
from bilateral.reference.products import describe_product
from bilateral.reference.registry import ReferenceData
from bilateral.reference.sectors import Language, division_title
from bilateral.reference.trade_classes import bec_category_title, sitc_section_title
from bilateral.results import StoreInfo
from bilateral.schema import ImportValuation
from bilateral.sources import FORMATS
from bilateral.store import LiveTables, snapshot
from bilateral.store.info import store_info
from bilateral.years import describe_years

Years = int | str | Iterable[int] | None
AsOf = int | str | datetime | None


class StoreBase:
    """The store's folder, tables and engine, and the helpers every query uses."""

    root: Path
    _live: LiveTables | None
    _engine: DuckDBEngine | None

    @property
    def _tables(self) -> LiveTables:
        """Return the store's tables as published, opened on first use."""
        if self._live is None:
            self._live = LiveTables(self.root)
        return self._live

    def info(self) -> StoreInfo:
        """Return what the store holds: sources, years, rows, vintages, size."""
        return store_info(self.root)

    @property
    def reference(self) -> ReferenceData:
        """Return the store's reference tables: packaged core tables and official ones loaded."""
        return ReferenceData(self.root / "reference")

    def resolve(self, text: str) -> Territory:
        """Return the territory `text` names, regions of a loaded NUTS list included."""
        return self.reference.resolve(text)

    def _convert_to(self, engine: DuckDBEngine, currency: str | None) -> str | None:
        """Check `currency` and give the engine the rates to convert to it (None: as published)."""
        if currency is None:
            return None
        code = currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise InvalidArgumentError("currency", currency, "a currency code such as EUR or USD")
        rates = self.reference.rates()
        if code not in rates.currencies:
            raise RateNotAvailableError(code, "any period", [", ".join(rates.currencies)])
        engine.register(RATES_TABLE, rates.conversion_table(rates.currencies))
        return code

    def _converted_rows(
        self, rows: builtins.list[dict[str, Any]], target: str | None
    ) -> builtins.list[dict[str, Any]]:
        missing = sorted({int(row["year"]) for row in rows if row["unconverted"]})
        if target is not None and missing:
            rates = self.reference.rates()
            raise RateNotAvailableError(
                f"{target} (or a source currency)",
                "some periods of " + describe_years(missing),
                [f"rates of {', '.join(rates.currencies)}; see `bilateral reference list`"],
            )
        return rows

    def _conversion(self, target: str | None) -> str | None:
        """Say how values were converted to `target` (None when they were not)."""
        if target is None:
            return None
        loaded = ", ".join(f"{e.name} {e.edition}" for e in self.reference.rates().provenance)
        return (
            f"values converted to {target} at the ECB euro reference rates averaged over each "
            f"row's period (month or year) before summing; rates from {loaded}"
        )

    def _conversion_notes(self, target: str | None) -> builtins.list[str]:
        conversion = self._conversion(target)
        return [] if conversion is None else [conversion + "."]

    def _pair(self, reporter: str, partner: str) -> tuple[Territory, Territory]:
        first, second = self.resolve(reporter), self.resolve(partner)
        if first.code == second.code:
            raise InvalidArgumentError("partner", partner, f"a territory other than {first.name}")
        return first, second

    def _engine_for(self, as_of: AsOf) -> DuckDBEngine:
        if as_of is not None:
            return connect(snapshot(self.root, _as_of(as_of)))
        current = self._tables.current()
        if self._engine is None or self._engine.snapshot.versions != current.versions:
            if self._engine is not None:
                self._engine.close()
            self._engine = connect(current)
        return self._engine

    def _import_bases(
        self,
        engine: DuckDBEngine,
        sources: Iterable[str],
        years: Sequence[int],
        pair: tuple[Territory, Territory],
    ) -> tuple[dict[BasisKey, ImportBasis], dict[str, ImportValuation]]:
        """Return the basis of each published import value, and each source's import valuation.

        Only sources that value imports both ways need the query; groups have no one basis.
        """
        traits = {f.name: f.import_valuation for f in FORMATS}
        both = tuple(sorted({source for source in sources if traits.get(source) == "both"}))
        first, second = pair
        if not both or first.kind == "group" or second.kind == "group":
            return {}, traits
        sql = import_bases_sql(first.code, second.code, tuple(years), both, dialect=engine.dialect)
        return import_bases(engine.execute_sql(sql).to_pylist()), traits

    def _no_data(
        self, first: Territory, second: Territory, years: list[int] | None, need: Need = "trade"
    ) -> NoDataError:
        """Return the error that says what the store lacks for the pair (`query.missing`)."""
        engine = self._engine_for(None)
        sql = holdings_sql(selection(first), selection(second), dialect=engine.dialect)
        holdings = engine.execute_sql(sql).to_pylist()
        held = "; ".join(f"{s.source} {s.years}" for s in self.info().sources)
        return missing_data(holdings, first, second, years, held or "nothing yet", need)


def _as_of(as_of: int | str | datetime) -> int | datetime:
    if isinstance(as_of, int | datetime):
        return as_of
    text = as_of.strip()
    if text.isdigit():
        return int(text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArgumentError(
            "as_of", as_of, "a store version number or an ISO date/time such as 2024-03-01"
        ) from None


def sector_title(scheme: Scheme, language: Language) -> Callable[[str], str]:
    """Return the function that titles a sector code of `scheme` in `language`."""
    if scheme == "cpa":
        return lambda code: division_title(code, language)
    if scheme in ("sitc", "bec"):
        name = sitc_section_title if scheme == "sitc" else bec_category_title
        return lambda code: "not in the correlation table" if code == UNMAPPED_CODE else name(code)
    return lambda code: describe_product(code, "HS2022")
