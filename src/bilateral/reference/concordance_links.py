"""Facts about link tables, and the chains of CN codes through Eurostat's yearly changes.

A link table has one row per link `source_code -> target_code`, and, where published, the
link's `relationship`: `1:n` when its source has several targets, `n:1` when its target has
several sources, `n:n` when both, else `1:1`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

from bilateral.deferred import deferred
from bilateral.errors import InvalidArgumentError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordance_cells import CN8, RELATIONSHIPS
from bilateral.reference.concordance_files import LINK_SCHEMA

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a conversion runs


def links_frame(links: pa.Table, name: str) -> pl.DataFrame:
    """Return the `source_code`, `target_code` of a link table; refuse nulls and repeated links.

    `name` is the argument or table named in the error.
    """
    if not {"source_code", "target_code"} <= set(links.column_names):
        raise InvalidArgumentError(name, links.column_names, "columns source_code, target_code")
    frame = pl.DataFrame(pl.from_arrow(links.select(["source_code", "target_code"]))).cast(
        pl.String
    )
    if frame.null_count().sum_horizontal().item() or frame.is_duplicated().any():
        raise InvalidArgumentError(name, "null or repeated links", "each link once, no nulls")
    return frame


def invert(links: pa.Table) -> pa.Table:
    """Return `links` read backwards: targets become sources, `1:n` becomes `n:1`.

    Columns other than `source_code`, `target_code` and `relationship` are dropped.

    >>> links = pa.table({"source_code": ["A", "A"], "target_code": ["X", "Y"]})
    >>> links = links.append_column("relationship", pa.array(["1:n", "1:n"]))
    >>> invert(links).to_pylist()[0]
    {'source_code': 'X', 'target_code': 'A', 'relationship': 'n:1'}
    """
    swapped = links.rename_columns(
        [
            {"source_code": "target_code", "target_code": "source_code"}.get(name, name)
            for name in links.column_names
        ]
    )
    columns = ["source_code", "target_code"]
    if "relationship" in links.column_names:
        flipped = {"1:n": "n:1", "n:1": "1:n"}
        relationship = [flipped.get(r, r) for r in links["relationship"].to_pylist()]
        swapped = swapped.set_column(
            swapped.schema.get_field_index("relationship"),
            links.schema.field("relationship"),
            pa.array(relationship, pa.string()),
        )
        columns.append("relationship")
    return swapped.select(columns)


def with_derived_relationship(links: pa.Table) -> pa.Table:
    """Add `derived_relationship`: each link's relationship counted from the table itself.

    A link is `1:n` when its source has several targets, `n:1` when its target has several
    sources, `n:n` when both, else `1:1` (UNSD's reading of a link's relationship).

    >>> links = pa.table({"source_code": ["A", "A", "B"], "target_code": ["X", "Y", "Y"]})
    >>> with_derived_relationship(links)["derived_relationship"].to_pylist()
    ['1:n', 'n:n', 'n:1']
    """
    frame = links_frame(links, "links")
    splits = pl.len().over("source_code") > 1
    merges = pl.len().over("target_code") > 1
    derived = (
        pl.when(splits & merges)
        .then(pl.lit("n:n"))
        .when(splits)
        .then(pl.lit("1:n"))
        .when(merges)
        .then(pl.lit("n:1"))
        .otherwise(pl.lit("1:1"))
    )
    column = frame.select(derived.alias("derived_relationship")).to_arrow().column(0)
    return links.append_column("derived_relationship", column.cast(pa.string()))


@dataclass(frozen=True)
class LinkSummary:
    """How a link table's codes correspond: counts by derived relationship, disagreements."""

    links: int
    source_codes: int
    target_codes: int
    by_relationship: Mapping[str, int]  # links by derived relationship
    disagreements: int  # links whose published relationship differs from the derived one

    @property
    def one_to_one_share(self) -> float:
        """Return the share of links that are 1:1."""
        return self.by_relationship["1:1"] / self.links if self.links else 0.0


def link_summary(links: pa.Table) -> LinkSummary:
    """Count the links, codes and relationships of a link table.

    >>> links = pa.table({"source_code": ["A", "B", "B"], "target_code": ["X", "Y", "Z"]})
    >>> summary = link_summary(links)
    >>> summary.by_relationship["1:1"], summary.links, summary.source_codes
    (1, 3, 2)
    """
    derived = pl.DataFrame(pl.from_arrow(with_derived_relationship(links)))
    counts = dict.fromkeys(RELATIONSHIPS, 0)
    counts.update(dict(derived.group_by("derived_relationship").len().iter_rows()))
    disagreements = 0
    if "relationship" in derived.columns:
        differ = pl.col("relationship") != pl.col("derived_relationship")
        disagreements = derived.filter(differ).height
    return LinkSummary(
        derived.height,
        derived["source_code"].n_unique(),
        derived["target_code"].n_unique(),
        counts,
        disagreements,
    )


def _cn_code(code: str) -> str:
    normalised = code.replace(" ", "")
    if not CN8.valid(normalised):
        raise InvalidArgumentError("CN code", code, CN8.expected)
    return normalised


def _cn_steps(from_year: int, to_year: int, catalogue: Catalogue) -> list[dict[str, set[str]]]:
    """Return, for each year step from `from_year` to `to_year`, each changed code's codes."""
    table = pl.DataFrame(
        pl.from_arrow(catalogue.table("cn_changes", "following CN codes across years"))
    )
    first, last = int(table["from_year"].min()), int(table["to_year"].max())  # type: ignore[arg-type]
    for name, year in (("from_year", from_year), ("to_year", to_year)):
        if not first <= year <= last:
            raise InvalidArgumentError(name, year, f"a year from {first} to {last}")
    forward = to_year >= from_year
    steps = range(from_year, to_year) if forward else range(from_year - 1, to_year - 1, -1)
    mappings: list[dict[str, set[str]]] = []
    for year in steps:
        mapping: dict[str, set[str]] = {}
        rows = table.filter(pl.col("from_year") == year)
        pairs = zip(rows["source_code"], rows["target_code"], strict=True)
        for source, target in pairs:
            start, end = (source, target) if forward else (target, source)
            mapping.setdefault(start, set()).add(end)
        mappings.append(mapping)
    return mappings


def cn_links(codes: Iterable[str], from_year: int, to_year: int, catalogue: Catalogue) -> pa.Table:
    """Return the links of each CN8 code of year `from_year` to the codes it is in `to_year`.

    A code that did not change maps to itself, so every code of `codes` has a link; the table
    can be given to `convert`. Going back in time (`to_year < from_year`) follows the changes
    backwards. Several years' links are composed, so a value is split once, among the codes
    the chain ends in.
    """
    steps = _cn_steps(from_year, to_year, catalogue)
    sources: list[str] = []
    targets: list[str] = []
    for code in sorted({_cn_code(code) for code in codes}):
        reached = {code}
        for mapping in steps:
            reached = {end for start in reached for end in mapping.get(start, {start})}
        sources.extend([code] * len(reached))
        targets.extend(sorted(reached))
    schema = pa.schema([LINK_SCHEMA.field("source_code"), LINK_SCHEMA.field("target_code")])
    return pa.table({"source_code": sources, "target_code": targets}, schema=schema)


def cn_chain(code: str, from_year: int, to_year: int, catalogue: Catalogue) -> tuple[str, ...]:
    """Return the CN8 codes that code `code` of year `from_year` became by year `to_year`.

    Eurostat's table lists only the codes that changed; an unchanged code maps to itself. The
    code is not checked against the year's code list, which the table does not hold.
    """
    links = cn_links([code], from_year, to_year, catalogue)
    return tuple(links["target_code"].to_pylist())
