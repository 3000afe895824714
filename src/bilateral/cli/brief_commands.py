"""The `brief` command: write a sourced dossier on a pair's trade, or print it as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import bilateral
from bilateral.brief.writers import format_for
from bilateral.cli.app import (
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
)
from bilateral.errors import InvalidArgumentError


@app.command()
def brief(
    reporter: FirstTerritory,
    partner: SecondTerritory,
    year: YearOption,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language: en, it.")] = "en",
    out: Annotated[
        Path | None,
        typer.Option(help="Write to .html, .pdf, .md or .json (default: Markdown on stdout)."),
    ] = None,
    charts: Annotated[
        bool, typer.Option("--charts", help="Also write each chart as SVG, PNG and Vega-Lite.")
    ] = False,
    currency: CurrencyOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Write a briefing on a pair: headline, both views, sectors, trend, ranks, events, sources."""
    if charts and out is None:
        raise InvalidArgumentError("--charts", True, "--out PATH too: charts are written beside it")
    if out is not None:
        format_for(out)  # a wrong extension fails before the store is read
    result = bilateral.open(store, engine=chosen_engine(engine, spark_master)).brief(
        reporter, partner, year=year, lang=lang, currency=currency
    )
    if out is None:
        typer.echo(result.render("md"), nl=False)
        return
    for path in result.write(out, charts=charts):
        errors.print(f"wrote {path}", highlight=False)
