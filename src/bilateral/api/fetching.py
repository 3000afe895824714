"""Fetching from the publishers into the store: `Store.fetch_comext`, `Store.fetch_comtrade`.

Each method downloads exactly the files a question needs (or finds them in the fetch cache),
ingests each with the publisher's release date as its vintage, and reports file by file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.api.base import StoreBase, Years
from bilateral.errors import InvalidArgumentError, UnknownTerritoryError
from bilateral.fetch import Fetched, Fetcher, Progress, default_cache_dir
from bilateral.fetch.comext_bulk import fetch_archive, fetch_inventory, select_files
from bilateral.fetch.comtrade_api import (
    KEY_HEADER,
    ComtradeQuery,
    Frequency,
    SliceAnswer,
    check_products,
    fetch_slices,
)
from bilateral.fetch.endpoints import COMTRADE_KEY_VARIABLE, comext_url, comtrade_url
from bilateral.reference import Territory
from bilateral.reference.code_systems import from_canonical
from bilateral.results.fetch import FetchedFile, FetchReport
from bilateral.results.store import IngestReport
from bilateral.years import parse_years


class FetchQueries(StoreBase):
    """Store methods that fetch publishers' files and ingest them."""

    if TYPE_CHECKING:

        def ingest(self, path: str | Path, *, vintage: str | None = None) -> IngestReport: ...

    def fetch_comext(
        self,
        years: Years,
        *,
        monthly: bool = False,
        offline: bool = False,
        base_url: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> FetchReport:
        """Fetch Comext full_v2 bulk archives (annual, or each month) and ingest them.

        The publisher's inventory gives each archive's size and release date: the download is
        checked against the size and its CRCs, and the rows are stored with that date as their
        vintage. A year the inventory does not list raises an error naming the nearest ones.
        """
        wanted = _years(years)
        base = comext_url(base_url)
        notes: list[str] = []
        files: list[FetchedFile] = []
        with Fetcher(
            cache_dir or default_cache_dir(), offline=offline, progress=progress
        ) as fetcher:
            inventory, listed = fetch_inventory(fetcher, base)
            notes.append(
                f"Comext inventory {'from the cache' if inventory.from_cache else 'downloaded'} "
                f"({inventory.retrieved}): {len(listed)} full_v2 archives listed"
            )
            chosen, missing = select_files(listed, wanted, monthly=monthly)
            notes.extend(missing)
            for entry in chosen:
                fetched = fetch_archive(fetcher, base, entry)
                files.append(self._ingest_fetched(fetched, entry.released, notes))
        notes.append("vintage: each archive's release date in the publisher's inventory")
        return FetchReport("comext", tuple(files), tuple(notes))

    def fetch_comtrade(
        self,
        reporter: str,
        partner: str,
        years: Years,
        *,
        frequency: Frequency = "A",
        products: str = "TOTAL",
        offline: bool = False,
        base_url: str | None = None,
        key: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> FetchReport:
        """Fetch a reporter's trade with a partner from the UN Comtrade Plus API and ingest it.

        The key is `key` or `$COMTRADE_API_KEY`; without one the public preview is used, which
        returns at most 500 records a request (said in the notes). Territories become the
        Comtrade Plus codes valid in each year (Belgium 56 from 1999).
        """
        if frequency not in ("A", "M"):
            raise InvalidArgumentError("frequency", frequency, "A (annual) or M (monthly)")
        first, second = self._pair(reporter, partner)
        key = key or os.environ.get(COMTRADE_KEY_VARIABLE) or None
        query = ComtradeQuery(
            first.code,
            second.code,
            self._comtrade_code("reporter", first),
            self._comtrade_code("partner", second),
            tuple(_years(years)),
            frequency,
            check_products(products),
            keyed=key is not None,
        )
        secret = {KEY_HEADER: key} if key else None
        cache = cache_dir or default_cache_dir()
        with Fetcher(cache, offline=offline, progress=progress, secret_headers=secret) as fetcher:
            answers = fetch_slices(fetcher, comtrade_url(base_url), query)
        notes = _comtrade_notes(query, answers)
        files = [self._ingest_answer(query, answer, notes) for answer in answers]
        return FetchReport("comtrade", tuple(files), tuple(notes))

    def _comtrade_code(self, role: str, territory: Territory) -> ComtradeCode:
        return ComtradeCode(role, territory, self)

    def _ingest_answer(
        self, query: ComtradeQuery, answer: SliceAnswer, notes: list[str]
    ) -> FetchedFile:
        fetched = answer.fetched
        vintage = fetched.last_modified or fetched.retrieved[:10]
        if answer.records == 0:
            slice_text = answer.slice.describe(query.frequency)
            notes.append(f"no data for that request: {query.reporter}–{query.partner} {slice_text}")
            return _fetched_file(fetched, vintage, None)
        return self._ingest_fetched(fetched, vintage, notes)

    def _ingest_fetched(self, fetched: Fetched, vintage: str, notes: list[str]) -> FetchedFile:
        report = self.ingest(fetched.path, vintage=vintage)
        if report.status == "unchanged":
            notes.append(f"{fetched.path.name} was already in the store (same checksum)")
        return _fetched_file(fetched, vintage, report)

    def fetch_comext_api(
        self,
        reporter: str,
        partner: str,
        years: Years,
        *,
        frequency: str = "M",
        products: str | list[str] | tuple[str, ...] | None = None,
        offline: bool = False,
        base_url: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> FetchReport:
        """Fetch a reporter's trade with a partner from the Comext SDMX API (DS-045409), ingest it.

        The question is cut into requests under the API's 5,000,000-cell limit (`products`
        None asks every product); each answer is stored with its LAST UPDATE as vintage, and a
        slice without data is reported as such. The base URL is `base_url`,
        `$BILATERAL_COMEXT_API_URL` or Eurostat's.
        """
        from bilateral.fetch import comext_api

        first, second = self._pair(reporter, partner)
        pieces = comext_api.make_plan(first, second, _years(years), frequency, products)
        cache = cache_dir or default_cache_dir()
        with Fetcher(cache, offline=offline, progress=progress) as fetcher:
            answers = comext_api.fetch_slices(fetcher, comext_api.api_url(base_url), pieces)
        notes = comext_api.answer_notes(answers)
        files = [
            self._ingest_answer_of(answer.request.full_url(), answer.fetched, answer.release, notes)
            for answer in answers
        ]
        return FetchReport("comext_sdmx", tuple(files), tuple(notes))

    def fetch_istat(
        self,
        region: str,
        years: Years,
        *,
        partner: str | None = None,
        offline: bool = False,
        base_url: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> FetchReport:
        """Fetch an Italian territory's annual trade by partner and CPA sector from ISTAT's SDMX.

        `partner` None asks every partner. The dataflows are found in ISTAT's dataflow list by
        their structure, each DSD read first; the one with the finest sector level for the
        territory and partner is asked (the report's notes say what the service offered). The
        base URL is `base_url`, `$BILATERAL_ISTAT_URL` or ISTAT's.
        """
        from bilateral.fetch import istat

        territory = istat.istat_region(region, self.resolve)
        code = istat.istat_territory(territory)
        wanted = _years(years)
        asked = None if partner is None else self.resolve(partner)
        partner_code = istat.istat_partner(asked, wanted)
        cache = cache_dir or default_cache_dir()
        with Fetcher(cache, offline=offline, progress=progress) as fetcher:
            base = istat.istat_url(base_url)
            answer = istat.fetch_regional(fetcher, base, code, partner_code, wanted)
        data = answer.data
        vintage = None if data is None else data.last_modified or data.retrieved[:10]
        notes = istat.region_notes(territory, answer, vintage or "")
        release = vintage if answer.has_rows else None
        url = "" if answer.request is None else answer.request.full_url()
        file = self._ingest_answer_of(url, data, release, notes)
        return FetchReport("istat", (file,), tuple(notes))

    def fetch_imf(
        self,
        reporter: str,
        partner: str | None,
        years: Years,
        *,
        offline: bool = False,
        base_url: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
    ) -> FetchReport:
        """Fetch a country's annual goods trade with a partner from the IMF's IMTS, ingest it.

        Exports FOB and imports CIF in US dollars, as `reporter` declares them; `partner` None
        asks every partner (the World and the IMF's groups included). The DSD is read first
        for the key's order. The base URL is `base_url`, `$BILATERAL_IMF_URL` or the IMF's.
        """
        from bilateral.fetch import imf

        code = imf.imf_code("reporter", self.resolve(reporter))
        other = imf.imf_code("partner", None if partner is None else self.resolve(partner))
        wanted = _years(years)
        cache = cache_dir or default_cache_dir()
        with Fetcher(cache, offline=offline, progress=progress) as fetcher:
            answer = imf.fetch_pair(fetcher, imf.imf_url(base_url), code, other, wanted)
        data = answer.data
        vintage = None if data is None else data.last_modified or data.retrieved[:10]
        notes = imf.pair_notes(answer, vintage or "")
        release = vintage if answer.has_rows else None
        file = self._ingest_answer_of(answer.request.full_url(), data, release, notes)
        return FetchReport("imf", (file,), tuple(notes))

    def _ingest_answer_of(
        self, url: str, fetched: Fetched | None, release: str | None, notes: list[str]
    ) -> FetchedFile:
        """Ingest an SDMX answer with `release` as vintage; an answer without rows is not."""
        if fetched is None:  # HTTP 404, the SDMX services' "no results"
            return FetchedFile(url, "", False, 0, "", None)
        if release is None:
            return _fetched_file(fetched, "", None)
        file = self._ingest_fetched(fetched, release, notes)
        said = () if file.ingest is None else file.ingest.notes
        notes.extend(f"{fetched.path.name}: {note}" for note in said)
        return file


class ComtradeCode:
    """The Comtrade Plus code of a territory in a year (a callable, for `ComtradeQuery`)."""

    def __init__(self, role: str, territory: Territory, store: StoreBase) -> None:
        self.role = role
        self.territory = territory
        self.store = store

    def __call__(self, year: int) -> str:
        """Return the code valid in `year`, or raise naming the argument and the valid codes."""
        if self.territory.kind not in ("country", "former_country", "group"):
            raise InvalidArgumentError(
                self.role, self.territory.name, "a country or WORLD: Comtrade has no regions"
            )
        catalogue = self.store.reference.catalogue
        try:
            return from_canonical("comtrade", self.territory.code, year=year, catalogue=catalogue)
        except UnknownTerritoryError as error:
            raise InvalidArgumentError(
                self.role, self.territory.name, f"a territory with a Comtrade Plus code ({error})"
            ) from None


def _years(years: Years) -> list[int]:
    if years is None:
        raise InvalidArgumentError("years", None, "one or more years, e.g. 2021 or 2020-2021")
    return parse_years(years)


def _fetched_file(fetched: Fetched, vintage: str, report: IngestReport | None) -> FetchedFile:
    url = fetched.request.full_url()
    return FetchedFile(url, str(fetched.path), fetched.from_cache, fetched.size, vintage, report)


def _comtrade_notes(query: ComtradeQuery, answers: list[SliceAnswer]) -> list[str]:
    notes: list[str] = []
    if not query.keyed:
        notes.append(
            f"no Comtrade API key ({COMTRADE_KEY_VARIABLE}): used the public preview, which "
            f"returns at most {query.limit} records a request"
        )
    for answer in answers:
        if answer.cut_off:
            notes.append(
                f"{answer.slice.describe(query.frequency)}: exactly {answer.records} records, "
                "the most one request returns: probably cut off"
                + ("" if query.keyed else "; set COMTRADE_API_KEY for the full data API")
            )
    dated = sum(answer.fetched.last_modified is not None for answer in answers)
    if dated == len(answers):
        notes.append("vintage: the date of each response's Last-Modified header")
    elif dated == 0:
        notes.append("vintage: the retrieval date, as the API sent no Last-Modified date")
    else:
        notes.append("vintage: the Last-Modified date where the API sent one, else retrieval date")
    return notes
