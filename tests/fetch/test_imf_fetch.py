"""`bilateral fetch imf`: the IMF's IMTS dataflow, its DSD read first, SDMX-CSV into the store.

A local server plays the IMF's SDMX service. The structure answer
(`fixtures/imf_imts_structure.xml`) is written for the tests in the SDMX-ML layout; the data
answers are written here in the SDMX-CSV layout (labels on, `UNIT_MULT` 6) with the real
figures of the IMF's own DOTS download of Italy (../shared/data/imf_dots), read with openpyxl.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, OfflineCacheMissError, UpstreamFormatError
from replay_server import Replay, Route, replay_server
from shared_files import SHARED_DATA, shared

FIXTURES = Path(__file__).parent / "fixtures"
DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"
REST = "/external/sdmx/2.1"
STRUCTURE = f"{REST}/dataflow/IMF.STA/IMTS/+"
CSV_WITH_LABELS = "application/vnd.sdmx.data+csv;version=1.0.0;labels=both"
SHEETS = {"Exports, FOB": "XG_FOB_USD", "Imports, CIF": "MG_CIF_USD"}
# IMF partner labels and codes in the answers: ISO alpha-3, and the IMF's own area codes.
AREAS = {"Belgium": "BEL", "World": "G001", "Countries & Areas not specified": "G998",
         "Advanced Economies": "G110"}  # fmt: skip
STORED = {"BEL": "BEL", "G001": "WORLD", "G998": "_X"}


def dots_values(years: Sequence[int]) -> dict[tuple[str, str, int], str]:
    """Return Italy's DOTS values by indicator, IMF area name and year, as the file has them."""
    book = openpyxl.load_workbook(shared(DOTS), read_only=True)
    values = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        columns = [int(str(cell)) for cell in rows[6][2:]]
        for row in rows[7:]:
            for year, cell in zip(columns, row[2:], strict=True):
                if row[1] in AREAS and year in years and cell is not None:
                    values[(SHEETS[sheet.title], str(row[1]), year)] = repr(cell)
    return values


def answer(values: dict[tuple[str, str, int], str], partners: Sequence[str]) -> bytes:
    """Return an SDMX-CSV answer with labels, in millions (UNIT_MULT 6), for `partners`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["DATAFLOW", "COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY",
                     "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT", "OBS_STATUS"])  # fmt: skip
    labels = {"XG_FOB_USD": "Exports of goods, FOB, US dollars",
              "MG_CIF_USD": "Imports of goods, CIF, US dollars"}  # fmt: skip
    for (indicator, name, year), value in sorted(values.items()):
        if name in partners:
            cells = ["IMF.STA:IMTS(1.0.0)", "ITA: Italy", f"{indicator}: {labels[indicator]}"]
            cells += [f"{AREAS[name]}: {name}", "A: Annual", str(year), value, "6", ""]
            writer.writerow(cells)
    return out.getvalue().encode()


def serve(replay: Replay, partner: str, years: Sequence[int], partners: Sequence[str]) -> str:
    replay.routes[STRUCTURE] = Route((FIXTURES / "imf_imts_structure.xml").read_bytes())
    path = f"{REST}/data/IMF.STA,IMTS,+/ITA.XG_FOB_USD+MG_CIF_USD.{partner}.A"
    body = answer(dots_values(years), partners)
    replay.routes[path] = Route(body, headers={"Last-Modified": "Mon, 03 Nov 2025 10:00:00 GMT"})
    return path


def fetch(replay: Replay, tmp_path: Path, partner: str | None = "BE", **options: Any) -> Any:
    store = bilateral.open(tmp_path / "store")
    return store.fetch_imf(
        "IT", partner, options.pop("years", "2019-2020"), base_url=f"{replay.base_url}{REST}",
        cache_dir=tmp_path / "cache", **options,
    )  # fmt: skip


def test_a_pair_is_fetched_with_the_dsd_first(tmp_path: Path) -> None:
    with replay_server() as replay:
        path = serve(replay, "BEL", (2019, 2020), ["Belgium"])
        report = fetch(replay, tmp_path)
        asked = [(r.path, r.query, r.headers.get("Accept")) for r in replay.log]
    assert asked[0][:2] == (STRUCTURE, "references=datastructure")
    assert asked[1] == (path, "startPeriod=2019&endPeriod=2020", CSV_WITH_LABELS)
    assert [f.status for f in report.files] == ["added"]
    assert report.files[0].vintage == "2025-11-03"
    profile = bilateral.open(tmp_path / "store").profile("IT", "BE", "2019-2020")
    rows = {row.year: row for row in profile.rows if row.source == "imf_dots"}
    assert rows[2020].exports == 17_040_717_126.0  # Italy's exports to Belgium, USD
    assert rows[2019].imports == 22_148_913_101.0
    assert rows[2020].currency == "USD" and rows[2020].import_valuation == "CIF"


def test_every_partner_reads_the_imf_areas_by_name(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, "", (2019, 2020), list(AREAS))
        report = fetch(replay, tmp_path, None)
    values = dots_values((2019, 2020))
    from deltalake import DeltaTable

    rows = DeltaTable(str(tmp_path / "store" / "flows")).to_pyarrow_table().to_pylist()
    stored = {(r["flow"], r["partner"], r["year"]): r["value"] for r in rows}
    expected = {
        ("export" if indicator == "XG_FOB_USD" else "import", STORED[AREAS[name]], year):
            float(Decimal(value).scaleb(6))
        for (indicator, name, year), value in values.items()
        if name != "Advanced Economies"
    }  # fmt: skip
    assert stored == expected
    assert {r["flags"] for r in rows if r["partner"] == "_X"} == {"unallocated_partner"}
    notes = "\n".join(report.notes)
    assert "4 rows not stored: partner 'Advanced Economies'" in notes


def test_no_results_is_no_data(tmp_path: Path) -> None:
    with replay_server() as replay:
        path = serve(replay, "BEL", (2019, 2020), ["Belgium"])
        replay.routes[path] = Route(
            b"<message:Error><common:Text>No Results Found</common:Text></message:Error>",
            status=404,
        )
        report = fetch(replay, tmp_path)
    assert [f.status for f in report.files] == ["no data"]
    assert any("no data for that slice" in note for note in report.notes)


def test_a_changed_dsd_is_a_changed_format(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, "BEL", (2019, 2020), ["Belgium"])
        text = (FIXTURES / "imf_imts_structure.xml").read_text(encoding="utf-8")
        replay.routes[STRUCTURE] = Route(
            text.replace('id="COUNTERPART_COUNTRY" position', 'id="PARTNER" position')
            .replace('.COUNTERPART_COUNTRY"', '.PARTNER"')
            .encode()
        )
        with pytest.raises(UpstreamFormatError, match="PARTNER"):
            fetch(replay, tmp_path)


def test_a_reordered_dsd_changes_the_key(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, "BEL", (2019, 2020), ["Belgium"])
        text = (FIXTURES / "imf_imts_structure.xml").read_text(encoding="utf-8")
        swapped = text.replace('id="FREQUENCY" position="4"', 'id="FREQUENCY" position="0"')
        replay.routes[STRUCTURE] = Route(swapped.encode())
        body = replay.routes[f"{REST}/data/IMF.STA,IMTS,+/ITA.XG_FOB_USD+MG_CIF_USD.BEL.A"].body
        replay.routes[f"{REST}/data/IMF.STA,IMTS,+/A.ITA.XG_FOB_USD+MG_CIF_USD.BEL"] = Route(body)
        report = fetch(replay, tmp_path)
    assert report.rows_stored == 4


def test_offline_with_a_warm_cache_asks_nothing(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, "BEL", (2019, 2020), ["Belgium"])
        fetch(replay, tmp_path)
        before = len(replay.log)
        report = fetch(replay, tmp_path, offline=True)
        assert len(replay.log) == before
        assert [f.status for f in report.files] == ["unchanged"]
        with pytest.raises(OfflineCacheMissError):
            fetch(replay, tmp_path, "DE", offline=True)


@pytest.mark.parametrize("partner", ["EU27_2020", "ITH5"])
def test_a_partner_that_is_no_country_is_refused(partner: str, tmp_path: Path) -> None:
    with replay_server() as replay, pytest.raises(InvalidArgumentError, match="a country"):
        fetch(replay, tmp_path, partner)


def test_the_cli_fetches_a_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with replay_server() as replay:
        serve(replay, "BEL", (2019, 2020), ["Belgium"])
        monkeypatch.setenv("BILATERAL_IMF_URL", f"{replay.base_url}{REST}")
        monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
        arguments = ["fetch", "imf", "--reporter", "IT", "--partner", "BE", "--years"]
        arguments += ["2019-2020", "--store", str(tmp_path / "store"), "--format", "json"]
        result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [f["status"] for f in document["files"]] == ["added"]
    assert any("ITA.XG_FOB_USD+MG_CIF_USD.BEL.A" in note for note in document["notes"])
