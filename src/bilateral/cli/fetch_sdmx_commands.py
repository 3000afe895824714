"""`bilateral fetch comext-api` and `bilateral fetch istat`: the publishers' SDMX services.

Base URLs: `--base-url`, else `$BILATERAL_COMEXT_API_URL` / `$BILATERAL_ISTAT_URL`, else the
publisher's. Answers are cached like every fetch (`--cache`, `--offline`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.cli.app import FormatOption, StoreOption, console, open_store
from bilateral.cli.fetch_commands import (
    BaseUrlOption,
    CacheOption,
    FetchYears,
    OfflineOption,
    download_bars,
    fetch_app,
)


@fetch_app.command("comext-api", short_help="Eurostat Comext SDMX API (DS-045409).")
def fetch_comext_api(
    reporter: Annotated[str, typer.Option("--reporter", help="Reporter: Italy, IT, EU27_2020.")],
    partner: Annotated[str, typer.Option("--partner", help="Partner: Belgium, BE, WORLD.")],
    years: FetchYears,
    frequency: Annotated[str, typer.Option("--frequency", help="M (monthly) or A (annual).")] = "M",
    products: Annotated[
        str | None,
        typer.Option("--products", help="CN codes (2-8 digits): 3506,85 (default: every one)."),
    ] = None,
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch a reporter's trade with a partner from the Comext SDMX API (DS-045409), ingest it.

    The question is split into requests under the API's 5,000,000-cell limit; each answer is
    stored with its LAST UPDATE as vintage.

    Examples:

    \b
      bilateral fetch comext-api --reporter IT --partner BE --years 2020-2021
      bilateral fetch comext-api --reporter IT --partner BE --years 2021
    """
    from bilateral.render.fetch import show_fetch

    opened = open_store(store)
    with download_bars() as progress:
        report = opened.fetch_comext_api(
            reporter,
            partner,
            years,
            frequency=frequency.strip().upper(),
            products=products,
            offline=offline,
            base_url=base_url,
            cache_dir=cache,
            progress=progress,
        )
    show_fetch(console, report, output)


@fetch_app.command("istat", short_help="ISTAT SDMX: a region's trade with the world.")
def fetch_istat(
    region: Annotated[
        str, typer.Option("--region", help="Italian region or province: ITH5, Emilia-Romagna.")
    ],
    years: FetchYears,
    partner: Annotated[
        str, typer.Option("--partner", help="Only WORLD: ISTAT's SDMX has no region x country.")
    ] = "WORLD",
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch a region's quarterly exports and imports with the world from ISTAT's SDMX.

    Region x country x sector figures are not in ISTAT's SDMX: export them from ISTAT's
    foreign-trade database (Coeweb) and load the file with `bilateral ingest`.

    Examples:

    \b
      bilateral fetch istat --region ITH5 --years 2020-2021
    """
    from bilateral.render.fetch import show_fetch

    opened = open_store(store)
    with download_bars() as progress:
        report = opened.fetch_istat(
            region,
            years,
            partner=partner,
            offline=offline,
            base_url=base_url,
            cache_dir=cache,
            progress=progress,
        )
    show_fetch(console, report, output)
