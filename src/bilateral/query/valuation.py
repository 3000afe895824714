"""Imports a reporter publishes on both valuation bases (CIF and FOB).

Comtrade keeps `cifvalue` and `fobvalue` apart; where an importer publishes its imports FOB
as well as CIF, results say which basis their figure is on and give the other one, and the
mirror can show the CIF/FOB margin as measured instead of assumed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bilateral.indicators.mirror import gap_share
from bilateral.query.compiled import compiled_sql
from bilateral.query.tables import table
from bilateral.reference import Territory
from bilateral.results import Mirror, MirrorRow, Profile, ProfileRow
from bilateral.results.notes import Note
from bilateral.schema import ImportValuation, Valuation

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis


def _annual_pair_imports(
    first: str, second: str, years: tuple[int, ...], sources: tuple[str, ...]
) -> ibis.Table:
    """Return each side's annual TOTAL import rows from the other, of `sources`."""
    flows = table("flows")
    pair = (flows.reporter.isin([first, second])) & (flows.partner.isin([first, second]))
    return flows.filter(
        flows.source.isin(list(sources)),
        flows.year.isin(list(years)),
        pair,
        flows.reporter != flows.partner,
        flows.flow == "import",
        flows.product_scheme == "TOTAL",
        flows.month.isnull(),
    )


@compiled_sql
def valued_imports_sql(
    first: str, second: str, years: tuple[int, ...], sources: tuple[str, ...], *, dialect: str
) -> str:
    """Return the SQL of each side's total imports from the other valued both CIF and FOB.

    One row per source, importer, exporter and year: `cif` and `fob` summed over the rows that
    publish both (annual totals only, so nothing is counted twice); `sources` are those whose
    format values imports both ways.
    """
    imports = _annual_pair_imports(first, second, years, sources)
    rows = imports.filter(imports.value_cif.notnull(), imports.value_fob.notnull())
    summed = rows.group_by(["source", "reporter", "partner", "year"]).aggregate(
        cif=_.value_cif.sum(), fob=_.value_fob.sum(), currency=_.currency.max()
    )
    return str(ibis.to_sql(summed.order_by(["year", "reporter"]), dialect=dialect))


def valuation_notes(rows: Sequence[Mapping[str, Any]], names: Mapping[str, Territory]) -> list[str]:
    """Return one note per importer-year that publishes its imports both CIF and FOB.

    >>> from bilateral.reference import get
    >>> row = {"source": "comtrade", "reporter": "USA", "partner": "JPN", "year": 2023,
    ...        "cif": 151_580_564_290.0, "fob": 147_340_317_186.0, "currency": "USD"}
    >>> [note] = valuation_notes([row], {"USA": get("USA"), "JPN": get("JPN")})
    >>> note[:86]
    '2023 (comtrade): United States publishes its imports from Japan both CIF (USD 151,580,'
    >>> note[note.index("a measured"):note.index(" of the FOB")]
    'a measured CIF/FOB margin of 2.9%'
    """
    notes: list[str] = []
    for row in rows:
        importer, exporter = names[row["reporter"]], names[row["partner"]]
        cif, fob, currency = float(row["cif"]), float(row["fob"]), row["currency"]
        share = (cif - fob) / fob if fob else None
        margin = "n/a" if share is None else f"{share:.1%}"
        notes.append(
            Note(
                f"{row['year']} ({row['source']}): {importer.name} publishes its imports from "
                f"{exporter.name} both CIF ({currency} {cif:,.0f}) and FOB ({currency} "
                f"{fob:,.0f}): a measured CIF/FOB margin of {margin} of the FOB value, to "
                f"compare with the gap against {exporter.name}'s FOB exports.",
                "measured_cif_fob",
                year=row["year"],
                source=row["source"],
                importer=importer.code,
                exporter=exporter.code,
                currency=currency,
                cif=cif,
                fob=fob,
                share=share,
            )
        )
    return notes


@dataclass(frozen=True)
class ImportBasis:
    """The basis of an importer's published figure and the same imports on the other basis.

    `other` is None where the source publishes the figure on one basis only.
    """

    valuation: Valuation
    other: float | None
    value: float

    @property
    def other_valuation(self) -> Valuation:
        """Return the basis that `other` is on."""
        return "FOB" if self.valuation == "CIF" else "CIF"


BasisKey = tuple[str, str, str, int]  # source, importer, exporter, year


@compiled_sql
def import_bases_sql(
    first: str, second: str, years: tuple[int, ...], sources: tuple[str, ...], *, dialect: str
) -> str:
    """Return the SQL of each side's annual total imports from the other, on each basis.

    One row per source, importer, exporter and year: the published `value` and the sums of
    `value_cif` and `value_fob` with how many rows publish each (annual TOTAL rows only).
    """
    rows = _annual_pair_imports(first, second, years, sources)
    summed = rows.group_by(["source", "reporter", "partner", "year"]).aggregate(
        value=_.value.sum(),
        cif=_.value_cif.sum(),
        fob=_.value_fob.sum(),
        rows=_.count(),
        cif_rows=_.value_cif.count(),
        fob_rows=_.value_fob.count(),
    )
    return str(ibis.to_sql(summed.order_by(["year", "reporter"]), dialect=dialect))


def import_bases(rows: Sequence[Mapping[str, Any]]) -> dict[BasisKey, ImportBasis]:
    """Return the basis of each importer-year's published value, from `import_bases_sql` rows.

    The published value is on the basis it equals (Comtrade's primaryValue is the CIF value
    for most importers, the FOB value for some); a figure equal to neither gets no basis.

    >>> row = {"source": "comtrade", "reporter": "USA", "partner": "JPN", "year": 2023,
    ...        "value": 151.6e9, "cif": 151.6e9, "fob": 147.3e9, "rows": 1, "cif_rows": 1,
    ...        "fob_rows": 1}
    >>> import_bases([row])[("comtrade", "USA", "JPN", 2023)].other
    147300000000.0
    """
    found: dict[BasisKey, ImportBasis] = {}
    for row in rows:
        count, value = int(row["rows"]), float(row["value"])
        sums: dict[Valuation, float | None] = {
            "CIF": _complete(row["cif"], int(row["cif_rows"]), count),
            "FOB": _complete(row["fob"], int(row["fob_rows"]), count),
        }
        basis = next((b for b, total in sums.items() if _same(total, value)), None)
        if basis is None:
            continue
        other = sums["FOB" if basis == "CIF" else "CIF"]
        key = (str(row["source"]), str(row["reporter"]), str(row["partner"]), int(row["year"]))
        found[key] = ImportBasis(basis, other, value)
    return found


def _complete(total: Any, counted: int, count: int) -> float | None:
    return None if total is None or counted != count else float(total)


def _same(total: float | None, value: float) -> bool:
    return total is not None and abs(total - value) <= 1e-9 * max(1.0, abs(value))


def with_import_bases(
    profile: Profile,
    bases: Mapping[BasisKey, ImportBasis],
    traits: Mapping[str, ImportValuation],
) -> Profile:
    """Return `profile` with each row's import basis and, where published, the other basis.

    The import figure a row's reporter declares is `imports` in the own view and `exports` in
    the mirror view. A source valuing every row one way (`traits`) gives that basis; a source
    publishing both gives the basis its figure equals, and the other figure scaled like the
    row (so a converted row's other figure is converted too).
    """
    rows = [_with_basis(row, profile, bases, traits) for row in profile.rows]
    return dataclasses.replace(profile, rows=tuple(rows))


def _with_basis(
    row: ProfileRow,
    profile: Profile,
    bases: Mapping[BasisKey, ImportBasis],
    traits: Mapping[str, ImportValuation],
) -> ProfileRow:
    own = row.reported_by == profile.reporter
    declared = row.imports if own else row.exports
    if declared is None:
        return row
    exporter = profile.partner if own else profile.reporter
    basis = bases.get((row.source, row.reported_by, exporter, row.year))
    trait = traits.get(row.source, "unknown")
    if basis is None:
        if trait in ("CIF", "FOB"):
            return dataclasses.replace(row, import_valuation=trait)
        return row
    other = None
    if basis.other is not None and basis.value:
        other = declared * basis.other / basis.value
    return dataclasses.replace(row, import_valuation=basis.valuation, import_other_value=other)


def with_mirror_bases(
    mirror: Mirror,
    bases: Mapping[BasisKey, ImportBasis],
    traits: Mapping[str, ImportValuation],
) -> Mirror:
    """Return `mirror` with each row's import basis and the gap on a like basis (FOB).

    Exports are valued FOB; where the importer publishes its imports FOB too, the like-basis
    gap compares FOB with FOB, so valuation no longer explains any of it.
    """
    rows = [_mirror_basis(row, bases, traits) for row in mirror.rows]
    return dataclasses.replace(mirror, rows=tuple(rows))


def _mirror_basis(
    row: MirrorRow, bases: Mapping[BasisKey, ImportBasis], traits: Mapping[str, ImportValuation]
) -> MirrorRow:
    imports = row.imports_reported
    if imports is None:
        return row
    basis = bases.get((row.source, row.importer, row.exporter, row.year))
    if basis is None:
        trait = traits.get(row.source, "unknown")
        if trait not in ("CIF", "FOB"):
            return row
        like = row.gap if trait == "FOB" else None
        return dataclasses.replace(
            row,
            import_valuation=trait,
            gap_like_basis=like,
            gap_share_like_basis=row.gap_share if like is not None else None,
        )
    other = None if basis.other is None or not basis.value else imports * basis.other / basis.value
    fob = imports if basis.valuation == "FOB" else other
    exports = row.exports_reported
    # A gap withheld (a group's partial sum, a reconciled figure) is withheld on a like basis too.
    withheld = row.gap_withheld is not None
    like = None if fob is None or exports is None or withheld else fob - exports
    return dataclasses.replace(
        row,
        import_valuation=basis.valuation,
        imports_other_value=other,
        gap_like_basis=like,
        gap_share_like_basis=None if like is None else gap_share(exports, fob),
    )
