"""Reading events files, YAML or CSV, into checked events with the line each starts on."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bilateral.errors import EncodingError, SourceFormatError
from bilateral.events.validate import (
    FIELDS,
    REQUIRED,
    Cell,
    FileEvent,
    Item,
    RawEvent,
    Resolve,
    Value,
    check_event,
)

YAML_SUFFIXES: Final = (".yaml", ".yml")
CSV_SUFFIXES: Final = (".csv",)
_NULL_TAG: Final = "tag:yaml.org,2002:null"


def read_events_file(path: Path, resolve: Resolve) -> tuple[FileEvent, ...]:
    """Return the events of a YAML or CSV file (by its suffix), every one checked.

    The first problem raises `SourceFormatError`; a file without events is one too.
    """
    suffix = path.suffix.lower()
    if suffix not in (*YAML_SUFFIXES, *CSV_SUFFIXES):
        raise SourceFormatError(
            path, "not an events file", value=path.suffix, expected="a .yaml, .yml or .csv file"
        )
    text = _text(path)
    raws = _yaml_events(path, text) if suffix in YAML_SUFFIXES else _csv_events(path, text)
    if not raws:
        raise SourceFormatError(path, "the file holds no events", expected="at least one event")
    return tuple(FileEvent(check_event(path, raw, resolve), raw.line) for raw in raws)


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceFormatError(path, "no such file", expected="an existing file") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise EncodingError(path, "not UTF-8 text", line=line, expected="UTF-8") from None


def _csv_events(path: Path, text: str) -> list[RawEvent]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    _check_header(path, header)
    raws: list[RawEvent] = []
    end = reader.line_num
    for cells in reader:
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise SourceFormatError(
                path,
                f"the line has {len(cells)} cells",
                line=line,
                expected=f"{len(header)} cells as in the header (quote cells holding commas)",
            )
        values = {name: Cell(cell, line) for name, cell in zip(header, cells, strict=True)}
        raws.append(RawEvent(values, line))
    return raws


def _check_header(path: Path, header: list[str]) -> None:
    unknown = [name for name in header if name not in FIELDS]
    missing = [name for name in REQUIRED if name not in header]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if unknown or missing or repeated:
        problem = (
            f"unknown column {unknown[0]!r}"
            if unknown
            else f"repeated column {repeated[0]!r}"
            if repeated
            else f"missing column {missing[0]!r}"
        )
        raise SourceFormatError(
            path, problem, line=1, field="header", expected="the columns " + ",".join(FIELDS)
        )


def _yaml_events(path: Path, text: str) -> list[RawEvent]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SourceFormatError(
            path,
            f"not valid YAML: {error.problem or error.context}",
            line=None if mark is None else mark.line + 1,
            expected="a YAML list of events",
        ) from None
    except yaml.YAMLError as error:
        raise SourceFormatError(path, f"not valid YAML: {error}") from None
    items = _event_nodes(path, root)
    return [_yaml_event(path, index, node) for index, node in enumerate(items, start=1)]


def _event_nodes(path: Path, root: Node | None) -> list[Node]:
    """Return the nodes of the events: a top-level list, or the list under `events:`."""
    if isinstance(root, MappingNode) and len(root.value) == 1:
        key, value = root.value[0]
        if isinstance(key, ScalarNode) and key.value == "events":
            root = value
    if root is None:
        return []
    if not isinstance(root, SequenceNode):
        raise SourceFormatError(
            path,
            "the file is not a list of events",
            line=root.start_mark.line + 1,
            expected="a list of mappings, or a mapping with one key `events:` holding it",
        )
    return list(root.value)


def _yaml_event(path: Path, index: int, node: Node) -> RawEvent:
    line = node.start_mark.line + 1
    if not isinstance(node, MappingNode):
        raise SourceFormatError(
            path, f"item {index} is not a mapping", line=line, expected="fields such as date: ..."
        )
    cells: dict[str, Cell] = {}
    for key, value in node.value:
        name = str(key.value).strip().lower() if isinstance(key, ScalarNode) else ""
        where = key.start_mark.line + 1
        if name not in FIELDS or name in cells:
            problem = "repeated field" if name in cells else "unknown field"
            raise SourceFormatError(
                path,
                f"item {index}: {problem} {name or key.tag!r}",
                line=where,
                field=name or None,
                expected="the fields " + ", ".join(FIELDS) + ", each once",
            )
        cells[name] = Cell(_value(path, index, name, value), value.start_mark.line + 1)
    return RawEvent(cells, line, index)


def _value(path: Path, index: int, name: str, node: Node) -> Value:
    if isinstance(node, ScalarNode):
        return None if node.tag == _NULL_TAG else str(node.value)
    if isinstance(node, SequenceNode):
        return tuple(_item(path, index, name, child) for child in node.value)
    raise _nested(path, index, name, node)


def _item(path: Path, index: int, name: str, node: Node) -> Item:
    if isinstance(node, ScalarNode):
        return str(node.value)
    if isinstance(node, MappingNode) and all(
        isinstance(k, ScalarNode) and isinstance(v, ScalarNode) for k, v in node.value
    ):
        return {
            str(k.value).strip().lower(): (None if v.tag == _NULL_TAG else str(v.value))
            for k, v in node.value
        }
    raise _nested(path, index, name, node)


def _nested(path: Path, index: int, name: str, node: Node) -> SourceFormatError:
    return SourceFormatError(
        path,
        f"item {index}: {name} holds a nested structure",
        line=node.start_mark.line + 1,
        field=name,
        expected="a text, or a list of texts (participants: also name/role/organisation)",
    )
