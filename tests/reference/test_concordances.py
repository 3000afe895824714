"""Tests for converting values along concordances: totals kept, splits, chains, CN changes."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError
from bilateral.reference import concordances
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordances import (
    UnmappedCodesError,
    cn_chain,
    cn_links,
    conversion_path,
    convert,
    convert_between,
    invert,
    link_summary,
)

from .conftest import shared_file
from .test_concordance_files import FILES, write_xlsx

Links = list[tuple[str, str]]
Rows = list[tuple[str, int, float]]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    loaded = Catalogue(tmp_path_factory.mktemp("reference"), concordances.TABLE_SPECS)
    for name, relative in FILES.items():
        loaded.load(name, shared_file(relative))
    return loaded


def close(a: float, b: float, scale: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * (1.0 + scale))


def links_table(links: Links) -> pa.Table:
    return pa.table({"source_code": [s for s, _ in links], "target_code": [t for _, t in links]})


@st.composite
def cases(draw: st.DrawFn) -> tuple[Links, Rows, dict[str, float] | None]:
    pool = [f"T{i}" for i in range(draw(st.integers(1, 6)))]
    links: Links = []
    for source in range(draw(st.integers(1, 6))):
        targets = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))
        links += [(f"S{source}", target) for target in targets]
    sources = sorted({s for s, _ in links})
    value = st.floats(-1e9, 1e9, allow_nan=False) | st.just(0.0)
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from(sources), st.sampled_from([2021, 2022]), value), max_size=12
        )
    )
    weights = draw(
        st.none() | st.dictionaries(st.sampled_from(pool), st.floats(0, 1e9) | st.just(0.0))
    )
    return links, rows, weights


@settings(max_examples=300, deadline=None)
@given(cases())
# A lone weight so small that value * weight underflows (it gave 2.0 for 1.5).
@example(([("S0", "T0"), ("S0", "T1"), ("S1", "T0")], [("S0", 2021, 1.5)], {"T0": 5e-324}))
def test_conversion_keeps_every_total_and_says_how_each_value_was_split(
    case: tuple[Links, Rows, dict[str, float] | None],
) -> None:
    links, rows, weights = case
    values = pa.table(
        {
            "product": [r[0] for r in rows],
            "year": pa.array([r[1] for r in rows], pa.int16()),
            "value": [r[2] for r in rows],
        }
    )
    weight_table = None
    if weights is not None:
        weight_table = pa.table({"product": list(weights), "weight": list(weights.values())})
    result = convert(values, links_table(links), weights=weight_table)
    scale = math.fsum(abs(r[2]) for r in rows)
    assert close(result.total(), math.fsum(r[2] for r in rows), scale)
    targets: defaultdict[str, list[str]] = defaultdict(list)
    for source, target in links:
        targets[source].append(target)
    given_sums: defaultdict[tuple[str, int], float] = defaultdict(float)
    for product, year, value in rows:
        given_sums[product, year] += value
    converted: defaultdict[tuple[str, int], float] = defaultdict(float)
    for row in result.table.to_pylist():
        source = row["source_product"]
        converted[source, row["year"]] += row["value"]
        assert row["product"] in targets[source]
        assert row["ambiguous"] == (len(targets[source]) > 1)
        weighed = weights is not None and sum(weights.get(t, 0.0) for t in targets[source]) > 0
        expected = (
            "one_to_one" if len(targets[source]) == 1 else "weights" if weighed else "equal_split"
        )
        assert row["method"] == expected
    assert converted.keys() == given_sums.keys()
    for key, total in given_sums.items():
        assert close(converted[key], total, scale)
    assert result.unmapped == ()
    assert result.table.num_rows == sum(len(targets[r[0]]) for r in rows)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_real_hs2022_to_hs2017_conversion_keeps_totals(
    catalogue: Catalogue, data: st.DataObject
) -> None:
    links = catalogue.table("hs2022_hs2017")
    codes = sorted(set(links["source_code"].to_pylist()))
    products = data.draw(st.lists(st.sampled_from(codes), min_size=1, max_size=40))
    amounts = data.draw(
        st.lists(st.floats(0, 1e12), min_size=len(products), max_size=len(products))
    )
    values = pa.table({"product": products, "value": amounts})
    result = convert(values, links)
    assert close(result.total(), math.fsum(amounts), math.fsum(amounts))
    chained = convert_between(values, "HS2022", "HS2012", catalogue)
    assert close(chained.total(), math.fsum(amounts), math.fsum(amounts))
    back = convert_between(values, "HS2022", "SITC4", catalogue, on_unmapped="keep")
    assert close(back.total(), math.fsum(amounts), math.fsum(amounts))


def test_weights_split_per_year_and_zero_weights_fall_back_to_equal_split() -> None:
    values = pa.table({"product": ["A", "A", "B"], "year": [2021, 2022, 2022], "value": [9.0] * 3})
    links = links_table([("A", "X"), ("A", "Y"), ("B", "X"), ("B", "Z")])
    weights = pa.table(
        {"product": ["X", "Y", "X", "Y"], "year": [2021, 2021, 2022, 2022], "weight": [1, 2, 0, 0]}
    )
    rows = convert(values, links, weights=weights).table.to_pylist()
    split = [(r["year"], r["source_product"], r["product"], r["value"], r["method"]) for r in rows]
    assert split == [
        (2021, "A", "X", 3.0, "weights"),
        (2021, "A", "Y", 6.0, "weights"),
        (2022, "A", "X", 4.5, "equal_split"),
        (2022, "A", "Y", 4.5, "equal_split"),
        (2022, "B", "X", 4.5, "equal_split"),
        (2022, "B", "Z", 4.5, "equal_split"),
    ]
    totals = convert(values, links).totals().to_pylist()
    assert {(t["year"], t["product"]): t["value"] for t in totals} == {
        (2021, "X"): 4.5,
        (2021, "Y"): 4.5,
        (2022, "X"): 9.0,
        (2022, "Y"): 4.5,
        (2022, "Z"): 4.5,
    }


def test_unmapped_codes_raise_or_are_carried_through_and_counted() -> None:
    values = pa.table({"product": ["A", "Q", "R"], "value": [1.0, 2.0, 3.0]})
    links = links_table([("A", "X")])
    with pytest.raises(UnmappedCodesError, match="2 product codes have no link") as raised:
        convert(values, links)
    assert raised.value.codes == ("Q", "R")
    kept = convert(values, links, on_unmapped="keep")
    assert kept.unmapped == ("Q", "R")
    assert kept.total() == 6.0
    assert [r["method"] for r in kept.table.to_pylist()] == ["one_to_one", "unmapped", "unmapped"]


@pytest.mark.parametrize(
    ("values", "weights", "links"),
    [
        (pa.table({"product": ["A"], "value": [None]}, schema=None), None, [("A", "X")]),
        (pa.table({"product": ["A"], "value": [math.nan]}), None, [("A", "X")]),
        (pa.table({"product": ["A"], "value": [1.0], "method": ["x"]}), None, [("A", "X")]),
        (pa.table({"code": ["A"], "value": [1.0]}), None, [("A", "X")]),
        (pa.table({"product": ["A"], "value": [1.0]}), None, [("A", "X"), ("A", "X")]),
        (
            pa.table({"product": ["A"], "value": [1.0]}),
            pa.table({"product": ["X"], "weight": [-1.0]}),
            [("A", "X")],
        ),
        (
            pa.table({"product": ["A"], "value": [1.0]}),
            pa.table({"product": ["X", "X"], "weight": [1.0, 2.0]}),
            [("A", "X")],
        ),
        (
            pa.table({"product": ["A"], "value": [1.0]}),
            pa.table({"product": ["X"], "flow": ["export"], "weight": [1.0]}),
            [("A", "X")],
        ),
    ],
)
def test_invalid_values_links_or_weights_are_refused(
    values: pa.Table, weights: pa.Table | None, links: Links
) -> None:
    with pytest.raises(InvalidArgumentError):
        convert(values, links_table(links), weights=weights)


def test_real_hs2022_to_hs2017_link_counts_and_one_to_one_share(catalogue: Catalogue) -> None:
    rows = catalogue.table("hs2022_hs2017").to_pylist()
    targets_of = Counter(r["source_code"] for r in rows)
    sources_of = Counter(r["target_code"] for r in rows)
    one_to_one = sum(
        targets_of[r["source_code"]] == 1 == sources_of[r["target_code"]] for r in rows
    )
    summary = link_summary(catalogue.table("hs2022_hs2017"))
    assert one_to_one == summary.by_relationship["1:1"] == 4097
    assert (summary.links, summary.source_codes, summary.target_codes) == (15657, 5613, 5387)
    assert summary.disagreements == 0
    assert round(summary.one_to_one_share, 4) == round(4097 / 15657, 4) == 0.2617
    # 4,097 of the 5,613 HS 2022 codes (73%) are unchanged one-to-one; the e-waste codes of
    # 8549 each take content from 1,019 HS 2017 codes.
    assert max(targets_of.values()) == targets_of["854999"] == 1019


def test_real_conversions_split_the_e_waste_heading_and_chain_to_hs2012(
    catalogue: Catalogue,
) -> None:
    values = pa.table({"product": ["854999", "010121"], "value": [1019.0, 5.0]})
    result = convert(values, catalogue.table("hs2022_hs2017"))
    rows = result.table.to_pylist()
    assert len(rows) == 1020
    assert rows[0]["value"] == 1.0 and rows[0]["method"] == "equal_split" and rows[0]["ambiguous"]
    assert rows[-1] == {
        "source_product": "010121",
        "product": "010121",
        "value": 5.0,
        "share": 1.0,
        "ambiguous": False,
        "method": "one_to_one",
    }
    chained = convert_between(values, "HS2022", "HS2012", catalogue)
    assert chained.path == ("hs2022_hs2017", "hs2017_hs2012")
    assert close(chained.total(), 1024.0, 1024.0)


def test_reading_a_table_backwards_finds_the_unsd_gap(catalogue: Catalogue) -> None:
    values = pa.table({"product": ["300219", "010121"], "value": [1.0, 2.0]})
    with pytest.raises(UnmappedCodesError, match=r"hs2022_hs2017 \(read backwards\): 300219"):
        convert_between(values, "HS2017", "HS2022", catalogue)
    kept = convert_between(values, "HS2017", "HS2022", catalogue, on_unmapped="keep")
    assert kept.unmapped == ("300219",)
    assert kept.total() == 3.0


def test_conversion_paths_and_missing_tables(tmp_path: Path) -> None:
    assert conversion_path("HS2022", "HS2012") == (
        ("hs2022_hs2017", False),
        ("hs2017_hs2012", False),
    )
    assert conversion_path("HS 2012", "SITC Rev. 4") == (
        ("hs2017_hs2012", True),
        ("hs2017_sitc4", False),
    )
    assert conversion_path("HS2017", "HS2017") == ()
    assert conversion_path("HS1992", "SITC4") == (("hs1992_sitc4", False),)
    assert conversion_path("HS1992", "HS2017") == (("hs2017_hs1992", True),)
    with pytest.raises(InvalidArgumentError, match="one of HS2022"):
        conversion_path("HS1996", "HS2017")
    only = Catalogue(tmp_path, concordances.TABLE_SPECS)
    only.load("hs2022_hs2017", shared_file(FILES["hs2022_hs2017"]))
    values = pa.table({"product": ["010121"], "value": [1.0]})
    with pytest.raises(ReferenceNotLoadedError, match="hs2017_hs2012"):
        convert_between(values, "HS2022", "HS2012", only)
    same = convert_between(values, "HS2017", "HS2017", only)
    assert same.table.to_pylist()[0]["method"] == "one_to_one"


def test_invert_twice_gives_the_links_back(catalogue: Catalogue) -> None:
    links = catalogue.table("hs2017_hs2012")
    assert invert(invert(links)).equals(links)
    assert Counter(invert(links)["relationship"].to_pylist())["n:1"] == 44


def test_cn_chains_follow_the_real_yearly_changes(catalogue: Catalogue) -> None:
    changes = catalogue.table("cn_changes").to_pylist()
    changed_2015 = {
        r["target_code"]
        for r in changes
        if r["from_year"] == 2015 and r["source_code"] == "22029010"
    }
    assert changed_2015 == {"22029011", "22029015", "22029019"}
    assert cn_chain("02012011", 1988, 1989, catalogue) == ("02012021", "02012029")
    assert cn_chain("2202 90 10", 2015, 2017, catalogue) == (
        "22029100",
        "22029911",
        "22029915",
        "22029919",
    )
    assert cn_chain("22029100", 2017, 2015, catalogue) == ("22029010",)
    assert not any(r["source_code"] == "87032110" and r["from_year"] == 2020 for r in changes)
    assert cn_chain("87032110", 2020, 2021, catalogue) == ("87032110",)
    assert cn_chain("87032110", 2020, 2020, catalogue) == ("87032110",)
    with pytest.raises(InvalidArgumentError, match="a year from 1988 to 2025"):
        cn_chain("87032110", 1980, 2021, catalogue)
    with pytest.raises(InvalidArgumentError, match="8 digits"):
        cn_chain("8703211", 2020, 2021, catalogue)


def test_cn_links_compose_several_years_and_feed_convert(tmp_path: Path) -> None:
    rows = [["Period", "Origin code", "Destination code"]]
    rows += [["20002001", "11111111", "22222222"], ["20002001", "11111111", "33333333"]]
    rows += [["20012002", "22222222", "44444444"]]
    rows += [["20022003", "44444444", "55555555"], ["20022003", "44444444", "66666666"]]
    path = write_xlsx(tmp_path / "CN_concordances_2000_2003.xlsx", {"relatnc2000_2003": rows})
    catalogue = Catalogue(tmp_path / "catalogue", concordances.TABLE_SPECS)
    catalogue.load("cn_changes", path)
    assert cn_chain("11111111", 2000, 2003, catalogue) == ("33333333", "55555555", "66666666")
    assert cn_chain("66666666", 2003, 2000, catalogue) == ("11111111",)
    assert cn_chain("33333333", 2001, 2003, catalogue) == ("33333333",)
    links = cn_links(["11111111", "99999999"], 2000, 2003, catalogue)
    values = pa.table({"product": ["11111111", "99999999"], "value": [3.0, 1.0]})
    result = convert(values, links)
    assert result.total() == 4.0
    assert {r["product"]: r["value"] for r in result.table.to_pylist()} == {
        "33333333": 1.0,
        "55555555": 1.0,
        "66666666": 1.0,
        "99999999": 1.0,
    }
    with pytest.raises(ReferenceNotLoadedError):
        cn_chain("11111111", 2000, 2003, Catalogue(tmp_path / "empty", concordances.TABLE_SPECS))


def test_chained_weights_apply_to_the_step_converting_to_their_scheme(
    catalogue: Catalogue,
) -> None:
    values = pa.table({"product": ["381600"], "value": [100.0]})
    hs2017 = pa.table({"product": ["251830", "381600"], "weight": [1.0, 3.0]})
    weighed = convert_between(values, "HS2022", "HS2012", catalogue, weights={"HS2017": hs2017})
    assert [
        (r["product"], r["value"], r["method"], r["ambiguous"]) for r in weighed.table.to_pylist()
    ] == [
        ("251830", 25.0, "weights", True),
        ("381600", 75.0, "weights", True),
    ]
    # Weights of the final scheme do not reach the first step, which splits equally.
    unweighed = convert_between(values, "HS2022", "HS2012", catalogue, weights=hs2017)
    assert [r["value"] for r in unweighed.table.to_pylist()] == [50.0, 50.0]
    assert {r["method"] for r in unweighed.table.to_pylist()} == {"equal_split"}
    assert repr(weighed) == (
        "<Conversion 2 rows, total 100.00, 0 codes unmapped, via hs2022_hs2017 -> hs2017_hs2012>"
    )
    assert weighed.to_polars()["value"].to_list() == [25.0, 75.0]
    assert weighed.to_pandas()["product"].tolist() == ["251830", "381600"]


def test_no_values_convert_to_no_rows() -> None:
    values = pa.table({"product": pa.array([], pa.string()), "value": pa.array([], pa.float64())})
    result = convert(values, links_table([("A", "X")]))
    assert (result.table.num_rows, result.total(), result.unmapped) == (0, 0.0, ())
