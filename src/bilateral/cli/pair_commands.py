"""Commands about a pair: profile, sectors, a region beside its country, indicators."""

from __future__ import annotations

from typing import Annotated

import typer

import bilateral
from bilateral.cli.app import (
    CurrencyOption,
    EngineOption,
    FirstTerritory,
    FormatOption,
    SecondTerritory,
    SparkMasterOption,
    StoreOption,
    YearOption,
    YearsOption,
    app,
    chosen_engine,
    console,
)
from bilateral.query.sectors import Scheme
from bilateral.reference.sectors import Language
from bilateral.render import (
    show_profile,
    show_sectors,
)
from bilateral.render.indicators import show_indicators
from bilateral.render.regional import show_region_share
from bilateral.schema import Flow


@app.command()
def profile(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    years: YearsOption = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Store version or ISO date to read as of.")
    ] = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show exports, imports, total, balance and growth of a pair, in each reporter's view."""
    result = bilateral.open(store, engine=chosen_engine(engine, spark_master)).profile(
        reporter, partner, years, as_of=as_of, currency=currency
    )
    show_profile(console, result, output)


@app.command()
def sectors(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    scheme: Annotated[
        Scheme,
        typer.Option(help="cpa (CPA 2.1 divisions), hs2/hs4/hs6 (HS), cn8, sitc (sections), bec."),
    ] = "cpa",
    top: Annotated[
        int | None, typer.Option(help="Show the N largest sectors, the rest as other.")
    ] = None,
    language: Annotated[Language, typer.Option("--language", "-l", help="Titles in.")] = "en",
    span: Annotated[
        int | None, typer.Option(help="Also the compound annual growth over N years.")
    ] = None,
    flow: Annotated[Flow | None, typer.Option(help="export or import (default: both).")] = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's trade by product sector in one year: value, share, growth, rank."""
    result = bilateral.open(store, engine=chosen_engine(engine, spark_master)).sectors(
        reporter,
        partner,
        year,
        scheme=scheme,
        top=top,
        language=language,
        currency=currency,
        span=span,
        flow=flow,
    )
    show_sectors(console, result, output)


@app.command()
def region(
    region: Annotated[str, typer.Argument(help="A region: ITH5, ITD5, Emilia-Romagna, IT-45.")],
    partner: Annotated[str, typer.Argument(help="Partner territory: BEL, Belgio, EU.")],
    years: YearsOption = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a region's trade with a partner beside its country's, and the region's share."""
    result = bilateral.open(store, engine=chosen_engine(engine, spark_master)).region_share(
        region, partner, years, currency=currency
    )
    show_region_share(console, result, output)


@app.command()
def indicators(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's trade indicators: intra-industry trade, concentration, intensity, RCA."""
    show_indicators(
        console,
        bilateral.open(store, engine=chosen_engine(engine, spark_master)).indicators(
            reporter, partner, year
        ),
        output,
    )
