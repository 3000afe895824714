"""The reference data of one store: the packaged core tables and the official tables loaded.

`ReferenceData(folder)` is what `Store.reference` returns: it lists every table with its
provenance, imports a folder of publishers' files, fetches them from the publishers, and
builds the resolvers that need loaded tables (regions of every NUTS country, exchange rates).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Final

from bilateral.errors import UnknownTerritoryError
from bilateral.reference import (
    classification_files,
    code_lists,
    concordance_files,
    cpa_titles,
    currencies,
    nuts_files,
    regions,
)
from bilateral.reference.catalogue import (
    Catalogue,
    ImportedTable,
    ImportReport,
    TableSpec,
    specs_by_name,
)
from bilateral.reference.lookup import TerritoryCard, territory_card
from bilateral.reference.territories import Registry, Territory, build_registry

if TYPE_CHECKING:
    from bilateral.reference.fetch import Progress  # with httpx: loaded to fetch only

ALL_TABLE_SPECS: Final[tuple[TableSpec, ...]] = tuple(
    specs_by_name(
        [
            *nuts_files.TABLE_SPECS,
            *code_lists.TABLE_SPECS,
            *classification_files.TABLE_SPECS,
            *cpa_titles.TABLE_SPECS,
            *concordance_files.TABLE_SPECS,
            *currencies.TABLE_SPECS,
        ]
    ).values()
)
_NUTS_ID: Final = re.compile(r"[A-Z]{2}[0-9A-Z]{1,3}")
CORE_PUBLISHER: Final = "bilateral project (PROVENANCE.md)"


@dataclass(frozen=True)
class ReferenceTable:
    """One reference table as `bilateral reference list` shows it."""

    name: str
    status: str  # "core" (packaged), "loaded" or "not loaded"
    title: str
    publisher: str
    edition: str
    rows: int | None
    source: str  # the packaged file, or the file loaded and how (import / fetch)
    sha256: str
    loaded_at: str
    url: str
    synthetic: bool = False  # a made-up file (the demo's), not the publisher's


@functools.cache
def core_tables() -> tuple[ReferenceTable, ...]:
    """Return the packaged core tables: one per CSV in `bilateral/reference/data`."""
    folder = resources.files("bilateral.reference").joinpath("data")
    edition = version("bilateral")
    listed = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".csv"):
            continue
        rows = sum(1 for _ in csv.DictReader(item.read_text(encoding="utf-8").splitlines()))
        name = item.name.removesuffix(".csv")
        listed.append(
            ReferenceTable(
                name=name,
                status="core",
                title=name.replace("_", " "),
                publisher=CORE_PUBLISHER,
                edition=f"bilateral {edition}",
                rows=rows,
                source=f"packaged {item.name}",
                sha256="",
                loaded_at="",
                url="",
            )
        )
    return tuple(listed)


class ReferenceData:
    """The reference tables of one store folder (`None`: the packaged core tables only)."""

    def __init__(self, directory: Path | None) -> None:
        self.catalogue = Catalogue(directory, ALL_TABLE_SPECS)

    def __repr__(self) -> str:
        return f"<bilateral.ReferenceData {self.catalogue.directory}>"

    def tables(self) -> list[ReferenceTable]:
        """Return every table: the core ones, then each official one, loaded or not."""
        loaded = {entry.name: entry for entry in self.catalogue.entries()}
        listed = list(core_tables())
        for spec in sorted(self.catalogue.specs.values(), key=lambda spec: spec.name):
            entry = loaded.get(spec.name)
            listed.append(
                ReferenceTable(
                    name=spec.name,
                    status="not loaded" if entry is None else "loaded",
                    title=spec.title,
                    publisher=spec.publisher,
                    edition="" if entry is None else entry.edition,
                    rows=None if entry is None else entry.rows,
                    source="" if entry is None else f"{entry.method} {entry.file}",
                    sha256="" if entry is None else entry.sha256,
                    loaded_at="" if entry is None else entry.loaded_at,
                    url=spec.url if entry is None else entry.url,
                    synthetic=entry is not None and entry.synthetic,
                )
            )
        return listed

    def import_dir(self, folder: Path) -> ImportReport:
        """Load every publisher's file found under `folder`."""
        return self.catalogue.import_dir(folder)

    def load_synthetic(self, name: str, path: Path) -> ImportedTable:
        """Load a made-up file in table `name`'s layout (the demo's), marked synthetic."""
        return self.catalogue.load(name, path, url=f"synthetic: {path.name}", synthetic=True)

    def fetch(
        self,
        names: Sequence[str] = (),
        *,
        mirror: str | None = None,
        progress: Progress | None = None,
    ) -> list[ImportedTable]:
        """Download the named tables (every fetchable one by default) and load them."""
        from bilateral.reference.fetch import fetch_tables

        return fetch_tables(self.catalogue, names, mirror=mirror, progress=progress)

    def territories(self) -> Registry:
        """Return the territory registry with the regions of the loaded NUTS list."""
        return _registry(self._state())

    def resolve(self, text: str) -> Territory:
        """Resolve `text` to a territory, regions of loaded NUTS lists included."""
        try:
            return self.territories().resolve(text)
        except UnknownTerritoryError as error:
            if self.catalogue.has("nuts2021") or not _NUTS_ID.fullmatch(text.strip().upper()):
                raise
            raise UnknownTerritoryError(
                error.query,
                error.suggestions,
                hint="regions outside Italy are known once the NUTS list is loaded: "
                "run `bilateral reference fetch nuts2021`",
            ) from None

    def territory(self, text: str, year: int | None = None) -> TerritoryCard:
        """Return what is known of the territory `text` names: codes, members, regions."""
        return territory_card(self.resolve(text), self.territories(), self.catalogue, year)

    def rates(self) -> currencies.RateTable:
        """Return the exchange rates loaded (ECB daily and SDMX averages)."""
        return currencies.rates(self.catalogue)

    def _state(self) -> tuple[Path | None, float]:
        directory = self.catalogue.directory
        manifest = None if directory is None else directory / "manifest.json"
        stamp = manifest.stat().st_mtime if manifest is not None and manifest.exists() else 0.0
        return (directory, stamp)


@functools.lru_cache(maxsize=8)
def _registry(state: tuple[Path | None, float]) -> Registry:
    catalogue = Catalogue(state[0], ALL_TABLE_SPECS)
    if catalogue.has("nuts2021"):
        entries = regions.region_entries(catalogue)
    else:
        entries = regions.core_region_entries()
    return build_registry(entries, regions.core_retired_codes())
