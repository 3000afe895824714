"""Everything the reference layer knows of one territory: codes, parts, members, regions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from bilateral.errors import BilateralError
from bilateral.reference import groups
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.code_systems import SYSTEMS, from_canonical
from bilateral.reference.regions import nuts_changes
from bilateral.reference.territories import Registry, Territory


@dataclass(frozen=True)
class TerritoryCard:
    """One territory as `bilateral reference territory` shows it."""

    territory: Territory
    year: int | None
    codes: Mapping[str, str]  # code system -> code valid in `year` (or today)
    members: tuple[str, ...]  # a group's members in `year`
    membership: str  # how a query on a group sums it
    regions: tuple[Territory, ...]  # the regions directly below
    history: tuple[str, ...]  # NUTS code changes (Italian regions)


def territory_card(
    territory: Territory, registry: Registry, catalogue: Catalogue, year: int | None = None
) -> TerritoryCard:
    """Collect what is known of `territory`, with codes and members as of `year`."""
    codes: dict[str, str] = {}
    if territory.kind in ("country", "former_country", "special", "group"):
        for system in SYSTEMS:
            try:
                codes[system] = from_canonical(
                    system, territory.code, year=year, catalogue=catalogue
                )
            except BilateralError:
                continue
    members: tuple[str, ...] = ()
    membership = ""
    if territory.kind == "group" and territory.code in groups.group_codes():
        membership = groups.describe_members(territory.code, None if year is None else [year])
        if groups.group(territory.code).kind == "members":
            members = tuple(sorted(groups.members(territory.code, year or _this_year())))
    history: tuple[str, ...] = ()
    if territory.kind == "region" and (territory.country == "ITA"):
        history = tuple(str(change) for change in nuts_changes(territory.code))
    return TerritoryCard(
        territory=territory,
        year=year,
        codes=codes,
        members=members,
        membership=membership,
        regions=registry.children(territory.code),
        history=history,
    )


def _this_year() -> int:
    return datetime.now(UTC).year
