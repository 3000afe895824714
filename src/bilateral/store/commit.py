"""Committing an ingest's parts: each table's rows of the scope replaced in one Delta commit.

A table's files that hold rows of the scope are removed; those that also hold other rows are
rewritten without the scope's (a new part in the same partition). The new parts are moved in,
and removes and adds go in one commit, under the writer's lock and journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import duckdb
import pyarrow as pa
from deltalake import DeltaTable
from deltalake.transaction import AddAction

from bilateral.schema import FLOW_KEY, FLOW_SCHEMA
from bilateral.store import disk
from bilateral.store.layout import TableName, table_path
from bilateral.store.part_sql import canonical_select_sql, parquet_scan_sql, scratch_connection
from bilateral.store.parts import Part, copy_options, move_into, part_name, remove_action, scratch
from bilateral.store.snapshots import table_files
from bilateral.store.staging import Period
from bilateral.store.tables import PARTITIONS
from bilateral.store.writer import HOOKS, StoreWriter


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scope_predicate(source: str, periods: Sequence[Period], prefix: str = "") -> str:
    """Return the SQL predicate of one source's rows in `periods` (never NULL)."""
    by_year: dict[int, list[int | None]] = {}
    for period in periods:
        by_year.setdefault(period.year, []).append(period.month)
    clauses = []
    for year, months in sorted(by_year.items()):
        parts = []
        known = [m for m in months if m is not None]
        if known:
            parts.append(f"coalesce({prefix}month IN ({', '.join(map(str, known))}), false)")
        if None in months:
            parts.append(f"{prefix}month IS NULL")
        clauses.append(f"({prefix}year = {year} AND ({' OR '.join(parts)}))")
    return f"{prefix}source = {_quote(source)} AND ({' OR '.join(clauses)})"


@dataclass(frozen=True)
class StoredFile:
    """One data file of a table version: on-disk path inside the table, size, partition."""

    relative: str
    size: int
    partition_values: dict[str, str | None]


def stored_files(table: DeltaTable, name: TableName) -> list[StoredFile]:
    """Return the data files of `table`'s loaded version."""
    actions: list[dict[str, Any]] = pa.table(table.get_add_actions(flatten=True)).to_pylist()
    return [
        StoredFile(
            unquote(str(a["path"])),
            int(a["size_bytes"]),
            {
                column: None if a[f"partition.{column}"] is None else str(a[f"partition.{column}"])
                for column in PARTITIONS[name]
            },
        )
        for a in actions
    ]


def replace_scope(
    writer: StoreWriter,
    name: TableName,
    parts: Sequence[Part],
    predicate: str,
    source: str,
    years: set[int] | None = None,
) -> tuple[int, int]:
    """Put `parts` in place of the table's rows that `predicate` selects, in one commit.

    Only files of `source` (and of `years` where the table is partitioned by year) can hold
    such rows. Return the table's new version and the number of rows taken out.
    """
    table = writer.table(name)
    folder = table_path(writer.root, name)
    candidates = [
        f
        for f in stored_files(table, name)
        if f.partition_values.get("source") == source
        and (years is None or "year" not in f.partition_values
             or int(str(f.partition_values["year"])) in years)
    ]  # fmt: skip
    counts = _scope_counts(folder, name, candidates, predicate)
    writer.begin()
    removes, adds, taken = [], [], 0
    with disk.write_errors(writer.root):
        for stored in candidates:
            inside, total = counts.get(stored.relative, (0, 0))
            if inside == 0:
                continue
            taken += inside
            removes.append(remove_action(stored.relative, stored.size, stored.partition_values))
            if inside < total:
                adds.append(_rewrite_rest(folder, name, stored, predicate))
        adds.extend(move_into(parts, folder))
    return writer.commit(name, adds, removes), taken


def _scope_counts(
    folder: Path, name: TableName, files: Sequence[StoredFile], predicate: str
) -> dict[str, tuple[int, int]]:
    """Return, per file, how many of its rows the predicate selects and how many it has."""
    if not files:
        return {}
    absolute = {str(folder / f.relative): f.relative for f in files}
    scan = parquet_scan_sql(name, list(absolute), filename=True)
    connection = scratch_connection()
    try:
        rows = connection.execute(
            f"SELECT filename, count(*) FILTER (WHERE {predicate}), count(*) "
            f"FROM ({scan}) GROUP BY filename"
        ).fetchall()
    finally:
        connection.close()
    return {absolute[file]: (int(inside), int(total)) for file, inside, total in rows}


def _rewrite_rest(folder: Path, name: TableName, stored: StoredFile, predicate: str) -> AddAction:
    """Write the rows of one file that the predicate does not select as a new part, in order."""
    relative = f"{Path(stored.relative).parent.as_posix()}/{part_name()}".removeprefix("./")
    target = folder / relative
    scan = parquet_scan_sql(name, [str(folder / stored.relative)])
    rest = canonical_select_sql(name, f"{scan} WHERE NOT ({predicate})", partitions=False)
    connection = scratch(folder.parent)
    try:
        connection.execute(f"COPY ({rest}) TO {_quote(str(target))} {copy_options([])}")
    finally:
        connection.close()
    part = Part(target, relative, stored.partition_values, 0)
    return part.add_action(target.stat().st_size)


def merge_keys(writer: StoreWriter, rows: pa.Table, source: str) -> tuple[int, int]:
    """Upsert `rows` by the flow key (an extract replaces only the figures it carries).

    Return the flows version and how many stored rows the extract's rows replaced.
    """
    writer.begin()
    table = writer.table("flows")
    data = rows.cast(FLOW_SCHEMA)
    years = sorted(set(data.column("year").to_pylist()))
    matches = " AND ".join(f"(t.{name} IS NOT DISTINCT FROM s.{name})" for name in FLOW_KEY)
    predicate = (
        f"t.source = {_quote(source)} AND t.year IN ({', '.join(map(str, years))}) AND {matches}"
    )
    with disk.write_errors(writer.root):
        metrics = (
            table.merge(
                data,
                predicate=predicate,
                source_alias="s",
                target_alias="t",
                commit_properties=writer._properties(),
                post_commithook_properties=HOOKS,
            )
            .when_matched_update_all()
            .when_not_matched_insert_all()
            .execute()
        )
    return int(writer.table("flows").version()), int(metrics.get("num_target_rows_updated", 0))


def stored_scope_view(
    connection: duckdb.DuckDBPyConnection, writer: StoreWriter, predicate: str
) -> str:
    """Create the view `scope` of the writer's latest flows that `predicate` selects."""
    files = table_files(writer.table("flows"))
    scan = parquet_scan_sql("flows", files) if files else None
    if scan is None:
        raise ValueError("no flows to roll up")
    connection.execute(f"CREATE OR REPLACE VIEW scope AS SELECT * FROM ({scan}) WHERE {predicate}")
    return "scope"


# Columns that make a stored row's figures: a row whose key is stored again with the same
# figures is unchanged, whatever its vintage.
_FIGURES = ("value", "quantity_kg", "flags", "currency")


@dataclass(frozen=True)
class RowChanges:
    """How an ingest changes the stored flows: rows added, replaced, unchanged, removed."""

    added: int
    replaced: int
    unchanged: int
    removed: int


def row_changes(
    writer: StoreWriter, source: str, predicate: str, new_rows: str, folder: Path, *, extract: bool
) -> RowChanges:
    """Compare the new rows (the SQL `new_rows`) with the stored rows of the scope, by key.

    A key stored before is `replaced` where its figures differ and `unchanged` where they do
    not; a new key is `added`; a stored key of the scope that the file lacks is `removed`,
    except for an extract (`extract`), whose rows replace only the keys they carry.
    """
    files = [f for f in table_files(writer.table("flows")) if f"/source={source}/" in f]
    connection = scratch(folder, ordered=False)
    try:
        if not files:
            (count,) = connection.execute(f"SELECT count(*) FROM ({new_rows})").fetchone() or (0,)
            return RowChanges(int(count), 0, 0, 0)
        stored = f"SELECT * FROM ({parquet_scan_sql('flows', files)}) WHERE {predicate}"
        join = " AND ".join(f"n.{name} IS NOT DISTINCT FROM o.{name}" for name in FLOW_KEY)
        same = " AND ".join(f"n.{name} IS NOT DISTINCT FROM o.{name}" for name in _FIGURES)
        row = connection.execute(
            f"""
            SELECT count(*) FILTER (WHERE o._old IS NULL),
                   count(*) FILTER (WHERE n._new AND o._old AND NOT ({same})),
                   count(*) FILTER (WHERE n._new AND o._old AND ({same})),
                   count(*) FILTER (WHERE n._new IS NULL)
            FROM (SELECT *, true AS _new FROM ({new_rows})) AS n
            FULL OUTER JOIN (SELECT *, true AS _old FROM ({stored})) AS o ON {join}
            """
        ).fetchone()
    finally:
        connection.close()
    added, replaced, unchanged, removed = (int(value) for value in row or (0, 0, 0, 0))
    return RowChanges(added, replaced, unchanged, 0 if extract else removed)
