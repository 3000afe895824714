"""A writer stopped at every step of an ingest: SIGKILL, SIGTERM, Ctrl-C.

After each stop the store's figures are either the figures before the ingest or after it
(computed from the files' rows, not by the store), as every new reader sees them; once the
store is next written, no leftover remains (no unpublished commit, orphan file, staging folder
or journal), `store check` passes, and ingesting the file again gives exact figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import VintageNotFoundError
from store.fault_files import (
    copy_store,
    expected,
    leftovers,
    observed,
    profile_exports,
    reached,
    run_child,
    same,
    start_child,
    write_files,
)

STEPS = [
    "reading",
    "parts written",
    "journal",
    "flows committed",
    "rollup_totals committed",
    "rollup_products committed",
    "product_links committed",
    "log committed",
]
BEFORE = expected("A")
AFTER = expected("A", "B")
ALL = expected("A", "B", "C")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """Return a store holding file A, and the three files."""
    folder = tmp_path_factory.mktemp("faults")
    files = write_files(folder / "files")
    root = folder / "base"
    bilateral.open(root).ingest(files["A"])
    assert same(observed(root), BEFORE)
    return root, files


def _trial_store(base: tuple[Path, dict[str, Path]], tmp_path: Path) -> Path:
    return copy_store(base[0], tmp_path / "store")


@pytest.mark.parametrize("step", STEPS)
def test_sigkill_at_each_step(
    base: tuple[Path, dict[str, Path]], tmp_path: Path, step: str
) -> None:
    root = _trial_store(base, tmp_path)
    flows_before = Store(root).history().entries[-1].flows_version
    code = run_child(root, base[1]["B"], "kill", step)
    assert code == -9
    published = step == "log committed"
    figures = observed(root)
    assert same(figures, AFTER if published else BEFORE), step
    if not published:
        # The killed ingest's flows version is not readable, not even as an earlier vintage.
        with pytest.raises(VintageNotFoundError):
            bilateral.open(root).profile("IT", "BE", years=2021, as_of=flows_before + 1)
    # The next write (of another file) cleans everything up before it starts.
    assert bilateral.open(root).ingest(base[1]["C"]).status == "added"
    assert leftovers(root) == []
    report = bilateral.open(root).ingest(base[1]["B"])
    assert report.status == ("unchanged" if published else "revised")
    assert same(observed(root), ALL)
    assert profile_exports(root, range(2020, 2024)) == {
        year: ALL[("IT", "BE", "export", year)] for year in range(2020, 2024)
    }


@pytest.mark.parametrize("mode", ["term", "int"])
@pytest.mark.parametrize("step", ["flows committed", "rollup_products committed", "log committed"])
def test_sigterm_and_ctrl_c_leave_nothing(
    base: tuple[Path, dict[str, Path]], tmp_path: Path, mode: str, step: str
) -> None:
    root = _trial_store(base, tmp_path)
    code = run_child(root, base[1]["B"], mode, step)
    assert code != 0
    # A stop the process sees removes its own unpublished commits and files on the way out;
    # once the log entry has landed (even before the writer knows it) the ingest is whole.
    published = step == "log committed"
    assert leftovers(root) == []
    assert same(observed(root), AFTER if published else BEFORE)
    assert bilateral.open(root).verify().findings == ()
    report = bilateral.open(root).ingest(base[1]["B"])
    assert report.status == ("unchanged" if published else "revised")
    assert same(observed(root), AFTER)


def test_readers_never_see_half_an_ingest(
    base: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    """While a writer holds between its flows commit and its log entry, readers see before."""
    root = _trial_store(base, tmp_path)
    child = start_child(root, base[1]["B"], "hold", "product_links committed")
    try:
        assert reached(root, child), "the writer did not reach its step"
        assert same(observed(root), BEFORE)
        assert profile_exports(root, [2021]) == {2021: BEFORE[("IT", "BE", "export", 2021)]}
    finally:
        child.kill()
        child.communicate()
    assert same(observed(root), BEFORE)
