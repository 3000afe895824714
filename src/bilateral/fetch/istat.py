"""ISTAT SDMX, dataflow 139_176 (foreign trade by country and ATECO 2007 product): a region's trade.

The dataflow's dimension order changed with its DSD (`DCSP_COEIMPEX1`): the older one is
`FREQ.MERCE_ATECO_2007.PAESE_PARTNER.ITTER107.TIPO_DATO`, the 2025 one
`FREQ.REF_AREA.DATA_TYPE.CPA_ATECO2007_COE.PARTNER_COUNTRY`. So the DSD is read first (the
structure endpoint, SDMX-ML 2.1, parsed with sdmx1's `read_sdmx`) and the series key is built in
its order; then `<base>/data/139_176/<key>?startPeriod=..&endPeriod=..` is asked with
`Accept: text/csv` (part of the cache key), and the SDMX-CSV answer goes to the store's
`istat_sdmx` reader.

What SDMX has: for a region or province, quarterly exports and imports (`EV`, `IV`) with the
world (`WORLD`), product total `0010` only; monthly data only for Italy as a whole. Region x
country x sector figures are not in SDMX: they are in ISTAT's foreign-trade database (Coeweb, now
under esploradati.istat.it/coeweb), whose export `bilateral ingest` reads once downloaded by hand.
A partner other than WORLD is refused saying so, and every report carries that note.

ISTAT codes regions NUTS-2006-style (`ITD5` Emilia-Romagna, not NUTS 2021 `ITH5`):
`istat_territory` bridges them with the reference's NUTS history. sdmx1 parses the DSD (it
knows SDMX-ML 2.1 structure messages); the HTTP goes through `Fetcher` (cache, `--offline`,
retries, redirects from the old host), and the default base URL is sdmx1's `ISTAT` source.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from bilateral.errors import FetchError, InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher
from bilateral.fetch.sdmx_answers import check_markup, no_results, read_head, sdmx_source_url
from bilateral.reference import Territory
from bilateral.reference.regions import core_region_entries, nuts_changes
from bilateral.sources.istat_sdmx import coverage_note

DATAFLOW: Final = "139_176"
DSD: Final = "DCSP_COEIMPEX1"
AGENCY: Final = "IT1"
ISTAT_VARIABLE: Final = "BILATERAL_ISTAT_URL"
CSV: Final = "text/csv"
PARTNERS_OF_REGIONS: Final = ("WORLD",)
Role = Literal["frequency", "territory", "data_type", "product", "partner"]

# Dimension ids of both DSD versions, by what they hold.
ROLES: Final[Mapping[str, Role]] = {
    "FREQ": "frequency",
    "ITTER107": "territory",
    "REF_AREA": "territory",
    "TIPO_DATO": "data_type",
    "DATA_TYPE": "data_type",
    "MERCE_ATECO_2007": "product",
    "CPA_ATECO2007_COE": "product",
    "PAESE_PARTNER": "partner",
    "PARTNER_COUNTRY": "partner",
}
OLD_ORDER: Final = ("FREQ", "MERCE_ATECO_2007", "PAESE_PARTNER", "ITTER107", "TIPO_DATO")
NEW_ORDER: Final = ("FREQ", "REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")
_ISTAT_OWN = re.compile(r"^IT[A-Z0-9]+$")
_STRUCTURE: Final = f"an SDMX-ML 2.1 structure message holding the DSD {AGENCY}:{DSD}"


def istat_url(given: str | None = None) -> str:
    """Return the ISTAT SDMX base: `given`, `$BILATERAL_ISTAT_URL`, or sdmx1's ISTAT URL."""
    return (given or os.environ.get(ISTAT_VARIABLE) or sdmx_source_url("ISTAT")).rstrip("/")


def istat_territory(territory: Territory) -> str:
    """Return ISTAT's territory code (ITTER107) of an Italian region or province.

    ISTAT's own code where the reference has one (`ITDA` Trentino-Alto Adige, `IT108` Monza),
    else the NUTS 2010/2013 code the NUTS 2021 one replaced (`ITD5` for `ITH5`), else the NUTS
    code itself (`ITC4` Lombardia).

    >>> from bilateral.reference import resolve
    >>> [istat_territory(resolve(code)) for code in ("ITH5", "ITH55", "IT-32", "ITC4", "ITC4D")]
    ['ITD5', 'ITD55', 'ITDA', 'ITC4', 'IT108']
    """
    if territory.kind != "region" or territory.country != "ITA":
        raise InvalidArgumentError(
            "region",
            f"{territory.name} ({territory.code})",
            "an Italian region or province (ITH5, Emilia-Romagna, Bologna): ISTAT's SDMX gives "
            "foreign trade by Italian territory",
        )
    for entry in core_region_entries():
        if entry.territory.code == territory.code:
            own = [code for code in entry.codes if _ISTAT_OWN.match(code)]
            if own:
                return own[0]
    recoded = [
        change.code
        for change in nuts_changes(territory.code)
        if change.change == "recoded" and change.code != territory.code
    ]
    return recoded[0] if recoded else territory.code


def check_partner(region: Territory, partner: Territory) -> None:
    """Refuse a partner that ISTAT's SDMX does not give for regions (anything but WORLD)."""
    if partner.code in PARTNERS_OF_REGIONS:
        return
    raise InvalidArgumentError(
        "partner",
        f"{partner.name} ({partner.code})",
        f"WORLD: ISTAT's SDMX has no region x country data, so for {region.name} "
        "it has only trade with the world (quarterly, product total 0010). Region x country x "
        "sector figures are in ISTAT's foreign-trade database (Coeweb, "
        "https://esploradati.istat.it/coeweb): export them there and run `bilateral ingest`",
    )


def structure_request(base: str) -> Request:
    """Return the request for the dataflow's DSD (SDMX-ML, no referenced code lists)."""
    return Request(f"{base}/datastructure/{AGENCY}/{DSD}")


def dimension_order(path: Path, url: str) -> tuple[str, ...]:
    """Return the DSD's dimension ids in key order (the time dimension left out).

    Raises `UpstreamFormatError` when the body is not a structure message with the DSD, or
    when its dimensions are not those of either known version.
    """
    import sdmx  # imported here: sdmx takes half a second to import
    from sdmx.model.common import TimeDimension

    try:
        message = sdmx.read_sdmx(io.BytesIO(path.read_bytes()))
        structures = [
            s for s in getattr(message, "structure", {}).values() if getattr(s, "id", "") == DSD
        ]
    except Exception as error:  # sdmx raises many kinds on a body that is not SDMX-ML
        seen = f"a body sdmx1 cannot read as SDMX-ML ({type(error).__name__}: {error})"
        raise UpstreamFormatError(url, seen[:300], _STRUCTURE) from None
    if not structures:
        raise UpstreamFormatError(url, f"a message without the DSD {DSD}", _STRUCTURE)
    latest = max(structures, key=lambda s: [int(n) for n in re.findall(r"\d+", str(s.version))])
    dimensions = sorted(
        (d for d in latest.dimensions.components if not isinstance(d, TimeDimension)),
        key=lambda d: d.order if d.order is not None else 0,
    )
    order = tuple(str(d.id) for d in dimensions)
    if set(order) != set(OLD_ORDER) and set(order) != set(NEW_ORDER):
        raise UpstreamFormatError(
            url,
            f"the dimensions {'.'.join(order)}",
            f"{'.'.join(OLD_ORDER)} or {'.'.join(NEW_ORDER)} (a changed DSD; bilateral needs "
            "updating)",
        )
    return order


def series_key(order: Sequence[str], values: Mapping[Role, str]) -> str:
    """Return the SDMX series key of `values` (by role) in the DSD's dimension order.

    >>> wanted = {"frequency": "Q", "territory": "ITD5", "data_type": "EV+IV",
    ...           "product": "0010", "partner": "WORLD"}
    >>> series_key(OLD_ORDER, wanted), series_key(NEW_ORDER, wanted)
    ('Q.0010.WORLD.ITD5.EV+IV', 'Q.ITD5.EV+IV.0010.WORLD')
    """
    return ".".join(values[ROLES[dimension]] for dimension in order)


def data_request(base: str, key: str, years: Sequence[int]) -> Request:
    """Return the request for quarterly series `key` over `years`, asked as SDMX-CSV."""
    params = (("startPeriod", f"{min(years)}-Q1"), ("endPeriod", f"{max(years)}-Q4"))
    return Request(f"{base}/data/{DATAFLOW}/{key}", params, accept=CSV)


def check_data(path: Path, url: str, order: Sequence[str]) -> bool:
    """Check that `path` is SDMX-CSV of 139_176 with the DSD's dimensions; say if it has rows."""
    head = read_head(path)
    expected = f"SDMX-CSV of {DATAFLOW} with the columns DATAFLOW, {', '.join(order)}, TIME_PERIOD"
    if not head:
        return False
    if head.startswith("<"):
        check_markup(head, url, expected)
        return False
    lines = head.splitlines()
    columns = [column.strip().strip('"') for column in lines[0].split(",")]
    first = columns[0] in ("DATAFLOW", "STRUCTURE")  # SDMX-CSV 1.0 or 2.0
    if not first or not {*order, "TIME_PERIOD", "OBS_VALUE"} <= set(columns):
        raise UpstreamFormatError(url, f"the columns {','.join(columns)[:300]}", expected)
    return len(lines) > 1 and bool(lines[1].strip())


def data_check(url: str, order: Sequence[str]) -> Check:
    """Return the check run on a downloaded data body before it enters the cache."""

    def check(path: Path) -> None:
        check_data(path, url, order)

    return check


@dataclass(frozen=True)
class RegionAnswer:
    """The DSD and the data answer for one region; `data` None when ISTAT had no results."""

    structure: Fetched
    territory: str
    order: tuple[str, ...]
    key: str
    request: Request
    data: Fetched | None
    has_rows: bool


def fetch_region(fetcher: Fetcher, base: str, territory: str, years: Sequence[int]) -> RegionAnswer:
    """Fetch the DSD, then a region's quarterly exports and imports with the world."""
    if sorted(set(years)) != list(range(min(years), max(years) + 1)):
        raise InvalidArgumentError("years", list(years), "consecutive years such as 2020-2021")
    structure_url = structure_request(base)
    structure = fetcher.get(
        structure_url, name=f"{DSD}.xml", check=structure_check(structure_url.full_url())
    )
    order = dimension_order(structure.path, structure_url.full_url())
    wanted: dict[Role, str] = {
        "frequency": "Q",
        "territory": territory,
        "data_type": "EV+IV",
        "product": "0010",
        "partner": "WORLD",
    }
    key = series_key(order, wanted)
    request = data_request(base, key, years)
    url = request.full_url()
    name = f"{DATAFLOW}_{key}_{min(years)}-{max(years)}.csv"
    try:
        data = fetcher.get(request, name=name, check=data_check(url, order))
    except FetchError as error:
        if not no_results(error):
            raise
        return RegionAnswer(structure, territory, order, key, request, None, False)
    return RegionAnswer(
        structure, territory, order, key, request, data, check_data(data.path, url, order)
    )


def structure_check(url: str) -> Check:
    """Return the check run on a downloaded DSD before it enters the cache."""

    def check(path: Path) -> None:
        dimension_order(path, url)

    return check


def region_notes(region: Territory, answer: RegionAnswer, vintage: str) -> list[str]:
    """Return the report's notes: the coverage of ISTAT's SDMX, the key asked, the vintage."""
    layout = "2025" if answer.order == NEW_ORDER else "older"
    notes = [
        coverage_note(),
        f"{region.name} ({region.code}) asked as {answer.territory} (ISTAT's territory code); "
        f"series key {answer.key} ({layout} DSD: {'.'.join(answer.order)})",
    ]
    if not answer.has_rows:
        notes.append(f"no data for that slice: ISTAT has no rows for {answer.key}")
    elif answer.data is not None:
        dated = answer.data.last_modified is not None
        source = "the answer's Last-Modified date" if dated else "the retrieval date"
        notes.append(f"vintage: {vintage}, {source} (ISTAT's SDMX-CSV carries no release date)")
    return notes
