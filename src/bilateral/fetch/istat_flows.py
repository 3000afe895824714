"""ISTAT SDMX: finding the foreign-trade dataflows by territory, partner and sector.

ISTAT publishes its foreign trade in a family of dataflows (`139_176` and the `DCSE` regional
ones such as `DF_DCSE_CPA_AT2007_COE_OPT_A_REG_ALL_REG`) whose ids change between releases. So
no id is fixed here: the service's dataflow list (`<base>/dataflow/IT1`) gives every dataflow
and its DSD; those of the foreign-trade domain (`COE` in the dataflow's or its DSD's id, as in
ISTAT's code lists `CL_COEWEB_*`) have their DSD read, and the ones whose dimensions are a
territory, a data type (exports, imports), a CPA/ATECO product and a partner country are the
candidates. For each, the service's availability (`<base>/availableconstraint/<flow>/<key>/all/
<product dimension>`) says which product codes exist for the territory and partner asked: the
finest level offered wins (divisions, else sections, else the total alone).

sdmx1 reads the SDMX-ML structure messages (dataflows, DSDs, content constraints).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from bilateral.errors import UpstreamFormatError
from bilateral.fetch.cache import Request

AGENCY: Final = "IT1"
DOMAIN: Final = "COE"
Role = Literal["frequency", "territory", "data_type", "product", "partner"]
# Dimension ids of ISTAT's foreign-trade DSDs, by what they hold (both generations).
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
Level = Literal["divisions", "sections", "total"]
LEVELS: Final[tuple[Level, ...]] = ("divisions", "sections", "total")
TOTAL_CODES: Final = frozenset({"0010", "ALL", "TOTAL"})


@dataclass(frozen=True)
class Flow:
    """One dataflow of the service's list: id, version, name and its DSD's id and version."""

    id: str
    version: str
    name: str
    structure: str
    structure_version: str

    @property
    def reference(self) -> str:
        """Return the flow's full reference as the data and availability paths take it."""
        return f"{AGENCY},{self.id},{self.version}"


def flows_request(base: str) -> Request:
    """Return the request for every dataflow of ISTAT (SDMX-ML structure message)."""
    return Request(f"{base}/dataflow/{AGENCY}")


def structure_request(base: str, structure: str) -> Request:
    """Return the request for a DSD (SDMX-ML, without its code lists)."""
    return Request(f"{base}/datastructure/{AGENCY}/{structure}")


def availability_request(base: str, flow: Flow, key: str, dimension: str) -> Request:
    """Return the request for the codes of `dimension` that `flow` has under `key`."""
    return Request(f"{base}/availableconstraint/{flow.reference}/{key}/all/{dimension}")


def read_message(path: Path, url: str, expected: str) -> object:
    """Return an SDMX-ML message read by sdmx1; anything else is a changed format."""
    import sdmx  # imported here: sdmx takes half a second to import

    try:
        return sdmx.read_sdmx(io.BytesIO(path.read_bytes()))
    except Exception as error:  # sdmx raises many kinds on a body that is not SDMX-ML
        seen = f"a body sdmx1 cannot read as SDMX-ML ({type(error).__name__}: {error})"
        raise UpstreamFormatError(url, seen[:300], expected) from None


def read_flows(path: Path, url: str) -> list[Flow]:
    """Return the dataflows of a dataflow-list answer."""
    expected = f"an SDMX-ML 2.1 structure message listing the dataflows of {AGENCY}"
    message = read_message(path, url, expected)
    found = getattr(message, "dataflow", None)
    if not found:
        raise UpstreamFormatError(url, "a message without dataflows", expected)
    flows = []
    for flow in found.values():
        structure = getattr(flow, "structure", None)
        flows.append(
            Flow(
                str(flow.id),
                str(flow.version or "1.0"),
                str(flow.name or ""),
                str(getattr(structure, "id", "") or ""),
                str(getattr(structure, "version", "") or ""),
            )
        )
    return flows


def trade_flows(flows: Iterable[Flow]) -> list[Flow]:
    """Return the flows of the foreign-trade domain: `COE` in the flow's or its DSD's id."""
    return [flow for flow in flows if DOMAIN in flow.id.upper() or DOMAIN in flow.structure]


def read_dimensions(path: Path, url: str, structure: str) -> tuple[str, ...]:
    """Return the DSD's dimension ids in key order (the time dimension left out)."""
    from sdmx.model.common import TimeDimension

    expected = f"an SDMX-ML 2.1 structure message holding the DSD {AGENCY}:{structure}"
    message = read_message(path, url, expected)
    structures = [
        s for s in getattr(message, "structure", {}).values() if getattr(s, "id", "") == structure
    ]
    if not structures:
        raise UpstreamFormatError(url, f"a message without the DSD {structure}", expected)
    latest = max(structures, key=lambda s: [int(n) for n in re.findall(r"\d+", str(s.version))])
    dimensions = sorted(
        (d for d in latest.dimensions.components if not isinstance(d, TimeDimension)),
        key=lambda d: d.order if d.order is not None else 0,
    )
    return tuple(str(d.id) for d in dimensions)


def is_trade_structure(order: Sequence[str]) -> bool:
    """Say whether a DSD's dimensions are one of each role: the regional trade structure.

    >>> new = ("FREQ", "REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")
    >>> is_trade_structure(new), is_trade_structure(("FREQ", "ITTER107", "TIPO_DATO"))
    (True, False)
    >>> is_trade_structure(("FREQ", "REF_AREA", "DATA_TYPE", "SEX"))
    False
    """
    roles = [ROLES.get(dimension) for dimension in order]
    return None not in roles and sorted(map(str, roles)) == sorted(set(ROLES.values()))


def dimension_of(order: Sequence[str], role: Role) -> str:
    """Return the dimension id that holds `role` in `order`."""
    return next(dimension for dimension in order if ROLES.get(dimension) == role)


def series_key(order: Sequence[str], values: Mapping[Role, str]) -> str:
    """Return the SDMX series key of `values` (by role) in the DSD's dimension order.

    >>> wanted = {"frequency": "A", "territory": "ITD5", "data_type": "EV+IV",
    ...           "product": "", "partner": "BE"}
    >>> series_key(("FREQ", "REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY"),
    ...            wanted)
    'A.ITD5.EV+IV..BE'
    """
    return ".".join(values[ROLES[dimension]] for dimension in order)


def read_available(path: Path, url: str, dimension: str) -> tuple[str, ...]:
    """Return the codes of `dimension` that an availability answer lists, in its order."""
    expected = f"an SDMX-ML 2.1 structure message with a content constraint on {dimension}"
    message = read_message(path, url, expected)
    constraints = getattr(message, "constraint", None)
    if not constraints:
        raise UpstreamFormatError(url, "a message without a content constraint", expected)
    codes: list[str] = []
    for constraint in constraints.values():
        for region in getattr(constraint, "data_content_region", []):
            for component, member in region.member.items():
                if str(component.id) == dimension:
                    codes.extend(str(value.value) for value in member.values)
    return tuple(dict.fromkeys(codes))


def level_of(code: str) -> Level | None:
    """Return the level of an ATECO/CPA code of ISTAT's lists, None for the other levels.

    >>> [level_of(c) for c in ("01", "C", "ALL", "0010", "011", "CE", "0040")]
    ['divisions', 'sections', 'total', 'total', None, None, None]
    """
    if code in TOTAL_CODES:
        return "total"
    if re.fullmatch(r"[0-9]{2}", code):
        return "divisions"
    if re.fullmatch(r"[A-Z]", code):
        return "sections"
    return None


def finest_level(codes: Iterable[str]) -> Level | None:
    """Return the finest level among `codes` (divisions, then sections, then the total)."""
    found = {level_of(code) for code in codes}
    return next((level for level in LEVELS if level in found), None)


def codes_at(codes: Iterable[str], level: Level) -> list[str]:
    """Return the codes of `level` among `codes`, and the total's code beside them."""
    return [code for code in codes if level_of(code) in (level, "total")]
