"""Ranks and shares only where a source holds the reporter's trade with all its partners.

On the real files: the IMF DOTS workbook (Italy with every partner and its World row), the
Comtrade 2022 file (China and Germany with every partner and W00), the BACI subset and the
Comext CPA file (release and bulk-derived files: every partner) still rank, with the ranks
computed here from the files with csv and openpyxl; a Comtrade file written here with Italy's
trade with Belgium only, and the real Comtrade file less Germany's rows with France, withhold
every rank and share, and the claim check and the brief say so.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.results.partners import PartnerRow, Partners
from shared_files import BACI_SUBSET, COMTRADE_2022, SHARED_DATA, shared

DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"
COMEXT_CPA = (
    SHARED_DATA
    / "eurostat_comext"
    / "comext_CPA21_3digit_aggregate_201912_declarants_AT-BE-BG-CY-CZ-DE-DK.csv"
)
BACI_CODES = SHARED_DATA / "cepii_baci" / "country_codes_V202301.csv"
# Italy's largest partners as the IMF names them in the workbook.
IMF_NAMES = {
    "Germany": "DEU", "France": "FRA", "United States": "USA", "Switzerland": "CHE",
    "United Kingdom": "GBR", "Spain": "ESP", "Belgium": "BEL", "Poland, Rep. of": "POL",
    "China, P.R.: Mainland": "CHN", "Netherlands, The": "NLD", "Austria": "AUT",
}  # fmt: skip
BELGIUM_2020 = {"X": 17040717126, "M": 20770230320}  # Italy's figures in the DOTS workbook


def italy_belgium_only(path: Path) -> Path:
    """Write a Comtrade file in the layout of the shared one: Italy's trade with Belgium only."""
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle)
        header, first = next(reader), next(reader)
    rows = []
    for flow, description in (("X", "Export"), ("M", "Import")):
        row = dict(zip(header, first, strict=False))
        value = str(BELGIUM_2020[flow])
        row.update(
            refPeriodId="20200101", refYear="2020", period="2020", reporterCode="380",
            reporterISO="ITA", reporterDesc="Italy", flowCode=flow, flowDesc=description,
            partnerCode="56", partnerISO="BEL", partnerDesc="Belgium", primaryValue=value,
            cifvalue=value if flow == "M" else "", fobvalue="",
        )  # fmt: skip
        rows.append([row[name] for name in header])
    with path.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, *rows])
    return path


def dots_values(sheet: str, year: str) -> dict[str, float]:
    """Return {IMF partner name: US dollars} of one sheet and year, read with openpyxl."""
    book = openpyxl.load_workbook(shared(DOTS), read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    column = list(rows[6]).index(year)
    return {
        str(row[1]): float(row[column]) * 1e6
        for row in rows[7:]
        if row[1] and row[column] not in (None, "")
    }


def partner_lines(result: Partners, source: str) -> list[PartnerRow]:
    return [r for r in result.rows if r.source == source and r.line == "partner"]


@pytest.fixture(scope="module")
def italy(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("italy")
    store = bilateral.open(folder / "store")
    store.ingest(shared(DOTS))
    store.ingest(italy_belgium_only(folder / "comtrade_ITA_BEL_2020.csv"))
    return store


@pytest.mark.parametrize(
    ("flow", "sheet"), [("export", "Exports, FOB"), ("import", "Imports, CIF")]
)
def test_dots_ranks_and_the_one_partner_file_withholds(italy: Store, flow: str, sheet: str) -> None:
    result = italy.partners("IT", 2020, flow, partner="BE")  # type: ignore[arg-type]
    values = dots_values(sheet, "2020")
    named = sorted(IMF_NAMES, key=lambda name: -values[name])
    ranked = partner_lines(result, "imf_dots")
    assert all(row.withheld is None for row in ranked)
    top = [row for row in ranked if row.rank is not None and row.rank <= 7]
    assert [row.code for row in sorted(top, key=lambda r: r.rank or 0)] == [
        IMF_NAMES[name] for name in named[:7]
    ]
    for row in top:
        name = next(n for n, code in IMF_NAMES.items() if code == row.code)
        assert row.value == pytest.approx(values[name])
    world = next(r for r in result.rows if r.source == "imf_dots" and r.code == "WORLD")
    assert world.value == pytest.approx(values["World"])
    [belgium] = partner_lines(result, "comtrade")
    assert belgium.value == BELGIUM_2020["X" if flow == "export" else "M"]
    assert (belgium.rank, belgium.share, belgium.withheld) == (None, None, "incomplete_partners")
    # No WORLD or EU line summed from the one partner the file holds.
    assert [r.line for r in result.rows if r.source == "comtrade"] == ["partner"]
    assert not any("comtrade" in note and "export market" in note for note in result.notes)


def test_partners_command_prints_no_rank_for_the_one_partner_file(italy: Store) -> None:
    result = CliRunner().invoke(
        app, ["partners", "IT", "--year", "2020", "--store", str(italy_store_path(italy))]
    )
    assert result.exit_code == 0, result.output
    comtrade_table = result.output.split("comtrade, USD")[0]
    assert "100.0%" not in comtrade_table
    assert "rank and share: not computed: the source does not hold" in result.output


def italy_store_path(store: Store) -> Path:
    return Path(store.root)


def test_rank_claim_against_the_one_partner_file_is_not_checkable(
    italy: Store, tmp_path: Path
) -> None:
    only = bilateral.open(tmp_path / "store")
    only.ingest(italy_belgium_only(tmp_path / "comtrade.csv"))
    text = "In 2020 Belgium was Italy's largest export market."
    [check] = only.check(text).checks
    assert check.verdict == "not checkable"
    [evidence] = check.evidence
    assert (evidence.source, evidence.rank, evidence.withheld) == (
        "comtrade",
        None,
        "incomplete_partners",
    )
    assert evidence.supports is False
    # With the DOTS workbook beside it, the claim is checked against the whole source.
    values = dots_values("Exports, FOB", "2020")
    rank = 1 + sum(values[name] > values["Belgium"] for name in IMF_NAMES)
    [check] = italy.check(f"In 2020 Belgium was Italy's {ordinal_word(rank)} export market.").checks
    assert check.verdict == "supported"
    assert [(e.source, e.rank) for e in check.evidence if e.withheld is None] == [
        ("imf_dots", rank)
    ]


def ordinal_word(rank: int) -> str:
    return ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")[rank - 1]


def test_brief_on_the_one_partner_file_gives_no_rank(italy: Store) -> None:
    result = CliRunner().invoke(
        app,
        ["brief", "IT", "BE", "--year", "2020", "--source", "comtrade",
         "--store", str(italy_store_path(italy))],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1st export market" not in result.output
    assert "100.0%" not in result.output
    assert (
        "Belgium's rank among Italy's export markets in 2020 is not given: the source does not "
        "hold Italy's exports to all its partners." in result.output
    )
    key_messages = result.output.split("## Headline")[0]
    assert "market" not in key_messages and "supplier" not in key_messages


def comtrade_rows(reporter: str, flow: str) -> dict[str, float]:
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        return {
            line["partnerISO"]: float(line["primaryValue"])
            for line in csv.DictReader(handle)
            if (line["reporterISO"], line["flowCode"]) == (reporter, flow)
        }


def test_real_comtrade_file_less_one_partner_withholds_that_reporter_only(
    tmp_path: Path,
) -> None:
    path = tmp_path / "without_germany_france.csv"
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        lines = handle.read().split("\r\n")
    kept = [line for line in lines if not ('"276","DEU"' in line and '"251","FRA"' in line)]
    assert len(kept) == len(lines) - 2  # Germany's exports to and imports from France
    path.write_text("\r\n".join(kept), encoding="latin-1", newline="")
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    germany = partner_lines(store.partners("DEU", 2022, "export"), "comtrade")
    assert germany and {(r.rank, r.share, r.withheld) for r in germany} == {
        (None, None, "incomplete_partners")
    }
    china = store.partners("CHN", 2022, "export", top=5)
    values = comtrade_rows("CHN", "X")
    territories = {
        code: value
        for code, value in values.items()
        if code not in {"W00", "_X", "X1", "A59", "A79", "E19", "F19", "CHN"}
    }
    expected = sorted(territories, key=lambda code: (-territories[code], code))[:5]
    ranked = partner_lines(china, "comtrade")
    assert [(r.rank, r.code) for r in ranked] == list(enumerate(expected, start=1))
    assert all(r.withheld is None and r.share is not None for r in ranked)


def test_baci_release_file_ranks_every_importer(tmp_path: Path) -> None:
    with shared(BACI_CODES).open(encoding="utf-8", newline="") as handle:
        iso = {row["country_code"]: row["iso_3digit_alpha"] for row in csv.DictReader(handle)}
    values: dict[str, float] = {}
    with shared(BACI_SUBSET).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["i"] == "710":
                values[iso[row["j"]]] = values.get(iso[row["j"]], 0.0) + float(row["v"]) * 1000
    expected = sorted(values, key=lambda code: (-values[code], code))[:10]
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(BACI_SUBSET))
    ranked = partner_lines(store.partners("ZAF", 2021, "export", top=10), "baci")
    assert [(r.rank, r.code) for r in ranked] == list(enumerate(expected, start=1))
    total = sum(values.values())
    for row in ranked:
        assert row.withheld is None
        assert row.value == pytest.approx(values[row.code])
        assert row.share == pytest.approx(values[row.code] / total)


def test_comext_cpa_file_ranks_every_partner(tmp_path: Path) -> None:
    values: dict[str, float] = {}
    with shared(COMEXT_CPA).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["DECLARANT_ISO"], row["FLOW"]) == ("DE", "2"):
                code = row["PARTNER_ISO"]
                values[code] = values.get(code, 0.0) + float(row["VALUE_IN_EUROS"])
    territories = {c: v for c, v in values.items() if c not in {"QS", "QV", "QY", "QZ"}}
    expected = sorted(territories, key=lambda code: (-territories[code], code))[:8]
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(COMEXT_CPA))
    ranked = partner_lines(store.partners("DE", 2019, "export", top=8), "comext_cpa")
    assert [(r.rank, r.code) for r in ranked] == [
        (rank, store.resolve(code).code) for rank, code in enumerate(expected, start=1)
    ]
    for row in ranked:
        assert row.withheld is None and row.share is not None
