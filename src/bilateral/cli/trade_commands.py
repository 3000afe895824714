"""Commands over time, both views, partners and products."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.choices import Depth, Flow, Frequency, SeriesFlow
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
    check_year,
    chosen_engine,
    console,
    open_existing,
)


@app.command(short_help="A pair's annual or monthly series, YTD, rolling sums.")
def series(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    flow: Annotated[
        SeriesFlow, typer.Option(help="From the first territory's side: export, import, both.")
    ] = "both",
    frequency: Annotated[
        Frequency, typer.Option("--frequency", help="A: annual; M: monthly.")
    ] = "A",
    years: YearsOption = None,
    ytd_through: Annotated[
        int | None,
        typer.Option(
            "--ytd-through", min=1, max=12, help="Add year to date through month N (9: Jan-Sep)."
        ),
    ] = None,
    rolling: Annotated[
        bool, typer.Option("--rolling", help="Add 12-month rolling sums (monthly).")
    ] = False,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's annual or monthly series, year to date and 12-month rolling sums.

    Examples:

    \b
      bilateral series IT BE --years 2015-2021 --flow export
      bilateral series IT BE --frequency M --rolling
      bilateral series IT BE --frequency M --ytd-through 9
    """
    from bilateral.render.series import show_series

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).series(
        reporter,
        partner,
        flow=flow,
        frequency=frequency,
        years=years,
        ytd_through=ytd_through,
        rolling=rolling,
        as_of=as_of,
        currency=currency,
    )
    show_series(console, result, output)


@app.command("mirror", short_help="Each side's declarations of a pair's trade, the gap.")
def mirror_statistics(
    a: FirstTerritory,
    b: SecondTerritory,
    years: YearsOption = None,
    top_chapters: Annotated[
        int,
        typer.Option(
            min=1, help="Show the N HS chapters with the largest gaps, the rest as other."
        ),
    ] = 10,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show A's exports to B against B's imports from A (and the reverse), the gap and why.

    Examples:

    \b
      bilateral mirror IT BE --years 2019-2021
      bilateral mirror IT BE --years 2021 --top-chapters 5
    """
    from bilateral.render.mirror import show_mirror

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).mirror(
        a, b, years, top_chapters=top_chapters, as_of=as_of, currency=currency
    )
    show_mirror(console, result, output)


@app.command(short_help="Rank a reporter's partners.")
def partners(
    reporter: Annotated[str, typer.Argument(help="Reporter: ITH5, Emilia-Romagna, IT.")],
    year: YearOption,
    flow: Annotated[Flow, typer.Option(help="The reporter's exports or imports.")] = "export",
    top: Annotated[
        int | None, typer.Option(min=1, help="Show the N largest partners, the rest as other.")
    ] = None,
    partner: Annotated[
        str | None, typer.Option(help="Highlight one partner and say its rank: BEL.")
    ] = None,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Rank a reporter's partners: value, share, growth, rank change; EU and WORLD lines.

    Examples:

    \b
      bilateral partners ITH5 --year 2021 --partner BE
      bilateral partners IT --year 2021 --flow import --top 10
    """
    from bilateral.render.partners import show_partners

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).partners(
        reporter, year, flow, top=top, partner=partner, as_of=as_of, currency=currency
    )
    show_partners(console, result, output)


@app.command(short_help="A pair's top products; what appeared or vanished.")
def products(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    depth: Annotated[Depth, typer.Option(help="Digits of the product codes.")] = 6,
    flow: Annotated[Flow, typer.Option(help="The first territory's exports or imports.")] = (
        "export"
    ),
    top: Annotated[
        int, typer.Option(min=1, help="Show the N largest products, the rest as other.")
    ] = 20,
    compare_year: Annotated[
        int | None,
        typer.Option(callback=check_year, help="List products that appeared or vanished since."),
    ] = None,
    currency: CurrencyOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """Show a pair's top products at 2-8 digits with descriptions; what appeared or vanished.

    Examples:

    \b
      bilateral products IT BE --year 2021 --depth 4 --compare-year 2019
      bilateral products IT BE --year 2021 --flow import --top 5
    """
    from bilateral.render.products import show_products

    result = open_existing(store, chosen_engine(engine, spark_master), as_of).products(
        reporter,
        partner,
        year,
        depth=depth,
        flow=flow,
        top=top,
        compare_year=compare_year,
        as_of=as_of,
        currency=currency,
    )
    show_products(console, result, output)
