"""A region's trade with a partner beside its country's, and the region's share of it."""

from __future__ import annotations

from bilateral.indicators import share
from bilateral.reference import Territory
from bilateral.results import Profile, ProfileRow
from bilateral.results.notes import Note
from bilateral.results.regional import RegionShare, RegionShareRow


def build_region_share(
    region: Territory, country: Territory, regional: Profile, national: Profile
) -> RegionShare:
    """Set each year's regional figures (the region's own declarations) beside the national ones.

    The national figures are the country's own declarations of the same partner; where the
    store holds several national sources, each gives a row. Shares are region / country.
    """
    own_regional = [row for row in regional.rows if row.reported_by == region.code]
    own_national = [row for row in national.rows if row.reported_by == country.code]
    rows: list[RegionShareRow] = []
    for regional_row in own_regional:
        for national_row in (r for r in own_national if r.year == regional_row.year):
            rows.append(_row(regional_row, national_row))
    regional_sources = ", ".join(_sources(own_regional))
    national_sources = ", ".join(_sources(own_national))
    notes = [
        Note(
            f"{region.name}'s figures are its own ({regional_sources}); {country.name}'s are the "
            f"national declarations ({national_sources}). Regional statistics allocate trade by "
            "the region of origin (exports) or destination (imports), and leave a residue of "
            "trade not allocated to any region.",
            "region",
            region=region.code,
            country=country.code,
            regional_sources=regional_sources,
            national_sources=national_sources,
        ),
        *(note for note in (*regional.notes, *national.notes) if note.startswith("SYNTHETIC")),
    ]
    return RegionShare(
        region=region.code,
        region_name=region.name,
        country=country.code,
        country_name=country.name,
        partner=regional.partner,
        partner_name=regional.partner_name,
        rows=tuple(rows),
        notes=tuple(dict.fromkeys(notes)),
    )


def _row(regional: ProfileRow, national: ProfileRow) -> RegionShareRow:
    return RegionShareRow(
        year=regional.year,
        regional_source=regional.source,
        national_source=national.source,
        region_exports=regional.exports,
        country_exports=national.exports,
        exports_share=share(regional.exports, national.exports),
        region_imports=regional.imports,
        country_imports=national.imports,
        imports_share=share(regional.imports, national.imports),
        currency=regional.currency,
    )


def _sources(rows: list[ProfileRow]) -> list[str]:
    return sorted({row.source for row in rows}) or ["none"]
