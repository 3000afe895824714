"""The `bilateral` command: parse arguments, call the API, render. No logic of its own.

Exit codes: 0 success, 1 bad input or data (a `BilateralError`, message on stderr),
2 bad usage (unknown option, missing argument), 70 internal error (a bug: please report it),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Commands register on `app` when their
modules are imported, in this order.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

# isort: off
from bilateral.cli import (  # noqa: F401  (imported to register their commands)
    store_commands,
    pair_commands,
    trade_commands,
    reference_commands,
    fetch_commands,
    fetch_sdmx_commands,
    events_commands,
    brief_commands,
    check_commands,
)

# isort: on
from bilateral.cli.app import (
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE_ERROR,
    EXIT_USER_ERROR,
    app,
    errors,
)
from bilateral.errors import BilateralError, InvalidArgumentError

__all__ = ["app", "main"]


EXIT_TERMINATED = 143


def _terminate(signum: int, frame: FrameType | None) -> None:
    """Stop on SIGTERM as on Ctrl-C: a write in progress removes what it wrote, then exit."""
    errors.print("terminated: nothing of the write in progress was committed")
    raise SystemExit(EXIT_TERMINATED)


def main() -> None:
    """Run the command line, mapping errors to exit codes."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except InvalidArgumentError as error:
        # An argument outside its range is found by the API, after parsing: a usage error.
        errors.print(f"[red]usage error:[/] {error}", highlight=False)
        sys.exit(EXIT_USAGE_ERROR)
    except BilateralError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except KeyboardInterrupt:
        errors.print("interrupted: nothing of the file in progress was committed")
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:
        # The system refused a file operation (permissions, a full disk outside the store):
        # something the user can see to, not a bug.
        where = f" {error.filename}" if error.filename else ""
        errors.print(f"[red]error:[/]{where}: {error.strerror or error}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except Exception:
        errors.print_exception()
        errors.print("[red]internal error[/]: this is a bug in bilateral; please report it.")
        sys.exit(EXIT_INTERNAL_ERROR)
