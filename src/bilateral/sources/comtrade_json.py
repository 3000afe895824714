"""UN Comtrade Plus API responses as JSON: `{"elapsedTime":..,"count":..,"data":[..],"error":""}`.

The records hold the fields of the CSV (`comtrade`), typed: numbers, booleans, and `null` for
unknown quantities (the public preview gives 0 instead). Each record is turned into the CSV's
text fields and read by `comtrade.canonical_batches`, with the same handlings.

Detection sees only the first line: a compact response is one line starting with `{`, a
pretty-printed one starts with a line `{`. Any JSON object is therefore taken for a Comtrade
response, and a file that is not one fails on its missing `data`. Errors name the record
(`record 3 of data`) and the line it starts on; the batches' `_line` holds the record number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from bilateral.errors import EncodingError, SourceFormatError
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import line_numbers
from bilateral.sources.comtrade import COLUMNS, SOURCE, canonical_batches

_OPTIONAL = {"reporterISO", "reporterDesc", "flowDesc", "partnerISO", "partnerDesc"}


class ComtradeJson:
    """UN Comtrade Plus API JSON responses (data/v1/get, public/v1/preview)."""

    name = "comtrade_json"
    header = '{"elapsedTime":"0.09 secs","count":1,"data":[{"typeCode":"C",...}],"error":""}'
    complete_products = False
    source: str = SOURCE
    product_detail: ProductDetail = "HS6"
    import_valuation: ImportValuation = "both"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = "UN Comtrade Plus API JSON ({elapsedTime, count, data: [...], error})"

    def matches(self, header: str) -> bool:
        """Say whether `header` opens a JSON object (compact or pretty-printed)."""
        return header.lstrip().startswith("{")

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole response and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="UN Comtrade Plus (API JSON)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=False,
            vintage_kind="given" if options.vintage else "file_date",
        )


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    text = _text(path, data_path)
    records = _records(path, text)
    stats.bytes_read = data_path.stat().st_size
    starts = _record_lines(text)
    table = pa.table(
        {
            name: pa.array(
                [_field(path, starts, i, r, name) for i, r in enumerate(records)], pa.string()
            )
            for name in COLUMNS
        }
    )
    vintage = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    try:
        yield from canonical_batches(
            path, table, line_numbers(1, len(records)), options, stats, vintage=vintage
        )
    except SourceFormatError as error:
        if error.line is not None:
            error.problem = f"record {error.line} of data: {error.problem}"
            error.line = starts[error.line - 1]
        raise


def _text(path: Path, data_path: Path) -> str:
    try:
        return data_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            path, f"the response is not UTF-8 ({exc.reason})", expected="UTF-8 JSON"
        ) from None


def _records(path: Path, text: str) -> list[Any]:
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            path, f"invalid JSON: {exc.msg}", line=exc.lineno, expected="a JSON object"
        ) from None
    wanted = 'an object {"count": n, "data": [records], "error": ""}'
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise SourceFormatError(
            path, "not a Comtrade API response: no data list", line=1, expected=wanted
        )
    if body.get("error"):
        raise SourceFormatError(
            path,
            "the API returned an error",
            field="error",
            value=str(body["error"]),
            expected=wanted,
        )
    records: list[Any] = body["data"]
    count = body.get("count", len(records))
    if count != len(records):
        raise SourceFormatError(
            path,
            f"count is {count} but data holds {len(records)} records (truncated?)",
            field="count",
            value=str(count),
            expected=f"{len(records)}",
        )
    if not records:
        raise SourceFormatError(
            path,
            "the response holds no records (count 0)",
            field="data",
            value="[]",
            expected="a response with at least one data record",
        )
    return records


def _field(path: Path, starts: list[int], index: int, record: Any, name: str) -> str:
    if not isinstance(record, dict):
        raise SourceFormatError(
            path,
            f"record {index + 1} of data is not an object",
            line=starts[index],
            value=str(record)[:80],
            expected="an object of Comtrade fields",
        )
    if name not in record and name not in _OPTIONAL:
        raise SourceFormatError(
            path,
            f"record {index + 1} of data has no {name}",
            line=starts[index],
            field=name,
            expected="the Comtrade Plus fields (typeCode ... isAggregate)",
        )
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _record_lines(text: str) -> list[int]:
    """Return the line on which each record of the top-level `data` list starts."""
    decoder = json.JSONDecoder()
    position = _skip(text, text.index("{") + 1)
    while position < len(text) and text[position] != "}":
        key, position = decoder.raw_decode(text, position)
        position = _skip(text, _skip(text, position) + 1)  # past ':'
        if key != "data":
            _, position = decoder.raw_decode(text, position)
            position = _skip(text, position)
            position = _skip(text, position + 1) if text[position] == "," else position
            continue
        starts: list[int] = []
        line, counted = 1, 0
        position = _skip(text, position + 1)  # past '['
        while text[position] != "]":
            line, counted = line + text.count("\n", counted, position), position
            starts.append(line)
            _, position = decoder.raw_decode(text, position)
            position = _skip(text, position)
            position = _skip(text, position + 1) if text[position] == "," else position
        return starts
    return []


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position
