"""Commands of the relations timeline: `events import FILE` and `events list A B`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.app import (
    AsOfOption,
    CommandGroup,
    EngineOption,
    FirstTerritory,
    FormatOption,
    SecondTerritory,
    SparkMasterOption,
    StoreOption,
    YearsOption,
    app,
    chosen_engine,
    console,
    open_existing,
    open_store,
)

events_app = typer.Typer(
    cls=CommandGroup,
    help="""The relations timeline: meetings, agreements, visits, investments.

Examples:

\b
  bilateral events import events.yaml
  bilateral events list Emilia-Romagna Belgio --years 2023
""",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events", short_help="The relations timeline: meetings, agreements.")


@events_app.command("import", short_help="Import an events file (YAML or CSV).")
def import_events(
    path: Annotated[Path, typer.Argument(help="Events file: .yaml, .yml or .csv.")],
    store: StoreOption = None,
    output: FormatOption = "table",
) -> None:
    """Import an events file whole, or nothing of it; the same file twice changes nothing.

    YAML: a list of events (or `events:` holding it); CSV with the header
    date,place,type,title,territory_a,territory_b,participants,themes,sectors,link.

    Examples:

    \b
      bilateral events import events.yaml
      bilateral events import events.csv --store ~/trade-store
    """
    from bilateral.render.events import show_event_import

    show_event_import(console, open_store(store).import_events(path), output)


@events_app.command("list", short_help="List the events between two territories.")
def list_events(
    first: FirstTerritory,
    second: SecondTerritory,
    years: YearsOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    output: FormatOption = "table",
) -> None:
    """List the events between two territories, oldest first (in either order).

    Examples:

    \b
      bilateral events list Emilia-Romagna Belgio --years 2023
      bilateral events list ITH5 BE --format json
    """
    from bilateral.render.events import show_events

    show_events(
        console,
        open_existing(store, chosen_engine(engine, spark_master), as_of).events(
            first, second, years=years, as_of=as_of
        ),
        output,
    )
