"""The `bilateral reference` commands: list, territory, import, fetch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
)

import bilateral
from bilateral.cli.app import (
    FormatOption,
    StoreOption,
    console,
    errors,
    reference_app,
)
from bilateral.render import (
    show_reference_import,
    show_reference_loaded,
    show_reference_tables,
    show_territory,
)


@reference_app.command("list")
def reference_list(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show every reference table: packaged, loaded (edition, rows, provenance) or not loaded."""
    show_reference_tables(console, bilateral.open(store).reference.tables(), output)


@reference_app.command("territory")
def reference_territory(
    text: Annotated[str, typer.Argument(help="A name or code: ITD5, Belgio, 056, EU, 12.")],
    year: Annotated[int | None, typer.Option(help="Codes and members as of this year.")] = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Show what a name or code resolves to: codes in each system, members, regions, history."""
    show_territory(console, bilateral.open(store).reference.territory(text, year), output)


@reference_app.command("import")
def reference_import(
    folder: Annotated[Path, typer.Argument(help="Folder holding publishers' files.")],
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Load the official reference files found in a folder (NUTS, HS, concordances, ECB...)."""
    report = bilateral.open(store).reference.import_dir(folder)
    show_reference_import(console, report, output)


@reference_app.command("fetch")
def reference_fetch(
    tables: Annotated[
        list[str] | None, typer.Argument(help="Tables to fetch (default: every fetchable one).")
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option(help="Fetch from a mirror laid out as <mirror>/<host>/<path>."),
    ] = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Download reference tables from their publishers, record their checksums, load them."""
    reference = bilateral.open(store).reference
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        console=errors,
        transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done, total=total)

        loaded = reference.fetch(tables or (), mirror=mirror, progress=advance)
    show_reference_loaded(console, loaded, output)
