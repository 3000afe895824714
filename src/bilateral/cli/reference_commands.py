"""The `bilateral reference` commands: list, territory, import, fetch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilateral.cli.app import (
    FormatOption,
    StoreOption,
    check_year,
    console,
    errors,
    open_existing,
    open_store,
    reference_app,
)

if TYPE_CHECKING:
    from bilateral.reference.registry import ReferenceData


@reference_app.command("list", short_help="Every reference table and its provenance.")
def reference_list(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show every reference table: packaged, loaded (edition, rows, provenance) or not loaded.

    Examples:

    \b
      bilateral reference list
      bilateral reference list --format json
    """
    from bilateral.render.reference import show_reference_tables

    show_reference_tables(console, _reference(store).tables(), output)


@reference_app.command("territory", short_help="What a territory name or code resolves to.")
def reference_territory(
    text: Annotated[str, typer.Argument(help="A name or code: ITD5, Belgio, 056, EU, 12.")],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "--years",
            callback=check_year,
            help="Codes and members as of this year.",
        ),
    ] = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Show what a name or code resolves to: codes in each system, members, regions, history.

    Examples:

    \b
      bilateral reference territory ITD5
      bilateral reference territory EU --year 2010
    """
    from bilateral.render.reference import show_territory

    show_territory(console, _reference(store).territory(text, year), output)


@reference_app.command("import", short_help="Load publishers' reference files from a folder.")
def reference_import(
    folder: Annotated[Path, typer.Argument(help="Folder holding publishers' files.")],
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Load the official reference files found in a folder (NUTS, HS, concordances, ECB...).

    Examples:

    \b
      bilateral reference import ~/Downloads/tables
    """
    from bilateral.render.reference import show_reference_import

    report = open_store(store).reference.import_dir(folder)
    show_reference_import(console, report, output)


@reference_app.command("fetch", short_help="Download reference tables from their publishers.")
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
    """Download reference tables from their publishers, record their checksums, load them.

    Examples:

    \b
      bilateral reference fetch
      bilateral reference fetch ecb_daily nuts2021
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn

    from bilateral.render.reference import show_reference_loaded

    reference = open_store(store).reference
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


def _reference(store: Path | None) -> ReferenceData:
    """The store's reference tables to read, or the packaged ones where there is no store.

    Reading them never makes a store: a folder that holds none has none loaded.
    """
    from bilateral.reference.registry import ReferenceData
    from bilateral.store import default_location
    from bilateral.store.layout import holds_store

    root = (store or default_location()).expanduser()
    if not holds_store(root):
        return ReferenceData(None)
    return open_existing(root).reference
