"""The `serve` command: the web app and JSON API on one store, in the browser."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.cli.app import StoreOption, app, console, open_existing


@app.command(short_help="Open the web app and JSON API in a browser.")
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web app (pages and the JSON API under /api/v1/) on the store.

    Examples:

    \b
      bilateral serve
      bilateral serve --store ~/trade-store --port 8080
    """
    import uvicorn

    from bilateral.web.app import create_app

    root = open_existing(store).root
    console.print(f"bilateral serves {root} at http://{host}:{port}/", highlight=False)
    uvicorn.run(create_app(root), host=host, port=port, log_level="warning")
