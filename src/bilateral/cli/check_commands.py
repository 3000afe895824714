"""The `check` command: verify the trade figures quoted in a text against the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bilateral.choices import CheckFormat
from bilateral.cli.app import (
    AsOfOption,
    EngineOption,
    SparkMasterOption,
    StoreOption,
    app,
    chosen_engine,
    console,
    open_existing,
)
from bilateral.errors import InvalidArgumentError


@app.command(short_help="Check the trade figures quoted in a text.")
def check(
    file: Annotated[str, typer.Argument(help="A text file (UTF-8), or - to read stdin.")],
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="table, json or html (annotated text).")
    ] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the JSON or HTML to this file.")
    ] = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Check the trade figures quoted in a text (press release, article) against the data.

    Examples:

    \b
      bilateral check release.txt
      cat release.txt | bilateral check - --format json
      bilateral check release.txt --format html --out checked.html
      bilateral check release.txt --as-of 5
    """
    from bilateral.render.claims import claims_html, claims_json, show_check

    text = sys.stdin.read() if file == "-" else _read(Path(file))
    report = open_existing(store, chosen_engine(engine, spark_master), as_of).check(
        text, as_of=as_of
    )
    if out is None:
        show_check(console, report, output)
        return
    if output == "table":
        raise InvalidArgumentError("--out", str(out), "--format json or html with --out")
    document = claims_json(report) if output == "json" else claims_html(report)
    out.write_text(document, encoding="utf-8")
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items())
    console.print(f"{len(report.checks)} claims ({counts}) written to {out}", highlight=False)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidArgumentError("FILE", str(path), "an existing text file, or -") from None
    except UnicodeDecodeError:
        raise InvalidArgumentError("FILE", str(path), "a UTF-8 text file") from None
