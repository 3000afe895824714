"""The typer application, its sub-commands, consoles and the options commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bilateral.engine import EngineFactory, spark_engine
from bilateral.errors import InvalidArgumentError
from bilateral.render import (
    OutputFormat,
)

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="Bilateral trade intelligence from official trade statistics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
store_app = typer.Typer(
    help="Look after the store: contents, history, check, repair, vacuum.", no_args_is_help=True
)
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
EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="Query engine: duckdb or spark (default: $BILATERAL_ENGINE or duckdb).",
        show_default=False,
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        help="Run on Spark at this master (local[4], spark://host:7077, sc://host:15002); "
        "default: $SPARK_REMOTE, else local[*].",
        show_default=False,
    ),
]


def chosen_engine(engine: str | None, spark_master: str | None) -> str | EngineFactory | None:
    """Return the engine `--engine` and `--spark-master` choose (a master means Spark)."""
    if spark_master is None:
        return engine
    if engine is not None and engine.strip().lower() != "spark":
        raise InvalidArgumentError(
            "--spark-master", spark_master, "no --engine, or --engine spark: it is Spark's master"
        )
    return spark_engine(master=spark_master)


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
CurrencyOption = Annotated[
    str | None,
    typer.Option(help="Convert to EUR, USD, ... at each period's ECB average rate."),
]

FirstTerritory = Annotated[
    str, typer.Argument(help="First territory: a name or code (Italy, IT, ITA, ITH5, EU).")
]
SecondTerritory = Annotated[
    str, typer.Argument(help="Second territory: a name or code (Belgium, Belgio, BE, WORLD).")
]
YearOption = Annotated[int, typer.Option(help="Year, e.g. 2021.")]
YearsOption = Annotated[
    str | None, typer.Option(help="2021, 2019-2021 or 2019,2021 (default: all).")
]
