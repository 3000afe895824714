"""The notes of a mirror result: each known reason for the gap that applies to its rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.indicators.mirror import CIF_FOB_FACTOR, CIF_FOB_HIGH, CIF_FOB_LOW
from bilateral.reference import Territory
from bilateral.results import MirrorRow
from bilateral.results.notes import SYNTHETIC_NOTE, Note


@dataclass(frozen=True)
class Compared:
    """One mirror row with the territories that export and import in it."""

    row: MirrorRow
    exporter: Territory
    importer: Territory

    @property
    def label(self) -> str:
        """Return the row's year and direction, with the source: `2021 ITA->BEL (comext)`."""
        return f"{self.row.year} {self.row.direction} ({self.row.source})"


def mirror_notes(compared: Sequence[Compared], synthetic: bool) -> list[str]:
    """Return the notes that explain the gaps of `compared`, one per reason that applies.

    CIF/FOB valuation and quasi-transit apply to every row with both sides; confidential
    products, unallocated partners and different months only where the data show them.
    """
    notes: list[str] = [SYNTHETIC_NOTE] if synthetic else []
    notes.extend(_one_sided(compared))
    notes.extend(_reconciled(compared))
    both = [c for c in compared if c.row.gap is not None and not c.row.reconciled]
    sides = [c for c in compared if None not in (c.row.months_exporter, c.row.months_importer)]
    if not both:
        return [*notes, *_months(sides)]
    notes.append(_cif_fob(both))
    notes.extend(_months(sides))
    notes.extend(_confidential(compared))
    notes.extend(_unallocated(compared))
    notes.append(
        Note(
            "Quasi-transit (a possible cause, named but not measured: the store has no data on "
            "it): goods may be landed and cleared in a third country (a port such as Rotterdam "
            "or Antwerp) before they reach the importer, which may then record that country "
            "(of consignment) or the country of origin while the exporter records the final "
            "destination.",
            "quasi_transit",
        )
    )
    return notes


def _reconciled(compared: Sequence[Compared]) -> list[str]:
    sources = sorted({c.row.source for c in compared if c.row.reconciled})
    return [
        Note(
            f"{source} publishes one reconciled figure per flow, built by the publisher from "
            "both declarations: its exporter and importer figures are that one figure, so their "
            "gap is zero by construction; it says nothing of how the two declarations differ.",
            "reconciled",
            source=source,
        )
        for source in sources
    ]


def _one_sided(compared: Sequence[Compared]) -> list[str]:
    notes: list[str] = []
    for c in compared:
        row = {**_row(c), "exporter": c.exporter.code, "importer": c.importer.code}
        if c.row.exports_reported is None:
            notes.append(
                Note(
                    f"{c.label}: only {c.importer.name}'s imports are in the store; "
                    f"{c.exporter.name}'s exports are missing, so there is no gap.",
                    "only_imports",
                    **row,
                )
            )
        elif c.row.imports_reported is None:
            notes.append(
                Note(
                    f"{c.label}: only {c.exporter.name}'s exports are in the store; "
                    f"{c.importer.name}'s imports are missing, so there is no gap.",
                    "only_exports",
                    **row,
                )
            )
    return notes


def _row(c: Compared) -> dict[str, object]:
    """Return the year, direction and source that name a row in a note's values."""
    return {"year": c.row.year, "direction": c.row.direction, "source": c.row.source}


def _cif_fob(both: Sequence[Compared]) -> str:
    beyond = [c for c in both if c.row.within_band is False and c.row.gap_share is not None]
    outside = [f"{c.label} {c.row.gap_share:+.1%}" for c in beyond]
    verdict = (
        "Outside the band: " + "; ".join(outside) + "."
        if outside
        else "No compared year lies outside it."
    )
    return Note(
        "CIF/FOB valuation: the importer values goods CIF (with freight and insurance to its "
        "border), the exporter FOB (at its own border), so imports normally exceed the "
        f"matching exports. The IMF's Direction of Trade Statistics uses a CIF/FOB factor of "
        f"{CIF_FOB_FACTOR:.2f} (DOTS Yearbook 2017); bilateral takes a gap of "
        f"{CIF_FOB_LOW:.0%} to {CIF_FOB_HIGH:.0%} of exports as explained by valuation alone "
        f"(its own working band, not an official range). {verdict}",
        "cif_fob",
        factor=CIF_FOB_FACTOR,
        low=CIF_FOB_LOW,
        high=CIF_FOB_HIGH,
        outside=[{**_row(c), "gap_share": c.row.gap_share} for c in beyond],
    )


def _months(both: Sequence[Compared]) -> list[str]:
    unequal = [c for c in both if c.row.months_exporter != c.row.months_importer]
    different = [
        f"{c.label}: {c.exporter.code}'s exports cover {c.row.months_exporter} months, "
        f"{c.importer.code}'s imports {c.row.months_importer}"
        for c in unequal
    ]
    if not different:
        return []
    return [
        Note(
            "Months: "
            + "; ".join(different)
            + ". The gap there compares the months both declarations hold, or is not computed "
            "where they cannot be aligned. Even over the same months, goods shipped at the end "
            "of one month (or year) may be declared by the importer in the next.",
            "months_differ",
            rows=[
                {
                    **_row(c),
                    "exporter": c.exporter.code,
                    "importer": c.importer.code,
                    "exporter_months": c.row.months_exporter,
                    "importer_months": c.row.months_importer,
                }
                for c in unequal
            ],
        )
    ]


def _confidential(compared: Sequence[Compared]) -> list[str]:
    found = []
    items: list[dict[str, object]] = []
    for c in compared:
        if c.row.reconciled:
            continue
        row = c.row
        if row.confidential_exporter:
            found.append(
                f"{c.exporter.code}'s {row.year} exports to {c.importer.code} "
                f"{row.confidential_exporter:,.0f} {row.currency}"
            )
            items.append(
                _declared(c.exporter, "export", c.importer, row, row.confidential_exporter)
            )
        if row.confidential_importer:
            found.append(
                f"{c.importer.code}'s {row.year} imports from {c.exporter.code} "
                f"{row.confidential_importer:,.0f} {row.currency}"
            )
            items.append(
                _declared(c.importer, "import", c.exporter, row, row.confidential_importer)
            )
    if not found:
        return []
    return [
        Note(
            "Confidential products: declared under codes that hide the product but keep its "
            "chapter (such as 39XXXXXX); they are in the totals and under their chapter, while "
            "the other side may declare the same goods under their real code, even in another "
            "chapter: " + "; ".join(found) + ".",
            "confidential_products",
            items=items,
        )
    ]


def _declared(
    reporter: Territory, flow: str, partner: Territory, row: MirrorRow, value: float
) -> dict[str, object]:
    return {
        "reporter": reporter.code,
        "flow": flow,
        "partner": partner.code,
        "year": row.year,
        "value": value,
        "currency": row.currency,
    }


def _unallocated(compared: Sequence[Compared]) -> list[str]:
    found: dict[tuple[str, str, int, str], float] = {}
    for c in compared:
        row = c.row
        if row.reconciled:
            continue
        if row.unallocated_exporter:
            found[(row.source, c.exporter.code, row.year, "exports")] = row.unallocated_exporter
        if row.unallocated_importer:
            found[(row.source, c.importer.code, row.year, "imports")] = row.unallocated_importer
    if not found:
        return []
    listed = "; ".join(
        f"{code}'s {year} {flow} {small_share(value)}"
        for (_, code, year, flow), value in found.items()
    )
    return [
        Note(
            "Unallocated partners: part of a reporter's trade is declared to partners not "
            "specified or withheld for confidentiality (such as Eurostat's QU-QZ and Comtrade's "
            "_X, areas not elsewhere specified); some of it may "
            "be trade with the other territory, which would make that reporter's figure low. "
            "Share of the reporter's flow (exports for the exporter, imports for the importer) "
            "declared to such partners, out of that flow to every partner in the year: "
            + listed
            + ".",
            "unallocated_partners",
            items=[
                {"reporter": code, "year": year, "flow": flow.removesuffix("s"), "share": value}
                for (_, code, year, flow), value in found.items()
            ],
        )
    ]


def small_share(value: float) -> str:
    """Return a share to one decimal, a measured share below 0.05% as such, not as 0.0%.

    >>> small_share(0.0492), small_share(0.0000114), small_share(0.0)
    ('4.9%', 'under 0.05%', '0.0%')
    """
    return "under 0.05%" if 0 < abs(value) < 0.0005 else f"{value:.1%}"
