"""Regions: the NUTS 2021 list, the Italian core table and NUTS version changes."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pycountry
import pytest

from bilateral.errors import (
    AmbiguousTerritoryError,
    EncodingError,
    InvalidArgumentError,
    ReferenceNotLoadedError,
    SourceFormatError,
)
from bilateral.reference import get
from bilateral.reference import regions as rg
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.territories import TerritoryEntry, build_registry, normalise_name

from .conftest import shared_file

NUTS_FILE = "geo_codes/NUTS2021_NUTS_ID_NAME_LATN.csv"
ITTER_FILE = "istat/istat_CL_COEWEB_ITTER107.csv"


def published_nuts() -> list[list[str]]:
    """Return the NUTS rows of the shared file, read with the csv module: the rows up to the
    last region (3-5 characters); after it the copy appends a list of countries."""
    with shared_file(NUTS_FILE).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))[1:]
    last = max(i for i, row in enumerate(rows) if 3 <= len(row[0]) <= 5)
    return rows[: last + 1]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    loaded = Catalogue(tmp_path_factory.mktemp("catalogue"), rg.TABLE_SPECS)
    loaded.load("nuts2021", shared_file(NUTS_FILE))
    return loaded


@pytest.fixture(scope="module")
def entries(catalogue: Catalogue) -> list[TerritoryEntry]:
    return rg.region_entries(catalogue)


def names_of(entry: TerritoryEntry) -> set[str]:
    """Return the normalised names a registry matches an entry by (its name included)."""
    return {normalise_name(name) for name in (entry.territory.name, *entry.names)}


# --- the NUTS 2021 list -------------------------------------------------------------------------


def test_reader_keeps_every_nuts_row_and_drops_the_appended_country_list() -> None:
    path = shared_file(NUTS_FILE)
    table = rg.read_nuts2021(path)
    published = published_nuts()
    with path.open(encoding="utf-8", newline="") as stream:
        total = sum(1 for _ in csv.reader(stream, delimiter=";")) - 1
    assert (len(published), total) == (2010, 2218)
    assert table.column("nuts_id").to_pylist() == [row[0] for row in published]
    assert table.column("name").to_pylist() == [row[1] for row in published]
    levels = Counter(len(row[0]) - 2 for row in published)
    assert Counter(table.column("level").to_pylist()) == levels
    assert levels == {0: 37, 1: 125, 2: 334, 3: 1514}
    dropped = total - len(published)
    assert rg.nuts2021_notes(table) == (
        f"lines 2012-2219: {dropped} rows after the last NUTS region list countries by "
        "two-letter code (first '1A'), not NUTS regions; left out",
    )


def test_nuts_ids_are_unique_valid_and_linked_to_existing_countries() -> None:
    table = rg.read_nuts2021(shared_file(NUTS_FILE))
    ids = table.column("nuts_id").to_pylist()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]{2}[A-Z0-9]{0,3}", code) for code in ids)
    rows = table.to_pylist()
    by_id = {row["nuts_id"]: row for row in rows}
    assert all(row["name"].strip() for row in rows)
    for row in rows:
        assert get(row["country"]).kind == "country"
        assert row["nuts_country"] == row["nuts_id"][:2]
        if row["level"] > 0:
            assert row["nuts_id"][:-1] in by_id
    assert (by_id["EL"]["country"], by_id["UK"]["country"], by_id["ITH5"]["country"]) == (
        "GRC",
        "GBR",
        "ITA",
    )
    assert by_id["ITH5"]["name"] == "Emilia-Romagna"


def test_catalogue_loads_the_table_with_its_notes(catalogue: Catalogue) -> None:
    spec = catalogue.spec("nuts2021")
    assert spec.matches(Path("NUTS2021_NUTS_ID_NAME_LATN.csv"))
    assert spec.matches(Path("nuts_at_2021.csv"))
    assert not spec.matches(Path("NUTS_AT_2016.csv"))
    assert spec.url.startswith("https://") and spec.url.endswith("NUTS_AT_2021.csv")
    (entry,) = catalogue.entries()
    assert (entry.edition, entry.rows) == ("2021", 2010)
    stored = pq.read_table(catalogue.directory / "nuts2021.parquet")  # type: ignore[operator]
    assert len(rg.nuts2021_notes(stored)) == 1
    assert rg.nuts2021_notes(catalogue.table("nuts2021")) == rg.nuts2021_notes(stored)


def test_reader_reads_the_gisco_comma_layout(tmp_path: Path) -> None:
    path = tmp_path / "NUTS_AT_2021.csv"
    path.write_text(
        'CNTR_CODE,NUTS_ID,NAME_LATN,LEVL_CODE\nIT,IT,Italia,0\nIT,ITH,"Nord-Est",1\n'
        "IT,ITH5,Emilia-Romagna,2\nIT,ITH55,Bologna,3\n",
        encoding="utf-8",
    )
    table = rg.read_nuts2021(path)
    assert table.column("nuts_id").to_pylist() == ["IT", "ITH", "ITH5", "ITH55"]
    assert table.column("level").to_pylist() == [0, 1, 2, 3]
    assert rg.nuts2021_notes(table) == ()


@pytest.mark.parametrize(
    ("content", "line", "field", "value"),
    [
        ("NUTS_ID;NAME_LATN\nIT;Italia\nITH;Nord-Est\nITH;Nord-Est\n", 4, "NUTS_ID", "ITH"),
        ("NUTS_ID;NAME_LATN\nIT;Italia\nIT-H;Nord-Est\n", 3, "NUTS_ID", "IT-H"),
        ("NUTS_ID;NAME_LATN\nIT;Italia\nITH5;Emilia-Romagna\n", 3, "NUTS_ID", "ITH5"),
        ("NUTS_ID;NAME_LATN\nIT;Italia\nITH;\n", 3, "NAME_LATN", None),
        ("NUTS_ID;NAME_LATN\nQQ;Nowhere\nQQ1;Somewhere\n", 2, "NUTS_ID", "QQ"),
        ("NUTS_ID;NAME\nIT;Italia\n", 1, None, "NUTS_ID;NAME"),
        (
            "CNTR_CODE,NUTS_ID,NAME_LATN,LEVL_CODE\nIT,IT,Italia,0\nIT,ITH,X,2\n",
            3,
            "LEVL_CODE",
            "2",
        ),
        ("NUTS_ID;NAME_LATN\nIT;Italia\nITH;Nord;Est\n", 3, None, "ITH;Nord;Est"),
    ],
)
def test_reader_rejects_a_malformed_list(
    tmp_path: Path, content: str, line: int, field: str | None, value: str | None
) -> None:
    path = tmp_path / "NUTS2021.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceFormatError) as raised:
        rg.read_nuts2021(path)
    assert (raised.value.line, raised.value.field) == (line, field)
    if value is not None:
        assert raised.value.value.replace(",", ";") == value  # type: ignore[union-attr]
    assert "NUTS2021.csv, line" in str(raised.value)


def test_reader_rejects_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "NUTS2021.csv"
    path.write_bytes("NUTS_ID;NAME_LATN\nIT;Italia\nITH58;Forlì\n".encode("latin-1"))
    with pytest.raises(EncodingError) as raised:
        rg.read_nuts2021(path)
    assert raised.value.line == 3


# --- entries of the imported list ---------------------------------------------------------------


def test_every_region_of_levels_1_to_3_is_an_entry_linked_to_its_country(
    entries: list[TerritoryEntry],
) -> None:
    regions = {row[0]: row[1] for row in published_nuts() if len(row[0]) > 2}
    codes = [entry.territory.code for entry in entries]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(regions) | {"IT-32"}
    for entry in entries:
        territory = entry.territory
        assert get(territory.country or "").kind == "country"
        assert territory.kind == "region" and territory.iso2 is None
        if territory.code != "IT-32":
            assert territory.name == regions[territory.code]
            assert territory.level == len(territory.code) - 2
            assert territory.parts == (territory.code,)
    by_code = {entry.territory.code: entry.territory for entry in entries}
    assert (by_code["EL30"].country, by_code["UKN0G"].country) == ("GRC", "GBR")


def test_no_two_entries_share_a_code_and_names_are_shared_only_as_declared(
    entries: list[TerritoryEntry],
) -> None:
    codes = Counter(code for entry in entries for code in entry.codes)
    assert max(codes.values()) == 1
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for name in names_of(entry):
            owners[name].add(entry.territory.code)
    shared = {name: codes for name, codes in owners.items() if len(codes) > 1}
    nested = {name for name, codes in shared.items() if _one_chain(codes)}
    # a region named like the unit that encloses it (Berlin DE3 DE30 DE300) keeps its NUTS name
    assert {"berlin", "wien", "valle d aosta vallee d aoste", "luxembourg"} <= nested
    assert {name: sorted(shared[name]) for name in set(shared) - nested} == {
        "freiburg": ["CH022", "DE13"],
        "jura": ["CH025", "FRC22"],
        "nord est": ["ITH", "RO21"],
    }


def _one_chain(codes: set[str]) -> bool:
    ordered = sorted(codes, key=len)
    return all(longer.startswith(ordered[0]) for longer in ordered[1:])


def test_multilingual_names_are_split_but_place_lists_are_not(
    entries: list[TerritoryEntry],
) -> None:
    by_code = {entry.territory.code: entry for entry in entries}
    assert {"Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"} <= set(
        by_code["BE1"].names
    )
    assert {"Alicante", "Alacant"} <= set(by_code["ES521"].names)
    assert by_code["NL226"].names == ("Arnhem/Nijmegen",)
    assert by_code["AT126"].names == ("Wiener Umland/Nordteil",)


def test_a_registry_of_all_regions_resolves_names_codes_and_countries(
    entries: list[TerritoryEntry],
) -> None:
    registry = build_registry(entries, rg.core_retired_codes())
    assert registry.resolve("Brussels Hoofdstedelijk Gewest").code == "BE1"
    assert registry.resolve("Luxembourg").code == "LUX"  # the country, not LU0
    assert registry.resolve("Emilia-Romagna").code == "ITH5"
    assert registry.resolve("ITD5").code == "ITH5"
    assert [t.code for t in registry.children("BEL")] == ["BE1", "BE2", "BE3"]


def test_country_regions(catalogue: Catalogue) -> None:
    assert len(rg.country_regions("ITA", 2)) == 21
    assert len(rg.country_regions("IT", 3)) == 107
    assert [t.code for t in rg.country_regions("Belgium", 1, catalogue)] == ["BE1", "BE2", "BE3"]
    greek = [row[0] for row in published_nuts() if row[0].startswith("EL") and len(row[0]) == 4]
    assert [t.code for t in rg.country_regions("Greece", 2, catalogue)] == sorted(greek)
    with pytest.raises(ReferenceNotLoadedError):
        rg.country_regions("Belgium", 1)
    with pytest.raises(InvalidArgumentError):
        rg.country_regions("Italy", 4)
    with pytest.raises(InvalidArgumentError):
        rg.country_regions("United States", 1, catalogue)
    with pytest.raises(InvalidArgumentError):
        rg.country_regions("Emilia-Romagna", 3)


# --- the Italian core table ---------------------------------------------------------------------


def test_core_table_is_the_italian_part_of_the_published_list() -> None:
    published = {row[0]: row[1] for row in published_nuts() if row[0].startswith("IT")}
    del published["IT"]
    core = {e.territory.code: e.territory for e in rg.core_region_entries()}
    assert set(core) - {"IT-32"} == set(published)
    assert all(core[code].name == name for code, name in published.items())
    levels = Counter(t.level for t in core.values())
    assert levels == {1: 5, 2: 21, 3: 107, None: 1}


def test_core_codes_are_unique_and_well_formed() -> None:
    entries = rg.core_region_entries()
    codes = [code for entry in entries for code in entry.codes]
    assert len(codes) == len(set(codes))
    canonical = {entry.territory.code for entry in entries}
    assert not canonical & set(codes)
    istat = {e.territory.code: c for e in entries for c in e.codes if c.isdigit()}
    assert all(re.fullmatch(r"\d\d", code) for code in istat.values())
    assert sorted(istat.values()) == [f"{n:02d}" for n in range(1, 23)]
    assert (istat["ITC1"], istat["ITH5"], istat["ITG2"], istat["IT-32"]) == ("01", "08", "20", "04")
    assert (istat["ITH1"], istat["ITH2"]) == ("21", "22")
    level2 = {e.territory.code for e in entries if e.territory.level == 2}
    assert set(istat) == level2 | {"IT-32"}


def test_every_iso_code_is_the_pycountry_subdivision_of_that_region() -> None:
    entries = rg.core_region_entries()
    by_code = {e.territory.code: e for e in entries}
    iso_of = {
        e.territory.code: c
        for e in entries
        for c in (e.territory.code, *e.codes)
        if c.startswith("IT-")
    }
    assert sorted(iso_of.values()) == sorted(
        s.code for s in pycountry.subdivisions.get(country_code="IT")
    )
    same_territory = {"ITH1": "ITH10", "ITH2": "ITH20", "ITC2": "ITC20"}
    for code, iso in iso_of.items():
        subdivision = pycountry.subdivisions.get(code=iso)
        names = names_of(by_code[code])
        if code in same_territory:
            names |= names_of(by_code[same_territory[code]])
        assert normalise_name(subdivision.name) in names, (code, iso, subdivision.name)
        parent = subdivision.parent_code
        level = by_code[code].territory.level
        if parent is None:
            assert level in (2, None) and subdivision.type in ("Region", "Autonomous region")
        elif level == 3:
            assert iso_of[code[:4]] == parent
        else:  # the autonomous provinces, level 2 in NUTS, inside Trentino-Alto Adige
            assert (code, parent) in {("ITH1", "IT-32"), ("ITH2", "IT-32")}
    assert by_code["IT-32"].territory.parts == ("ITH1", "ITH2")


def test_core_names_are_shared_only_by_units_that_are_one_territory() -> None:
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for entry in rg.core_region_entries():
        for name in names_of(entry):
            owners[name].add(entry.territory.code)
    shared = {name: sorted(codes) for name, codes in owners.items() if len(codes) > 1}
    assert shared == {"valle d aosta vallee d aoste": ["ITC2", "ITC20"]}


@pytest.mark.parametrize(
    "query", ["IT-45", "08", "ITH5", "ITD5", "Emilia-Romagna", "emilia romagna", " it-45 "]
)
def test_emilia_romagna_by_every_code_and_name(query: str) -> None:
    registry = build_registry(rg.core_region_entries(), rg.core_retired_codes())
    assert registry.resolve(query).code == "ITH5"
    assert rg.italian_region(query).code == "ITH5"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Tuscany", "ITI1"),
        ("Lombardy", "ITC4"),
        ("Sicily", "ITG1"),
        ("Piedmont", "ITC1"),
        ("Apulia", "ITF4"),
        ("Aosta Valley", "ITC2"),
        ("Vallée d'Aoste", "ITC2"),
        ("04", "IT-32"),
        ("IT-32", "IT-32"),
        ("Trentino-Alto Adige", "IT-32"),
        ("ITDA", "IT-32"),
        ("IT-BZ", "ITH1"),
        ("Südtirol", "ITH1"),
        ("22", "ITH2"),
        ("IT108", "ITC4D"),
        ("Reggio Emilia", "ITH53"),
        ("ITD55", "ITH55"),
        ("ITE", "ITI"),
        ("ITG2A", "ITG2E"),
        ("ITG25", "ITG2D"),
    ],
)
def test_italian_regions_resolve(query: str, code: str) -> None:
    assert rg.italian_region(query).code == code


def test_split_codes_name_their_successors() -> None:
    with pytest.raises(AmbiguousTerritoryError) as raised:
        rg.italian_region("ITG27")
    assert raised.value.candidates == ("Cagliari (ITG2F)", "Sud Sardegna (ITG2H)")
    assert raised.value.reason == "ITG27 (NUTS 2010, 2013, 2016) was split"
    assert "was split in" not in str(raised.value)
    with pytest.raises(InvalidArgumentError):
        rg.italian_region("Belgium")


def test_retired_codes_are_old_codes_whose_successors_exist() -> None:
    retired = rg.core_retired_codes()
    current = {e.territory.code for e in rg.core_region_entries()}
    codes = [r.code for r in retired]
    assert len(codes) == len(set(codes)) and not set(codes) & current
    for code in retired:
        assert set(code.successors) <= current
        assert len(code.successors) >= 2 if code.change == "split" else len(code.successors) == 1
        assert re.fullmatch(r"IT[C-I][0-9A-Z]{0,2}", code.code)
    recoded = {r.code: r.successors[0] for r in retired if r.change == "recoded"}
    # NUTS 2016 renamed ITD (Nord-Est) to ITH and ITE (Centro) to ITI, every unit below them too
    expected = {
        old: "ITH" + old[3:] if old[2] == "D" else "ITI" + old[3:]
        for old in recoded
        if old[:3] in ("ITD", "ITE")
    }
    assert recoded == expected and len(recoded) == 2 + 9 + 22 + 22


def test_nuts_changes_explain_a_code() -> None:
    assert [str(c) for c in rg.nuts_changes("ITD5")] == [
        "ITD5 Emilia-Romagna (NUTS 2010, 2013) is ITH5 Emilia-Romagna since NUTS 2016: recoded"
    ]
    assert [c.code for c in rg.nuts_changes("ITG2H")] == ["ITG27", "ITG2B", "ITG2C"]
    assert str(rg.nuts_changes("itg29")[0]) == (
        "ITG29 Olbia-Tempio (NUTS 2010, 2013, 2016) was split in NUTS 2021 into "
        "ITG2D Sassari, ITG2E Nuoro"
    )
    assert rg.nuts_changes("ITF43") == ()
    with pytest.raises(InvalidArgumentError):
        rg.nuts_changes("BE10")


# --- ISTAT's territory codes --------------------------------------------------------------------

# ISTAT aggregates and residual codes of CL_ITTER107 that are no NUTS region of Italy.
NOT_REGIONS = {"ITCDE", "ITCD", "ITFG", "ITS", "ITNI", "ITNI1", "ITTOT", "ITZ", "ITZZ", "ITZZZ"}
# Changed units: ISTAT's label names the old unit, not (only) its successor.
RENAMED_BY_CHANGE = {"ITG29", "ITG2A", "ITG2B", "ITG2C"}


def test_istat_region_and_province_codes_resolve_to_the_region_they_name() -> None:
    with shared_file(ITTER_FILE).open(encoding="utf-8", newline="") as stream:
        labels = {row["code"]: row["label_it"] for row in csv.DictReader(stream)}
    nuts_like = {c: n for c, n in labels.items() if re.fullmatch(r"IT[A-Z0-9]{1,3}", c)}
    assert len(nuts_like) == 148
    registry = build_registry(rg.core_region_entries(), rg.core_retired_codes())
    retired = {r.code: r for r in rg.core_retired_codes()}
    for code, label in sorted(nuts_like.items()):
        if code in NOT_REGIONS:
            with pytest.raises(LookupError):
                registry.resolve(code)
            continue
        if code in retired and retired[code].change == "split":
            successors = [registry.get(s) for s in retired[code].successors]
        else:
            successors = [registry.resolve(code)]
        if code not in RENAMED_BY_CHANGE:
            assert any(_same_name(label, t.name) for t in successors), (code, label, successors)
    # the provinces that the Sardinian reform dissolved (NUTS 2021) became parts of others
    assert {code: retired[code].successors for code in sorted(RENAMED_BY_CHANGE)} == {
        "ITG29": ("ITG2D", "ITG2E"),  # Olbia-Tempio: Sassari, and Budoni, San Teodoro to Nuoro
        "ITG2A": ("ITG2E",),  # Ogliastra: Nuoro
        "ITG2B": ("ITG2H",),  # Medio Campidano: Sud Sardegna
        "ITG2C": ("ITG2H",),  # Carbonia-Iglesias: Sud Sardegna
    }
    assert registry.resolve("ITD5").code == "ITH5"
    assert nuts_like["ITD5"] == "Emilia-Romagna"


def _same_name(label: str, name: str) -> bool:
    def fold(text: str) -> str:
        text = normalise_name(re.sub(r"\(IT\)$", "", text.strip()))
        return " ".join(re.sub(r"\b(di|provincia autonoma)\b", " ", text).split())

    return fold(label) == fold(name)
