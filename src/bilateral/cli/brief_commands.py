"""The `brief` command: write a sourced dossier on a pair's trade, or print it as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.app import (
    AsOfOption,
    CurrencyOption,
    EngineOption,
    FirstTerritory,
    SecondTerritory,
    SparkMasterOption,
    StoreOption,
    YearOption,
    app,
    chosen_engine,
    errors,
    open_existing,
)
from bilateral.errors import InvalidArgumentError


@app.command(short_help="Write a sourced briefing on a pair (Markdown, HTML, PDF).")
def brief(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    lang: Annotated[
        str, typer.Option("--lang", "--language", "-l", help="Language: en, it.")
    ] = "en",
    out: Annotated[
        Path | None,
        typer.Option(help="Write to .html, .pdf, .md or .json (default: Markdown on stdout)."),
    ] = None,
    charts: Annotated[
        bool, typer.Option("--charts", help="Also write each chart as SVG, PNG and Vega-Lite.")
    ] = False,
    pages: Annotated[
        int,
        typer.Option(
            "--pages",
            min=1,
            max=2,
            help="Printed length before the appendix of sources and notes: 2 (the full brief) "
            "or 1 (key messages, headline, leading sectors, ranks).",
        ),
    ] = 2,
    currency: CurrencyOption = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Take every figure from this source (comext, imf_dots, comtrade, ...) where "
            "several cover the pair; default: the one with the reporter's own figures in the "
            "most detail.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Write a briefing on a pair: key messages, figures, sectors, ranks; sources in an appendix.

    Examples:

    \b
      bilateral brief ITH5 BEL --year 2021 --lang it --out brief.html
      bilateral brief IT BE --year 2021 --out brief.pdf --charts
      bilateral brief ITH5 BEL --year 2021 --lang it --pages 1 --out brief.pdf
      bilateral brief IT BE --year 2021
      bilateral brief IT BE --year 2020 --source comext
      bilateral brief IT BE --year 2019 --as-of 3
    """
    from bilateral.brief.writers import format_for

    if charts and out is None:
        raise InvalidArgumentError("--charts", True, "--out PATH too: charts are written beside it")
    if out is not None:
        format_for(out)  # a wrong extension fails before the store is read
    result = (
        open_existing(store, chosen_engine(engine, spark_master), as_of)
        .brief(
            reporter, partner, year=year, lang=lang, currency=currency, source=source, as_of=as_of
        )
        .in_pages(pages)
    )
    if out is None:
        typer.echo(result.render("md"), nl=False)
        return
    for path in result.write(out, charts=charts):
        errors.print(f"wrote {path}", highlight=False)
