"""Commands that fill and describe the store: ingest, store info and history, demo."""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import bilateral
from bilateral.choices import OutputFormat
from bilateral.cli.app import (
    EXIT_USER_ERROR,
    FormatOption,
    SparkMasterOption,
    StoreOption,
    app,
    chosen_engine,
    console,
    errors,
    open_existing,
    open_store,
    opened_stores,
    signals_deferred,
    store_app,
)
from bilateral.errors import BilateralError, InvalidArgumentError, StoreNotFoundError

if TYPE_CHECKING:
    from bilateral.results import IngestReport


@app.command(short_help="Ingest official data files into the store.")
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Data files (.dat, .csv, .json, .7z, .zip); each data file of a "
            "release archive (BACI's years) is ingested on its own."
        ),
    ],
    store: StoreOption = None,
    vintage: Annotated[
        str | None, typer.Option(help="Release date of the file, if not in it.")
    ] = None,
    wait: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Seconds to wait while another process writes the store (default: as long "
            "as it takes).",
            show_default=False,
        ),
    ] = None,
    output: FormatOption = "table",
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="duckdb: each file in turn on this machine; spark: every file at once on "
            "Spark's executors, committed in one write.",
        ),
    ] = "duckdb",
    spark_master: SparkMasterOption = None,
) -> None:
    """Ingest official data files: each is detected, checked and committed whole, or not at all.

    A file that fails is reported and changes nothing; the other files are still ingested.
    Writers of one store take turns: an ingest waits while another process writes.

    With --engine spark the files are read in parallel on Spark's executors with the same
    readers, Spark computes the rollups, and the store changes in one write that holds every
    file or, when one fails, none. The store's folder must be one the executors reach.

    Examples:

    \b
      bilateral ingest full_v2_202152.7z
      bilateral ingest DS-045409_extract.csv --vintage 2024-03-15
      bilateral ingest BACI_HS92_V202301.zip --store ~/trade-store
      bilateral ingest full_v2_202152.7z full_v2_202402.7z --engine spark
    """
    if spark_master is not None or engine.strip().lower() == "spark":
        _ingest_on_spark(paths, store, vintage, wait, output, engine, spark_master)
        return
    if engine.strip().lower() != "duckdb":
        raise InvalidArgumentError("--engine", engine, "duckdb or spark")
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    from bilateral.render.store import show_ingest

    with signals_deferred():
        # Native modules (duckdb, polars, pyarrow) must not meet Ctrl-C while they set up:
        # some print their own traceback. The signal takes effect once they are loaded.
        import bilateral.store.ingest  # noqa: F401

    opened = open_store(store)
    reports: list[IngestReport] = []
    failed = 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:
        units: list[tuple[Path, str | None]] = []
        for path in paths:
            try:
                units.extend((path, member) for member in _members_of(opened, path))
            except BilateralError as error:
                failed += 1
                errors.print(f"[red]error:[/] {error}", highlight=False)
        for path, member in units:
            label = path.name if member is None else f"{path.name}/{member}"
            task = progress.add_task(label, total=None, rows=0)

            def advance(done: int, total: int, rows: int, task: TaskID = task) -> None:
                progress.update(task, completed=done, total=total, rows=rows)

            try:
                reports.append(
                    opened.ingest(
                        path,
                        vintage=vintage,
                        progress=advance,
                        member=member,
                        wait=wait,
                        on_wait=_tell_waiting,
                    )
                )
            except BilateralError as error:
                failed += 1
                errors.print(f"[red]error:[/] {error}", highlight=False)
            progress.remove_task(task)
    show_ingest(console, reports, output)
    if failed:
        total = len(units) + sum(1 for path in paths if path not in {u[0] for u in units})
        errors.print(f"{failed} of {total} files not ingested; the store is unchanged by them")
        raise typer.Exit(EXIT_USER_ERROR)


def _ingest_on_spark(
    paths: list[Path],
    store: Path | None,
    vintage: str | None,
    wait: float | None,
    output: OutputFormat,
    engine: str,
    spark_master: str | None,
) -> None:
    """Ingest every file in one write on Spark; a file that fails leaves the store unchanged."""
    from bilateral.render.store import show_ingest

    if engine.strip().lower() not in ("spark", "duckdb"):
        raise InvalidArgumentError("--engine", engine, "duckdb or spark")
    chosen_engine(engine if engine.strip().lower() == "spark" else None, spark_master)
    opened = open_store(store)
    try:
        units = [(path, member) for path in paths for member in _members_of(opened, path)]
        with errors.status(f"ingesting {len(units)} files on Spark"):
            reports = opened.ingest_on_spark(
                units, vintage=vintage, spark_master=spark_master, wait=wait,
                on_wait=_tell_waiting,
            )  # fmt: skip
    except BilateralError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False)
        errors.print("no file was ingested: the store is unchanged")
        raise typer.Exit(EXIT_USER_ERROR) from None
    show_ingest(console, reports, output)


def _tell_waiting(holder: str) -> None:
    errors.print(f"waiting: the store is being written by {holder}", highlight=False)


def _members_of(opened: bilateral.Store, path: Path) -> list[str | None]:
    """Return the data files of a release archive that holds several, else the file itself."""
    members = opened.archive_members(path)
    return [None] if len(members) <= 1 else list(members)


@store_app.command("info", short_help="The store's sources, years, rows, vintages, size.")
def store_info(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show the store's sources, years, rows, vintages and size.

    Examples:

    \b
      bilateral store info
      bilateral store info --format json
    """
    from bilateral.render.store import show_info

    show_info(console, open_existing(store).info(), output)


@store_app.command("history", short_help="Every ingest; each version readable with --as-of.")
def store_history(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show every ingest that changed the store; each version can be read with --as-of.

    Examples:

    \b
      bilateral store history
      bilateral profile IT BE --as-of 3
    """
    from bilateral.render.store import show_history

    show_history(console, open_existing(store).history(), output)


@store_app.command("check", short_help="Verify the store against its ingest log (--repair).")
def store_check(
    store: StoreOption = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Mend what is found: remove leftovers of interrupted writes, rebuild damaged "
            "tables and partitions from the logged files still on disk, recompute rollups.",
        ),
    ] = False,
    output: FormatOption = "table",
) -> None:
    """Verify every table against the ingest log: logs, files, sizes, row counts, rollups.

    Exits 1 when a problem remains (after --repair: one that could not be mended).

    Examples:

    \b
      bilateral store check
      bilateral store check --repair
    """
    from bilateral.render.store import show_store_check

    opened = _open_for_repair(store)
    result = opened.repair() if repair else opened.verify()
    show_store_check(console, result, output)
    if not result.ok:
        raise typer.Exit(EXIT_USER_ERROR)


def _open_for_repair(store: Path | None) -> bilateral.Store:
    from bilateral.api.store import Store
    from bilateral.store import default_location
    from bilateral.store.layout import TABLES, stores_within

    root = (store or default_location()).expanduser()
    if not root.is_dir() or not any((root / name).exists() for name in TABLES):
        raise StoreNotFoundError(root, stores_within(root))
    opened_stores.append(root)
    return Store.for_repair(root)


@store_app.command("vacuum", short_help="Delete files no version of the store uses.")
def store_vacuum(
    store: StoreOption = None,
    retain_days: Annotated[
        float | None,
        typer.Option(
            "--retain-days",
            min=0,
            help="Also delete the files of vintages replaced more than this many days ago "
            "(those versions can no longer be read with --as-of). Default: keep every vintage.",
        ),
    ] = None,
    output: FormatOption = "table",
) -> None:
    """Delete files that no version of the store uses; keep every vintage unless told.

    Examples:

    \b
      bilateral store vacuum
      bilateral store vacuum --retain-days 365
    """
    from bilateral.render.store import show_vacuum

    show_vacuum(console, open_existing(store).vacuum(retain_days), output)


@app.command(short_help="Build a SYNTHETIC demo store and show a profile.")
def demo(
    store: Annotated[Path | None, typer.Option("--store", help="Demo store folder.")] = None,
    output: FormatOption = "table",
) -> None:
    """Build SYNTHETIC Comext and regional samples in a demo store; show Italy–Belgium.

    Examples:

    \b
      bilateral demo
      bilateral demo --store /tmp/demo-store
    """
    from bilateral.render.profile import show_profile
    from bilateral.store import demo_location
    from bilateral.store.layout import holds_store

    root = (store or demo_location()).expanduser()
    again = holds_store(root)
    opened = open_store(root)
    if again:
        errors.print(
            "[yellow]Checking the SYNTHETIC demo store (not official statistics) against the "
            "demo's files...[/]"
        )
    else:
        errors.print(
            "[yellow]Building SYNTHETIC demo data in the Comext full_v2 and tidy regional "
            "formats, and SYNTHETIC exchange rates (not official statistics)...[/]"
        )
    with tempfile.TemporaryDirectory(prefix="bilateral-demo-") as folder:
        reports = _fill_demo(opened, Path(folder))
    stored = sum(r.rows_stored for r in reports)
    if all(r.status == "unchanged" for r in reports):
        errors.print(
            f"demo store {opened.root} is already there ({len(reports)} files)", soft_wrap=True
        )
    else:
        errors.print(
            f"demo store {opened.root}: {len(reports)} files, {stored:,} rows stored",
            soft_wrap=True,
        )
    show_profile(console, opened.profile("IT", "BE"), output)
    if output == "table":
        # One line, never wrapped, to copy and paste.
        quoted = shlex.quote(str(opened.root))
        typer.echo(f"next: bilateral sectors ITH5 BEL --year 2021 --store {quoted}", err=True)


def _fill_demo(opened: bilateral.Store, folder: Path) -> list[IngestReport]:
    """Ingest the synthetic files, import the demo events, load the synthetic rates."""
    from bilateral.events import write_demo_events
    from bilateral.synthetic import (
        write_demo_files,
        write_demo_rates_file,
        write_monthly_demo_file,
        write_regional_demo_file,
    )

    files = [
        *write_demo_files(folder),
        write_monthly_demo_file(folder),
        write_regional_demo_file(folder),
    ]
    reports = [opened.ingest(path, vintage="synthetic-demo", synthetic=True) for path in files]
    opened.import_events(write_demo_events(folder))
    rates = [t for t in opened.reference.tables() if t.name in ("ecb_daily", "ecb_sdmx")]
    loaded = [t for t in rates if t.status == "loaded"]
    if not loaded:
        opened.reference.load_synthetic("ecb_sdmx", write_demo_rates_file(folder))
    elif not all(t.synthetic for t in loaded):
        errors.print("the store holds the ECB's rates: the demo's synthetic rates were not loaded")
    return reports
