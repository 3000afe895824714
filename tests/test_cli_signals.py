"""Ctrl-C held while native modules load: it takes effect when the block ends, never inside."""

from __future__ import annotations

import os
import signal

import pytest

from bilateral.cli.app import signals_deferred


class Stopped(BaseException):
    pass


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_in_a_deferred_block_acts_when_the_block_ends(stop: signal.Signals) -> None:
    previous = signal.signal(stop, _stop)
    steps: list[str] = []
    try:
        with pytest.raises(Stopped) as stopped, signals_deferred():
            os.kill(os.getpid(), stop)
            for _ in range(10_000):  # the handler runs between bytecodes: give it many
                pass
            steps.append("the block ran to its end")
        assert steps == ["the block ran to its end"]
        assert stopped.value.args == (stop,)
        assert signal.getsignal(stop) is _stop
    finally:
        signal.signal(stop, previous)


def test_a_block_without_a_signal_restores_the_handlers() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with signals_deferred():
        assert signal.getsignal(signal.SIGINT) not in before
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
