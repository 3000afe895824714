"""ISTAT SDMX: an Italian region's or province's trade by partner country and CPA sector.

What the service has: foreign trade by territory (regions, provinces, ISTAT's own codes),
partner country (about 320, GEONOM codes) and CPA/ATECO product, annual from 1991, in the
`DCSE` family of dataflows (e.g. `DF_DCSE_CPA_AT2007_COE_OPT_A_REG_ALL_REG`: sections), beside
`139_176` (Italy monthly, territories quarterly with the world, product total only). The
dataflows are found in the service's list, never by a fixed id (`istat_flows`): each one's DSD
is read first, and the key is built in its dimension order.

A fetch asks, for one territory and one partner (or every partner), which product codes each
candidate dataflow has, picks the one with the finest level (divisions, else sections), and asks
its annual data for the years as SDMX-CSV (`Accept: text/csv`, part of the cache key); the
answer goes to the store's `istat_sdmx` reader. "No results" (HTTP 404 with an SDMX message)
anywhere is "no data" for that slice.

ISTAT codes regions NUTS-2006-style (`ITD5` Emilia-Romagna, not NUTS 2021 `ITH5`):
`istat_territory` bridges them with the reference's NUTS history. The HTTP goes through
`Fetcher` (cache, `--offline`, retries, redirects from the old host); the default base URL is
sdmx1's `ISTAT` source.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from bilateral.errors import FetchError, InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher
from bilateral.fetch.istat_flows import (
    Flow,
    Level,
    Role,
    availability_request,
    codes_at,
    dimension_of,
    finest_level,
    flows_request,
    is_trade_structure,
    read_available,
    read_dimensions,
    read_flows,
    series_key,
    structure_request,
    trade_flows,
)
from bilateral.fetch.sdmx_answers import check_markup, no_results, read_head, sdmx_source_url
from bilateral.reference import Territory
from bilateral.reference.geonom import geonom_codes
from bilateral.reference.regions import core_region_entries, nuts_changes
from bilateral.sources.istat_codes import GROUPS

ISTAT_VARIABLE: Final = "BILATERAL_ISTAT_URL"
CSV: Final = "text/csv"
NO_RESULTS: Final = "<message:Error><common:Text>No Results Found</common:Text></message:Error>"
_ISTAT_OWN = re.compile(r"^IT[A-Z0-9]+$")


def istat_url(given: str | None = None) -> str:
    """Return the ISTAT SDMX base: `given`, `$BILATERAL_ISTAT_URL`, or sdmx1's ISTAT URL."""
    return (given or os.environ.get(ISTAT_VARIABLE) or sdmx_source_url("ISTAT")).rstrip("/")


def istat_region(text: str, resolve: Callable[[str], Territory]) -> Territory:
    """Return the territory `text` names, a bare number read as an ISTAT region code first.

    `--region` asks for an Italian territory, so `8` and `08` are Emilia-Romagna and `20`
    Sardegna, where `resolve` reads `8` as ISO numeric 008 (Albania) or finds `20` ambiguous.

    >>> from bilateral.reference import resolve
    >>> [istat_region(text, resolve).code for text in ("8", "08", "20", "ITD5", "Bologna")]
    ['ITH5', 'ITH5', 'ITG2', 'ITH5', 'ITH55']
    """
    given = text.strip()
    if given.isdigit() and len(given) <= 2:
        codes = {code: e.territory for e in core_region_entries() for code in e.codes}
        if given.zfill(2) in codes:
            return codes[given.zfill(2)]
    return resolve(given)


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


def istat_partner(partner: Territory | None, years: Sequence[int]) -> str:
    """Return the GEONOM code(s) of a partner in `years` ("" for every partner: the wildcard).

    GEONOM is not ISO: Serbia is `XS`, Greece both `EL` and `GR`; where a partner has several
    codes, all are asked (`EL+GR`).

    >>> from bilateral.reference import resolve
    >>> [istat_partner(resolve(p), [2020]) for p in ("Belgium", "WORLD", "Greece", "Serbia")]
    ['BE', 'WORLD', 'EL+GR', 'XS']
    >>> istat_partner(None, [2020])
    ''
    """
    if partner is None:
        return ""
    if partner.kind == "group" and partner.code in GROUPS:
        return partner.code
    if partner.iso2 and partner.kind in ("country", "part"):
        codes = geonom_codes(partner.code, min(years), max(years))
        return "+".join(codes or (partner.iso2,))
    raise InvalidArgumentError(
        "partner",
        f"{partner.name} ({partner.code})",
        f"a country (BE, Belgium) or one of the groups {', '.join(sorted(GROUPS))}, "
        "or no partner for every partner",
    )


@dataclass(frozen=True)
class Candidate:
    """A dataflow with the regional trade structure, and the products it has for the slice."""

    flow: Flow
    order: tuple[str, ...]
    products: tuple[str, ...]
    level: Level | None


@dataclass(frozen=True)
class RegionalAnswer:
    """What the service offered and what was asked; `data` None when it had no results."""

    territory: str
    partner: str
    candidates: tuple[Candidate, ...]
    chosen: Candidate | None
    key: str
    request: Request | None
    data: Fetched | None
    has_rows: bool


def fetch_regional(
    fetcher: Fetcher, base: str, territory: str, partner: str, years: Sequence[int]
) -> RegionalAnswer:
    """Find the dataflows, ask which products each has for the slice, fetch the finest."""
    if sorted(set(years)) != list(range(min(years), max(years) + 1)):
        raise InvalidArgumentError("years", list(years), "consecutive years such as 2020-2021")
    wanted: dict[Role, str] = {
        "frequency": "A",
        "territory": territory,
        "data_type": "EV+IV",
        "product": "",
        "partner": partner,
    }
    candidates = tuple(
        _candidate(fetcher, base, flow, order, wanted) for flow, order in _shaped(fetcher, base)
    )
    offered = [candidate for candidate in candidates if candidate.level is not None]
    if not offered:
        return RegionalAnswer(territory, partner, candidates, None, "", None, None, False)
    levels: tuple[Level | None, ...] = ("divisions", "sections", "total")
    chosen = min(offered, key=lambda candidate: levels.index(candidate.level))
    assert chosen.level is not None
    wanted["product"] = "+".join(codes_at(chosen.products, chosen.level))
    key = series_key(chosen.order, wanted)
    params = (("startPeriod", str(min(years))), ("endPeriod", str(max(years))))
    request = Request(f"{base}/data/{chosen.flow.reference}/{key}", params, accept=CSV)
    url = request.full_url()
    name = f"{chosen.flow.id}_{territory}_{partner or 'all'}_{min(years)}-{max(years)}.csv"
    data = _get(fetcher, request, name, _data_check(url, chosen.order))
    if data is None:
        return RegionalAnswer(territory, partner, candidates, chosen, key, request, None, False)
    rows = check_data(data.path, url, chosen.order)
    return RegionalAnswer(territory, partner, candidates, chosen, key, request, data, rows)


def _shaped(fetcher: Fetcher, base: str) -> list[tuple[Flow, tuple[str, ...]]]:
    """Return the trade dataflows whose DSD has the regional trade dimensions, with them."""
    listing = flows_request(base)
    url = listing.full_url()

    def check(path: Path) -> None:
        read_flows(path, url)

    fetched = fetcher.get(listing, name="IT1_dataflows.xml", check=check)
    flows = trade_flows(read_flows(fetched.path, url))
    orders: dict[str, tuple[str, ...]] = {}
    for structure in dict.fromkeys(flow.structure for flow in flows):
        orders[structure] = _dimensions(fetcher, base, structure)
    shaped = [(flow, orders[flow.structure]) for flow in flows]
    kept = [(flow, order) for flow, order in shaped if is_trade_structure(order)]
    if not kept:
        seen = "; ".join(f"{flow.id}: {'.'.join(order)}" for flow, order in shaped) or "none"
        raise UpstreamFormatError(
            url,
            f"no foreign-trade dataflow with the regional trade dimensions (seen: {seen[:400]})",
            "dataflows whose DSD has a territory, data type, CPA/ATECO product and partner "
            "country (REF_AREA, DATA_TYPE, CPA_ATECO2007_COE, PARTNER_COUNTRY or the older "
            "ITTER107, TIPO_DATO, MERCE_ATECO_2007, PAESE_PARTNER): a changed DSD, bilateral "
            "needs updating",
        )
    return kept


def _dimensions(fetcher: Fetcher, base: str, structure: str) -> tuple[str, ...]:
    request = structure_request(base, structure)
    url = request.full_url()

    def check(path: Path) -> None:
        read_dimensions(path, url, structure)

    fetched = fetcher.get(request, name=f"{structure}.xml", check=check)
    return read_dimensions(fetched.path, url, structure)


def _candidate(
    fetcher: Fetcher, base: str, flow: Flow, order: tuple[str, ...], wanted: dict[Role, str]
) -> Candidate:
    dimension = dimension_of(order, "product")
    request = availability_request(base, flow, series_key(order, wanted), dimension)
    url = request.full_url()
    name = f"{flow.id}_available_{wanted['territory']}_{wanted['partner'] or 'all'}.xml"

    def check(path: Path) -> None:
        read_available(path, url, dimension)

    fetched = _get(fetcher, request, name, check)
    if fetched is None:
        return Candidate(flow, order, (), None)
    products = read_available(fetched.path, url, dimension)
    return Candidate(flow, order, products, finest_level(products))


def _get(fetcher: Fetcher, request: Request, name: str, check: Check) -> Fetched | None:
    """Return the answer to `request`, or None for the service's "no results".

    A "no results" answer is kept in the cache like any other, so that `--offline` gives the
    same answer again.
    """
    try:
        fetched = fetcher.get(request, name=name, check=check)
    except FetchError as error:
        if not no_results(error):
            raise
        _remember(fetcher, request, name, error.body or "")
        return None
    head = read_head(fetched.path)
    said = FetchError(request.full_url(), "cached", status=404, body=head)
    return None if not head or (head.startswith("<") and no_results(said)) else fetched


def _remember(fetcher: Fetcher, request: Request, name: str, body: str) -> None:
    with fetcher.cache.lock(request):
        part = fetcher.cache.part(request, name)
        part.write_text(body or NO_RESULTS, encoding="utf-8")
        retrieved = datetime.now(UTC).isoformat(timespec="seconds")
        fetcher.cache.commit(request, part, retrieved, None)


def check_data(path: Path, url: str, order: Sequence[str]) -> bool:
    """Check that `path` is SDMX-CSV with the DSD's dimensions; say if it has rows."""
    head = read_head(path)
    expected = f"SDMX-CSV with the columns DATAFLOW, {', '.join(order)}, TIME_PERIOD"
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


def _data_check(url: str, order: Sequence[str]) -> Check:
    def check(path: Path) -> None:
        check_data(path, url, order)

    return check


def coverage_note(answer: RegionalAnswer) -> str:
    """Return what the service offered for the slice: each dataflow and its product level."""
    offered = [
        f"{c.flow.id} ({c.level}{', chosen' if c is answer.chosen else ''})"
        for c in answer.candidates
        if c.level is not None
    ]
    partner = answer.partner or "every partner"
    slice_text = f"territory {answer.territory} with {partner}, annual"
    if not offered:
        listed = ", ".join(c.flow.id for c in answer.candidates)
        return (
            f"ISTAT's SDMX has foreign trade by territory, partner country and CPA sector; "
            f"none of its trade dataflows ({listed}) has data for {slice_text}"
        )
    return (
        f"ISTAT's SDMX has foreign trade by territory, partner country and CPA sector; "
        f"for {slice_text} it offers: {'; '.join(offered)}. The finest level is asked."
    )


def region_notes(region: Territory, answer: RegionalAnswer, vintage: str) -> list[str]:
    """Return the report's notes: what the service has, the key asked, the vintage."""
    notes = [coverage_note(answer)]
    if answer.chosen is not None:
        notes.append(
            f"{region.name} ({region.code}) asked as {answer.territory} (ISTAT's territory "
            f"code) in {answer.chosen.flow.id}: series key {answer.key} (DSD "
            f"{answer.chosen.flow.structure}: {'.'.join(answer.chosen.order)})"
        )
    if not answer.has_rows:
        notes.append(f"no data for that slice: ISTAT has no rows for {region.name} ({region.code})")
    elif answer.data is not None:
        dated = answer.data.last_modified is not None
        source = "the answer's Last-Modified date" if dated else "the retrieval date"
        notes.append(f"vintage: {vintage}, {source} (ISTAT's SDMX-CSV carries no release date)")
    return notes
