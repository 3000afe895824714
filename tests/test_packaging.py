"""Every file the package reads at run time is installed with it, not only in a checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "bilateral"


def package_data() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        data: dict[str, list[str]] = tomllib.load(file)["tool"]["setuptools"]["package-data"]
    return data


def test_every_data_file_of_the_package_is_declared_for_installation() -> None:
    patterns = [
        (PACKAGE.joinpath(*package.split(".")[1:]), pattern)
        for package, globs in package_data().items()
        for pattern in globs
    ]
    data_files = [
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    ]
    assert len(data_files) >= 30
    undeclared = [
        str(path.relative_to(PACKAGE))
        for path in data_files
        if not any(
            path.is_relative_to(folder)
            and PurePosixPath(path.relative_to(folder).as_posix()).match(pattern)
            for folder, pattern in patterns
        )
    ]
    assert undeclared == [], "add them to [tool.setuptools.package-data] in pyproject.toml"
