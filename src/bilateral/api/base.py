"""What every part of the store shares: its folder, reference tables, territories, pipeline."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from bilateral.api.arguments import AsOf
from bilateral.api.pipeline import Pipeline
from bilateral.errors import InvalidArgumentError, NoDataError
from bilateral.query.missing import Need
from bilateral.reference import Territory
from bilateral.reference.registry import ReferenceData
from bilateral.results import StoreInfo
from bilateral.store.info import store_info

__all__ = ["AsOf", "StoreBase", "Years"]

Years = int | str | Iterable[int] | None


class StoreBase:
    """The store's folder, reference and pipeline, and what every query asks of the store."""

    root: Path
    _pipeline: Pipeline

    def info(self) -> StoreInfo:
        """Return what the store holds: sources, years, rows, vintages, size."""
        return store_info(self.root)

    @functools.cached_property
    def reference(self) -> ReferenceData:
        """Return the store's reference tables: packaged core tables and official ones loaded.

        One for the store's life: its catalogue reads the folder's manifest at each question
        and keeps a table read until its file changes, so tables loaded since are seen."""
        return ReferenceData(self.root / "reference")

    def resolve(self, text: str) -> Territory:
        """Return the territory `text` names, regions of a loaded NUTS list included."""
        return self.reference.resolve(text)

    def _pair(self, reporter: str, partner: str) -> tuple[Territory, Territory]:
        first, second = self.resolve(reporter), self.resolve(partner)
        if first.code == second.code:
            raise InvalidArgumentError("partner", partner, f"a territory other than {first.name}")
        return first, second

    def _no_data(
        self, first: Territory, second: Territory, years: list[int] | None, need: Need = "trade"
    ) -> NoDataError:
        """Return the error that says what the store lacks for the pair (`query.missing`)."""
        return self._pipeline.missing(first, second, years, need)
