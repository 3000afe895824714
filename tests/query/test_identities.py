"""Identities over random stores: sectors sum to the pair total, partners to the world total.

Each example writes one annual Comext file of invented rows (hypothesis draws them), ingests it
into a fresh store and compares results of two different queries.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral
from store.comext_files import CPA_OF, row, write_full_v2

LINE = st.tuples(
    st.sampled_from(["IT", "BE"]),
    st.sampled_from(["BE", "IT", "DE", "FR", "QX"]),
    st.sampled_from(["export", "import"]),
    st.sampled_from(sorted(CPA_OF)),
    st.integers(min_value=1, max_value=10_000),
).filter(lambda line: line[0] != line[1])


def write_store(folder: Path, lines: list[tuple[str, str, str, str, int]]) -> bilateral.Store:
    rows = {}
    for reporter, partner, flow, product, value in lines:
        if reporter != partner:
            rows[reporter, partner, flow, product] = row(
                reporter,
                partner,
                flow,
                2021,
                value,
                product=product,  # type: ignore[arg-type]
            )
    store = bilateral.open(folder / "store")
    store.ingest(write_full_v2(folder / "full_v2_202152.dat", rows.values()))
    return store


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(LINE, min_size=1, max_size=25).filter(
        lambda ls: any(x[:2] == ("IT", "BE") for x in ls)
    )
)
def test_sectors_and_partners_add_up(lines: list[tuple[str, str, str, str, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="identities-") as folder:
        check_identities(write_store(Path(folder), lines))


def check_identities(store: bilateral.Store) -> None:
    profile = {row.reported_by: row for row in store.profile("IT", "BE", 2021).rows}
    own = profile["ITA"]
    for scheme in ("cpa", "hs2", "hs6"):
        sectors = store.sectors("IT", "BE", 2021, scheme=scheme, top=1)  # type: ignore[arg-type]
        for flow, total in (("export", own.exports), ("import", own.imports)):
            lines_of_flow = [r for r in sectors.rows if r.reported_by == "ITA" and r.flow == flow]
            summed = sum(r.value for r in lines_of_flow)
            assert summed == pytest.approx(total or 0.0), (scheme, flow)
    partners = store.partners("IT", 2021, "export") if own.exports else None
    if partners is not None:
        world = next(r.value for r in partners.rows if r.code == "WORLD")
        listed = sum(r.value for r in partners.rows if r.line != "group")
        assert listed == pytest.approx(world)
