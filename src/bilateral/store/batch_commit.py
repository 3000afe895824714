"""Committing the parts of many files at once, written by other processes (a Spark ingest).

Each table gets one Delta commit for all the files: the stored rows of every file's scope are
taken out (as `commit.replace_scope` does for one file) and the new parts moved in, under the
writer's lock and journal. The log entries, one per file, are published together afterwards
(`StoreWriter.publish_all`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from bilateral.store import disk
from bilateral.store.commit import _rewrite_rest, _scope_counts, scope_predicate, stored_files
from bilateral.store.layout import TableName, table_path
from bilateral.store.parts import Part, move_into, remove_action
from bilateral.store.staging import Period
from bilateral.store.writer import StoreWriter


@dataclass(frozen=True)
class Scope:
    """What one file's rows replace: a source's rows in some periods."""

    source: str
    periods: tuple[Period, ...]

    @property
    def predicate(self) -> str:
        """The SQL predicate of the scope's rows (DuckDB and Spark SQL alike)."""
        return scope_predicate(self.source, self.periods)

    @property
    def years(self) -> set[int]:
        """The years of the scope's periods."""
        return {period.year for period in self.periods}

    def overlaps(self, other: Scope) -> bool:
        """Say whether the two scopes share a period of one source."""
        return self.source == other.source and not set(self.periods).isdisjoint(other.periods)


def replace_scopes(
    writer: StoreWriter, name: TableName, parts: Sequence[Part], scopes: Sequence[Scope]
) -> int:
    """Put `parts` in place of the table's rows of every scope, in one commit; return its version.

    The scopes must not overlap (each stored row is taken out once).
    """
    table = writer.table(name)
    folder = table_path(writer.root, name)
    files = stored_files(table, name)
    writer.begin()
    removes, adds = [], []
    with disk.write_errors(writer.root):
        for source, group in groupby(sorted(scopes, key=lambda s: s.source), lambda s: s.source):
            chosen = list(group)
            predicate = " OR ".join(f"({scope.predicate})" for scope in chosen)
            years = set().union(*(scope.years for scope in chosen))
            candidates = [
                f
                for f in files
                if f.partition_values.get("source") == source
                and ("year" not in f.partition_values
                     or int(str(f.partition_values["year"])) in years)
            ]  # fmt: skip
            counts = _scope_counts(folder, name, candidates, predicate)
            for stored in candidates:
                inside, total = counts.get(stored.relative, (0, 0))
                if inside == 0:
                    continue
                removes.append(remove_action(stored.relative, stored.size, stored.partition_values))
                if inside < total:
                    adds.append(_rewrite_rest(folder, name, stored, predicate))
        adds.extend(move_into(parts, folder))
    return writer.commit(name, adds, removes)
