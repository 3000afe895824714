"""Commands about a pair: profile, sectors, a region beside its country, indicators."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.choices import Flow, Language, Scheme
from bilateral.cli.app import (
    AsOfOption,
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
    open_existing,
)


@app.command(short_help="Exports, imports, balance and growth of a pair.")
def profile(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    years: YearsOption = None,
    as_of: AsOfOption = None,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show exports, imports, total, balance and growth of a pair, in each reporter's view.

    Examples:

    \b
      bilateral profile Italy Belgium --years 2019-2021
      bilateral profile IT BE --years 2021 --format json
      bilateral profile IT BE --as-of 3
      bilateral profile Italy EU --years 2010-2021 --currency USD
    """
    from bilateral.render.profile import show_profile

    result = open_existing(store, chosen_engine(engine, spark_master)).profile(
        reporter, partner, years, as_of=as_of, currency=currency
    )
    show_profile(console, result, output)


@app.command(short_help="A pair's trade by product sector in one year.")
def sectors(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    scheme: Annotated[
        Scheme,
        typer.Option(help="cpa (CPA 2.1 divisions), hs2/hs4/hs6 (HS), cn8, sitc (sections), bec."),
    ] = "cpa",
    top: Annotated[
        int | None, typer.Option(min=1, help="Show the N largest sectors, the rest as other.")
    ] = None,
    language: Annotated[
        Language, typer.Option("--language", "--lang", "-l", help="Titles in.")
    ] = "en",
    span: Annotated[
        int | None, typer.Option(min=1, help="Also the compound annual growth over N years.")
    ] = None,
    flow: Annotated[Flow | None, typer.Option(help="export or import (default: both).")] = None,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's trade by product sector in one year: value, share, growth, rank.

    Examples:

    \b
      bilateral sectors ITH5 BEL --year 2021 --scheme cpa
      bilateral sectors Emilia-Romagna Belgio --year 2021 --top 6 --language it
      bilateral sectors IT BE --year 2022 --scheme hs6 --top 10 --span 5
    """
    from bilateral.render.profile import show_sectors

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).sectors(
        reporter,
        partner,
        year,
        scheme=scheme,
        top=top,
        language=language,
        currency=currency,
        span=span,
        flow=flow,
        as_of=as_of,
    )
    show_sectors(console, result, output)


@app.command(short_help="A region's trade beside its country's, and its share.")
def region(
    region: Annotated[str, typer.Argument(help="A region: ITH5, ITD5, Emilia-Romagna, IT-45.")],
    partner: Annotated[str, typer.Argument(help="Partner territory: BEL, Belgio, EU.")],
    years: YearsOption = None,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a region's trade with a partner beside its country's, and the region's share.

    Examples:

    \b
      bilateral region ITH5 BE --years 2019-2021
      bilateral region Emilia-Romagna Belgio --format csv
    """
    from bilateral.render.regional import show_region_share

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).region_share(
        region, partner, years, as_of=as_of, currency=currency
    )
    show_region_share(console, result, output)


@app.command(short_help="Intra-industry trade, concentration, intensity, RCA.")
def indicators(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's trade indicators: intra-industry trade, concentration, intensity, RCA.

    Examples:

    \b
      bilateral indicators IT BE --year 2021
      bilateral indicators IT BE --year 2021 --format json
    """
    from bilateral.render.indicators import show_indicators

    show_indicators(
        console,
        open_existing(store, chosen_engine(engine, spark_master), as_of).indicators(
            reporter, partner, year, as_of=as_of
        ),
        output,
    )
