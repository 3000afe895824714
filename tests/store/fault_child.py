"""A writer process for the fault-injection tests: ingest one file, stopped at a chosen step.

    python fault_child.py STORE FILE MODE STEP

MODE says what happens when the write reaches STEP (a name the store's writer reports, or
`reading` for the first batch of the file): `kill` (SIGKILL), `term` (SIGTERM, through the
command line), `int` (Ctrl-C, through the command line), `hold` (write a marker file next to
the store and wait to be killed), `none` (run to the end), `events` (import FILE as an events
file, to the end).
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import time
from pathlib import Path


def main() -> None:
    faulthandler.enable()  # a native abort prints every thread's Python stack
    root, file, mode, step = sys.argv[1:5]
    marker = Path(root).parent / f"reached-{os.getpid()}"

    def act() -> None:
        if mode == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif mode == "term":
            os.kill(os.getpid(), signal.SIGTERM)
        elif mode == "int":
            os.kill(os.getpid(), signal.SIGINT)
        elif mode == "hold":
            marker.write_text(step, encoding="utf-8")
            time.sleep(600)

    from bilateral.store.writer import STEP_HOOKS

    STEP_HOOKS.append(lambda reached: act() if reached == step else None)
    if mode in ("term", "int"):
        from bilateral.cli import main as command_line

        sys.argv = ["bilateral", "ingest", file, "--store", root]
        command_line()
        return
    import bilateral

    if mode == "events":
        print(bilateral.open(root).import_events(file).status)
        return

    def progress(done: int, total: int, rows: int) -> None:
        if step == "reading":
            act()

    report = bilateral.open(root).ingest(file, progress=progress)
    print(report.status)


if __name__ == "__main__":
    main()
