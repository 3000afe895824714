"""Italian territory names of the reference table: every territory of the reference tables has
a name in Italian, and the names taken from ISTAT's GEONOM code list are ISTAT's labels."""

from __future__ import annotations

import csv
from importlib import resources

from bilateral.brief.catalog import load_catalog
from bilateral.brief.names import territory_name
from bilateral.reference import all_territories, geonom_table, get
from bilateral.reference.local_names import local_names

from .conftest import shared_file

ISTAT_GEONOM = "istat/istat_CL_COEWEB_GEONOM.csv"
# Names that Italian writes as English does.
SAME_IN_ITALIAN = {"DHY": "Dahomey", "SKM": "Sikkim", "XC": "Ceuta", "XL": "Melilla"}


def _table_rows() -> list[dict[str, str]]:
    source = resources.files("bilateral.reference").joinpath("data", "territory_names_it.csv")
    return list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))


def test_names_taken_from_istat_are_its_labels_of_the_same_territory() -> None:
    with shared_file(ISTAT_GEONOM).open(encoding="utf-8", newline="") as handle:
        labels: dict[str, set[str]] = {}
        for row in csv.DictReader(handle):
            labels.setdefault(row["code"], set()).add(row["label_it"])
    canonical: dict[str, set[str]] = {}
    for code, target in zip(
        geonom_table().column("code").to_pylist(),
        geonom_table().column("canonical").to_pylist(),
        strict=True,
    ):
        canonical.setdefault(code, set()).add(target)
    taken = [row for row in _table_rows() if row["istat_code"]]
    assert len(taken) == 12
    for row in taken:
        assert labels.get(row["istat_code"]) == {row["name"]}, row
        assert row["code"] in canonical[row["istat_code"]], row


def test_every_territory_but_regions_is_named_in_italian() -> None:
    italian = load_catalog("it")
    english_left = {
        territory.code: territory.name
        for territory in all_territories()
        if territory.kind in ("group", "special", "part", "former_country")
        and territory_name(territory.code, italian) == territory.name
    }
    assert english_left == SAME_IN_ITALIAN
    assert territory_name("S19", italian) == "Altri paesi asiatici, non specificati altrove"
    assert territory_name("QZ", italian).startswith("Paesi e territori non determinati per")
    assert territory_name("SUN", italian) == "Unione Sovietica"  # ISTAT's, not ISO 3166-3's
    assert territory_name("DDR", italian) == "Repubblica Democratica Tedesca"  # ISO 3166-3
    assert territory_name("S19", load_catalog("en")) == get("S19").name


def test_the_table_names_known_territories_once() -> None:
    rows = _table_rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == len(local_names("it"))
    for row in rows:
        assert get(row["code"]).code == row["code"]
        assert row["name"].strip() == row["name"] != ""
        assert row["name"] != get(row["code"]).name or row["code"] in SAME_IN_ITALIAN
