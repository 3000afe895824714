"""UN Comtrade Plus data API: one reporter, one partner, some years, in slices under the limit.

With a subscription key the data API (`data/v1/get/C/{A|M}/HS`) returns up to `DATA_LIMIT`
records a call; without one the public preview (`public/v1/preview/...`) returns at most
`PREVIEW_LIMIT`. The API has no offset, so a query is cut into slices, one per year, and a
slice whose answer reaches the limit is cut again (by flow, then by month) and asked anew;
each slice is fetched once (cache). A slice that cannot be cut further and reaches the limit
is flagged as probably cut off.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Literal

from bilateral.errors import InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher

Frequency = Literal["A", "M"]
KEY_HEADER: Final = "Ocp-Apim-Subscription-Key"
DATA_LIMIT: Final = 100_000
PREVIEW_LIMIT: Final = 500
FLOWS: Final = ("M", "X")
_EXPECTED: Final = 'a JSON object {"count": n, "data": [records], "error": ""}'
_AGGREGATES: Final = frozenset({"TOTAL", "AG2", "AG4", "AG6", "ALL"})

CodeFor = Callable[[int], str]  # year -> Comtrade Plus numeric code valid that year


@dataclass(frozen=True)
class ComtradeQuery:
    """What to ask: territories as code functions of the year, years, frequency, products."""

    reporter: str
    partner: str
    reporter_code: CodeFor
    partner_code: CodeFor
    years: tuple[int, ...]
    frequency: Frequency = "A"
    products: str = "TOTAL"
    keyed: bool = False

    @property
    def limit(self) -> int:
        """Return the most records one answer may hold."""
        return DATA_LIMIT if self.keyed else PREVIEW_LIMIT


@dataclass(frozen=True)
class Slice:
    """One request's share of a query: a year, its flows and (monthly) its months."""

    year: int
    flows: tuple[str, ...] = FLOWS
    months: tuple[int, ...] = tuple(range(1, 13))

    def periods(self, frequency: Frequency) -> str:
        """Return the `period` parameter: `2021`, or `202101,202102,...`."""
        if frequency == "A":
            return str(self.year)
        return ",".join(f"{self.year}{month:02d}" for month in self.months)

    def split(self, frequency: Frequency) -> list[Slice]:
        """Return smaller slices covering this one (by flow, then months), or none."""
        if len(self.flows) > 1:
            return [replace(self, flows=(flow,)) for flow in self.flows]
        if frequency == "M" and len(self.months) > 1:
            half = len(self.months) // 2
            return [
                replace(self, months=self.months[:half]),
                replace(self, months=self.months[half:]),
            ]
        return []

    def describe(self, frequency: Frequency) -> str:
        """Return the slice as text for names and notes: `2021 M+X`, `2021-01..06 X`."""
        when = str(self.year)
        if frequency == "M" and len(self.months) < 12:
            when += f"-{self.months[0]:02d}..{self.months[-1]:02d}"
        return f"{when} {'+'.join(self.flows)}"


@dataclass(frozen=True)
class SliceAnswer:
    """One slice's cached answer and how many records it holds."""

    slice: Slice
    fetched: Fetched
    records: int
    cut_off: bool  # reached the limit and could not be split further


def check_products(products: str) -> str:
    """Return `products` as the `cmdCode` parameter, or raise naming what is valid.

    >>> check_products("total"), check_products("30, 2204")
    ('TOTAL', '30,2204')
    """
    codes = [code.strip().upper() for code in products.split(",") if code.strip()]
    for code in codes:
        if code not in _AGGREGATES and not (code.isdigit() and len(code) in (2, 4, 6)):
            raise InvalidArgumentError(
                "products", products, "TOTAL, AG2, AG4, AG6 or HS codes of 2, 4 or 6 digits"
            )
    if not codes:
        raise InvalidArgumentError("products", products, "TOTAL or a comma list of HS codes")
    return ",".join(codes)


def slice_request(base: str, query: ComtradeQuery, piece: Slice) -> Request:
    """Return the request for one slice (the data API with a key, else the preview)."""
    service = "data/v1/get" if query.keyed else "public/v1/preview"
    params = (
        ("reporterCode", query.reporter_code(piece.year)),
        ("partnerCode", query.partner_code(piece.year)),
        ("period", piece.periods(query.frequency)),
        ("flowCode", ",".join(piece.flows)),
        ("cmdCode", query.products),
        ("motCode", "0"),
        ("partner2Code", "0"),
        ("customsCode", "C00"),
        ("includeDesc", "true"),
        ("maxRecords", str(query.limit)),
    )
    return Request(f"{base}/{service}/C/{query.frequency}/HS", params, accept="application/json")


def fetch_slices(fetcher: Fetcher, base: str, query: ComtradeQuery) -> list[SliceAnswer]:
    """Fetch the query slice by slice, cutting a slice that reaches the limit; return leaves."""
    answers: list[SliceAnswer] = []
    pending = [Slice(year) for year in query.years]
    while pending:
        piece = pending.pop(0)
        request = slice_request(base, query, piece)
        what = piece.describe(query.frequency)
        name = f"comtrade_{query.reporter}_{query.partner}_{query.frequency}_{what}.json"
        fetched = fetcher.get(request, name=name, check=response_check(request.full_url()))
        records = len(read_response(fetched.path.read_bytes(), request.full_url())["data"])
        smaller = piece.split(query.frequency) if records >= query.limit else []
        if smaller:
            pending[:0] = smaller
            continue
        answers.append(SliceAnswer(piece, fetched, records, records >= query.limit))
    return answers


def response_check(url: str) -> Check:
    """Return the check that a body is a Comtrade Plus answer, run before it is cached."""

    def check(path: Path) -> None:
        read_response(path.read_bytes(), url)

    return check


def read_response(body: bytes, url: str) -> dict[str, Any]:
    """Return the parsed answer, or raise `UpstreamFormatError` saying what came instead."""
    text = body.decode("utf-8", errors="replace").lstrip()
    if text.startswith("<"):
        raise UpstreamFormatError(url, "an HTML or XML page", _EXPECTED)
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as error:
        raise UpstreamFormatError(url, f"text that is not JSON ({error.msg})", _EXPECTED) from None
    if not isinstance(answer, dict):
        raise UpstreamFormatError(url, f"a JSON {type(answer).__name__}", _EXPECTED)
    if answer.get("error"):
        raise UpstreamFormatError(url, f"the API's error {answer['error']!r}", _EXPECTED)
    if not isinstance(answer.get("data"), list):
        keys = ", ".join(sorted(answer)) or "none"
        raise UpstreamFormatError(
            url, f"a JSON object without a data list (keys: {keys})", _EXPECTED
        )
    return answer
