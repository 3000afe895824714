"""The `bilateral` command: parse arguments, call the API, render. No logic of its own.

Exit codes: 0 success, 1 bad input or data (a `BilateralError`, message on stderr),
2 bad usage (unknown option, missing argument), 70 internal error (a bug: please report it),
130 interrupted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

import bilateral
from bilateral.errors import BilateralError
from bilateral.query.sectors import Scheme
from bilateral.reference.sectors import Language
from bilateral.render.regional import show_region_share
from bilateral.render import (
    OutputFormat,
    show_history,
    show_info,
    show_ingest,
    show_profile,
    show_reference_import,
    show_reference_loaded,
    show_reference_tables,
    show_sectors,
    show_territory,
)
from bilateral.results import IngestReport
from bilateral.store import demo_location

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="Bilateral trade intelligence from official trade statistics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
store_app = typer.Typer(help="Look at the store: contents and history.", no_args_is_help=True)
app.add_typer(store_app, name="store")
reference_app = typer.Typer(
    help="Reference tables: classifications, code lists, concordances, exchange rates.",
    no_args_is_help=True,
)
app.add_typer(reference_app, name="reference")
console = Console()
errors = Console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Store folder (default: $BILATERAL_STORE or the user data dir).",
        show_default=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
CurrencyOption = Annotated[
    str | None,
    typer.Option(help="Convert to EUR, USD, ... at each period's ECB average rate."),
]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Data files (.dat, .csv, .7z).")],
    store: StoreOption = None,
    vintage: Annotated[
        str | None, typer.Option(help="Release date of the file, if not in it.")
    ] = None,
    output: FormatOption = "table",
) -> None:
    """Ingest official data files: each is detected, checked and committed whole, or not at all.

    A file that fails is reported and changes nothing; the other files are still ingested.
    """
    opened = bilateral.open(store)
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
        for path in paths:
            task = progress.add_task(path.name, total=None, rows=0)

            def advance(done: int, total: int, rows: int, task: TaskID = task) -> None:
                progress.update(task, completed=done, total=total, rows=rows)

            try:
                reports.append(opened.ingest(path, vintage=vintage, progress=advance))
            except BilateralError as error:
                failed += 1
                errors.print(f"[red]error:[/] {error}", highlight=False)
            progress.remove_task(task)
    show_ingest(console, reports, output)
    if failed:
        errors.print(f"{failed} of {len(paths)} files not ingested; the store is unchanged by them")
        raise typer.Exit(EXIT_USER_ERROR)


@app.command()
def profile(
    reporter: Annotated[
        str, typer.Argument(help="First territory: name or code (Italy, IT, ITA).")
    ],
    partner: Annotated[str, typer.Argument(help="Second territory (Belgium, BE, BEL).")],
    years: Annotated[
        str | None, typer.Option(help="2021, 2019-2021 or 2019,2021 (default: all).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Store version or ISO date to read as of.")
    ] = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Show exports, imports, total, balance and growth of a pair, in each reporter's view."""
    result = bilateral.open(store).profile(reporter, partner, years, as_of=as_of, currency=currency)
    show_profile(console, result, output)


@app.command()
def sectors(
    reporter: Annotated[str, typer.Argument(help="First territory: ITH5, Emilia-Romagna, IT.")],
    partner: Annotated[str, typer.Argument(help="Second territory: BEL, Belgio, EU27_2020.")],
    year: Annotated[int, typer.Option(help="Year, e.g. 2021.")],
    scheme: Annotated[
        Scheme, typer.Option(help="cpa: CPA 2.1 divisions; hs2: HS chapters.")
    ] = "cpa",
    top: Annotated[
        int | None, typer.Option(help="Show the N largest sectors, the rest as other.")
    ] = None,
    language: Annotated[Language, typer.Option("--language", "-l", help="Titles in.")] = "en",
    currency: CurrencyOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's trade by product sector in one year: value, share, growth, rank."""
    result = bilateral.open(store).sectors(
        reporter, partner, year, scheme=scheme, top=top, language=language, currency=currency
    )
    show_sectors(console, result, output)


@app.command()
def region(
    region: Annotated[str, typer.Argument(help="A region: ITH5, ITD5, Emilia-Romagna, IT-45.")],
    partner: Annotated[str, typer.Argument(help="Partner territory: BEL, Belgio, EU.")],
    years: Annotated[
        str | None, typer.Option(help="2021, 2019-2021 or 2019,2021 (default: all).")
    ] = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a region's trade with a partner beside its country's, and the region's share."""
    result = bilateral.open(store).region_share(region, partner, years, currency=currency)
    show_region_share(console, result, output)


@store_app.command("info")
def store_info(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show the store's sources, years, rows, vintages and size."""
    show_info(console, bilateral.open(store).info(), output)


@store_app.command("history")
def store_history(store: StoreOption = None, output: FormatOption = "table") -> None:
    """Show every ingest that changed the store; each version can be read with --as-of."""
    show_history(console, bilateral.open(store).history(), output)


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


@app.command()
def demo(
    store: Annotated[Path | None, typer.Option("--store", help="Demo store folder.")] = None,
    output: FormatOption = "table",
) -> None:
    """Build SYNTHETIC Comext and regional samples in a demo store; show Italy–Belgium."""
    from bilateral.synthetic import write_demo_files, write_regional_demo_file

    opened = bilateral.open(store or demo_location())
    errors.print(
        "[yellow]Building SYNTHETIC demo data in the Comext full_v2 and tidy regional "
        "formats (not official statistics)...[/]"
    )
    with tempfile.TemporaryDirectory(prefix="bilateral-demo-") as folder:
        files = [*write_demo_files(Path(folder)), write_regional_demo_file(Path(folder))]
        reports = [opened.ingest(path, vintage="synthetic-demo", synthetic=True) for path in files]
    stored = sum(r.rows_stored for r in reports)
    errors.print(f"demo store {opened.root}: {len(reports)} files, {stored:,} rows newly stored")
    show_profile(console, opened.profile("IT", "BE"), output)
    if output == "table":
        errors.print(
            f"next: bilateral sectors ITH5 BEL --year 2021 --store {opened.root}", highlight=False
        )


def main() -> None:
    """Run the command line, mapping errors to exit codes."""
    try:
        app()
    except BilateralError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except KeyboardInterrupt:
        errors.print("interrupted: nothing of the file in progress was committed")
        sys.exit(EXIT_INTERRUPTED)
    except Exception:
        errors.print_exception()
        errors.print("[red]internal error[/]: this is a bug in bilateral; please report it.")
        sys.exit(EXIT_INTERNAL_ERROR)
