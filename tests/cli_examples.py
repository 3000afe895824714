"""The files the command line's help examples and the README name, written small and SYNTHETIC.

`bilateral ingest full_v2_202152.7z` needs a file of that name to run: each is written here in
its publisher's layout with invented figures (not official statistics), in the folder the
examples run in, and `~` is a home folder of the test's own.
"""

from __future__ import annotations

import shlex
import zipfile
from pathlib import Path

import py7zr
from typer.main import get_group

from bilateral.cli import app
from bilateral.events import write_demo_events
from bilateral.synthetic import write_demo_rates_file, write_full_v2
from bilateral.synthetic.baci import write_baci

EVENTS_HEADER = "date,place,type,title,territory_a,territory_b,participants,themes,sectors,link"
SDMX_HEADER = (
    "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"
)
RELEASE = (
    "In 2021 Italian exports to Belgium were 17.6 billion euros, "
    "and Italy was Belgium's ninth-largest supplier.\n"
)


def write_example_files(folder: Path, home: Path) -> None:
    """Write every file the examples name into `folder` (and `~/Downloads/tables` into `home`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for period in ("202152", "202402"):
        data = write_full_v2(folder / f"full_v2_{period}.dat", rows=2_000, seed=7, period=period)
        with py7zr.SevenZipFile(folder / f"full_v2_{period}.7z", "w") as archive:
            archive.write(data, data.name)
        data.unlink()
    lines = [SDMX_HEADER]
    for month in range(1, 13):
        for flow, value in (("1", 1.61e9), ("2", 1.45e9)):
            lines.append(
                f"ESTAT:DS-045409(1.0),15/03/24 23:00:00,M,IT,BE,TOTAL,{flow},VALUE_IN_EUROS,"
                f"2023-{month:02d},{value + month * 1e7:.1f}"
            )
    (folder / "DS-045409_extract.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    baci = folder / "BACI_HS92_Y2021_V202301.csv"
    write_baci(baci, rows=500, seed=3, year=2021)
    with zipfile.ZipFile(folder / "BACI_HS92_V202301.zip", "w") as release:
        release.write(baci, baci.name)
    baci.unlink()
    write_demo_events(folder).rename(folder / "events.yaml")
    (folder / "events.csv").write_text(
        f"{EVENTS_HEADER}\n2021-05-04,Rome,meeting,A synthetic meeting,IT,BE,,,,\n",
        encoding="utf-8",
    )
    (folder / "release.txt").write_text(RELEASE, encoding="utf-8")
    write_demo_rates_file(home / "Downloads" / "tables")


def help_examples() -> list[tuple[tuple[str, ...], str]]:
    """Return (command, example line) for every line under `Examples:` in every command's help."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(group: object, prefix: tuple[str, ...]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            if hasattr(command, "commands"):
                walk(command, (*prefix, name))
                continue
            text = command.help or ""
            examples = text.split("Examples:", 1)[1] if "Examples:" in text else ""
            for line in examples.splitlines():
                line = line.strip()
                if line.startswith(("bilateral ", "cat ")):
                    found.append(((*prefix, name), line))

    walk(get_group(app), ())
    return found


def argv_of(line: str, home: Path) -> tuple[list[str], str | None]:
    """Split an example as a shell would (`~` is `home`): the arguments after `bilateral`, and
    the file piped in if any."""
    piped = None
    if line.startswith("cat "):
        source, line = (part.strip() for part in line.split("|", 1))
        piped = shlex.split(source)[1]
    words = [f"{home}{word[1:]}" if word.startswith("~/") else word for word in shlex.split(line)]
    assert words[0] == "bilateral", line
    return words[1:], piped
