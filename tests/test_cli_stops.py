"""The command line stopped (Ctrl-C, SIGTERM), on a read-only store, and on a path that is no store.

Ctrl-C says what happened, exits 130, prints no traceback and leaves nothing behind; a read-only
store answers queries and refuses writes with a message naming the folder; a command that only
reads never makes a store where there was none.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import bilateral
from store.fault_files import CHILD, expected, leftovers, observed, same, write_files

SOURCE = Path(__file__).resolve().parents[1] / "src"
ENVIRONMENT = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "80", "NO_COLOR": "1"}
# Runs a command, sending itself SIGINT when the pipeline starts a query (after the store opened).
QUERY_CHILD = """
import os, signal, sys
from bilateral.api.pipeline import Pipeline
from bilateral.cli import main
original = Pipeline.run
def run(self, *args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return original(self, *args, **kwargs)
Pipeline.run = run
sys.argv = ["bilateral", *sys.argv[1:]]
main()
"""

# Says when it has loaded the command line, then runs it: a signal while the interpreter starts
# is Python's own.
STARTED_CHILD = """
import sys
from bilateral.cli import main
sys.argv = ["bilateral", *sys.argv[1:]]
sys.stderr.write("started\\n")
sys.stderr.flush()
main()
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_files(tmp_path_factory.mktemp("stops") / "files")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]) -> Path:
    """A store holding file A (flows version 1)."""
    root = tmp_path_factory.mktemp("stops") / "base"
    bilateral.open(root).ingest(files["A"])
    return root


def command(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *args],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "step",
    ["parts written", "journal", "flows committed", "rollup_products committed", "log committed"],
)
def test_ctrl_c_during_ingest_says_the_version_and_leaves_nothing(
    base: Path, files: dict[str, Path], tmp_path: Path, step: str
) -> None:
    root = shutil.copytree(base, tmp_path / "store")
    done = subprocess.run(
        [sys.executable, str(CHILD), str(root), str(files["B"]), "int", step],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    # Published before the signal: the store is at the ingest's version; else as it was.
    version = 2 if step == "log committed" else 1
    message = one_line(done.stderr)
    assert f"interrupted; the store {root} is as it was at version {version}" in message
    assert same(observed(root), expected("A", "B") if version == 2 else expected("A"))
    assert leftovers(root) == []


def test_sigterm_during_ingest_says_so(base: Path, files: dict[str, Path], tmp_path: Path) -> None:
    root = shutil.copytree(base, tmp_path / "store")
    done = subprocess.run(
        [sys.executable, str(CHILD), str(root), str(files["B"]), "term", "flows committed"],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 143, done.stderr
    assert f"terminated; the store {root} is as it was at version 1" in one_line(done.stderr)
    assert leftovers(root) == []


def test_ctrl_c_during_a_query(base: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", QUERY_CHILD, "profile", "IT", "BE", "--store", str(base)],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert f"interrupted; the store {base} is as it was at version 1" in one_line(done.stderr)
    assert done.stdout == ""


@pytest.mark.parametrize("delay", [0.02, 0.3, 0.8, 1.5, 2.5])
def test_ctrl_c_at_any_moment_is_never_a_traceback(
    base: Path, files: dict[str, Path], tmp_path: Path, delay: float
) -> None:
    root = shutil.copytree(base, tmp_path / "store")
    args = ["ingest", str(files["B"]), "--store", str(root)]
    child = subprocess.Popen(
        [sys.executable, "-c", STARTED_CHILD, *args],
        env=ENVIRONMENT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    assert child.stderr.readline() == "started\n"
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=300)
    # The ingest may have finished before the signal came: then it exits 0.
    assert child.returncode in (0, 130), stderr
    assert "Traceback" not in stderr
    if child.returncode == 130:
        assert one_line(stderr).startswith("interrupted;")
        assert same(observed(root), expected("A")) or same(observed(root), expected("A", "B"))
    assert leftovers(root) == []


@contextlib.contextmanager
def read_only(folder: Path, view: Path) -> Iterator[Path]:
    """Show `folder` at `view` through a read-only bind mount (the tests run as root in CI)."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    view.mkdir(parents=True)
    subprocess.run(["mount", "--bind", str(folder), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


READS = [
    ["store", "info"],
    ["store", "history"],
    ["store", "check"],
    ["profile", "IT", "BE"],
    ["series", "IT", "BE", "--years", "2021"],
    ["partners", "IT", "--year", "2021"],
    ["products", "IT", "BE", "--year", "2021"],
]
WRITES = [
    ["ingest", "B"],
    ["store", "vacuum"],
    ["store", "check", "--repair"],
    ["events", "import", "EVENTS"],
]


def test_a_read_only_store_serves_reads_and_refuses_writes_clearly(
    base: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    header = "date,place,type,title,territory_a,territory_b,participants,themes,sectors,link"
    events.write_text(f"{header}\n2021-05-04,Rome,meeting,A meeting,IT,BE,,,,\n", encoding="utf-8")
    with read_only(base, tmp_path / "ro") as view:
        for args in READS:
            done = command(*args, "--store", str(view))
            assert done.returncode == 0, (args, done.stderr)
            assert "Traceback" not in done.stderr
        for args in WRITES:
            named = {"B": str(files["B"]), "EVENTS": str(events)}
            done = command(*(named.get(a, a) for a in args), "--store", str(view))
            message = one_line(done.stderr)
            assert done.returncode == 1, (args, done.stderr)
            assert "Traceback" not in done.stderr
            assert "internal error" not in message
            assert f"cannot write {view}" in message, message
            assert "Read-only file system" in message
            assert "queries work" in message
    assert same(observed(base), expected("A"))


@pytest.mark.parametrize(
    "args",
    [
        ["store", "info"],
        ["store", "history"],
        ["store", "check"],
        ["store", "vacuum"],
        ["profile", "IT", "BE"],
        ["events", "list", "IT", "BE"],
    ],
    ids=" ".join,
)
def test_a_path_that_is_no_store_is_an_error_and_stays_as_it_was(
    tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "missing"
    other = tmp_path / "papers"
    other.mkdir()
    (other / "notes.txt").write_text("not a store", encoding="utf-8")
    for root in (missing, other):
        done = command(*args, "--store", str(root))
        message = one_line(done.stderr)
        assert done.returncode == 1, done.stderr
        assert f"{root} " in message
        assert f"bilateral ingest FILE --store {root}" in message
        assert "Traceback" not in done.stderr
    assert not missing.exists()
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


def test_reference_tables_of_a_path_that_is_no_store_are_the_packaged_ones(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    done = command("reference", "list", "--store", str(missing), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"status": "core"' in done.stdout
    assert '"status": "loaded"' not in done.stdout
    assert not missing.exists()
