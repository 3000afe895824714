"""Printing a pair's profile and sectors."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bilateral.render.basis import comparison_label
from bilateral.render.common import (
    OutputFormat,
    as_of_line,
    dated,
    emit_data,
    money,
    percent,
    show_other_notes,
    show_synthetic,
    sourced_document,
    unit_for,
)
from bilateral.render.layout import print_table
from bilateral.results import Profile, ProfileRow, SectorRow, Sectors
from bilateral.results.basis import Comparison


def profile_document(profile: Profile) -> dict[str, Any]:
    """Return the profile as the JSON document of `--format json`."""
    return sourced_document(
        profile,
        reporter=profile.reporter,
        partner=profile.partner,
        years=list(profile.years),
        as_of=profile.as_of,
        as_of_version=profile.as_of_version,
    )


def show_profile(console: Console, profile: Profile, output: OutputFormat) -> None:
    """Print a profile as a table per view and source, or as JSON / CSV."""
    document = profile_document(profile)
    if emit_data(console, output, profile.records(), document):
        return
    show_synthetic(console, profile.notes)
    if profile.as_of is not None:
        console.print(as_of_line(profile.as_of, profile.as_of_version))
    # One table per view and source: two sources of a view are never one table's rows.
    for view in profile.views():
        in_view = [row for row in profile.rows if row.view == view]
        for source in dict.fromkeys(row.source for row in in_view):
            rows = [row for row in in_view if row.source == source]
            _profile_table(console, profile, view, rows)
    show_other_notes(console, profile.notes)


def _profile_table(console: Console, profile: Profile, view: str, rows: list[ProfileRow]) -> None:
    """Print one view's rows of one source, captioned with that source."""
    first = rows[0]
    divisor, unit = unit_for([v for r in rows for v in (r.exports, r.imports, r.total)])
    table = Table(
        title=f"{profile.reporter_name} – {profile.partner_name}, {view}",
        caption=f"{first.source}, {first.currency} {unit}, "
        f"{dated(first.vintage, profile.provenance)}" + _basis_caption(rows, divisor),
    )
    for header in (
        "year",
        "exports",
        "imports",
        "total",
        "balance",
        "exp. %",
        "imp. %",
        "conf.",
        "coverage",
    ):
        table.add_column(header, justify="left" if header == "coverage" else "right")
    for row in rows:
        table.add_row(
            str(row.year),
            money(row.exports, divisor),
            money(row.imports, divisor),
            money(row.total, divisor),
            money(row.balance, divisor),
            percent(row.exports_growth),
            percent(row.imports_growth),
            _confidential(row),
            row.coverage,
        )
    print_table(console, table)
    for line in _growth_bases(rows):
        console.print(line)


def _confidential(row: ProfileRow) -> str:
    if row.confidentiality == "not measurable":
        return "n/m"
    return "–" if row.confidential_share is None else f"{row.confidential_share:.1%}"


def _basis_caption(rows: list[ProfileRow], divisor: float) -> str:
    """Say what is not the default: imports valued FOB or on both bases, and n/m."""
    parts = []
    mirror = rows[0].mirror
    declared = "exports (the partner's imports)" if mirror else "imports"
    bases = {row.import_valuation for row in rows} - {None}
    others = [row for row in rows if row.import_other_value is not None]
    if others:
        (basis,) = bases or {"CIF"}
        other = "FOB" if basis == "CIF" else "CIF"
        figures = ", ".join(
            f"{row.year} {money(row.import_other_value, divisor)}" for row in others
        )
        parts.append(f"{declared} valued {basis}; {other}: {figures}")
    elif bases == {"FOB"}:
        parts.append(f"{declared} valued FOB")
    if any(row.confidentiality == "not measurable" for row in rows):
        parts.append("conf. n/m: not measurable in published totals or reconciled flows")
    return "".join(f"\n{part}" for part in parts)


def _growth_bases(rows: list[ProfileRow]) -> list[str]:
    """Say how each growth that is not whole year on whole year was compared, or why not."""
    lines: list[str] = []
    for row in rows:
        said: dict[str, list[str]] = {}
        for name, comparison in (
            ("exports", row.exports_comparison),
            ("imports", row.imports_comparison),
            ("total", row.total_comparison),
        ):
            if comparison.withheld == "no_base" and row.year == min(r.year for r in rows):
                continue
            label = comparison_label(comparison, row.year, row.year - 1)
            if label is not None:
                said.setdefault(label, []).append(name)
        lines.extend(f"growth {row.year} ({', '.join(n)}): {label}" for label, n in said.items())
    return lines


def sectors_document(sectors: Sectors) -> dict[str, Any]:
    """Return the sectors as the JSON document of `--format json`."""
    return sourced_document(
        sectors,
        reporter=sectors.reporter,
        partner=sectors.partner,
        year=sectors.year,
        scheme=sectors.scheme,
    )


def show_sectors(console: Console, sectors: Sectors, output: OutputFormat) -> None:
    """Print a pair's sectors as a table per view and flow, or as JSON / CSV."""
    document = sectors_document(sectors)
    if emit_data(console, output, sectors.records(), document):
        return
    show_synthetic(console, sectors.notes)
    groups = dict.fromkeys((row.view, row.flow) for row in sectors.rows)
    for view, flow in groups:
        rows = [row for row in sectors.rows if (row.view, row.flow) == (view, flow)]
        divisor, unit = unit_for([row.value for row in rows])
        direction = "to" if flow == "export" else "from"
        table = Table(
            title=f"{sectors.reporter_name} {flow}s {direction} {sectors.partner_name}, "
            f"{sectors.year}, {view}",
            caption=f"{rows[0].source}, {rows[0].currency} {unit}, "
            f"{dated(rows[0].vintage, sectors.provenance)}",
        )
        # The CAGR column stays when none could be computed: its note says why.
        with_cagr = sectors.span is not None or any(row.cagr is not None for row in rows)
        headers = ["rank", sectors.scheme.upper(), "sector", "value", "share", "growth"]
        for header in (*headers, "CAGR") if with_cagr else headers:
            table.add_column(header, justify="left" if header == "sector" else "right")
        for row in rows:
            cells = [
                "" if row.rank is None else str(row.rank),
                row.code,
                row.title,
                money(row.value, divisor),
                "–" if row.share is None else f"{row.share:.1%}",
                percent(row.growth),
            ]
            table.add_row(*cells, *([percent(row.cagr)] if with_cagr else []))
        print_table(console, table, key_columns=2)
        for line in _sector_bases(rows, sectors.year, sectors.span):
            console.print(line)
    show_other_notes(console, sectors.notes)


def _sector_bases(rows: list[SectorRow], year: int, span: int | None) -> list[str]:
    """Say how a table's growths and CAGRs were compared where not whole years, or why not."""
    said: dict[str, int] = {}
    cagr = "CAGR" if span is None else f"CAGR {year - span}-{year}"
    for row in rows:
        label = _change_label(row.comparison, year, year - 1)
        if label is not None:
            key = f"growth {year - 1}-{year}: {label}"
            said[key] = said.get(key, 0) + 1
        if row.cagr_comparison is not None:
            start = None if span is None else year - span
            label = _change_label(row.cagr_comparison, year, start, each_year=True)
            if label is not None:
                key = f"{cagr}: {label}"
                said[key] = said.get(key, 0) + 1
    return [
        line if count == len(rows) else f"{line} ({count} of {len(rows)} lines)"
        for line, count in said.items()
    ]


def _change_label(
    comparison: Comparison, year: int, base: int | None, *, each_year: bool = False
) -> str | None:
    """Say how a change was computed, naming the missing base year where it is known."""
    if comparison.withheld == "no_base" and base is not None:
        return f"not computed: no figure for {base}"
    return comparison_label(comparison, year, None if each_year else base)
