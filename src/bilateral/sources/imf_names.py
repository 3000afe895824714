"""The IMF's partner names (Direction of Trade Statistics, IMTS) and the store's territories.

The IMF names countries its own way (`China, P.R.: Mainland`, `Korea, Rep. of`, `Netherlands,
The`, `St. Lucia`). A name is looked up in `_NAMES` first (names the reference would get wrong
or not at all), then with the IMF's suffixes of state form taken off (`Estonia, Rep. of` ->
`Estonia`), through the reference's resolver. What a partner row becomes:
- a territory: its canonical code (`Belgium-Luxembourg` is `BLX`, `Eastern Germany` `DDR`);
- a group the store knows, as the IMF composes it: `World` is `WORLD`; `European Union` is
  `EU27_2020` and `Euro Area` `EA19` (in the IMF's series every year sums the members of the
  current composition, 1960 included: the 27 of 2020 and the 19 of 2015-2022);
- a partner not allocated to any territory (`Countries & Areas not specified`, `Asia not
  specified`, `Special Categories`, ...): a code of the store's unallocated partners, flag
  `unallocated_partner`;
- one of the IMF's own aggregates with no group in the store (`Advanced Economies`, `Africa`,
  `Emerging and Developing Asia`, ...): not stored, counted with its reason;
- anything else is an error naming the closest names the reference knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, NamedTuple

from bilateral.errors import BilateralError
from bilateral.reference import Territory


class Partner(NamedTuple):
    """A partner as stored: its code and the row flag it brings (None for most)."""

    code: str
    flag: str | None = None


class Aggregate(NamedTuple):
    """One of the IMF's aggregates that the store has no group for: its rows are not stored."""

    name: str


class UnknownImfNameError(BilateralError, LookupError):
    """An IMF partner name that is no territory, known group or listed IMF aggregate."""

    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        self.name = name
        self.suggestions = suggestions
        closest = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown IMF partner name {name!r}{closest}")


UNALLOCATED: Final = "unallocated_partner"
# fmt: off
_NAMES: Final[dict[str, str]] = {
    "World": "WORLD", "European Union": "EU27_2020", "Euro Area": "EA19",
    "China, P.R.: Mainland": "CHN", "China, P.R.: Hong Kong": "HKG", "China, P.R.: Macao": "MAC",
    "Taiwan Province of China": "TWN", "Korea, Rep. of": "KOR",
    "Korea, Dem. People's Rep. of": "PRK", "Congo, Rep. of": "COG",
    "Congo, Dem. Rep. of the": "COD", "Belgium-Luxembourg": "BLX", "Eastern Germany": "DDR",
    "Yemen Arab Rep.": "YEM", "Yemen, People's Dem. Rep. of": "YMD", "Yemen, Rep. of": "YEM",
    "Kosovo, Rep. of": "XKX", "West Bank and Gaza": "PSE", "Serbia and Montenegro": "SCG",
    "USSR": "SUN", "Czechoslovakia": "CSK", "Yugoslavia": "YUG", "Czech Rep.": "CZE",
    "Lao People's Dem. Rep.": "LAO", "Micronesia, Federated States of": "FSM",
    "Netherlands, The": "NLD", "Slovak Rep.": "SVK", "Kyrgyz Rep.": "KGZ",
    "Syrian Arab Rep.": "SYR", "Central African Rep.": "CAF", "Dominican Rep.": "DOM",
    "Iran, Islamic Rep. of": "IRN", "Egypt, Arab Rep. of": "EGY", "Gambia, The": "GMB",
    "Bahamas, The": "BHS", "Venezuela, Rep. Bolivariana de": "VEN", "Holy See": "VAT",
    "Timor-Leste, Dem. Rep. of": "TLS", "Turkey": "TUR", "Vietnam": "VNM",
    "North Macedonia, Republic of": "MKD", "Moldova, Rep. of": "MDA",
    "Tanzania, United Rep. of": "TZA", "Côte d'Ivoire": "CIV", "Cabo Verde": "CPV",
    "São Tomé and Príncipe, Dem. Rep. of": "STP", "Eswatini, Kingdom of": "SWZ",
    "St. Kitts and Nevis": "KNA", "St. Lucia": "LCA", "St. Vincent and the Grenadines": "VCT",
    "Aruba, Kingdom of the Netherlands": "ABW", "Curaçao, Kingdom of the Netherlands": "CUW",
    "Sint Maarten, Kingdom of the Netherlands": "SXM", "Russian Federation": "RUS",
    "Falkland Islands (Malvinas)": "FLK", "Brunei Darussalam": "BRN", "Bolivia": "BOL",
    "Guinea": "GIN",
}
# Partners the IMF allocates to no territory, by the store's code for each.
_UNALLOCATED: Final[dict[str, str]] = {
    "Countries & Areas not specified": "_X", "Europe not specified": "E19",
    "Africa not specified": "F19", "Asia not specified": "XNA",
    "Middle East and Central Asia not specified": "XNM",
    "Western Hemisphere not specified": "XNW", "Special Categories": "XSC",
}
IMF_AGGREGATES: Final = frozenset((
    "Advanced Economies", "Emerging and Developing Economies", "Emerging and Developing Asia",
    "Emerging and Developing Europe", "Middle East and Central Asia", "Sub-Saharan Africa",
    "Western Hemisphere", "Other Countries not included elsewhere", "Memorandum Items",
    "Africa", "Middle East", "Export earnings: fuel", "Export earnings: nonfuel",
    "Emerging Market and Developing Economies by Source of Export Earnings: Fuel",
    "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel",
))
# fmt: on
_STATE_FORM: Final = re.compile(
    r",\s*(The\s+)?(Rep\.|Republic|Kingdom|Islamic Rep\.|Dem\. Rep\.|United Rep\.|Union|State"
    r"|Federal Dem\. Rep\.|Arab Rep\.|Plurinational State)(\s+of)?(\s+the)?$",
    re.IGNORECASE,
)


def imf_names() -> tuple[str, ...]:
    """Return the names this module maps by hand, unallocated partners and aggregates included."""
    return (*_NAMES, *_UNALLOCATED, *sorted(IMF_AGGREGATES))


def imf_partner(name: str, resolve: Callable[[str], Territory]) -> Partner | Aggregate:
    """Return the stored partner of an IMF name, or the IMF aggregate it is.

    Raises `UnknownImfNameError` with the closest names when the name is none of those.
    """
    name = " ".join(name.split())
    if name in _NAMES:
        return Partner(_NAMES[name])
    if name in _UNALLOCATED:
        return Partner(_UNALLOCATED[name], UNALLOCATED)
    if name in IMF_AGGREGATES:
        return Aggregate(name)
    plain = _STATE_FORM.sub("", name).strip()
    for candidate in dict.fromkeys((name, plain)):
        try:
            return Partner(resolve(candidate).code)
        except BilateralError:
            continue
    raise UnknownImfNameError(name, _closest(plain))


def _closest(name: str) -> tuple[str, ...]:
    """Return up to three known names closest to `name` (IMF's and the reference's)."""
    from rapidfuzz import process

    from bilateral.reference import all_territories

    names = (*imf_names(), *(t.name for t in all_territories() if t.kind != "region"))
    known = list(dict.fromkeys(names))  # a name the IMF and the reference share, once
    found = process.extract(name, known, limit=3, score_cutoff=60)
    return tuple(str(match[0]) for match in found)
