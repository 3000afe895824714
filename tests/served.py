"""Run a `bilateral serve` command as a user would, for as long as a test needs it.

The command runs in a process of its own on a free port of 127.0.0.1 (any `--port` it names
is replaced); the test reads the address it prints, asks the server, then stops it with Ctrl-C
(SIGINT) and reads what it says on the way out.
"""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

STARTUP_SECONDS = 120.0  # `serve --demo` builds the demo store first


@dataclass(frozen=True)
class Served:
    """What a served command printed and answered, and how it stopped."""

    stdout: str
    stderr: str
    code: int
    answers: dict[str, int]  # path -> HTTP status


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(argv: list[str], cwd: Path, env: dict[str, str], paths: tuple[str, ...]) -> Served:
    """Start `argv` (a serve command) on a free port, GET each of `paths`, then Ctrl-C it."""
    words = list(argv)
    if "--port" in words:
        at = words.index("--port")
        del words[at : at + 2]
    port = free_port()
    words += ["--port", str(port)]
    process = subprocess.Popen(
        words, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    answers: dict[str, int] = {}
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            try:
                answers["/api/v1/store/info"] = httpx.get(
                    f"http://127.0.0.1:{port}/api/v1/store/info", timeout=5
                ).status_code
                break
            except httpx.TransportError:
                time.sleep(0.3)
        for path in paths:
            answers[path] = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=60).status_code
    finally:
        process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
    return Served(stdout, stderr, process.returncode, answers)


def check_served(served: Served, command: str) -> None:
    """Assert a served command printed its address, answered, and stopped as Ctrl-C says."""
    assert re.search(r"bilateral serves .+ at http://\S+:\d+/", served.stdout), (
        command,
        served.stdout,
        served.stderr,
    )
    assert set(served.answers.values()) == {200}, (command, served.answers, served.stderr)
    assert served.code == 130, (command, served.code, served.stderr)
    assert "interrupted; the store" in served.stderr, served.stderr
    assert "Traceback" not in served.stderr, served.stderr


def split(command: str) -> list[str]:
    return shlex.split(command)
