"""Comext SDMX dissemination API, dataset DS-045409: requests under the cell limit, checked answers.

A request is `<base>/data/DS-045409/{freq}.{reporter}.{partner}.{product}.{flow}.{indicators}`
with `startPeriod`, `endPeriod` and `format=SDMX-CSV`. The API refuses more than 5,000,000 cells
(periods x reporters x partners x products x flows x indicators), so `plan` splits a question by
years, months, flows, indicators, reporters, partners and product chapters, every cell in exactly
one request. An empty product position (every product) counts as `CN8_PER_YEAR` codes.
Territories become Comext codes: alpha-2 (`GR` for Greece), the parts Comext splits a territory
into (`GB+XI+XU`), the API's groups (`EU27_2020` reporter, `EU27_2020_INTRA`, `WORLD` partner).

The answer's `LAST UPDATE` (`dd/mm/yy hh:mm:ss`) is the release, used as vintage. An answer that
is not SDMX-CSV of DS-045409 (an HTML page, an SDMX error, other columns) raises
`UpstreamFormatError`; "No results found", HTTP 404 or a CSV without rows is a slice without data.

sdmx1 gives the default base URL (its `ESTAT_COMEXT` source) and nothing else here: its client
uses `requests` outside our `Fetcher` (cache keyed by request, `--offline`, resume, retries on
5xx/429 only, timeouts, progress), and its CSV reader reads SDMX-CSV 2.x bound to a DSD fetched
first, whereas Comext answers SDMX-CSV 1.0 with an extra `LAST UPDATE` column, which the
project's `comext_sdmx` reader already checks row by row into the canonical table. DS-045409's
dimension order is fixed (that of its CSV columns), so no DSD is asked; the header is checked.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal, cast

from bilateral.errors import FetchError, InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher
from bilateral.fetch.sdmx_answers import check_markup, no_results, read_head, sdmx_source_url
from bilateral.reference import Territory
from bilateral.sources.comext_sdmx import HEADER

DATASET: Final = "DS-045409"
CELL_LIMIT: Final = 5_000_000
CN8_PER_YEAR: Final = 10_000  # estimate of the CN8 codes of one year, for a wildcard product
MAX_KEY_LENGTH: Final = 1_500  # characters of the series key in the URL path
FLOWS: Final = ("1", "2")  # 1 import, 2 export
INDICATORS: Final = ("VALUE_IN_EUROS", "QUANTITY_IN_100KG")
API_VARIABLE: Final = "BILATERAL_COMEXT_API_URL"
Frequency = Literal["M", "A"]
Role = Literal["reporter", "partner"]

# Comext API group codes by role; reporters are countries or EU aggregates only.
_GROUPS: Final[dict[Role, dict[str, str]]] = {
    "reporter": {"EU27_2020": "EU27_2020", "EU28": "EU28"},
    "partner": {
        "WORLD": "WORLD",
        "EU27_2020": "EU27_2020_INTRA",
        "EXT_EU27_2020": "EU27_2020_EXTRA",
        "EU28": "EU28_INTRA",
        "EXT_EU28": "EU28_EXTRA",
    },
}
_SPLIT_ORDER: Final = ("periods", "flows", "indicators", "reporters", "partners", "products")
_GROUPING: Final = {"periods": 4, "products": 2}  # keep a year's months, a chapter together
_LAST_UPDATE = re.compile(r"^([0-3]\d)/([01]\d)/(\d\d) ([0-2]\d):([0-5]\d):([0-5]\d)$")


def api_url(given: str | None = None) -> str:
    """Return the API base: `given`, `$BILATERAL_COMEXT_API_URL`, or sdmx1's ESTAT_COMEXT URL."""
    return (given or os.environ.get(API_VARIABLE) or sdmx_source_url("ESTAT_COMEXT")).rstrip("/")


@dataclass(frozen=True)
class Slice:
    """One request's share of a question: a cartesian product of codes and a period range.

    `products` None is the wildcard (every product); `periods` are consecutive (`2020-01`...
    for monthly, `2020`... for annual data).
    """

    frequency: Frequency
    reporters: tuple[str, ...]
    partners: tuple[str, ...]
    products: tuple[str, ...] | None
    flows: tuple[str, ...]
    indicators: tuple[str, ...]
    periods: tuple[str, ...]

    def product_count(self) -> int:
        """Return the number of products asked, `CN8_PER_YEAR` for the wildcard."""
        return CN8_PER_YEAR if self.products is None else len(self.products)

    def cells(self) -> int:
        """Return the cells the API counts for this slice."""
        lists = (self.periods, self.reporters, self.partners, self.flows, self.indicators)
        return self.product_count() * math.prod(len(codes) for codes in lists)

    def key(self) -> str:
        """Return the SDMX series key, dimensions in DS-045409's order (no products: all)."""
        lists = (self.reporters, self.partners, self.products or (), self.flows, self.indicators)
        return ".".join([self.frequency, *("+".join(codes) for codes in lists)])

    def request(self, base: str) -> Request:
        """Return the HTTP request for this slice under API base `base`."""
        params = (
            ("startPeriod", self.periods[0]),
            ("endPeriod", self.periods[-1]),
            ("format", "SDMX-CSV"),
        )
        return Request(f"{base}/data/{DATASET}/{self.key()}", params)

    def label(self) -> str:
        """Return a short description for progress and reports."""
        products = "all products" if self.products is None else f"{len(self.products)} products"
        period = "..".join(dict.fromkeys((self.periods[0], self.periods[-1])))
        route = f"{'+'.join(self.reporters)} -> {'+'.join(self.partners)}"
        return f"{route} {period} flow {'+'.join(self.flows)}, {products}"

    def file_name(self) -> str:
        """Return the cache file name of this slice's answer."""
        digest = hashlib.sha256(self.key().encode()).hexdigest()[:10]
        return f"{DATASET}_{self.periods[0]}_{self.periods[-1]}_{digest}.csv"


def periods_of(years: Sequence[int], frequency: Frequency) -> tuple[str, ...]:
    """Return the SDMX periods of `years` (consecutive): `YYYY-MM` for M, `YYYY` for A.

    >>> periods_of([2020], "M")[::11], periods_of([2020, 2021], "A")
    (('2020-01', '2020-12'), ('2020', '2021'))
    """
    ordered = sorted(set(years))
    if not ordered or ordered != list(range(ordered[0], ordered[-1] + 1)):
        raise InvalidArgumentError("years", list(years), "consecutive years such as 2020-2021")
    if frequency == "A":
        return tuple(str(year) for year in ordered)
    return tuple(f"{year}-{month:02d}" for year in ordered for month in range(1, 13))


def plan(question: Slice, *, limit: int = CELL_LIMIT) -> list[Slice]:
    """Split `question` into slices of at most `limit` cells and `MAX_KEY_LENGTH` key characters.

    Every cell of the question is in exactly one slice; slices keep the question's order.

    >>> whole = Slice("M", ("IT",), ("BE",), None, FLOWS, INDICATORS, periods_of([2020], "M"))
    >>> [piece.cells() for piece in plan(whole)], [len(p.periods) for p in plan(whole, limit=10**5)]
    ([480000], [2, 2, 2, 2, 2, 2])
    """
    if question.cells() <= limit and len(question.key()) <= MAX_KEY_LENGTH:
        return [question]
    dimension, size = _split_by(question, limit)
    codes = _codes(question, dimension)
    pieces = [
        replace(question, **cast(dict[str, Any], {dimension: chunk}))
        for chunk in _chunks(codes, size, _GROUPING.get(dimension))
    ]
    return [piece for part in pieces for piece in plan(part, limit=limit)]


def _split_by(question: Slice, limit: int) -> tuple[str, int]:
    """Return the dimension to split `question` along and the most codes a piece may keep."""
    if question.cells() <= limit:  # only the key is too long: split the longest code list
        lists = ("reporters", "partners", "products")
        dimension = max(lists, key=lambda name: len("+".join(_codes(question, name))))
        codes = _codes(question, dimension)
        budget = MAX_KEY_LENGTH - (len(question.key()) - len("+".join(codes)))
        if len(codes) > 1:
            return dimension, max(1, budget // (max(len(code) for code in codes) + 1))
    splittable = [name for name in _SPLIT_ORDER if len(_codes(question, name)) > 1]
    if not splittable or question.cells() <= limit:
        raise InvalidArgumentError(
            "query",
            question.key(),
            f"a query of at most {limit:,} cells per code and a shorter key",
        )
    dimension = splittable[0]
    per_code = question.cells() // len(_codes(question, dimension))
    return dimension, max(1, limit // per_code)


def _codes(question: Slice, dimension: str) -> tuple[str, ...]:
    value = getattr(question, dimension)
    return () if value is None else tuple(value)


def _chunks(codes: tuple[str, ...], size: int, prefix: int | None) -> list[tuple[str, ...]]:
    """Cut `codes` into consecutive chunks of at most `size`, keeping runs of a prefix together.

    Runs (a year's months, a chapter's products) are packed whole while they fit; a run longer
    than `size` is cut into near-equal chunks.

    >>> _chunks(("2020-01", "2020-02", "2021-01", "2021-02", "2021-03"), 3, 4)
    [('2020-01', '2020-02'), ('2021-01', '2021-02', '2021-03')]
    >>> _chunks(tuple("abcde"), 2, None)
    [('a', 'b'), ('c', 'd'), ('e',)]
    """
    runs: list[list[str]] = []
    for code in codes:
        if (prefix is not None and runs and runs[-1][-1][:prefix] == code[:prefix]) or (
            prefix is None and runs
        ):
            runs[-1].append(code)
        else:
            runs.append([code])
    chunks: list[tuple[str, ...]] = []
    current: list[str] = []
    for run in runs:
        if len(current) + len(run) <= size:
            current.extend(run)
            continue
        if current:
            chunks.append(tuple(current))
        current = []
        if len(run) <= size:
            current = list(run)
            continue
        count = -(-len(run) // size)
        step = -(-len(run) // count)
        chunks.extend(tuple(run[i : i + step]) for i in range(0, len(run), step))
    if current:
        chunks.append(tuple(current))
    return chunks


def by_chapter(products: Iterable[str]) -> tuple[str, ...]:
    """Return product codes without repeats, grouped by their first two digits (CN chapter).

    >>> by_chapter(["85423100", "3506", "85", "3506"])
    ('3506', '85423100', '85')
    """
    unique = dict.fromkeys(code.strip() for code in products if code.strip())
    return tuple(sorted(unique, key=lambda code: code[:2]))


def comext_codes(territory: Territory, role: Role) -> tuple[str, ...]:
    """Return the Comext API codes of a territory as reporter or partner.

    >>> from bilateral.reference import resolve
    >>> [comext_codes(resolve(t), "partner") for t in ("Greece", "United Kingdom", "EU27_2020")]
    [('GR',), ('GB', 'XI', 'XU'), ('EU27_2020_INTRA',)]
    """
    groups = _GROUPS[role]
    if territory.code in groups:
        return (groups[territory.code],)
    if territory.kind == "country" and territory.iso2:
        if role == "reporter":
            return (territory.iso2,)
        return tuple(
            territory.iso2 if part == territory.code else part
            for part in territory.parts
            if part == territory.code or len(part) == 2
        )
    valid = "a country" + (" or " if groups else "") + ", ".join(sorted(groups))
    raise InvalidArgumentError(
        role,
        f"{territory.name} ({territory.code})",
        f"{valid}: the Comext API has no {territory.kind} data (regions are in ISTAT's "
        "and other national statistics)",
    )


def release_of(field: str) -> str:
    """Return a `LAST UPDATE` value (`dd/mm/yy hh:mm:ss`) as an ISO date-time.

    >>> release_of("13/02/26 11:00:00")
    '2026-02-13T11:00:00'
    """
    match = _LAST_UPDATE.match(field.strip())
    if match is None:
        raise ValueError(field)
    day, month, year, hour, minute, second = (int(group) for group in match.groups())
    return datetime(2000 + year, month, day, hour, minute, second).isoformat()


def check_answer(path: Path, url: str) -> str | None:
    """Check that `path` is DS-045409 SDMX-CSV; return its release, or None if it has no rows.

    Raises `UpstreamFormatError` naming what was seen and what was expected.
    """
    text = read_head(path)
    if not text:
        return None
    expected = f"SDMX-CSV of {DATASET} with the header {HEADER}"
    if text.startswith("<"):
        check_markup(text, url, expected)
        return None
    lines = text.splitlines()
    if lines[0].strip() != HEADER:
        raise UpstreamFormatError(url, f"a file with the header {lines[0][:200]!r}", expected)
    if len(lines) < 2 or not lines[1].strip():
        return None
    fields = lines[1].split(",")
    if not fields[0].startswith(f"ESTAT:{DATASET}"):
        raise UpstreamFormatError(url, f"rows of dataflow {fields[0]!r}", expected)
    try:
        return release_of(fields[1])
    except ValueError:
        raise UpstreamFormatError(
            url, f"LAST UPDATE {fields[1]!r}", "LAST UPDATE as dd/mm/yy hh:mm:ss"
        ) from None


@dataclass(frozen=True)
class SliceAnswer:
    """One slice's answer: the cached body and its release, or no data (`release` None)."""

    slice: Slice
    request: Request
    fetched: Fetched | None  # None when the API answered HTTP 404 (no results)
    release: str | None


def fetch_slices(fetcher: Fetcher, base: str, slices: Sequence[Slice]) -> list[SliceAnswer]:
    """Fetch every slice (from the cache when there), checking each answer before caching it."""
    answers: list[SliceAnswer] = []
    for piece in slices:
        request = piece.request(base)
        url = request.full_url()
        try:
            fetched = fetcher.get(request, name=piece.file_name(), check=answer_check(url))
        except FetchError as error:
            if not no_results(error):
                raise
            answers.append(SliceAnswer(piece, request, None, None))
            continue
        answers.append(SliceAnswer(piece, request, fetched, check_answer(fetched.path, url)))
    return answers


def answer_check(url: str) -> Check:
    """Return the check run on a downloaded body before it enters the cache."""

    def check(path: Path) -> None:
        check_answer(path, url)

    return check


def make_plan(
    reporter: Territory,
    partner: Territory,
    years: Sequence[int],
    frequency: str,
    products: str | Sequence[str] | None,
) -> list[Slice]:
    """Return the requests of a question: both flows and indicators, each run of years planned.

    >>> from bilateral.reference import resolve
    >>> pieces = make_plan(resolve("IT"), resolve("BE"), [2019, 2021], "A", "85")
    >>> [(p.key(), p.periods) for p in pieces]  # doctest: +NORMALIZE_WHITESPACE
    [('A.IT.BE.85.1+2.VALUE_IN_EUROS+QUANTITY_IN_100KG', ('2019',)),
     ('A.IT.BE.85.1+2.VALUE_IN_EUROS+QUANTITY_IN_100KG', ('2021',))]
    """
    if frequency not in ("M", "A"):
        raise InvalidArgumentError("frequency", frequency, "M (monthly) or A (annual)")
    chosen: Frequency = "M" if frequency == "M" else "A"
    reporters, partners = comext_codes(reporter, "reporter"), comext_codes(partner, "partner")
    codes = check_products(products)
    return [
        piece
        for run in year_runs(years)
        for piece in plan(
            Slice(chosen, reporters, partners, codes, FLOWS, INDICATORS, periods_of(run, chosen))
        )
    ]


def year_runs(years: Iterable[int]) -> list[list[int]]:
    """Return the years as runs of consecutive years.

    >>> year_runs([2021, 2017, 2019, 2020])
    [[2017], [2019, 2020, 2021]]
    """
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def check_products(products: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """Return CN codes (2, 4, 6 or 8 digits, or TOTAL) grouped by chapter; None for all.

    >>> check_products("85, 3506"), check_products(None)
    (('3506', '85'), None)
    """
    if products is None:
        return None
    codes = products.split(",") if isinstance(products, str) else list(products)
    cleaned = by_chapter(code.strip().upper() for code in codes)
    for code in cleaned:
        if code != "TOTAL" and not (code.isdigit() and len(code) in (2, 4, 6, 8)):
            raise InvalidArgumentError(
                "products", products, "CN codes of 2, 4, 6 or 8 digits, or TOTAL (comma list)"
            )
    if not cleaned:
        raise InvalidArgumentError("products", products, "one CN code or more, or none for all")
    return cleaned


def answer_notes(answers: Sequence[SliceAnswer]) -> list[str]:
    """Return the report's notes: how the question was split, slices without data, vintages."""
    cells = sum(answer.slice.cells() for answer in answers)
    notes = [
        f"{len(answers)} request{'s' if len(answers) != 1 else ''} to {DATASET} "
        f"(~{cells:,} cells, at most {CELL_LIMIT:,} a request)"
    ]
    for answer in answers:
        if answer.release is None:
            notes.append(
                f"no data for that slice: {answer.slice.label()} (Comext reporters are the EU "
                "member states and EU aggregates; a code without trade has no rows)"
            )
    releases = sorted({answer.release for answer in answers if answer.release is not None})
    if releases:
        notes.append(f"vintage: the answers' LAST UPDATE ({', '.join(releases)})")
    return notes
