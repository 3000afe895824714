"""The IMF's SDMX service: International Trade in Goods by partner (IMTS, formerly DOTS).

The dataflow `IMF.STA:IMTS` is read first with its DSD (`<base>/dataflow/IMF.STA/IMTS/+?
references=datastructure`, SDMX-ML read by sdmx1), and the series key is built in the DSD's
order from the roles of its dimensions (reporter `COUNTRY`, `INDICATOR`, partner
`COUNTERPART_COUNTRY`, `FREQUENCY`): exports FOB and imports CIF in US dollars
(`XG_FOB_USD+MG_CIF_USD`), annual, between ISO alpha-3 territories (the partner left empty for
every partner). The data are asked as SDMX-CSV with labels (`Accept` names the format, part of
the cache key), so that the IMF's group and "not specified" codes can be read by their names;
the answer goes to the store's `imf_sdmx` reader. "No results" is "no data" for the slice.

The default base URL is sdmx1's `IMF_DATA` source; `$BILATERAL_IMF_URL` or `--base-url`
override it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from bilateral.errors import FetchError, InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher
from bilateral.fetch.istat_flows import read_message
from bilateral.fetch.sdmx_answers import check_markup, no_results, read_head, sdmx_source_url
from bilateral.reference import Territory
from bilateral.sources.imf_sdmx import INDICATORS

IMF_VARIABLE: Final = "BILATERAL_IMF_URL"
AGENCY: Final = "IMF.STA"
DATAFLOW: Final = "IMTS"
CSV: Final = "application/vnd.sdmx.data+csv;version=1.0.0;labels=both"
Role = Literal["reporter", "indicator", "partner", "frequency"]
ROLES: Final[Mapping[str, Role]] = {
    "COUNTRY": "reporter",
    "REF_AREA": "reporter",
    "INDICATOR": "indicator",
    "COUNTERPART_COUNTRY": "partner",
    "COUNTERPART_AREA": "partner",
    "FREQUENCY": "frequency",
    "FREQ": "frequency",
}
_STRUCTURE: Final = f"an SDMX-ML 2.1 structure message with the dataflow {AGENCY}:{DATAFLOW}"


def imf_url(given: str | None = None) -> str:
    """Return the IMF SDMX base: `given`, `$BILATERAL_IMF_URL`, or sdmx1's IMF_DATA URL."""
    return (given or os.environ.get(IMF_VARIABLE) or sdmx_source_url("IMF_DATA")).rstrip("/")


def imf_code(role: str, territory: Territory | None) -> str:
    """Return the IMF's code of a territory: its ISO alpha-3 ("" for every partner).

    >>> from bilateral.reference import resolve
    >>> imf_code("reporter", resolve("Italy")), imf_code("partner", None)
    ('ITA', '')
    """
    if territory is None:
        return ""
    if territory.kind not in ("country", "former_country") or len(territory.code) != 3:
        raise InvalidArgumentError(
            role, f"{territory.name} ({territory.code})",
            "a country (IT, Italy, ITA): the IMF's IMTS is by country; give no partner for "
            "every partner, the World and the IMF's groups included",
        )  # fmt: skip
    return territory.code


def structure_request(base: str) -> Request:
    """Return the request for the dataflow and its DSD."""
    return Request(f"{base}/dataflow/{AGENCY}/{DATAFLOW}/+", (("references", "datastructure"),))


def dimension_order(path: Path, url: str) -> tuple[str, ...]:
    """Return the DSD's dimension ids in key order, checking they are IMTS's four roles."""
    from sdmx.model.common import TimeDimension

    message = read_message(path, url, _STRUCTURE)
    flows = getattr(message, "dataflow", {})
    flow = flows.get(DATAFLOW) if hasattr(flows, "get") else None
    if flow is None:
        raise UpstreamFormatError(url, f"a message without the dataflow {DATAFLOW}", _STRUCTURE)
    wanted = str(getattr(flow.structure, "id", ""))
    structures = [s for s in getattr(message, "structure", {}).values() if str(s.id) == wanted]
    if not structures:
        raise UpstreamFormatError(url, f"a message without the DSD {wanted}", _STRUCTURE)
    dimensions = sorted(
        (d for d in structures[-1].dimensions.components if not isinstance(d, TimeDimension)),
        key=lambda d: d.order if d.order is not None else 0,
    )
    order = tuple(str(d.id) for d in dimensions)
    roles = sorted(str(ROLES.get(dimension)) for dimension in order)
    if roles != sorted(set(ROLES.values())):
        raise UpstreamFormatError(
            url,
            f"the dimensions {'.'.join(order)}",
            "COUNTRY, INDICATOR, COUNTERPART_COUNTRY and FREQUENCY in some order (a changed "
            "DSD; bilateral needs updating)",
        )
    return order


def series_key(order: Sequence[str], values: Mapping[Role, str]) -> str:
    """Return the series key of `values` (by role) in the DSD's order.

    >>> series_key(("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY"),
    ...            {"reporter": "ITA", "indicator": "XG_FOB_USD", "partner": "BEL",
    ...             "frequency": "A"})
    'ITA.XG_FOB_USD.BEL.A'
    """
    return ".".join(values[ROLES[dimension]] for dimension in order)


def data_request(base: str, key: str, years: Sequence[int]) -> Request:
    """Return the request for series `key` over `years`, asked as SDMX-CSV with labels."""
    params = (("startPeriod", str(min(years))), ("endPeriod", str(max(years))))
    return Request(f"{base}/data/{AGENCY},{DATAFLOW},+/{key}", params, accept=CSV)


def check_data(path: Path, url: str) -> bool:
    """Check that `path` is SDMX-CSV of IMTS; say whether it has rows."""
    head = read_head(path)
    expected = "SDMX-CSV with the columns DATAFLOW, COUNTRY, INDICATOR, COUNTERPART_COUNTRY"
    if not head:
        return False
    if head.startswith("<"):
        check_markup(head, url, expected)
        return False
    lines = head.splitlines()
    columns = {column.strip().strip('"') for column in lines[0].split(",")}
    needed = {"COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "TIME_PERIOD", "OBS_VALUE"}
    if not needed <= columns or not columns & {"DATAFLOW", "STRUCTURE_ID"}:
        raise UpstreamFormatError(url, f"the columns {lines[0][:300]}", expected)
    return len(lines) > 1 and bool(lines[1].strip())


@dataclass(frozen=True)
class PairAnswer:
    """The DSD and the data answer for a reporter and partner; `data` None for no results."""

    order: tuple[str, ...]
    key: str
    request: Request
    data: Fetched | None
    has_rows: bool


def fetch_pair(
    fetcher: Fetcher, base: str, reporter: str, partner: str, years: Sequence[int]
) -> PairAnswer:
    """Fetch the DSD, then a reporter's annual exports and imports with a partner."""
    request = structure_request(base)
    url = request.full_url()

    def structure_check(path: Path) -> None:
        dimension_order(path, url)

    structure = fetcher.get(request, name=f"{DATAFLOW}_structure.xml", check=structure_check)
    order = dimension_order(structure.path, url)
    wanted: dict[Role, str] = {
        "reporter": reporter,
        "indicator": "+".join(INDICATORS),
        "partner": partner,
        "frequency": "A",
    }
    key = series_key(order, wanted)
    data = data_request(base, key, years)
    name = f"{DATAFLOW}_{reporter}_{partner or 'all'}_{min(years)}-{max(years)}.csv"
    try:
        fetched = fetcher.get(data, name=name, check=_data_check(data.full_url()))
    except FetchError as error:
        if not no_results(error):
            raise
        return PairAnswer(order, key, data, None, False)
    return PairAnswer(order, key, data, fetched, check_data(fetched.path, data.full_url()))


def _data_check(url: str) -> Check:
    def check(path: Path) -> None:
        check_data(path, url)

    return check


def pair_notes(answer: PairAnswer, vintage: str) -> list[str]:
    """Return the report's notes: what was asked, and the vintage or that there was no data."""
    notes = [
        f"IMF IMTS (Direction of Trade Statistics): series key {answer.key} (DSD order "
        f"{'.'.join(answer.order)}); exports FOB and imports CIF, US dollars, as the reporter "
        "declares them (fetch the partner as reporter for the mirror view)"
    ]
    if not answer.has_rows:
        notes.append(f"no data for that slice: the IMF has no rows for {answer.key}")
    elif answer.data is not None:
        dated = answer.data.last_modified is not None
        source = "the answer's Last-Modified date" if dated else "the retrieval date"
        notes.append(f"vintage: {vintage}, {source}")
    return notes
