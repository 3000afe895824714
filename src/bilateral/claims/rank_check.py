"""Check a rank claim against the partner ranks the store computes from the reporter's figures.

A supplier's rank is among the partners of the reporter's imports, a market's among those of
its exports (`Store.partners`); a trading partner's among the sums of both, ranked here over
the partners both lists rank. Each source is one piece of evidence. A source that does not
hold the reporter's trade with all its partners ranks no one: its evidence says why
(`withheld`), and a claim only such sources hold is not checkable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bilateral.claims.tolerance import short
from bilateral.claims.views import dated
from bilateral.errors import BilateralError
from bilateral.reference import Territory
from bilateral.results.basis import Withheld
from bilateral.results.claims import Claim, ClaimCheck, Evidence
from bilateral.results.partners import PartnerRow, Partners
from bilateral.schema import Flow

_WHAT: Final = {
    "import": "suppliers (partners of its imports)",
    "export": "markets (partners of its exports)",
    "total": "trading partners (exports plus imports)",
}


@dataclass(frozen=True)
class Ranked:
    """One source's ranked partners of a reporter: code -> (rank, name, value)."""

    source: str
    currency: str
    vintage: str
    places: dict[str, tuple[int, str, float]]
    file_dated: bool = False  # `vintage` is only the file's date


def ranked(results: Sequence[Partners]) -> list[Ranked]:
    """Return each source's ranks: the api's for one flow, by exports plus imports for two."""
    sources = sorted({row.source for result in results for row in result.rows})
    found = []
    for source in sources:
        lines = [
            [r for r in result.rows if r.source == source and r.line == "partner" and r.rank]
            for result in results
        ]
        if not all(lines):
            continue
        values: dict[str, float] = {}
        names: dict[str, str] = {}
        for rows in lines:
            for row in rows:
                values[row.code] = values.get(row.code, 0.0) + row.value
                names[row.code] = row.name
        common = set.intersection(*({row.code for row in rows} for rows in lines))
        order = sorted(common, key=lambda code: (-values[code], code))
        if len(lines) == 1:
            places = {row.code: (int(row.rank or 0), row.name, row.value) for row in lines[0]}
        else:
            places = {code: (i + 1, names[code], values[code]) for i, code in enumerate(order)}
        first = lines[0][0]
        vintage = max(row.vintage for rows in lines for row in rows)
        file_dated = any(
            r.provenance is not None and vintage in r.provenance.file_dates for r in results
        )
        found.append(Ranked(source, first.currency, vintage, places, file_dated))
    return found


def _unranked(
    results: Sequence[Partners], partner: Territory
) -> dict[str, tuple[Withheld, PartnerRow | None]]:
    """Return the sources that rank no partner of a result, why, and `partner`'s line there."""
    found: dict[str, tuple[Withheld, PartnerRow | None]] = {}
    for result in results:
        for row in result.rows:
            if row.line in ("partner", "other") and row.withheld is not None:
                line = next(
                    (r for r in result.rows if r.source == row.source and r.code == partner.code),
                    None,
                )
                found.setdefault(row.source, (row.withheld, line))
    return found


def check_rank(
    claim: Claim, reporter: Territory, partner: Territory, results: Sequence[Partners]
) -> ClaimCheck:
    """Return the verdict on a rank claim from the reporter's partners of each flow."""
    assert claim.rank is not None and claim.year is not None and claim.flow is not None
    what = f"{reporter.name}'s {_WHAT[claim.flow]} in {claim.year}"
    flows = " and ".join(f"--flow {r.flow}" for r in results)
    query = f"bilateral partners {reporter.code} --year {claim.year} {flows}"
    evidence = []
    for source in ranked(results):
        place = source.places.get(partner.code)
        evidence.append(
            Evidence(
                view="reporter-reported",
                reported_by=reporter.code,
                description=f"{partner.name}'s rank among {what}",
                source=source.source,
                vintage=source.vintage,
                year=claim.year,
                value=None if place is None else place[2],
                currency=source.currency,
                supports=place is not None and place[0] == claim.rank,
                query=query,
                rank=None if place is None else place[0],
                match="as written" if place is not None and place[0] == claim.rank else None,
                file_dated=source.file_dated,
            )
        )
    ranked_evidence = tuple(evidence)
    unranked = _unranked(results, partner)
    for name, (why, line) in sorted(unranked.items()):
        if name in {item.source for item in ranked_evidence}:
            continue
        evidence.append(
            Evidence(
                view="reporter-reported",
                reported_by=reporter.code,
                description=f"{partner.name}'s rank among {what}",
                source=name,
                vintage="" if line is None else line.vintage,
                year=claim.year,
                value=None if line is None else line.value,
                currency="" if line is None else line.currency,
                supports=False,
                query=query,
                withheld=why,
            )
        )
    if not ranked_evidence and unranked:
        sources = ", ".join(sorted(unranked))
        return ClaimCheck(
            claim,
            "not checkable",
            f"not checkable: {sources} does not hold {reporter.name}'s trade with all its "
            f"partners, so it gives no rank among {what}",
            tuple(evidence),
        )
    if not evidence:
        return ClaimCheck(claim, "not checkable", f"no data: the store ranks no {what}")
    best = next((item for item in evidence if item.supports), None)
    if best is not None:
        reason = (
            f"supported: {partner.name} ranks {_ordinal(claim.rank)} among {what} "
            f"({best.source}, {dated(best.vintage, best.file_dated)}: {short(best.value or 0.0)} "
            f"{best.currency})"
        )
        return ClaimCheck(
            claim, "supported", reason, tuple(evidence), best.view, match="as written"
        )
    reasons = []
    for item, source in zip(ranked_evidence, ranked(results), strict=True):
        holder = next(
            (f"{name} ({short(value)} {source.currency})"
             for rank, name, value in source.places.values() if rank == claim.rank),
            "no partner",
        )  # fmt: skip
        where = (
            f"{partner.name} is not among the ranked partners"
            if item.rank is None
            else f"{partner.name} ranks {_ordinal(item.rank)} "
            f"({short(item.value or 0.0)} {item.currency})"
        )
        reasons.append(
            f"{where} among {what} ({item.source}, {dated(item.vintage, item.file_dated)}); "
            f"{_ordinal(claim.rank)} is {holder}"
        )
    return ClaimCheck(claim, "contradicted", "contradicted: " + "; ".join(reasons), tuple(evidence))


def flows_of(claim: Claim) -> tuple[Flow, ...]:
    """Return the flows whose partner ranks a rank claim needs."""
    if claim.flow in ("export", "import"):
        return (claim.flow,)
    return ("export", "import")


def no_ranks(claim: Claim, error: BilateralError) -> ClaimCheck:
    """Return the verdict on a rank claim whose reporter has no partners in the store."""
    return ClaimCheck(claim, "not checkable", f"no data: {error}")


def _ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"
