"""Start `bilateral serve` on 127.0.0.1 for the web benchmarks, on the demo store or a given one.

Used by web_load.py and web_screenshots.py. The server runs in its own process (as users run
it), on a free port of 127.0.0.1 only, and is stopped when the `with` block ends.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SRC = Path(__file__).resolve().parent.parent / "src"
HOST = "127.0.0.1"
# The last line of a traceback: the exception's (dotted) type name and its message.
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*$", re.M)


def child_env() -> dict[str, str]:
    """The environment of the children: this checkout's `src/` first on the path."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{path}" if path else str(SRC)}


def build_demo_store(folder: Path) -> Path:
    """Build the demo store with `bilateral demo` in `folder`; return its path."""
    root = folder / "demo-store"
    command = [sys.executable, "-m", "bilateral", "demo", "--store", str(root), "--format", "json"]
    subprocess.run(command, env=child_env(), check=True, capture_output=True)
    return root


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Served:
    """A running `bilateral serve`: its address and the file its errors go to."""

    url: str
    log: Path
    pid: int

    def cpu_seconds(self) -> float | None:
        """Return the CPU time (user and system) the server used so far; None off Linux."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def exceptions(self) -> list[str]:
        """Return the exception lines ("ValueError: ...") the server logged so far."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return EXCEPTION_LINE.findall(text)


@contextmanager
def serving(store: Path | None, *, timeout: float = 60) -> Iterator[Served]:
    """Serve `store` (default: a demo store built in a temporary folder) on 127.0.0.1."""
    with tempfile.TemporaryDirectory(prefix="bilateral-web-bench-") as folder:
        root = store if store is not None else build_demo_store(Path(folder))
        port = free_port()
        command = [sys.executable, "-m", "bilateral", "serve", "--store", str(root)]
        command += ["--host", HOST, "--port", str(port)]
        log = Path(folder) / "serve.log"
        with log.open("wb") as errors:
            server = subprocess.Popen(
                command, env=child_env(), stdout=subprocess.DEVNULL, stderr=errors
            )
            served = Served(f"http://{HOST}:{port}", log, server.pid)
            try:
                wait_until_up(served.url, server, timeout)
                yield served
            finally:
                server.terminate()
                server.wait(timeout=30)


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    """Return once `url` answers; raise if the server stops or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"bilateral serve stopped (exit {server.returncode})")
        try:
            httpx.get(f"{url}/openapi.json", timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
        else:
            return
    raise RuntimeError(f"bilateral serve did not answer at {url} in {timeout:.0f} s")
