"""`bilateral fetch comext-api`: requests under the cell limit, answers checked, rows stored.

The end-to-end tests replay the real DS-045409 extract of ../shared/data (reporters IT and BE,
partner WORLD, 41 CN8 codes, 2023-2025) from a local server, one reporter's rows per request,
and compare the store with the same file summed by the csv module.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import (
    FetchError,
    InvalidArgumentError,
    OfflineCacheMissError,
    UpstreamFormatError,
)
from bilateral.fetch.comext_api import (
    CELL_LIMIT,
    CN8_PER_YEAR,
    FLOWS,
    INDICATORS,
    MAX_KEY_LENGTH,
    Slice,
    by_chapter,
    check_answer,
    comext_codes,
    periods_of,
    plan,
)
from bilateral.reference import resolve
from bilateral.results.fetch import FetchReport
from replay_server import Replay, Route, replay_server

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eurostat_comext"
EXTRACT = SHARED / "DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv"
HEADER = "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"


def question(**changes: Any) -> Slice:
    """Return IT -> BE, monthly 2020-2021, every product, with `changes`."""
    whole = Slice("M", ("IT",), ("BE",), None, FLOWS, INDICATORS, periods_of([2020, 2021], "M"))
    return dataclasses.replace(whole, **changes)


# --- planning -------------------------------------------------------------------------------


def test_one_pair_of_two_years_is_one_request_with_the_exact_url() -> None:
    pieces = plan(question())
    assert len(pieces) == 1
    assert pieces[0].cells() == 24 * CN8_PER_YEAR * 2 * 2
    request = pieces[0].request("http://127.0.0.1:9/sdmx/2.1")
    assert request.full_url() == (
        "http://127.0.0.1:9/sdmx/2.1/data/DS-045409/M.IT.BE..1+2.VALUE_IN_EUROS+QUANTITY_IN_100KG"
        "?startPeriod=2020-01&endPeriod=2021-12&format=SDMX-CSV"
    )
    assert request.accept is None


def test_many_partners_are_split_by_year_then_month_under_the_limit() -> None:
    partners = tuple(f"P{i:02d}" for i in range(40))
    pieces = plan(question(partners=partners, periods=periods_of(range(2015, 2022), "M")))
    assert all(piece.cells() <= CELL_LIMIT for piece in pieces)
    assert sum(piece.cells() for piece in pieces) == 84 * 40 * CN8_PER_YEAR * 4
    assert {piece.partners for piece in pieces} == {partners}
    spans = [(piece.periods[0], piece.periods[-1]) for piece in pieces]
    assert spans[0] == ("2015-01", "2015-03")  # 40 partners x 10,000 products x 4: 3 months fit
    assert len(pieces) == math.ceil(84 / 3)


def test_annual_wildcard_of_all_eu_pairs_splits_by_reporter_after_flows() -> None:
    reporters = tuple(f"R{i:02d}" for i in range(27))
    pieces = plan(
        question(reporters=reporters, partners=("WORLD",), periods=("2021",), frequency="A")
    )
    assert all(piece.cells() <= CELL_LIMIT for piece in pieces)
    assert len(pieces) == 1  # 27 x 10,000 x 4 = 1.08M cells


def test_explicit_products_are_split_by_chapter_and_by_key_length() -> None:
    products = by_chapter([f"{chapter:02d}{n:06d}" for chapter in (85, 39, 35) for n in range(300)])
    pieces = plan(question(products=products))
    assert all(len(piece.key()) <= MAX_KEY_LENGTH for piece in pieces)
    assert [code for piece in pieces for code in piece.products or ()] == list(products)
    assert all(len({code[:2] for code in piece.products or ()}) == 1 for piece in pieces)


@settings(max_examples=60, deadline=None)
@given(
    reporters=st.integers(1, 4),
    partners=st.integers(1, 5),
    products=st.one_of(
        st.none(),
        st.lists(
            st.sampled_from(["3506", "85", "39201024", "4821"]), min_size=1, max_size=4, unique=True
        ),
    ),
    flows=st.integers(1, 2),
    years=st.integers(1, 3),
    frequency=st.sampled_from(["M", "A"]),
    limit=st.integers(1, 200),
)
def test_every_cell_is_asked_exactly_once_and_no_request_exceeds_the_limit(
    reporters: int,
    partners: int,
    products: list[str] | None,
    flows: int,
    years: int,
    frequency: str,
    limit: int,
) -> None:
    whole = Slice(
        frequency,  # type: ignore[arg-type]
        tuple(f"R{i}" for i in range(reporters)),
        tuple(f"P{i}" for i in range(partners)),
        None if products is None else by_chapter(products),
        FLOWS[:flows],
        INDICATORS,
        periods_of(range(2020, 2020 + years), frequency),  # type: ignore[arg-type]
    )
    scale = CN8_PER_YEAR if products is None else 1
    pieces = plan(whole, limit=limit * scale)
    assert all(piece.cells() <= limit * scale for piece in pieces)
    assert all(
        list(piece.periods)
        == list(whole.periods[whole.periods.index(piece.periods[0]) :][: len(piece.periods)])
        for piece in pieces
    )  # each piece's periods are consecutive, so startPeriod..endPeriod asks exactly them
    keys = [piece.request("http://127.0.0.1:9").key() for piece in pieces]
    assert len(set(keys)) == len(keys)  # no two requests share a cache entry
    asked = Counter(itertools.chain.from_iterable(cells(piece) for piece in pieces))
    assert asked == Counter(cells(whole))


def cells(piece: Slice) -> Iterator[tuple[str, ...]]:
    return itertools.product(
        piece.periods,
        piece.reporters,
        piece.partners,
        piece.products or ("*",),
        piece.flows,
        piece.indicators,
    )


def test_years_must_be_consecutive() -> None:
    with pytest.raises(InvalidArgumentError, match="consecutive years"):
        periods_of([2019, 2021], "M")


# --- territories ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "codes"),
    [
        ("Italy", "reporter", ("IT",)),
        ("Greece", "reporter", ("GR",)),
        ("EU27_2020", "reporter", ("EU27_2020",)),
        ("WORLD", "partner", ("WORLD",)),
        ("extra-EU27", "partner", ("EU27_2020_EXTRA",)),
        ("United Kingdom", "partner", ("GB", "XI", "XU")),
        ("Namibia", "partner", ("NA",)),
    ],
)
def test_territories_become_comext_codes(text: str, role: str, codes: tuple[str, ...]) -> None:
    assert comext_codes(resolve(text), role) == codes  # type: ignore[arg-type]


def test_a_region_is_refused_with_what_is_valid() -> None:
    with pytest.raises(InvalidArgumentError, match="no region data"):
        comext_codes(resolve("ITH5"), "reporter")


# --- answers --------------------------------------------------------------------------------


def test_the_real_answer_passes_and_gives_its_last_update(tmp_path: Path) -> None:
    assert check_answer(EXTRACT, "u") == "2026-02-13T11:00:00"


@pytest.mark.parametrize(
    ("body", "seen"),
    [
        (b"<!DOCTYPE html><html><head><title>Maintenance</title></head></html>", "HTML page"),
        (
            b'<?xml version="1.0"?><message:Error><common:ErrorMessage code="500">'
            b"<common:Text>Internal error</common:Text></common:ErrorMessage></message:Error>",
            "SDMX error message",
        ),
        (b"DATAFLOW,freq,geo,TIME_PERIOD,OBS_VALUE\nESTAT:X,A,IT,2020,1\n", "header"),
        (HEADER.encode() + b"\nESTAT:DS-059341(1.0),13/02/26 11:00:00,M\n", "dataflow"),
        (HEADER.encode() + b"\nESTAT:DS-045409(1.0),2026-02-13,M\n", "LAST UPDATE"),
    ],
)
def test_other_answers_are_a_changed_format(tmp_path: Path, body: bytes, seen: str) -> None:
    path = tmp_path / "answer.csv"
    path.write_bytes(body)
    with pytest.raises(UpstreamFormatError, match=seen) as raised:
        check_answer(path, "http://127.0.0.1/x")
    assert "DS-045409" in str(raised.value) or "dd/mm/yy" in str(raised.value)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        HEADER.encode() + b"\n",
        b'<?xml version="1.0"?><message:Error><common:ErrorMessage code="100">'
        b"<common:Text>No results found.</common:Text></common:ErrorMessage></message:Error>",
    ],
)
def test_empty_answers_are_no_data(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "answer.csv"
    path.write_bytes(body)
    assert check_answer(path, "u") is None


# --- against a local replay of the API ------------------------------------------------------


def extract_rows() -> list[dict[str, str]]:
    if not EXTRACT.is_file():
        pytest.fail(f"missing shared data file {EXTRACT} (see ../shared/data/SOURCES.md)")
    with EXTRACT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def answer_for(reporter: str) -> bytes:
    """Return the real extract's lines of one reporter, as the API answers for it alone."""
    lines = EXTRACT.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join([lines[0], *(line for line in lines[1:] if f",M,{reporter}," in line)]).encode()


def base(replay: Replay) -> str:
    """Return the API base of the replay, laid out like Eurostat's."""
    return f"{replay.base_url}/rest"


def asked(replay: Replay) -> list[tuple[str, str, str | None]]:
    """Return each request's path, query string and Accept header."""
    return [(r.path, r.query, r.headers.get("Accept")) for r in replay.log]


def extract_products() -> tuple[str, ...]:
    return by_chapter(sorted({row["product"] for row in extract_rows()}))


def data_path(reporter: str) -> str:
    key = f"M.{reporter}.WORLD.{'+'.join(extract_products())}.1+2.VALUE_IN_EUROS+QUANTITY_IN_100KG"
    return f"/rest/data/DS-045409/{key}"


@pytest.fixture
def comext_service() -> Iterator[Replay]:
    with replay_server() as replay:
        for reporter in ("IT", "BE"):
            replay.routes[data_path(reporter)] = Route(answer_for(reporter))
        yield replay


def fetch(
    store: bilateral.Store, replay: Replay, tmp_path: Path, *, offline: bool = False
) -> FetchReport:
    """Fetch Italy's rows of the extract from the replay, caching under `tmp_path`."""
    return store.fetch_comext_api(
        "IT",
        "WORLD",
        "2023-2025",
        products=extract_products(),
        offline=offline,
        base_url=base(replay),
        cache_dir=tmp_path / "cache",
    )


def test_the_answer_ends_in_the_store_with_its_last_update(
    comext_service: Replay, tmp_path: Path
) -> None:
    store = bilateral.open(tmp_path / "store")
    report = store.fetch_comext_api(
        "Italy",
        "WORLD",
        "2023-2025",
        products=",".join(extract_products()),
        base_url=base(comext_service),
        cache_dir=tmp_path / "cache",
    )
    assert asked(comext_service) == [
        (data_path("IT"), "startPeriod=2023-01&endPeriod=2025-12&format=SDMX-CSV", "*/*")
    ]
    values: dict[tuple[str, str, str], float] = {}
    quantities: dict[tuple[str, str, str], float] = {}
    for row in extract_rows():
        if row["reporter"] == "IT" and row["OBS_VALUE"]:
            cell = (row["product"], row["flow"], row["TIME_PERIOD"])
            wanted = values if row["indicators"] == "VALUE_IN_EUROS" else quantities
            wanted[cell] = float(row["OBS_VALUE"])
    value_rows = len(values)
    assert [f.status for f in report.files] == ["added"]
    assert report.rows_stored == value_rows
    assert report.files[0].vintage == "2026-02-13T11:00:00"
    stored = stored_flows(tmp_path / "store")
    assert {row["vintage"] for row in stored} == {"2026-02-13T11:00:00"}
    assert {(row["source"], row["reporter"], row["partner"]) for row in stored} == {
        ("comext_sdmx", "ITA", "WORLD")
    }
    for flow, name in (("1", "import"), ("2", "export")):
        total = sum(row["value"] for row in stored if row["flow"] == name)
        assert total == pytest.approx(sum(v for k, v in values.items() if k[1] == flow))
        kilograms = sum(row["quantity_kg"] or 0.0 for row in stored if row["flow"] == name)
        in_100kg = sum(q for k, q in quantities.items() if k[1] == flow and k in values)
        assert kilograms == pytest.approx(in_100kg * 100)


def stored_flows(root: Path) -> list[dict[str, Any]]:
    """Return every row of the store's flows table."""
    from deltalake import DeltaTable

    rows: list[dict[str, Any]] = DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()
    return rows


def test_offline_with_a_warm_cache_asks_nothing(comext_service: Replay, tmp_path: Path) -> None:
    fetch(bilateral.open(tmp_path / "first"), comext_service, tmp_path)
    before = len(comext_service.log)
    report = fetch(bilateral.open(tmp_path / "second"), comext_service, tmp_path, offline=True)
    assert len(comext_service.log) == before
    assert [f.from_cache for f in report.files] == [True]
    assert report.rows_stored > 0


def test_offline_with_a_cold_cache_says_so(comext_service: Replay, tmp_path: Path) -> None:
    with pytest.raises(OfflineCacheMissError, match="--offline"):
        fetch(bilateral.open(tmp_path / "store"), comext_service, tmp_path, offline=True)
    assert asked(comext_service) == []


def test_two_slices_never_share_a_cache_entry(comext_service: Replay, tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    for reporter in ("IT", "BE"):
        store.fetch_comext_api(
            reporter,
            "WORLD",
            "2023-2025",
            products=extract_products(),
            base_url=base(comext_service),
            cache_dir=tmp_path / "cache",
        )
    entries = [path for path in (tmp_path / "cache").iterdir() if path.is_dir()]
    assert len(entries) == 2
    assert len(asked(comext_service)) == 2
    stored = stored_flows(tmp_path / "store")
    assert {row["reporter"] for row in stored} == {"ITA", "BEL"}


def test_an_html_page_is_a_changed_format_and_is_not_cached(
    comext_service: Replay, tmp_path: Path
) -> None:
    comext_service.routes[data_path("IT")] = Route(
        b"<!DOCTYPE html><html><title>Eurostat</title></html>"
    )
    with pytest.raises(UpstreamFormatError, match=r"HTML page.*DS-045409"):
        fetch(bilateral.open(tmp_path / "store"), comext_service, tmp_path)
    assert not list((tmp_path / "cache").rglob("fetched.json"))


EMPTY_SLICE = "/rest/data/DS-045409/M.IT.BE..1+2.VALUE_IN_EUROS+QUANTITY_IN_100KG"
NO_RESULTS = (
    b'<?xml version="1.0" encoding="UTF-8"?><message:Error><message:ErrorMessage code="100">'
    b"<common:Text>No Results Found</common:Text></message:ErrorMessage></message:Error>"
)


def test_an_http_404_saying_no_results_is_no_data_for_that_slice(
    comext_service: Replay, tmp_path: Path
) -> None:
    comext_service.routes[EMPTY_SLICE] = Route(NO_RESULTS, status=404)
    store = bilateral.open(tmp_path / "store")
    report = store.fetch_comext_api(
        "IT", "BE", 2020, base_url=base(comext_service), cache_dir=tmp_path / "cache"
    )
    assert [f.status for f in report.files] == ["no data"]
    assert any("no data for that slice" in note for note in report.notes)
    assert asked(comext_service)[0][0] == EMPTY_SLICE


def test_a_404_page_of_a_wrong_address_is_an_error(comext_service: Replay, tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        store.fetch_comext_api(
            "IT", "BE", 2020, base_url=base(comext_service), cache_dir=tmp_path / "cache"
        )
    assert caught.value.status == 404
    assert "<html" in (caught.value.body or "").lower()


def test_the_cli_fetches_with_the_environment_base_url(
    comext_service: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILATERAL_COMEXT_API_URL", base(comext_service))
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    arguments = ["fetch", "comext-api", "--reporter", "IT", "--partner", "WORLD"]
    arguments += ["--years", "2023-2025", "--products", ",".join(extract_products())]
    arguments += ["--store", str(tmp_path / "store"), "--format", "json"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert '"status": "added"' in result.output
    again = CliRunner().invoke(app, [*arguments, "--offline"])
    assert again.exit_code == 0, again.output
    assert '"status": "unchanged"' in again.output
    assert len(asked(comext_service)) == 1


def test_a_server_error_is_retried_and_a_client_error_is_not(
    comext_service: Replay, tmp_path: Path
) -> None:
    comext_service.script(data_path("IT"), Route(b"busy", status=503))
    report = fetch(bilateral.open(tmp_path / "store"), comext_service, tmp_path)
    assert [f.status for f in report.files] == ["added"]
    assert len(comext_service.log) == 2
    comext_service.routes[data_path("BE")] = Route(b"Bad request", status=400)
    with pytest.raises(FetchError, match="HTTP 400"):
        bilateral.open(tmp_path / "store").fetch_comext_api(
            "BE",
            "WORLD",
            "2023-2025",
            products=extract_products(),
            base_url=base(comext_service),
            cache_dir=tmp_path / "cache",
        )
    assert len(comext_service.log) == 3
