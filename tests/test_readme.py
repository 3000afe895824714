"""The README's commands, as written, run with the installed command line and exit 0.

The first block's demo part (`.venv/bin/bilateral demo`) builds the demo store; every
`bilateral` command of the README's shell blocks then runs on it, through a shell, with
`$BILATERAL_STORE` set to the folder the demo printed (as the README says), in a folder holding
the (synthetic) files the commands name. A `[--flag]` is run without and with it. Commands that
write run on a copy of the demo store. Left out, with the reason: `bilateral fetch` and
`bilateral reference fetch`, which download from the publishers (tests/fetch runs each of them
against the replay server).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_examples import write_example_files
from served import check_served, serve

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(?:bash|sh)\n(.*?)```", README, re.S)
INSTALLED = Path(sys.executable).with_name("bilateral")
DOWNLOADS = ("bilateral fetch ", "bilateral reference fetch")
WRITES = ("bilateral ingest", "bilateral store check --repair", "bilateral store vacuum",
          "bilateral events import", "bilateral reference import")  # fmt: skip

pytestmark = pytest.mark.slow
# The first command ends with the app serving the demo store (built as `bilateral demo` does).
FIRST = ".venv/bin/bilateral serve --demo"


def _command(line: str) -> str:
    """The command of a README line, its comment left out."""
    return re.sub(r"\s+#.*$", "", line).strip()


def _forms(command: str) -> list[str]:
    """A command with an optional `[--flag ...]`: without it, and with it."""
    optional = re.search(r"\s*\[(--[^\]]+)\]", command)
    if optional is None:
        return [command]
    return [
        command.replace(optional.group(0), ""),
        command.replace(optional.group(0), " " + optional.group(1)),
    ]


COMMANDS = [
    form
    for block in BLOCKS[1:]
    for line in block.splitlines()
    if re.match(r"(cat .*\| )?bilateral ", line) and not _command(line).startswith(DOWNLOADS)
    for form in _forms(_command(line))
]


def run(line: str, work: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", line],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Run the first block's demo part; return the demo store, work and home folders."""
    folder = tmp_path_factory.mktemp("readme")
    home = folder / "home"
    home.mkdir()
    write_example_files(folder / "work", home)
    first = BLOCKS[0].strip().split("&&")[-1].strip()
    assert first == FIRST
    done = run(f"{INSTALLED} demo", folder / "work", environment(home, None))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    printed = re.search(r"demo store (.+?)(?:: \d| is already there)", done.stderr)
    assert printed is not None, done.stderr
    demo = Path(printed.group(1))
    assert demo.is_relative_to(home)
    return {"demo": demo, "work": folder / "work", "home": home}


def environment(home: Path, store: Path | None) -> dict[str, str]:
    values = {
        **os.environ,
        "PATH": f"{INSTALLED.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT / "src"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }
    values.pop("BILATERAL_STORE", None)
    if store is not None:
        values["BILATERAL_STORE"] = str(store)
    return values


def test_the_readme_commands_are_found() -> None:
    assert len(COMMANDS) >= 30
    assert "bilateral series IT BE --frequency M --rolling" in COMMANDS
    assert "bilateral profile IT BE --years 2021 --currency USD" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_command_runs_on_the_demo_store(
    setting: dict[str, Path], tmp_path: Path, command: str
) -> None:
    store = setting["demo"]
    if command.removeprefix("cat release.txt | ").startswith(WRITES):
        store = shutil.copytree(store, tmp_path / "store")
    work = shutil.copytree(setting["work"], tmp_path / "work")
    if command.startswith("bilateral serve"):
        paths = ("/api/v1/profile/IT/BE?years=2021",)
        served = serve(command.split(), work, environment(setting["home"], store), paths)
        check_served(served, command)
        return
    done = run(command, work, environment(setting["home"], store))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "internal error" not in done.stderr


def test_the_first_command_serves_the_demo_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    served = serve(
        [str(INSTALLED), *FIRST.split()[1:]],
        tmp_path,
        environment(home, None),
        ("/api/v1/profile/ITA/BEL?years=2019-2021", "/api/docs"),
    )
    check_served(served, FIRST)
    assert "SYNTHETIC" in served.stdout + served.stderr
    assert "/pair/ITA/BEL" in served.stdout
