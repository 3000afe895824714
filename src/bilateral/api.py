"""The facade: open a store, ingest files, ask for profiles.

>>> import bilateral, tempfile
>>> store = bilateral.open(tempfile.mkdtemp())
>>> store.info().flows_version
0
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from bilateral.engine import DuckDBEngine, connect
from bilateral.errors import (
    InvalidArgumentError,
    NoDataError,
    RateNotAvailableError,
    StoreError,
)
from bilateral.query.currency import RATES_TABLE
from bilateral.query.links import cn_cpa_links_sql
from bilateral.query.profile import build_profile, pair_years_sql, profile_sql
from bilateral.query.provenance import provenance
from bilateral.query.sectors import SCHEMES, Scheme, build_sectors, sectors_sql
from bilateral.query.regional import build_region_share
from bilateral.query.selection import group_notes, selection
from bilateral.query.weights import product_weights_sql
from bilateral.reference import Territory, get
from bilateral.reference.concordances import Conversion, OnUnmapped, convert_between
from bilateral.reference.products import describe_product
from bilateral.reference.registry import ReferenceData
from bilateral.reference.sectors import Language, division_title
from bilateral.results.regional import RegionShare
from bilateral.results import (
    History,
    IngestReport,
    ProductLink,
    ProductLinks,
    Profile,
    Sectors,
    StoreInfo,
)
from bilateral.sources import FORMATS, ReadOptions
from bilateral.store import Progress, default_location, ensure_tables, ingest_file, snapshot
from bilateral.store.info import store_history, store_info
from bilateral.store.layout import TableName
from bilateral.store.tables import LiveTables
from bilateral.years import describe_years, parse_years

Years = int | str | Iterable[int] | None
AsOf = int | str | datetime | None


def open(path: str | Path | None = None) -> Store:
    """Open (creating if needed) the store at `path`, `$BILATERAL_STORE` or the user data dir."""
    return Store(Path(path).expanduser() if path is not None else default_location())


class Store:
    """A bilateral store: Delta Lake tables of trade flows, with their rollups and ingest log."""

    def __init__(self, root: Path) -> None:
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is a file, not a store folder; give a folder path")
        root.mkdir(parents=True, exist_ok=True)
        ensure_tables(root)
        self.root = root
        self._tables = LiveTables(root)
        self._engine: DuckDBEngine | None = None

    def __repr__(self) -> str:
        return f"<bilateral.Store {self.root}>"

    def ingest(
        self,
        path: str | Path,
        *,
        vintage: str | None = None,
        synthetic: bool = False,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Ingest one file (format detected from its header) in one commit, or change nothing.

        The same file twice is reported `unchanged`; a file covering periods already stored
        replaces them (`revised`) and the earlier figures stay readable with `as_of`.
        """
        options = ReadOptions(vintage=vintage, synthetic=synthetic, resolve=self.resolve)
        return ingest_file(self.root, Path(path), options, progress)

    def profile(
        self,
        reporter: str,
        partner: str,
        years: Years = None,
        *,
        as_of: AsOf = None,
        currency: str | None = None,
    ) -> Profile:
        """Return the pair's yearly exports, imports, total, balance and growth, in every view.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> demo_2021 = write_demo_files(folder)[4]
        >>> store.ingest(demo_2021, synthetic=True).status
        'added'
        >>> row = store.profile("Italy", "BE", years=2021).rows[0]
        >>> row.view, round(row.exports / 1e9, 1), row.coverage
        ('reported by Italy', 17.6, 'annual')

        `currency` (e.g. "USD") converts each row at its period's ECB average rate before the
        sums; the rates must be loaded (`bilateral reference fetch ecb_daily`).
        """
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(as_of)
        target = self._convert_to(engine, currency)
        pair = {"from_flows": as_of is not None, "dialect": engine.dialect}
        chosen = selection(first), selection(second)
        if years is None:
            found = engine.execute_sql(pair_years_sql(*chosen, **pair))
            wanted = [int(year) for year in found.column("year").to_pylist()]
        else:
            wanted = parse_years(years)
        if not wanted:
            raise self._no_data(first, second, None)
        sql = profile_sql(*chosen, tuple(wanted), currency=target, **pair)
        rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
        partial = [f.name for f in FORMATS if not f.complete_products]
        result = build_profile(
            rows, first, second, wanted, partial, None if as_of is None else str(as_of)
        )
        notes = group_notes(rows, first, second, [year for year in wanted if year in result.years])
        notes.extend(self._conversion_notes(target))
        origin = provenance(rows, (first, second), describe_years(wanted), self._conversion(target))
        result = dataclasses.replace(result, notes=(*result.notes, *notes), provenance=origin)
        if not result.rows:
            raise self._no_data(first, second, wanted)
        return result

    def sectors(
        self,
        reporter: str,
        partner: str,
        year: int,
        *,
        scheme: Scheme = "cpa",
        top: int | None = None,
        language: Language = "en",
        currency: str | None = None,
    ) -> Sectors:
        """Return the pair's trade in `year` by CPA 2.1 division or HS chapter, in every view.

        Each view and flow is ranked by value with its share and growth on the year before;
        sectors beyond `top` are summed as `other`, and confidential products are a line of
        their own.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> for path in write_demo_files(folder)[3:5]:
        ...     _ = store.ingest(path, synthetic=True)
        >>> top = store.sectors("IT", "BE", 2021, top=3).rows[0]
        >>> top.flow, top.code, top.title
        ('export', '21', 'Basic pharmaceutical products and pharmaceutical preparations')
        """
        if scheme not in SCHEMES:
            raise InvalidArgumentError("scheme", scheme, f"one of {', '.join(SCHEMES)}")
        if top is not None and top < 1:
            raise InvalidArgumentError("top", top, "a number of sectors >= 1")
        first, second = self._pair(reporter, partner)
        engine = self._engine_for(None)
        target = self._convert_to(engine, currency)
        sql = sectors_sql(
            selection(first),
            selection(second),
            year,
            scheme,
            dialect=engine.dialect,
            currency=target,
        )
        rows = self._converted_rows(engine.execute_sql(sql).to_pylist(), target)
        result = build_sectors(
            rows, first, second, year, scheme, _sector_title(scheme, language), top
        )
        if not result.rows:
            raise self._no_data(first, second, [year])
        notes = (
            *result.notes,
            *group_notes(rows, first, second, [year]),
            *self._conversion_notes(target),
        )
        origin = provenance(
            [r for r in rows if r["year"] == year],
            (first, second),
            str(year),
            self._conversion(target),
        )
        return dataclasses.replace(result, notes=notes, provenance=origin)

    def region_share(
        self, region: str, partner: str, years: Years = None, *, currency: str | None = None
    ) -> RegionShare:
        """Return a region's trade with `partner` beside its country's, and the region's share.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files, write_regional_demo_file
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> _ = store.ingest(write_demo_files(folder)[4], synthetic=True)
        >>> _ = store.ingest(write_regional_demo_file(folder), synthetic=True)
        >>> row = store.region_share("Emilia-Romagna", "BE", 2021).rows[0]
        >>> round(row.exports_share, 3)
        0.119
        """
        territory = self.resolve(region)
        if territory.kind != "region" or territory.country is None:
            raise InvalidArgumentError(
                "region", region, f"a region (ITH5, Emilia-Romagna); {territory.name} is not"
            )
        country = get(territory.country)
        regional = self.profile(region, partner, years, currency=currency)
        national = self.profile(country.code, partner, regional.years, currency=currency)
        result = build_region_share(territory, country, regional, national)
        if not result.rows:
            raise self._no_data(country, self.resolve(partner), list(regional.years))
        sources = [*(regional.provenance, national.provenance)]
        origin = dataclasses.replace(
            regional.provenance,
            sources=tuple(sorted({s for p in sources if p for s in p.sources})),
            vintages=tuple(sorted({v for p in sources if p for v in p.vintages})),
            territories=(*regional.provenance.territories, f"{country.name} ({country.code})"),
        ) if regional.provenance else None
        return dataclasses.replace(result, provenance=origin)

    def cn_cpa_links(self, year: int | None = None) -> ProductLinks:
        """Return the CN8 -> CPA 2.1 links that the ingested Comext bulk rows carried.

        Each full_v2 row gives its CN8 line's CPA code; the store keeps them by year, so the
        correspondence of any year with data is known exactly, with the value behind it.
        """
        engine = self._engine_for(None)
        rows = engine.execute_sql(cn_cpa_links_sql(year, dialect=engine.dialect)).to_pylist()
        return ProductLinks(
            tuple(
                ProductLink(
                    int(r["year"]),
                    r["cn8"],
                    r["cpa"],
                    float(r["value"]),
                    int(r["rows"]),
                    float(r["share"]),
                )
                for r in rows
            )
        )

    def convert_products(
        self,
        values: pa.Table,
        source: str,
        target: str,
        *,
        weights_year: int | None = None,
        on_unmapped: OnUnmapped = "raise",
    ) -> Conversion:
        """Convert `values` (columns product, value) between HS2022, HS2017, HS2012, SITC4, BEC4.

        A code that maps to several codes is split by the store's trade in those codes in
        `weights_year` (a year whose data is in the target classification), or equally without
        it; such rows are flagged `ambiguous`, and the converted total equals the original.
        """
        weights = None
        if weights_year is not None:
            engine = self._engine_for(None)
            sql = product_weights_sql(weights_year, 6, dialect=engine.dialect)
            weights = engine.execute_sql(sql)
            if weights.num_rows == 0:
                raise NoDataError(
                    f"the store has no product detail in {weights_year} to weight the split; "
                    "give another year or none (equal split)"
                )
        return convert_between(
            values,
            source,
            target,
            self.reference.catalogue,
            weights=weights,
            on_unmapped=on_unmapped,
        )

    def info(self) -> StoreInfo:
        """Return what the store holds: sources, years, rows, vintages, size."""
        return store_info(self.root)

    def history(self) -> History:
        """Return the ingests that changed the store, oldest first."""
        return store_history(self.root)

    def snapshot_files(self, table: TableName = "flows") -> builtins.list[str]:
        """Return the Parquet files of a table's current snapshot (for other engines)."""
        return self._tables.current().files[table]

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

    def _no_data(self, first: Territory, second: Territory, years: list[int] | None) -> NoDataError:
        period = "" if years is None else " in " + describe_years(years)
        held = self.info().sources
        what = "; ".join(f"{s.source} {s.years}" for s in held) or "nothing yet"
        return NoDataError(
            f"the store has no trade between {first.name} ({first.code}) and "
            f"{second.name} ({second.code}){period}; it holds {what}. "
            "Ingest a file that covers them with `bilateral ingest`."
        )


def _sector_title(scheme: Scheme, language: Language) -> Callable[[str], str]:
    if scheme == "cpa":
        return lambda code: division_title(code, language)
    return lambda code: describe_product(code, "HS2022")


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
