"""Fixtures of the fetch tests: a local publisher replaying real bodies, and the fetch cache.

The real files come from ../shared/data (read at test time, never copied); Comext archives are
built from the real full_v2 sample with py7zr, as Eurostat packs them (`full_YYYYMM.dat`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import py7zr
import pytest

from bilateral.fetch import Request
from bilateral.fetch.comext_bulk import PRODUCTS_DIR, archive_request, inventory_request
from replay_server import Replay, Route, replay_server
from shared_files import SHARED_DATA, shared

__all__ = ["shared"]

BULK_SAMPLE = SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
COMTRADE = SHARED_DATA / "un_comtrade"
COMTRADE_DATA = COMTRADE / "comtradeplus_api_data_v1_get_C_A_HS_2010_CHN_ARG-DEU-DDR.json"
COMTRADE_PREVIEW = COMTRADE / "comtradeplus_api_public_v1_preview_C_A_HS_2023_USA_JPN_TOTAL.json"
COMTRADE_EMPTY = COMTRADE / "comtradeplus_api_data_v1_get_S_A_EB_empty_result.json"
INVENTORY_FIXTURE = Path(__file__).parent / "data" / "comext_inventory.csv"
RELEASED = "2024-04-16"


def route_key(request: Request) -> str:
    """Return the replay server's key for `request`: its path and query as sent."""
    parts = urlsplit(request.full_url())
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def seven_zip(member: str, data: bytes) -> bytes:
    """Return a .7z archive holding `data` as `member`."""
    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, mode="w") as archive:
        archive.writestr(data, member)
    return buffer.getvalue()


def inventory(entries: dict[str, int], released: str = RELEASED) -> bytes:
    """Return an inventory CSV like the publisher's, listing `entries` (name: size)."""
    lines = ["TYPE,PATH,SIZE,LAST_MODIFIED", f"DIR,{PRODUCTS_DIR}/,,{released}T11:02:31"]
    for name, size in entries.items():
        lines.append(f"FILE,{PRODUCTS_DIR}/{name},{size},{released}T11:01:48")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def publisher() -> Iterator[Replay]:
    """Run a replay server standing in for the publishers."""
    with replay_server() as replay:
        yield replay


@pytest.fixture(scope="session")
def bulk_archive() -> bytes:
    """Return `full_v2_202402.7z` holding the 13 real rows of the shared sample."""
    return seven_zip("full_202402.dat", shared(BULK_SAMPLE).read_bytes())


@pytest.fixture
def comext(publisher: Replay, bulk_archive: bytes) -> Replay:
    """Serve the Comext inventory and the 202402 archive under `<base>/files`."""
    base = publisher.base_url
    listing = {"full_v2_202312.7z": 42660193, "full_v2_202402.7z": len(bulk_archive)}
    publisher.routes[route_key(inventory_request(base))] = Route(inventory(listing))
    request = archive_request(base, "full_v2_202402.7z")
    publisher.routes[route_key(request)] = Route(bulk_archive)
    return publisher
