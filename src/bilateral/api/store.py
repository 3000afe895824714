"""The facade: open a store, ingest files, ask for profiles, sectors, partners, series...

>>> import bilateral, tempfile
>>> store = bilateral.open(tempfile.mkdtemp())
>>> store.info().flows_version
0
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from bilateral.api.base import StoreBase
from bilateral.api.brief import BriefQueries
from bilateral.api.claims import ClaimQueries
from bilateral.api.events import EventImports
from bilateral.api.fetching import FetchQueries
from bilateral.api.maintenance import MaintenanceQueries
from bilateral.api.pipeline import Ask, Pipeline
from bilateral.api.queries import CN_CPA_LINKS, PRODUCT_WEIGHTS
from bilateral.api.questions import Questions
from bilateral.engine import EngineChoice, EngineFactory, engine_factory
from bilateral.engine.distributed import SessionChoice, ingest_on_spark
from bilateral.errors import (
    NoDataError,
    StoreError,
    StoreParentError,
)
from bilateral.results import History, IngestReport, ProductLinks
from bilateral.store import default_location
from bilateral.store.creation import check_logs, missing_tables
from bilateral.store.info import store_history
from bilateral.store.layout import TableName, holds_store, stores_within
from bilateral.store.lock import OnWait
from bilateral.store.writer import StoreWriter

if TYPE_CHECKING:
    # The write path (source readers, polars) and conversions load when they are used.
    from bilateral.reference.concordances import Conversion, OnUnmapped
    from bilateral.store.ingest import Progress


def open(path: str | Path | None = None, *, engine: EngineChoice = None) -> Store:
    """Open (creating if needed) the store at `path`, `$BILATERAL_STORE` or the user data dir.

    Queries run on `engine`: a name ("duckdb", "spark"), a `pyspark.sql.SparkSession` to run
    on, or a function that opens an `Engine` on a store snapshot (`bilateral.engine.spark_engine`
    chooses a Spark master); by default `$BILATERAL_ENGINE`, else DuckDB.

    >>> import bilateral, tempfile
    >>> bilateral.open(tempfile.mkdtemp(), engine="sqlite")
    Traceback (most recent call last):
    ...
    bilateral.errors.InvalidArgumentError: invalid engine 'sqlite': expected one of duckdb, spark
    """
    factory = engine_factory(engine)
    location = Path(path).expanduser() if path is not None else default_location()
    return Store(location, engine=factory)


class Store(
    BriefQueries,  # composed of queries: the brief
    ClaimQueries,  # composed of queries: the claim check
    Questions,  # every query, each run through the pipeline
    EventImports,  # writes: events files
    FetchQueries,  # writes: downloads ingested
    MaintenanceQueries,  # writes: verify, repair, vacuum
    StoreBase,
):
    """A bilateral store: Delta Lake tables of trade flows, with their rollups and ingest log."""

    def __init__(
        self, root: Path, *, check_tables: bool = True, engine: EngineFactory | None = None
    ) -> None:
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is a file, not a store folder; give a folder path")
        if check_tables and not holds_store(root) and (within := stores_within(root)):
            raise StoreParentError(root, within)
        root.mkdir(parents=True, exist_ok=True)
        if check_tables:
            if missing_tables(root):
                with StoreWriter(root, "creation of the store's tables"):
                    pass  # the writer creates the missing tables under the lock
            check_logs(root)
        self.root = root
        self._pipeline = Pipeline(self, engine or engine_factory())

    @classmethod
    def for_repair(cls, root: Path, *, engine: EngineFactory | None = None) -> Store:
        """Open a store that may be damaged, to `verify` or `repair` it (nothing is checked)."""
        return cls(root, check_tables=False, engine=engine)

    def __repr__(self) -> str:
        return f"<bilateral.Store {self.root}>"

    def ingest(
        self,
        path: str | Path,
        *,
        vintage: str | None = None,
        synthetic: bool = False,
        progress: Progress | None = None,
        member: str | None = None,
        wait: float | None = None,
        on_wait: OnWait | None = None,
    ) -> IngestReport:
        """Ingest one file (format detected from its header) in one commit, or change nothing.

        The same file twice is reported `unchanged`; a file covering periods already stored
        replaces them (`revised`) and the earlier figures stay readable with `as_of`. `member`
        names one data file of an archive that holds several (see `archive_members`).

        Writers of one store take turns: while another process writes, this one waits up to
        `wait` seconds (None: `$BILATERAL_LOCK_WAIT`, or as long as needed), calling `on_wait`
        once with who holds the store; then `StoreBusyError`.
        """
        from bilateral.sources import ReadOptions
        from bilateral.store.ingest import WriteOptions, ingest_file

        options = ReadOptions(vintage=vintage, synthetic=synthetic, resolve=self.resolve)
        writing = WriteOptions(wait=wait, on_wait=on_wait)
        return ingest_file(self.root, Path(path), options, progress, member, writing)

    def ingest_on_spark(
        self,
        paths: Sequence[str | Path | tuple[str | Path, str | None]],
        *,
        vintage: str | None = None,
        spark_master: str | None = None,
        session: SessionChoice = None,
        wait: float | None = None,
        on_wait: OnWait | None = None,
    ) -> builtins.list[IngestReport]:
        """Ingest many files at once on Spark: read in parallel on its executors, one commit.

        Each file is read by the same reader as `ingest`, on an executor; Spark computes the
        rollups; the store is then changed in one write that publishes every file or none (a
        bad file raises its error and nothing is written). A path may be a pair (archive,
        member). The session is `session`, else one of `spark_master` (`local[4]`,
        `spark://host:7077`), else `$SPARK_REMOTE`'s, the active one, or `local[*]`. The store
        must be in a folder that the executors reach too.
        """
        units = [(Path(p[0]), p[1]) if isinstance(p, tuple) else (Path(p), None) for p in paths]
        return ingest_on_spark(
            self.root,
            units,
            vintage=vintage,
            wait=wait,
            on_wait=on_wait,
            master=spark_master,
            session=session,
        )

    def archive_members(self, path: str | Path) -> builtins.list[str]:
        """Return the data files of an archive, each ingested on its own; [] for a plain file.

        >>> import bilateral, tempfile, zipfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> with zipfile.ZipFile(folder / "BACI_HS92_V202301.zip", "w") as release:
        ...     for name in ("BACI_HS92_Y2020_V202301.csv", "BACI_HS92_Y2021_V202301.csv",
        ...                  "country_codes_V202301.csv", "Readme.txt"):
        ...         release.writestr(name, "t,i,j,k,v,q")
        >>> bilateral.open(folder / "store").archive_members(folder / "BACI_HS92_V202301.zip")
        ['BACI_HS92_Y2020_V202301.csv', 'BACI_HS92_Y2021_V202301.csv']
        """
        from bilateral.sources.archive import data_members, is_archive

        path = Path(path)
        if not path.is_file() or not is_archive(path):
            return []
        return [member.name for member in data_members(path)]

    def cn_cpa_links(self, year: int | None = None) -> ProductLinks:
        """Return the CN8 -> CPA 2.1 links that the ingested Comext bulk rows carried.

        Each full_v2 row gives its CN8 line's CPA code; the store keeps them by year, so the
        correspondence of any year with data is known exactly, with the value behind it.
        """
        return self._pipeline.run(CN_CPA_LINKS, Ask(()), year)

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
        from bilateral.reference.concordances import convert_between

        weights = None
        if weights_year is not None:
            weights = self._pipeline.run(PRODUCT_WEIGHTS, Ask(()), weights_year)
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

    def history(self) -> History:
        """Return the ingests that changed the store, oldest first."""
        return store_history(self.root)

    def versions(self) -> dict[TableName, int]:
        """Return each table's version in the store's published snapshot (changes on ingest)."""
        return dict(self._pipeline.current().versions)

    def snapshot_files(self, table: TableName = "flows") -> builtins.list[str]:
        """Return the Parquet files of a table's current snapshot (for other engines)."""
        return self._pipeline.current().files[table]
