"""Which one source a brief takes its figures from, when several cover the pair.

Sources are never added together or set against each other as one series: they differ in
currency (Comext EUR, IMF and Comtrade USD), valuation, coverage and revisions. A brief
therefore takes every figure, growth, trend row, rank and key message from ONE source, and
only names the others, each with its own headline figure in its own currency.

The source is the user's (`Store.brief(..., source=...)`, `bilateral brief --source`) or the
one that ranks first by these rules, each applied only where the ones before tie:

1. its figures for the year cover the whole year (twelve months or an annual figure), not
   part of it (a month's figures would pass for the year's);
2. it holds the first territory's own declaration for the year (the headline is "as the
   reporter declares it");
3. its figures for the year have the most detail: every product (totals, sectors and the
   confidential share) before a published total (the whole trade, no sectors) before an
   extract (some products only, so totals that are not all trade);
4. more territories declare the year in it (both declarations allow the mirror comparison);
5. the finer product codes its format publishes (`product_detail`, a trait each source
   format declares: CN8, HS6, CPA, total);
6. its id, alphabetically, so that the choice never depends on the order of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.errors import InvalidArgumentError
from bilateral.results import Profile, ProfileRow
from bilateral.schema import PRODUCT_DETAIL_ORDER, ProductCompleteness
from bilateral.sources import FORMATS

DETAIL_ORDER: tuple[ProductCompleteness, ...] = ("full detail", "TOTAL only", "extract")
"""Rule 3's order: what a year's figures of a source can give a brief, most first."""
WHOLE_YEAR = ("annual", "12 months")


@dataclass(frozen=True)
class SourceChoice:
    """The source of a brief's figures, the other sources that cover the year, and why."""

    chosen: str
    others: tuple[str, ...]
    picked_by_user: bool = False


def format_detail(source: str) -> int:
    """Return the place of `source`'s finest product codes in PRODUCT_DETAIL_ORDER (0 finest)."""
    places = [PRODUCT_DETAIL_ORDER.index(f.product_detail) for f in FORMATS if f.source == source]
    return min(places, default=len(PRODUCT_DETAIL_ORDER))


def _rank(source: str, rows: Sequence[ProfileRow], reporter: str) -> tuple[object, ...]:
    whole = [row for row in rows if row.coverage in WHOLE_YEAR]
    own = [row for row in whole or rows if row.reported_by == reporter]
    main = own or whole or list(rows)
    return (
        not whole,
        not own,
        min(DETAIL_ORDER.index(row.products) for row in main),
        -len({row.reported_by for row in rows}),
        format_detail(source),
        source,
    )


def months_covered(row: ProfileRow) -> tuple[int, ...] | None:
    """Return the months a row's figures cover, or None for a whole year."""
    if row.coverage in WHOLE_YEAR:
        return None
    found = {m for part in row.member_months if part.months for m in part.months}
    return tuple(sorted(found))


def covering(profile: Profile, year: int) -> dict[str, list[ProfileRow]]:
    """Return each source's rows of `year` in `profile`, by source id."""
    found: dict[str, list[ProfileRow]] = {}
    for row in profile.rows:
        if row.year == year:
            found.setdefault(row.source, []).append(row)
    return found


def choose_source(profile: Profile, year: int, wanted: str | None = None) -> SourceChoice:
    """Return the source of a brief on `profile`'s pair in `year`, by the module's rules.

    `wanted` is the user's choice; it must be one of the sources that cover the year.
    """
    sources = covering(profile, year)
    ranked = sorted(sources, key=lambda s: _rank(s, sources[s], profile.reporter))
    if wanted is None:
        return SourceChoice(ranked[0], tuple(ranked[1:]))
    if wanted not in sources:
        raise InvalidArgumentError(
            "source",
            wanted,
            f"one of the sources that hold {profile.reporter}-{profile.partner} trade in "
            f"{year}: {', '.join(ranked)}",
        )
    return SourceChoice(wanted, tuple(s for s in ranked if s != wanted), picked_by_user=True)
