"""Fitting tables to the console's width without cutting a cell or breaking a word.

A table that fits is printed as it is, its text columns wrapped between words where needed. One
that does not is split into several tables that repeat its first (key) columns; a table whose
key and any one other column are too wide is printed as one block per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

# Columns are padded by a space on their inner sides and separated by one character.
_PADDING = 2
_SEPARATOR = 1
# A column of text is not squeezed below this width (or its longest word) to fit the others in.
_READABLE = 20


@dataclass(frozen=True)
class _Measure:
    minimum: int  # the longest word (a column that may wrap) or the longest cell
    maximum: int  # the longest cell
    wraps: bool


def print_table(
    console: Console, table: Table, key_columns: int = 1, *, split: bool = True
) -> None:
    """Print `table` within `console.width`: whole, split by columns, or one block per row.

    The first `key_columns` columns identify a row (a year, a version) and are repeated in
    each part of a split table; `split=False` prints blocks rather than parts (for records
    such as events, read one at a time).
    """
    measures = [_measure(console, column) for column in table.columns]
    width = console.width
    everything = list(range(len(table.columns)))
    parts: list[list[int]] | None = None
    if _fits(measures, everything, width):
        parts = [everything]
    elif split:
        parts = _split(measures, key_columns, width)
    if table.title:
        console.print(table.title, style="bold", highlight=False)
    if parts is None:
        _print_blocks(console, table, key_columns)
    else:
        for part in parts:
            console.print(_rebuild(table, part, measures, width))
    if table.caption:
        console.print(table.caption, style="dim", highlight=False)


def _cell_text(console: Console, renderable: RenderableType) -> Text | None:
    if isinstance(renderable, Text):
        return renderable
    if isinstance(renderable, str):
        return console.render_str(renderable)
    return None


def _measure(console: Console, column: Column) -> _Measure:
    wraps = not column.no_wrap
    minimum = maximum = 1
    for renderable in (column.header, *column.cells):
        text = _cell_text(console, renderable)
        if text is None:
            found = Measurement.get(console, console.options, renderable)
            longest, whole = found.minimum, found.maximum
        else:
            lines = text.plain.splitlines() or [""]
            whole = max(len(line) for line in lines)
            words = text.plain.split()
            longest = max((len(word) for word in words), default=0) if wraps else whole
        if renderable is column.header:
            # A header may always wrap between its words ("conf. exp.").
            longest = max((len(word) for word in str(text or "").split()), default=0)
        minimum, maximum = max(minimum, longest), max(maximum, whole)
    if wraps:
        minimum = max(minimum, min(maximum, _READABLE))
    return _Measure(minimum, maximum, wraps)


def _overhead(count: int) -> int:
    return max(count - 1, 0) * (_PADDING + _SEPARATOR)


def _fits(measures: Sequence[_Measure], columns: Sequence[int], width: int) -> bool:
    return sum(measures[i].minimum for i in columns) + _overhead(len(columns)) <= width


def _split(measures: Sequence[_Measure], key_columns: int, width: int) -> list[list[int]] | None:
    """Group the columns after the key ones into parts that fit beside the key; None if one
    column does not fit beside the key."""
    key = list(range(min(key_columns, len(measures))))
    parts: list[list[int]] = []
    current = list(key)
    for index in range(len(key), len(measures)):
        if _fits(measures, [*current, index], width):
            current.append(index)
            continue
        if current == key:
            return None
        parts.append(current)
        current = [*key, index]
        if not _fits(measures, current, width):
            return None
    if current != key or not parts:
        parts.append(current)
    return parts


def _widths(measures: Sequence[_Measure], columns: Sequence[int], width: int) -> list[int]:
    """Each column at its widest if that fits, else at its minimum plus a share of the room."""
    widest = [measures[i].maximum for i in columns]
    if sum(widest) + _overhead(len(columns)) <= width:
        return widest
    widths = [measures[i].minimum for i in columns]
    room = width - _overhead(len(columns)) - sum(widths)
    wanted = [widest[n] - widths[n] for n in range(len(columns))]
    total = sum(wanted)
    for n, want in enumerate(wanted):
        grant = min(want, room * want // total) if total else 0
        widths[n] += grant
    room = width - _overhead(len(columns)) - sum(widths)
    for n in sorted(range(len(columns)), key=lambda n: widths[n] - widest[n]):
        grant = min(room, widest[n] - widths[n])
        widths[n] += grant
        room -= grant
    return widths


def _rebuild(
    table: Table,
    columns: Sequence[int],
    measures: Sequence[_Measure],
    width: int,
) -> Table:
    fitted = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_lines=table.show_lines,
    )
    for index, size in zip(columns, _widths(measures, columns, width), strict=True):
        source = table.columns[index]
        fitted.add_column(
            source.header,
            justify=source.justify,
            style=source.style,
            no_wrap=source.no_wrap,
            overflow="fold",
            width=size,
        )
    cells = [list(table.columns[index].cells) for index in columns]
    for number, row in enumerate(table.rows):
        fitted.add_row(
            *(column[number] for column in cells), style=row.style, end_section=row.end_section
        )
    return fitted


def _print_blocks(console: Console, table: Table, key_columns: int) -> None:
    """Print one block per row: its key cells on a line, then `header: value; ...` below."""
    columns = table.columns
    cells = [list(column.cells) for column in columns]
    keys = range(min(key_columns, len(columns)))
    for number in range(table.row_count):
        key = " ".join(part for i in keys if (part := _plain(console, cells[i][number])))
        fields = []
        for index in range(len(keys), len(columns)):
            value = "; ".join(_plain(console, cells[index][number]).splitlines())
            if value:
                fields.append(f"{_plain(console, columns[index].header)}: {value}")
        console.print(Text(key, style="bold"))
        console.print(
            Padding(Text(" · ".join(fields), overflow="fold"), (0, 0, 0, 2), expand=False)
        )


def _plain(console: Console, renderable: RenderableType) -> str:
    text = _cell_text(console, renderable)
    return "" if text is None else text.plain
