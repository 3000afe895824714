"""The `bilateral` command: parse arguments, call the API, render. No logic of its own.

Exit codes: 0 success, 1 bad input or data (a `BilateralError`, message on stderr),
2 bad usage (unknown option, missing argument), 70 internal error (a bug: please report it),
130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Commands register on `app` when their
modules are imported, in this order.
"""

from __future__ import annotations

import sys

try:
    import contextlib
    import errno
    import signal
    from pathlib import Path
    from types import FrameType
    from typing import NoReturn

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
        serve_commands,
    )

    # isort: on
    from rich.markup import escape

    from bilateral.cli.app import (
        EXIT_INTERNAL_ERROR,
        EXIT_INTERRUPTED,
        EXIT_USAGE_ERROR,
        EXIT_USER_ERROR,
        app,
        discard_unused_new_stores,
        errors,
        opened_stores,
    )
    from bilateral.errors import BilateralError, InvalidArgumentError, StoreReadOnlyError
except KeyboardInterrupt:
    # Ctrl-C while the command line itself loads, before `main` can take the signal.
    sys.stderr.write("interrupted; nothing was written\n")
    raise SystemExit(130) from None

__all__ = ["app", "main"]


EXIT_TERMINATED = 143
_NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: raised in place of KeyboardInterrupt, which typer would swallow.

    A BaseException, so that no `except Exception` takes it for a failure; every write in
    progress removes what it wrote on the way out.
    """

    def __init__(self, what: str, code: int) -> None:
        super().__init__(what)
        self.what = what
        self.code = code


# The first stop signal received: whatever fails after it is the interruption's doing.
_signalled: list[Interrupted] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _signalled.append(Interrupted("interrupted", EXIT_INTERRUPTED))
    raise _signalled[-1]


def _terminate(signum: int, frame: FrameType | None) -> None:
    _signalled.append(Interrupted("terminated", EXIT_TERMINATED))
    raise _signalled[-1]


def _left_at() -> str:
    """Say at which version each store the command opened now is."""
    roots = list(dict.fromkeys(opened_stores))
    if not roots:
        return "nothing was written"
    # Opening the stores loaded the store's modules: no import here can meet a half-loaded one.
    from bilateral.store import snapshot

    said = []
    for root in roots:
        try:
            version = snapshot(root).versions["flows"]
        except Exception:
            # A store interrupted while its tables were made has no version to read.
            said.append(f"nothing was written to {root}")
        else:
            said.append(f"the store {root} is as it was at version {version}")
    return "; ".join(said)


def _stopped(what: str, code: int) -> NoReturn:
    # A second Ctrl-C while the state is read is ignored: the message comes whole.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        state = _left_at()
    except BaseException:
        # The interruption may have left a library half-loaded: say what can still be said.
        state = "`bilateral store check` says whether the store is whole"
    errors.print(escape(f"{what}; {state}"), highlight=False, soft_wrap=True)
    sys.exit(code)


def _refused(error: OSError) -> NoReturn:
    """Report a file operation the system refused: a read-only store, a full disk elsewhere."""
    path = Path(error.filename) if error.filename else None
    reason = error.strerror or str(error)
    if path is not None and error.errno in _NOT_WRITABLE:
        inside = any(path.is_relative_to(root) for root in opened_stores)
        message = (
            str(StoreReadOnlyError(path, reason)) if inside else f"cannot write {path}: {reason}"
        )
    else:
        message = f"{path or ''}: {reason}" if path else reason
    errors.print(f"[red]error:[/] {escape(message)}", highlight=False)
    sys.exit(EXIT_USER_ERROR)


def _as_typed(error: InvalidArgumentError) -> str:
    """Say the error with the option the user typed (`--as-of`), where the API named it `as_of`."""
    option = "--" + error.name.replace("_", "-")
    if error.name.startswith("-") or option not in sys.argv[1:]:
        return str(error)
    return f"invalid {option} {error.value!r}: expected {error.expected}"


def main() -> None:
    """Run the command line, mapping errors to exit codes, and Ctrl-C and SIGTERM to a message.

    A library that meets the signal inside its own code may turn it into an error of its own
    (or typer into an exit): once a signal came, any way out is reported as the interruption.
    """
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        _run()
    except BaseException as error:
        if not (isinstance(error, SystemExit) and error.code in (None, 0)):
            with contextlib.suppress(BaseException):
                discard_unused_new_stores()
        if _signalled:
            _stopped(_signalled[0].what, _signalled[0].code)
        if isinstance(error, KeyboardInterrupt):
            _stopped("interrupted", EXIT_INTERRUPTED)
        raise
    finally:
        # The command is over and the process is exiting: a late Ctrl-C changes nothing, and
        # must not surface in the interpreter's shutdown as a stray KeyboardInterrupt.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _run() -> None:
    try:
        app()
    except InvalidArgumentError as error:
        # An argument outside its range is found by the API, after parsing: a usage error.
        errors.print(f"[red]usage error:[/] {escape(_as_typed(error))}", highlight=False)
        sys.exit(EXIT_USAGE_ERROR)
    except BilateralError as error:
        errors.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except OSError as error:
        # The system refused a file operation (permissions, a full disk outside the store):
        # something the user can see to, not a bug.
        _refused(error)
    except Exception:
        if _signalled:
            raise
        errors.print_exception()
        errors.print("[red]internal error[/]: this is a bug in bilateral; please report it.")
        sys.exit(EXIT_INTERNAL_ERROR)
