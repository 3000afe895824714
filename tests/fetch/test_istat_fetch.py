"""`bilateral fetch istat`: dataflows found by structure, each DSD read, the finest level asked.

A local server plays ISTAT's SDMX service. Its answers are written for these tests in the
service's layouts: the dataflow list (`fixtures/istat_dataflows.xml`), the DSDs (the 139_176
one of `fixtures/istat_dsd_139_176_new.xml`, and the regional DSD made from it), availability
answers (content constraints) and SDMX-CSV data. The codes come from ISTAT's real code lists in
../shared/data/istat (ITTER107 territories, GEONOM partners, ATECO products with their leading
zeros); the values are invented. Expected figures are computed here with the csv module.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, OfflineCacheMissError, UpstreamFormatError
from bilateral.fetch.istat import istat_region, istat_territory
from bilateral.reference import resolve
from replay_server import Replay, Route, replay_server
from shared_files import SHARED_DATA, shared

FIXTURES = Path(__file__).parent / "fixtures"
CODE_LISTS = SHARED_DATA / "istat"
REST = "/SDMXWS/rest"
SECTIONS_FLOW = "DF_DCSE_CPA_AT2007_COE_OPT_A_REG_ALL_REG"
DIVISIONS_FLOW = "DF_DCSE_CPA_AT2007_COE_OPT_A_DIV_PROV"
NATIONAL_FLOW = "139_176"
ORDER = ("FREQ", "REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")
SWAPPED = ("FREQ", "REF_AREA", "DATA_TYPE", "PARTNER_COUNTRY", "CPA_ATECO2007_COE")
PARTNERS = {"BE": "BEL", "DE": "DEU", "EL": "GRC", "WORLD": "WORLD"}
RELEASED = "Tue, 10 Jun 2025 08:00:00 GMT"


def code_list(name: str) -> list[str]:
    """Return the codes of one of ISTAT's real code lists, in their order, as text."""
    path = shared(CODE_LISTS / f"istat_CL_COEWEB_{name}.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def divisions() -> list[str]:
    """Return the total and the 2-digit codes of the real ATECO list (`01`, `05`, ..., `89`)."""
    codes = code_list("ATECO_2007_MERCE")
    return ["0010", *(code for code in codes if len(code) == 2 and code.isdigit())]


def sections() -> list[str]:
    """Return the regional dataflows' total `ALL` and the real list's sections (`A`, `B`, ...)."""
    codes = code_list("ATECO_2007_MERCE")
    return ["ALL", *(code for code in codes if len(code) == 1)]


def dsd(structure: str, order: Sequence[str] = ORDER, rename: str | None = None) -> bytes:
    """Return a DSD like ISTAT's, with the dimensions in `order`, one renamed if asked."""
    text = (FIXTURES / "istat_dsd_139_176_new.xml").read_text(encoding="utf-8")
    text = text.replace("DCSP_COEIMPEX1", structure)
    for position, dimension in enumerate(order, start=1):
        text = text.replace(f'id="{dimension}" position="{ORDER.index(dimension) + 1}"',
                            f'id="{dimension}" position="P{position}"')  # fmt: skip
    text = text.replace('position="P', 'position="')
    if rename:  # the dimension's id and URN; its concept stays PARTNER_COUNTRY
        text = text.replace('id="PARTNER_COUNTRY" position', f'id="{rename}" position')
        text = text.replace('.PARTNER_COUNTRY"', f'.{rename}"')
    return text.encode()


def constraint(flow: str, dimension: str, codes: Sequence[str]) -> bytes:
    """Return an availability answer (an actual content constraint) listing `codes`."""
    values = "".join(f"<common:Value>{code}</common:Value>" for code in codes)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<message:Structure xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" \
xmlns:structure="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" \
xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
  <message:Header><message:ID>IDREF3</message:ID><message:Test>false</message:Test>
    <message:Prepared>2025-10-07T09:03:00</message:Prepared><message:Sender id="IT1"/>
  </message:Header>
  <message:Structures><structure:Constraints>
    <structure:ContentConstraint id="CC" agencyID="SDMX" version="1.0" isFinal="false" \
type="Actual">
      <common:Name xml:lang="en">Availability</common:Name>
      <structure:ConstraintAttachment><structure:Dataflow>
        <Ref id="{flow}" version="1.0" agencyID="IT1"/></structure:Dataflow>
      </structure:ConstraintAttachment>
      <structure:CubeRegion include="true">
        <common:KeyValue id="{dimension}">{values}</common:KeyValue>
      </structure:CubeRegion>
    </structure:ContentConstraint>
  </structure:Constraints></message:Structures>
</message:Structure>""".encode()


NO_RECORDS = Route(
    b"<message:Error><common:Text>NoRecordsFound</common:Text></message:Error>", status=404
)


def data(flow: str, territory: str, partners: Sequence[str], products: Sequence[str],
         years: Sequence[int], unit_mult: str) -> bytes:  # fmt: skip
    """Return an SDMX-CSV answer: every product, year, flow and partner, values invented."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["DATAFLOW", *ORDER, "TIME_PERIOD", "OBS_VALUE", "BREAK", "CONF_STATUS",
                     "OBS_PRE_BREAK", "OBS_STATUS", "BASE_PER", "UNIT_MEAS", "UNIT_MULT",
                     "METADATA_EN", "METADATA_IT"])  # fmt: skip
    for number, (product, year, kind, partner) in enumerate(
        (p, y, k, q) for p in products for y in years for k in ("EV", "IV") for q in partners
    ):
        value = f"{(number * 7919) % 100000 / 1000:.3f}" if unit_mult == "6" else str(number * 991)
        status = "P" if year == max(years) else ""
        writer.writerow([f"IT1:{flow}(1.0)", "A", territory, kind, product, partner, year, value,
                         "", "F", "", status, "", "EUR", unit_mult, "", ""])  # fmt: skip
    return out.getvalue().encode()


def key(order: Sequence[str], territory: str, products: str, partner: str) -> str:
    values = {"FREQ": "A", "REF_AREA": territory, "DATA_TYPE": "EV+IV",
              "CPA_ATECO2007_COE": products, "PARTNER_COUNTRY": partner}  # fmt: skip
    return ".".join(values[dimension] for dimension in order)


def available_path(flow: str, order: Sequence[str], territory: str, partner: str) -> str:
    wanted = key(order, territory, "", partner)
    return f"{REST}/availableconstraint/IT1,{flow},1.0/{wanted}/all/CPA_ATECO2007_COE"


def serve(
    replay: Replay,
    territory: str = "ITD5",
    partner: str = "BE",
    years: Sequence[int] = (2019, 2020, 2021),
    offered: Sequence[str] = (SECTIONS_FLOW, DIVISIONS_FLOW),
    order: Sequence[str] = ORDER,
) -> tuple[str, bytes]:
    """Serve ISTAT's answers for one slice; return the data path asked and its body."""
    replay.routes[f"{REST}/dataflow/IT1"] = Route((FIXTURES / "istat_dataflows.xml").read_bytes())
    replay.routes[f"{REST}/datastructure/IT1/DCSP_COEIMPEX1"] = Route(dsd("DCSP_COEIMPEX1"))
    replay.routes[f"{REST}/datastructure/IT1/DCSE_COEREG"] = Route(dsd("DCSE_COEREG", order))
    levels = {SECTIONS_FLOW: sections(), DIVISIONS_FLOW: divisions(), NATIONAL_FLOW: []}
    for flow, codes in levels.items():
        flow_order = order if flow != NATIONAL_FLOW else ORDER
        path = available_path(flow, flow_order, territory, partner)
        answer = Route(constraint(flow, "CPA_ATECO2007_COE", codes))
        replay.routes[path] = answer if flow in offered else NO_RECORDS
    chosen = DIVISIONS_FLOW if DIVISIONS_FLOW in offered else SECTIONS_FLOW
    products = levels[chosen]
    path = f"{REST}/data/IT1,{chosen},1.0/{key(order, territory, '+'.join(products), partner)}"
    partners = [partner] if partner else list(PARTNERS)
    unit_mult = "6" if chosen == DIVISIONS_FLOW else "0"
    body = data(chosen, territory, partners, products, years, unit_mult)
    replay.routes[path] = Route(body, headers={"Last-Modified": RELEASED})
    return path, body


def expected_rows(body: bytes) -> dict[tuple[str, str, int, str], tuple[float, str | None]]:
    """Return what the store should hold, by partner, flow, year and product, from the CSV."""
    expected = {}
    for row in csv.DictReader(io.StringIO(body.decode())):
        product = row["CPA_ATECO2007_COE"]
        if product == "89":  # the residual code "merci varie": no CPA division
            continue
        stored = "TOTAL" if product in ("0010", "ALL") else product
        flow = "export" if row["DATA_TYPE"] == "EV" else "import"
        euro = Decimal(row["OBS_VALUE"]).scaleb(int(row["UNIT_MULT"]))
        flag = "provisional" if row["OBS_STATUS"] == "P" else None
        partner = PARTNERS[row["PARTNER_COUNTRY"]]
        expected[(partner, flow, int(row["TIME_PERIOD"]), stored)] = (float(euro), flag)
    return expected


def stored_rows(root: Path) -> list[dict[str, Any]]:
    from deltalake import DeltaTable

    return DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()


def fetch(replay: Replay, tmp_path: Path, region: str = "ITH5", **options: Any) -> Any:
    store = bilateral.open(tmp_path / "store")
    return store.fetch_istat(
        region, options.pop("years", "2019-2021"), base_url=f"{replay.base_url}{REST}",
        cache_dir=tmp_path / "cache", **options,
    )  # fmt: skip


def asked(replay: Replay) -> list[str]:
    return [record.target for record in replay.log]


# --- against a local replay of the service --------------------------------------------------


def test_a_region_and_partner_get_the_finest_sector_level(tmp_path: Path) -> None:
    with replay_server() as replay:
        path, body = serve(replay)
        report = fetch(replay, tmp_path, "Emilia-Romagna", partner="Belgium")
        requests = asked(replay)
        accepted = replay.log[-1].headers.get("Accept")
    assert requests[:3] == [
        f"{REST}/dataflow/IT1",
        f"{REST}/datastructure/IT1/DCSP_COEIMPEX1",
        f"{REST}/datastructure/IT1/DCSE_COEREG",  # read once for the two flows that share it
    ]
    assert f"{REST}/datastructure/IT1/DCIS_POPRES1" not in requests  # another domain
    assert sorted(requests[3:6]) == sorted(
        available_path(flow, ORDER, "ITD5", "BE")
        for flow in (NATIONAL_FLOW, SECTIONS_FLOW, DIVISIONS_FLOW)
    )
    assert requests[6] == f"{path}?startPeriod=2019&endPeriod=2021"
    assert accepted == "text/csv"
    assert [f.status for f in report.files] == ["added"]
    assert report.files[0].vintage == "2025-06-10"
    rows = stored_rows(tmp_path / "store")
    assert {(r["source"], r["reporter"], r["currency"]) for r in rows} == {("istat", "ITH5", "EUR")}
    stored = {(r["partner"], r["flow"], r["year"], r["product"]): (r["value"], r["flags"])
              for r in rows}  # fmt: skip
    assert stored == expected_rows(body)
    assert {r["product_scheme"] for r in rows} == {"TOTAL", "CPA21"}
    assert {"01", "05", "20", "21", "28"} <= {r["product"] for r in rows}  # leading zeros kept
    notes = "\n".join(report.notes)
    assert f"{DIVISIONS_FLOW} (divisions, chosen)" in notes
    assert f"{SECTIONS_FLOW} (sections)" in notes
    assert "asked as ITD5" in notes and "no region x country" not in notes


@pytest.mark.parametrize("region", ["ITH5", "ITD5", "08", "8", "Emilia-Romagna", "IT-45"])
def test_a_region_is_asked_by_istat_code_whatever_code_is_given(
    region: str, tmp_path: Path
) -> None:
    assert istat_territory(istat_region(region, resolve)) == "ITD5"
    with replay_server() as replay:
        path, _ = serve(replay)
        report = fetch(replay, tmp_path, region, partner="BE")
        assert asked(replay)[-1].startswith(path)
    assert report.rows_stored > 0


def test_a_province_is_asked_where_a_dataflow_has_provinces(tmp_path: Path) -> None:
    with replay_server() as replay:
        path, body = serve(replay, territory="ITD55", offered=(DIVISIONS_FLOW,))
        report = fetch(replay, tmp_path, "Bologna", partner="BE", years="2020")
        assert asked(replay)[-1] == f"{path}?startPeriod=2020&endPeriod=2020"
    rows = stored_rows(tmp_path / "store")
    assert {r["reporter"] for r in rows} == {"ITH55"}
    assert len(rows) == len(expected_rows(body))
    assert f"{SECTIONS_FLOW} (sections)" not in "\n".join(report.notes)


def test_sections_when_no_dataflow_has_divisions(tmp_path: Path) -> None:
    with replay_server() as replay:
        _, body = serve(replay, offered=(SECTIONS_FLOW,))
        report = fetch(replay, tmp_path, partner="BE")
    rows = stored_rows(tmp_path / "store")
    stored = {(r["partner"], r["flow"], r["year"], r["product"]): (r["value"], r["flags"])
              for r in rows}  # fmt: skip
    assert stored == expected_rows(body)  # UNIT_MULT 0: euro as published
    assert {r["product_scheme"] for r in rows} == {"TOTAL", "CPA21_SECTION"}
    assert f"{SECTIONS_FLOW} (sections, chosen)" in "\n".join(report.notes)


def test_every_partner_when_none_is_given(tmp_path: Path) -> None:
    with replay_server() as replay:
        path, body = serve(replay, partner="")
        fetch(replay, tmp_path)
        assert asked(replay)[-1].startswith(path)
    assert path.endswith("+89.")  # the partner dimension left empty: every partner
    rows = stored_rows(tmp_path / "store")
    assert {r["partner"] for r in rows} == {"BEL", "DEU", "GRC", "WORLD"}
    stored = {(r["partner"], r["flow"], r["year"], r["product"]): (r["value"], r["flags"])
              for r in rows}  # fmt: skip
    assert stored == expected_rows(body)


def test_no_dataflow_with_data_is_no_data(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, offered=())
        report = fetch(replay, tmp_path, partner="BE")
        assert not any("/data/" in target for target in asked(replay))
    assert [f.status for f in report.files] == ["no data"]
    notes = "\n".join(report.notes)
    assert "none of its trade dataflows" in notes and "no data for that slice" in notes


def test_no_results_for_the_data_is_no_data(tmp_path: Path) -> None:
    with replay_server() as replay:
        path, _ = serve(replay)
        replay.routes[path] = NO_RECORDS
        report = fetch(replay, tmp_path, partner="BE")
    assert [f.status for f in report.files] == ["no data"]


def test_a_changed_dimension_order_changes_the_keys(tmp_path: Path) -> None:
    with replay_server() as replay:
        path, body = serve(replay, order=SWAPPED)
        fetch(replay, tmp_path, partner="BE")
        assert asked(replay)[-1].startswith(path)
    assert ".BE.0010+" in path  # partner before product, as the DSD now says
    assert len(stored_rows(tmp_path / "store")) == len(expected_rows(body))


def test_a_renamed_dimension_is_a_changed_format(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay)
        for structure in ("DCSP_COEIMPEX1", "DCSE_COEREG"):
            replay.routes[f"{REST}/datastructure/IT1/{structure}"] = Route(
                dsd(structure, rename="COUNTERPART")
            )
        with pytest.raises(UpstreamFormatError, match="COUNTERPART") as caught:
            fetch(replay, tmp_path, partner="BE")
    assert "no foreign-trade dataflow with the regional trade dimensions" in str(caught.value)


def test_an_html_answer_is_a_changed_format(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay)
        replay.routes[f"{REST}/dataflow/IT1"] = Route(b"<html><title>esploradati</title></html>")
        with pytest.raises(UpstreamFormatError, match="dataflows of IT1"):
            fetch(replay, tmp_path, partner="BE")


def test_offline_with_a_warm_cache_asks_nothing(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay)
        fetch(replay, tmp_path / "first", partner="BE")
        before = len(replay.log)
        report = fetch(replay, tmp_path / "first", partner="BE", offline=True)
        assert len(replay.log) == before
        assert [f.status for f in report.files] == ["unchanged"]
        with pytest.raises(OfflineCacheMissError):
            fetch(replay, tmp_path / "first", partner="DE", offline=True)


@pytest.mark.parametrize(("region", "partner"), [("Belgium", "BE"), ("ITH5", "ITH4")])
def test_a_region_that_is_not_italian_or_a_partner_that_is_no_country(
    region: str, partner: str, tmp_path: Path
) -> None:
    with replay_server() as replay, pytest.raises(InvalidArgumentError):
        fetch(replay, tmp_path, region, partner=partner)


def test_the_cli_fetches_a_region_by_partner_and_sector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with replay_server() as replay:
        serve(replay)
        monkeypatch.setenv("BILATERAL_ISTAT_URL", f"{replay.base_url}{REST}")
        monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
        arguments = ["fetch", "istat", "--region", "Emilia-Romagna", "--partner", "BE"]
        arguments += ["--years", "2019-2021", "--store", str(tmp_path / "store")]
        result = CliRunner().invoke(app, [*arguments, "--format", "json"])
        table = CliRunner().invoke(app, [*arguments, "--offline"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [f["status"] for f in document["files"]] == ["added"]
    assert any(f"{DIVISIONS_FLOW} (divisions, chosen)" in note for note in document["notes"])
    assert table.exit_code == 0, table.output
    assert "unchanged" in table.output


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("old", "A.ALL.BE.ITD5.EV+IV"),  # FREQ.MERCE_ATECO_2007.PAESE_PARTNER.ITTER107.TIPO_DATO
        ("new", "A.ITD5.EV+IV.ALL.BE"),
    ],
)
def test_both_dsd_generations_are_trade_structures(layout: str, expected: str) -> None:
    from bilateral.fetch.istat_flows import is_trade_structure, read_dimensions, series_key

    path = FIXTURES / f"istat_dsd_139_176_{layout}.xml"
    order = read_dimensions(path, "u", "DCSP_COEIMPEX1")
    assert is_trade_structure(order)
    wanted = {"frequency": "A", "territory": "ITD5", "data_type": "EV+IV", "product": "ALL",
              "partner": "BE"}  # fmt: skip
    assert series_key(order, wanted) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("partner", "label", "stored"),
    [("Serbia", "Serbia", "SRB"), ("Greece", "Grecia", "GRC"), ("BE", "Belgio", "BEL")],
)
def test_a_partner_is_asked_by_its_codes_in_istat_list(
    partner: str, label: str, stored: str, tmp_path: Path
) -> None:
    path = shared(CODE_LISTS / "istat_CL_COEWEB_GEONOM.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        codes = sorted(row["code"] for row in csv.DictReader(handle) if row["label_it"] == label)
    with replay_server() as replay:
        data_path, _ = serve(replay, partner="+".join(codes))
        body = data(DIVISIONS_FLOW, "ITD5", codes[:1], divisions(), (2020,), "0")
        replay.routes[data_path] = Route(body, headers={"Last-Modified": RELEASED})
        report = fetch(replay, tmp_path, partner=partner, years="2020")
        assert asked(replay)[-1] == f"{data_path}?startPeriod=2020&endPeriod=2020"
    assert report.rows_stored > 0
    assert {r["partner"] for r in stored_rows(tmp_path / "store")} == {stored}


def test_the_cli_says_no_file_came_when_no_dataflow_has_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with replay_server() as replay:
        serve(replay, offered=())
        monkeypatch.setenv("BILATERAL_ISTAT_URL", f"{replay.base_url}{REST}")
        monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
        arguments = ["fetch", "istat", "--region", "ITH5", "--partner", "BE", "--years", "2021"]
        result = CliRunner().invoke(app, [*arguments, "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "no data" in line)
    assert row.split()[:4] == ["–", "(no", "results)", "–"]
    assert "1 files (0 downloaded), 0 rows newly stored" in result.output
    assert "none of its trade dataflows" in result.output
