"""The typer application, its sub-commands, consoles and the options commands share."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import platformdirs
import typer
from rich.console import Console
from typer.core import TyperGroup

import bilateral
from bilateral.choices import OutputFormat
from bilateral.errors import InvalidArgumentError, StoreNotFoundError
from bilateral.years import checked_year, parse_years

if TYPE_CHECKING:
    from bilateral.api import Store
    from bilateral.engine import EngineFactory

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70
EXIT_INTERRUPTED = 130

EXIT_USAGE_ERROR = 2

# Wider than any table: piped output is never wrapped (unless COLUMNS says otherwise).
UNWRAPPED_WIDTH = 10_000

_DATA_DIR = platformdirs.user_data_dir("bilateral", appauthor=False)


class CommandGroup(TyperGroup):
    """A command group whose flags left unset (--help, the completion flags) read False.

    typer coerces an unset flag's None through pydantic, whose import would be a third of the
    time a command's `--help` takes; False is a bool, which needs no coercion.
    """

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.default is None:
                param.default = False
        return params


app = typer.Typer(
    help=f"""Bilateral trade intelligence from official trade statistics.

Figures are read from a store: --store DIR, else $BILATERAL_STORE, else {_DATA_DIR}/store
(`bilateral store info` says which). New here? `bilateral demo` builds a synthetic sample in
a store of its own and shows what the commands print.

Examples:

\b
  bilateral demo
  bilateral ingest full_v2_202152.7z
  bilateral profile Italy Belgium --years 2019-2021
  bilateral sectors ITH5 BEL --year 2021 --top 6 --language it
""",
    cls=CommandGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["--help", "-h"]},
)
store_app = typer.Typer(
    help="""Look after the store: contents, history, check, repair, vacuum.

Examples:

\b
  bilateral store info
  bilateral store history
  bilateral store check --repair
""",
    cls=CommandGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(store_app, name="store", short_help="The store: info, history, check, vacuum.")
reference_app = typer.Typer(
    help="""Reference tables: classifications, code lists, concordances, exchange rates.

Examples:

\b
  bilateral reference list
  bilateral reference territory ITD5
  bilateral reference import ~/Downloads/tables
""",
    cls=CommandGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(
    reference_app, name="reference", short_help="Classifications, code lists, exchange rates."
)
console = Console()
errors = Console(stderr=True)
# The stores this command opened: an interruption says which version each is left at.
opened_stores: list[Path] = []
# The stores this command made in folders that did not exist: a command that fails before
# writing anything into one removes it (`discard_unused_new_stores`).
new_stores: list[Path] = []


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the block runs, then act on the first one received."""
    received: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {
        stop: signal.signal(stop, lambda signum, _: received.append(signum)) for stop in stops
    }
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        if received and callable(handler := previous[signal.Signals(received[0])]):
            handler(received[0], None)


def open_store(store: Path | None, engine: str | EngineFactory | None = None) -> Store:
    """Open the store to write into, creating it if needed."""
    from bilateral.store import default_location

    root = (store or default_location()).expanduser()
    existed = root.exists()
    opened = bilateral.open(store, engine=engine)
    opened_stores.append(opened.root)
    if not existed:
        new_stores.append(opened.root)
    return opened


def discard_unused_new_stores() -> None:
    """Remove the stores this command made if nothing was written into them."""
    if not new_stores:
        return  # nothing to load: a usage error stays free of the store's libraries
    import shutil

    from bilateral.store.snapshots import log_entries

    for root in dict.fromkeys(new_stores):
        try:
            unused = not log_entries(root)
        except Exception:
            unused = False  # a store that cannot be read is left for `store check` to name
        if unused:
            shutil.rmtree(root, ignore_errors=True)


def open_existing(
    store: Path | None, engine: str | EngineFactory | None = None, as_of: str | None = None
) -> Store:
    """Open the store to read; a folder that holds no store is an error, never made one.

    With `as_of` (a version or date the command reads the store as of), say on stderr which
    store version that is, before the command's output.
    """
    from bilateral.store import default_location
    from bilateral.store.layout import holds_store, stores_within

    root = (store or default_location()).expanduser()
    if not holds_store(root):
        raise StoreNotFoundError(root, stores_within(root))
    opened = open_store(root, engine)
    if as_of is not None:
        say_as_of(root, as_of)
    return opened


def say_as_of(root: Path, as_of: str) -> None:
    """Print on stderr the store version `as_of` reads (an unknown one is the usual error)."""
    from bilateral.api.arguments import parse_as_of
    from bilateral.render.common import as_of_line
    from bilateral.store import snapshot

    version = snapshot(root, parse_as_of(as_of)).versions["flows"]
    errors.print(as_of_line(as_of, version), highlight=False)


def fit_to_output(target: Console) -> None:
    """Fit a console to where it writes: $COLUMNS, else the terminal, else unwrapped (a pipe)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        target.width = int(columns)
    elif target.is_terminal:
        target.width = shutil.get_terminal_size().columns
    else:
        target.width = UNWRAPPED_WIDTH


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"bilateral {bilateral.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    fit_to_output(console)
    fit_to_output(errors)


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
    from bilateral.engine import spark_engine
    from bilateral.engine.choice import checked_spark_master

    if engine is not None and engine.strip().lower() != "spark":
        raise InvalidArgumentError(
            "--spark-master", spark_master, "no --engine, or --engine spark: it is Spark's master"
        )
    return spark_engine(master=checked_spark_master(spark_master, "--spark-master"))


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
CurrencyOption = Annotated[
    str | None,
    typer.Option(help="Convert to EUR, USD, ... at each period's ECB average rate."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Store version or ISO date to read as of."),
]

FirstTerritory = Annotated[
    str, typer.Argument(help="First territory: a name or code (Italy, IT, ITA, ITH5, EU).")
]
SecondTerritory = Annotated[
    str, typer.Argument(help="Second territory: a name or code (Belgium, Belgio, BE, WORLD).")
]


def check_years(value: str | None) -> str | None:
    """Reject years that `parse_years` would reject, as a usage error naming the valid range."""
    if value is not None:
        try:
            parse_years(value)
        except InvalidArgumentError as error:
            raise typer.BadParameter(f"{value!r}: expected {error.expected}") from None
    return value


def check_year(value: int | None) -> int | None:
    """Reject a year outside the range the store holds, naming the range (the api's check)."""
    if value is not None:
        try:
            checked_year(value)
        except InvalidArgumentError as error:
            raise typer.BadParameter(f"{value}: expected {error.expected}") from None
    return value


YearOption = Annotated[
    int,
    typer.Option(
        "--year",
        "--years",
        callback=check_year,
        help="Year, e.g. 2021.",
        show_default=False,
    ),
]
YearsOption = Annotated[
    str | None,
    typer.Option(
        "--years",
        "--year",
        callback=check_years,
        help="2021, 2019-2021 or 2019,2021 (default: all).",
        show_default=False,
    ),
]
