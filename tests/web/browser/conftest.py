"""The app served on the demo store, and Debian's Chromium driven by Playwright.

One server per session: uvicorn in a background thread on 127.0.0.1 and a free port, over the
demo store that `bilateral demo` builds. One Chromium per session, found by path (nothing
downloads a browser). Every page a test opens is watched: a JavaScript error, a console error,
a failed request, an error status or any request to another origin fails the test.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    sync_playwright,
)
from typer.testing import CliRunner

from bilateral.cli import app as cli
from bilateral.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of a store built by `bilateral demo`, as a new user builds it."""
    root = tmp_path_factory.mktemp("web") / "demo-store"
    result = CliRunner().invoke(cli, ["demo", "--store", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    return root


class ServerInThread:
    """The app under uvicorn on 127.0.0.1, on a port the system chose, in a daemon thread."""

    def __init__(self, root: Path) -> None:
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listening.bind(("127.0.0.1", 0))
        self.port: int = listening.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(root), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [listening]}, daemon=True
        )

    def __enter__(self) -> ServerInThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive(), "the app stopped while starting"
            assert time.monotonic() < deadline, "the app did not start in 30 s"
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def base_url(demo_root: Path) -> Iterator[str]:
    """Return the address of the app serving the demo store (http://127.0.0.1:PORT)."""
    with ServerInThread(demo_root) as server:
        yield server.url


@pytest.fixture(scope="session")
def api(base_url: str) -> Iterator[httpx.Client]:
    """Return an HTTP client on the same server, for the JSON API."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Watch:
    """What went wrong while a test's pages were open; empty when all went well."""

    origin: str
    problems: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("weberror", lambda error: self.note(f"JavaScript error: {error.error}"))
        context.on("console", self._console)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)

    def note(self, problem: str) -> None:
        self.problems.append(problem)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(f"{self.origin}/"):
            route.continue_()
        else:
            self.note(f"request to another origin: {url}")
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        expected = (
            f"Failed to load resource: the server responded with a status of {status} "
            for status in self.allowed_statuses
        )
        if message.type in ("error", "warning") and not message.text.startswith(tuple(expected)):
            self.note(f"console {message.type}: {message.text}")

    def _failed(self, request: Request) -> None:
        # A page the test leaves (a click, a form) cancels its own requests still under way.
        if request.failure == "net::ERR_ABORTED" and request.url.startswith(f"{self.origin}/"):
            return
        self.note(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.note(f"status {response.status}: {response.request.method} {response.url}")


def watched_context(
    browser: Browser, base_url: str, **options: object
) -> tuple[BrowserContext, Watch]:
    """Return a new browser context on the app, and the watch its pages report to."""
    context = browser.new_context(base_url=base_url, **options)  # type: ignore[arg-type]
    context.set_default_navigation_timeout(NAVIGATION_MS)
    watch = Watch(base_url)
    watch.attach(context)
    return context, watch


@pytest.fixture
def watch(browser: Browser, base_url: str) -> Iterator[tuple[BrowserContext, Watch]]:
    """A browser context in English with JavaScript on; fails the test on any problem."""
    context, seen = watched_context(
        browser, base_url, locale="en-GB", accept_downloads=True, viewport=VIEWPORT
    )
    yield context, seen
    context.close()
    assert seen.problems == [], "\n".join(seen.problems)


@pytest.fixture
def page(watch: tuple[BrowserContext, Watch]) -> Page:
    """A page of a watched English context."""
    context, _ = watch
    return context.new_page()


VIEWPORT = {"width": 1280, "height": 900}
# A pair page runs a dozen queries: on a busy shared machine it can take tens of seconds.
NAVIGATION_MS = 120_000
