"""`bilateral fetch ...`: get exactly the files a question needs from the publisher, then ingest.

Downloads are cached (`--cache`, `$BILATERAL_CACHE`); `--offline` uses the cache only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilateral.cli.app import (
    CommandGroup,
    FormatOption,
    StoreOption,
    app,
    check_years,
    console,
    errors,
    open_store,
)

if TYPE_CHECKING:
    from bilateral.fetch import Progress as ProgressCallback

fetch_app = typer.Typer(
    cls=CommandGroup,
    help="""Download publishers' files (cached) and ingest them: Eurostat's Comext bulk files
and SDMX API, UN Comtrade, ISTAT's regional trade, the IMF's trade by partner.

Examples:

\b
  bilateral fetch comext --years 2020-2021
  bilateral fetch comext-api --reporter IT --partner BE --years 2020-2021
  bilateral fetch istat --region Emilia-Romagna --partner BE --years 2019-2021
  bilateral fetch imf --reporter IT --partner BE --years 2019-2020
""",
    no_args_is_help=True,
)
app.add_typer(fetch_app, name="fetch", short_help="Download publishers' files and ingest them.")

FetchYears = Annotated[
    str,
    typer.Option("--years", "--year", callback=check_years, help="2021, 2020-2021 or 2019,2021."),
]
MonthlyOption = Annotated[bool, typer.Option("--monthly", help="Monthly files instead of annual.")]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Use the fetch cache only; never the network.")
]
BaseUrlOption = Annotated[
    str | None, typer.Option("--base-url", help="Publisher's base URL (a mirror).")
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache", help="Fetch cache folder (default: $BILATERAL_CACHE or the user cache dir)."
    ),
]


@contextmanager
def download_bars() -> Iterator[ProgressCallback]:
    """Show a progress bar on stderr per downloaded file while the block runs."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as bars:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bars.add_task(name, total=total)
            bars.update(tasks[name], completed=done, total=total)

        yield advance


@fetch_app.command("comext", short_help="Eurostat Comext bulk archives.")
def fetch_comext(
    years: FetchYears,
    monthly: MonthlyOption = False,
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch Eurostat Comext full_v2 bulk archives for the years and ingest them.

    Examples:

    \b
      bilateral fetch comext --years 2020-2021
      bilateral fetch comext --years 2024 --monthly
      bilateral fetch comext --years 2021 --offline
    """
    from bilateral.render.fetch import show_fetch

    opened = open_store(store)
    with download_bars() as progress:
        report = opened.fetch_comext(
            years,
            monthly=monthly,
            offline=offline,
            base_url=base_url,
            cache_dir=cache,
            progress=progress,
        )
    show_fetch(console, report, output)


@fetch_app.command("comtrade", short_help="UN Comtrade Plus API.")
def fetch_comtrade(
    reporter: Annotated[str, typer.Option("--reporter", help="Reporter: Italy, IT, ITA.")],
    partner: Annotated[str, typer.Option("--partner", help="Partner: Belgium, BEL, WORLD.")],
    years: FetchYears,
    monthly: MonthlyOption = False,
    products: Annotated[
        str, typer.Option("--products", help="TOTAL, AG2, or HS codes: 30,2204.")
    ] = "TOTAL",
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch a reporter's trade with a partner from UN Comtrade Plus and ingest it.

    The API key is read from $COMTRADE_API_KEY; without it the public preview (at most 500
    records a request) is used.

    Examples:

    \b
      bilateral fetch comtrade --reporter ITA --partner BEL --years 2020-2021
      bilateral fetch comtrade --reporter IT --partner BE --years 2021 --monthly
    """
    from bilateral.render.fetch import show_fetch

    opened = open_store(store)
    with download_bars() as progress:
        report = opened.fetch_comtrade(
            reporter,
            partner,
            years,
            frequency="M" if monthly else "A",
            products=products,
            offline=offline,
            base_url=base_url,
            cache_dir=cache,
            progress=progress,
        )
    show_fetch(console, report, output)
