"""`bilateral fetch comext-api`, `istat` and `imf`: the publishers' SDMX services.

Base URLs: `--base-url`, else `$BILATERAL_COMEXT_API_URL` / `$BILATERAL_ISTAT_URL` /
`$BILATERAL_IMF_URL`, else the publisher's. Answers are cached like every fetch (`--cache`,
`--offline`).
"""

from __future__ import annotations

from typing import Annotated

import typer

import bilateral
from bilateral.cli.app import FormatOption, StoreOption, console
from bilateral.cli.fetch_commands import (
    BaseUrlOption,
    CacheOption,
    FetchYears,
    OfflineOption,
    download_bars,
    fetch_app,
)
from bilateral.render.fetch import show_fetch


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
    opened = bilateral.open(store)
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


@fetch_app.command("istat", short_help="ISTAT SDMX: a region's trade by partner and sector.")
def fetch_istat(
    region: Annotated[
        str, typer.Option("--region", help="Italian region or province: ITH5, Emilia-Romagna.")
    ],
    years: FetchYears,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Partner: Belgium, BE, WORLD (default: every partner)."),
    ] = None,
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch an Italian region's or province's annual trade by partner and CPA sector (ISTAT).

    The dataflows are found in ISTAT's SDMX dataflow list by their structure; the finest
    sector level the service offers for the territory and partner is asked and ingested.

    Examples:

    \b
      bilateral fetch istat --region Emilia-Romagna --partner BE --years 2019-2021
      bilateral fetch istat --region ITH5 --years 2020-2021
    """
    opened = bilateral.open(store)
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


@fetch_app.command("imf", short_help="IMF (IMTS): a country's trade by partner, USD.")
def fetch_imf(
    reporter: Annotated[str, typer.Option("--reporter", help="Reporter: Italy, IT, ITA.")],
    years: FetchYears,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Partner: Belgium, BE (default: every partner)."),
    ] = None,
    offline: OfflineOption = False,
    base_url: BaseUrlOption = None,
    cache: CacheOption = None,
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Fetch a country's annual goods trade by partner from the IMF (IMTS, formerly DOTS).

    Exports FOB and imports CIF in US dollars, as the reporter declares them: fetch the
    partner as reporter too for the mirror view.

    Examples:

    \b
      bilateral fetch imf --reporter IT --partner BE --years 2019-2020
      bilateral fetch imf --reporter BE --partner IT --years 2019-2020
    """
    opened = bilateral.open(store)
    with download_bars() as progress:
        report = opened.fetch_imf(
            reporter,
            partner,
            years,
            offline=offline,
            base_url=base_url,
            cache_dir=cache,
            progress=progress,
        )
    show_fetch(console, report, output)
