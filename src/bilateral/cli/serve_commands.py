"""The `serve` command: the web app and JSON API on one store, in the browser."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.app import StoreOption, app, console, errors, open_existing

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@app.command(short_help="Open the web app and JSON API in a browser.")
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the demo store, building it first if needed.")
    ] = False,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Let requests carrying the token printed at start ingest uploaded files.",
        ),
    ] = False,
    max_upload_mb: Annotated[
        int, typer.Option(min=1, help="Largest file to ingest from an upload, in MB.")
    ] = 2000,
) -> None:
    """Serve the web app (pages and the JSON API under /api/v1/) on the store, read-only.

    Ctrl-C stops it. The API's docs are at /api/docs.

    Examples:

    \b
      bilateral serve
      bilateral serve --demo
      bilateral serve --port 8080 --allow-writes
      bilateral serve --host 0.0.0.0
    """
    import uvicorn

    from bilateral.web.app import create_app

    root = _demo_store(store) if demo else open_existing(store).root
    token = secrets.token_urlsafe(24) if allow_writes else None
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    mode = "read-only" if token is None else "writes allowed with the token"
    console.print(f"bilateral serves {root} at {address} ({mode})", highlight=False, soft_wrap=True)
    if token is not None:
        console.print(
            f"write requests carry the header: Authorization: Bearer {token}", soft_wrap=True
        )
    if demo:
        console.print(
            f"open {address}pair/ITA/BEL?years=2019-2021", highlight=False, soft_wrap=True
        )
    if host not in LOCAL_HOSTS:
        errors.print(
            f"[yellow]warning:[/] listening on {host}, not only on this machine: anyone who "
            f"can reach it on port {port} can read the store. Give --host 127.0.0.1 to keep "
            "it local.",
            highlight=False,
        )
    served = create_app(
        root, allow_writes=allow_writes, token=token, ingest_limit=max_upload_mb * 1_000_000
    )
    # uvloop and httptools when installed (a dependency); no line logged per request.
    uvicorn.run(served, host=host, port=port, log_level="warning", access_log=False)


def _demo_store(store: Path | None) -> Path:
    """Build the demo store (or find it built) as `bilateral demo` does; return its folder."""
    from bilateral.cli.store_commands import demo
    from bilateral.store import demo_location

    root = store or demo_location()
    demo(store=root, output="table")
    return root
